"""The git history of the versions folder, read with GitPython in one `git log` call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import git

from ..errors import Problem
from .versions import VERSIONS_DIR

DEFAULT_BASES = ("origin/main", "main", "HEAD")


@dataclass(frozen=True)
class Commit:
    sha: str
    when: dt.datetime


def open_repo(root: Path) -> git.Repo | None:
    """The git repository holding root, or None outside git."""
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def resolves(repo: git.Repo, ref: str) -> bool:
    try:
        repo.commit(ref)
        return True
    except (git.BadName, ValueError):
        return False


def read_history(repo: git.Repo, rev: str) -> dict[str, list[Commit]]:
    """For each file under versions/ (repository-relative path), the commits that changed it, newest first."""
    log = repo.git.log(rev, "--format=@%H %cI", "--name-only", "--no-renames", "--", VERSIONS_DIR)
    history: dict[str, list[Commit]] = {}
    commit: Commit | None = None
    for line in log.splitlines():
        if line.startswith("@"):
            sha, when = line[1:].split()
            commit = Commit(sha, dt.datetime.fromisoformat(when))
        elif line and commit:
            history.setdefault(line, []).append(commit)
    return history


def relative_to_repo(repo: git.Repo, path: Path) -> str:
    return path.resolve().relative_to(Path(repo.working_tree_dir or ".").resolve()).as_posix()


def last_changes(root: Path, paths: list[Path]) -> dict[Path, Commit]:
    """The last commit (at HEAD) that changed each of the given files; files never committed are left out."""
    repo = open_repo(root)
    if repo is None or not resolves(repo, "HEAD"):
        return {}
    history = read_history(repo, "HEAD")
    found = {path: history.get(relative_to_repo(repo, path)) for path in paths}
    return {path: commits[0] for path, commits in found.items() if commits}


@dataclass(frozen=True)
class PublishedHistory:
    """The history of versions/ on the branch the policy is published from."""

    repo: git.Repo
    base: str
    files: dict[str, list[Commit]]

    def commits_of(self, path: Path) -> list[Commit]:
        """The commits of the base branch that changed a file, newest first."""
        return self.files.get(relative_to_repo(self.repo, path), [])

    def first_published(self, folder: Path) -> Commit | None:
        """The oldest commit of the base branch that has anything in a folder."""
        prefix = relative_to_repo(self.repo, folder) + "/"
        commits = [c for name, found in self.files.items() if name.startswith(prefix) for c in found]
        return min(commits, key=lambda c: c.when, default=None)


def load_published_history(root: Path, base_ref: str | None) -> PublishedHistory | Problem:
    """The published history (base: --base, else origin/main, else main, else HEAD), or why there is none."""
    repo = open_repo(root)
    if repo is None:
        return Problem(
            None,
            None,
            (
                "the policy is not in a git repository, so the rules that read git history (frozen texts, notice "
                "period) were not checked"
            ),
            "Run the checker in a clone of the policy repository",
            "warning",
        )
    base = base_ref or next((ref for ref in DEFAULT_BASES if resolves(repo, ref)), None)
    if base is None or not resolves(repo, base):
        return Problem(
            None,
            None,
            (
                f"git revision {base or 'HEAD'!r} not found, so the rules that read git history (frozen texts, notice "
                "period) were not checked"
            ),
            "Commit the versions, or pass --base with the branch they are published from",
            "warning" if base_ref is None else "error",
        )
    return PublishedHistory(repo, base, read_history(repo, base))
