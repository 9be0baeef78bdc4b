"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site as MkDocs, byte for byte: our way out
if MkDocs 1.x breaks (docs/decisions/0012-when-mkdocs-material-ends.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from policy.site.build import last_commit_epoch
from support import CHAIN_BEFORE_2_0, PUBLISHED, init_repo, tree_digest

pytestmark = pytest.mark.slow


def build_with(tool: str, root: Path, site_dir: Path) -> Path:
    """The site of the policy at root, built by the tool's own command line, as of one date and one epoch."""
    environment = {
        **os.environ,
        "POLICY_AS_OF": CHAIN_BEFORE_2_0.isoformat(),
        "SOURCE_DATE_EPOCH": str(last_commit_epoch(root)),
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", tool, "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)]
    subprocess.run(command, cwd=root, env=environment, check=True, capture_output=True)
    return site_dir


def test_properdocs_builds_the_site_mkdocs_builds_byte_for_byte(
    site_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    root = site_copy("chain")
    init_repo(root, PUBLISHED).close()
    by_mkdocs = tree_digest(build_with("mkdocs", root, tmp_path / "mkdocs"))
    by_properdocs = tree_digest(build_with("properdocs", root, tmp_path / "properdocs"))
    assert len(by_mkdocs) > 100
    assert {"compare/index.html", "ky/changes/2.0/index.html", "api/v2/policy.json"} <= set(by_mkdocs)
    assert by_properdocs == by_mkdocs


def test_under_properdocs_our_plugin_runs_on_properdocs_not_mkdocs() -> None:
    """ProperDocs answers every import of mkdocs.* with its own module; the site's code, which imports
    mkdocs.*, then runs on ProperDocs (how the two coexist in one environment)."""
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import properdocs.replacement\n"
            "from policy.site import build, plugin\n"
            "print(build.mkdocs_build.__module__, plugin.BasePlugin.__module__)\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed == "properdocs.commands.build properdocs.plugins\n"
