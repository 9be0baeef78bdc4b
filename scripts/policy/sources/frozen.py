"""The freezing rule: the text of a version in force never changes; read from git history.

A version's published text is its text in the last commit (on the base branch) before the
version took effect; for a version added after its effective date, the commit that added it.
The working tree must still hold exactly that text. See docs/decisions/0002-frozen-texts.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import git

from ..errors import Problem
from .history import Commit, PublishedHistory, relative_to_repo
from .versions import Policy, Status


def find_frozen_changes(policy: Policy, as_of: dt.date, history: PublishedHistory) -> list[Problem]:
    """Texts of versions in force that differ from their published text."""
    statuses = policy.statuses(as_of)
    problems = []
    for version in policy.versions:
        if statuses[version.id] is Status.UPCOMING:
            continue
        for lang in policy.settings.languages:
            path = version.text_path(lang)
            commits = history.commits_of(path)
            if not commits or not path.is_file():
                continue
            published = published_commit(commits, version.effective_from(policy.settings))
            relative = relative_to_repo(history.repo, path)
            blob = blob_sha(history.repo, published.sha, relative)
            if blob is not None and blob != git_blob_sha(path.read_bytes()):
                problems.append(
                    Problem(
                        path,
                        None,
                        (
                            f"version {version.id} has been in force since {version.effective}, and its text is "
                            f"frozen: this file differs from the text published in commit {published.sha[:10]}"
                        ),
                        (
                            f"Undo the edit (git checkout {published.sha[:10]} -- {relative}) and make the change in "
                            "a new version: policy new"
                        ),
                    )
                )
    return problems


def published_commit(commits: list[Commit], effective_from: dt.datetime) -> Commit:
    """The last commit before the version took effect, else the first one that has it."""
    before = [c for c in commits if c.when < effective_from]
    return before[0] if before else commits[-1]


def blob_sha(repo: git.Repo, sha: str, relative: str) -> str | None:
    """The blob id of a file in a commit, asked of git's object store (one running process)."""
    try:
        found: str | bytes = repo.git.get_object_header(f"{sha}:{relative}")[0]
    except ValueError:  # the file is not in that commit
        return None
    return found.decode("ascii") if isinstance(found, bytes) else found  # typed str, returned as bytes


def git_blob_sha(data: bytes) -> str:
    """The id git gives a file's content, so a text is compared without reading old blobs."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
