"""The mistake the freezing rule exists for, as an editor makes it: an edit of a version in force,
in a clone of a published repository, is refused by `policy check` and `policy build` with the way out.

The editor's whole walk, from `policy new` to a published version, is tests/live/test_editors_life.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
import pytest

from policy.cli import main
from support import PUBLISHED, commit_all, copy_scenario, copy_site_sources

WALK_DAY = "2026-12-20"  # 1.1 in force since 2026-12-15


@pytest.fixture
def clone(tmp_path: Path) -> git.Repo:
    """An editor's clone of a published repository whose history began on 2026-11-25."""
    origin = git.Repo.init(copy_site_sources(copy_scenario("two-versions", tmp_path / "origin")), initial_branch="main")
    with origin.config_writer() as config:
        config.set_value("user", "name", "Publisher").set_value("user", "email", "publisher@example.org")
    commit_all(origin, "Publish the policy", PUBLISHED)
    editor = git.Repo.clone_from(str(origin.working_tree_dir), tmp_path / "editor")
    with editor.config_writer() as config:
        config.set_value("user", "name", "Legal Editor").set_value("user", "email", "legal@example.org")
    return editor


def policy(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["-C", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_edit_of_a_version_in_force_is_refused_with_the_way_out(
    capsys: pytest.CaptureFixture[str], clone: git.Repo
) -> None:
    root = Path(str(clone.working_tree_dir))
    text = root / "versions/1.1/ru.md"
    text.write_text(
        text.read_text(encoding="utf-8").replace("30 календарных дней", "15 календарных дней"), encoding="utf-8"
    )
    code, _, err = policy(capsys, root, "check", "--as-of", WALK_DAY)
    published = clone.head.commit.hexsha[:10]
    assert code == 1
    assert err.splitlines()[0] == (
        f"versions/1.1/ru.md: error: version 1.1 has been in force since 2026-12-15, and its text is frozen: "
        f"this file differs from the text published in commit {published}. "
        f"Undo the edit (git checkout {published} -- versions/1.1/ru.md) and make the change in a new version: "
        "policy new"
    )
    code, _, err = policy(capsys, root, "build", "--as-of", WALK_DAY)
    assert code == 1
    assert err.startswith("versions/1.1/ru.md: error: version 1.1 has been in force since 2026-12-15")
    assert not (root / "site").exists()


def test_an_upcoming_version_may_be_corrected_and_built(capsys: pytest.CaptureFixture[str], clone: git.Repo) -> None:
    root = Path(str(clone.working_tree_dir))
    text = root / "versions/1.1/ky.md"
    text.write_text(text.read_text(encoding="utf-8").replace("берет.", "берүүгө милдеттүү."), encoding="utf-8")
    commit_all(clone, "Correct 1.1 before it takes effect", dt.datetime(2026, 12, 1, 10, tzinfo=PUBLISHED.tzinfo))
    assert policy(capsys, root, "check", "--as-of", "2026-12-01")[0] == 0
    code, out, _ = policy(capsys, root, "build", "--as-of", "2026-12-01")
    assert (code, out.splitlines()[0]) == (0, "Built the site in site/.")
    assert "берүүгө милдеттүү" in (root / "site/ky/versions/1.1/index.html").read_text(encoding="utf-8")
