"""Build the site: check the sources, build elsewhere, then swap the result into place.

A failed build leaves the last good site untouched. Output is reproducible: the same commit
and as-of date give the same bytes (SOURCE_DATE_EPOCH comes from the last commit).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import git
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..api.signing import SigningKey
from ..errors import PolicyError
from ..sources.versions import Policy
from .plugin import PolicyPlugin
from .staging import staged


def build_site(policy: Policy, as_of: dt.date, site_dir: Path, signing_keys: tuple[SigningKey, ...] = ()) -> Path:
    """Build a checked policy's site into a staging folder beside site_dir, then replace site_dir with it;
    api/v2 is signed with signing_keys, when there are any."""
    root = policy.root
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(last_commit_epoch(root))
    problems = ProblemLog()
    try:
        with staged(site_dir) as staging, environment(SOURCE_DATE_EPOCH=epoch), problems.collected():
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
            plugin = config.plugins.get("policy")
            if not isinstance(plugin, PolicyPlugin):
                raise PolicyError("mkdocs.yml does not use the policy plugin: list it under plugins, as `- policy`")
            plugin.checked = (policy, as_of)
            plugin.signing_keys = signing_keys
            mkdocs_build(config)
    except (MkDocsException, PolicyError) as err:
        shown = site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir
        reasons = "\n".join(problems.messages) or str(err)
        raise PolicyError(f"the site was not built, {shown}/ is unchanged:\n{reasons}") from None
    return site_dir


class ProblemLog(logging.Handler):
    """Collects what MkDocs logs as warnings and errors: its exceptions only say "Aborted"."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    @contextmanager
    def collected(self) -> Iterator[None]:
        logger = logging.getLogger("mkdocs")
        logger.addHandler(self)
        try:
            yield
        finally:
            logger.removeHandler(self)


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a block (MkDocs reads SOURCE_DATE_EPOCH)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def last_commit_epoch(root: Path) -> int:
    """The last commit's time, or 0 outside git, so builds do not depend on the clock."""
    try:
        return int(git.Repo(root, search_parent_directories=True).head.commit.committed_date)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError):
        return 0
