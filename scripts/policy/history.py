"""The git history of the versions folder, read with GitPython in one `git log` call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import git

from .versions import VERSIONS_DIR


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
