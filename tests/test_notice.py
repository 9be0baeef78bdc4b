"""Material changes need the notice period between reaching main and taking effect."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import git

from policy.sources.check import check_policy
from policy.sources.versions import load_policy
from support import BISHKEK, commit_all

GitPolicy = Callable[[str], git.Repo]


def add_version(root: Path, version_id: str, effective: str, material: bool) -> None:
    folder = root / "versions" / version_id
    shutil.copytree(root / "versions/1.1", folder)
    metadata = (folder / "version.toml").read_text(encoding="utf-8")
    metadata = metadata.replace("effective = 2026-12-15", f"effective = {effective}")
    metadata = metadata.replace("material = false", f"material = {'true' if material else 'false'}")
    (folder / "version.toml").write_text(metadata, encoding="utf-8")


def errors(root: Path, as_of: dt.date) -> list[str]:
    report = check_policy(load_policy(root), as_of)
    return [p.describe(root) for p in report.errors]


def test_unmerged_material_version_needs_notice_from_today(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    add_version(root, "2.0", "2026-12-20", material=True)
    assert errors(root, dt.date(2026, 12, 1)) == [
        (
            "versions/2.0/version.toml: error: version 2.0 is a material change taking effect on 2026-12-20, 19 "
            "day(s) after today, as it is not published yet (2026-12-01); users must get 30 days' notice. Set "
            "effective = 2026-12-31 or later; or, if users need not accept it again, set material = false"
        )
    ]


def test_material_version_with_enough_notice_passes(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    add_version(root, "2.0", "2026-12-31", material=True)
    assert errors(root, dt.date(2026, 12, 1)) == []


def test_notice_counts_from_the_day_the_version_reached_main(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    add_version(root, "2.0", "2027-01-05", material=True)
    merged = commit_all(repo, "Publish 2.0", dt.datetime(2026, 12, 10, 12, tzinfo=BISHKEK))
    # Checked later, the date that counts is still the day of the merge, not the as-of date.
    assert errors(root, dt.date(2026, 12, 20)) == [
        (
            "versions/2.0/version.toml: error: version 2.0 is a material change taking effect on 2027-01-05, 26 "
            f"day(s) after it was first published in commit {merged.hexsha[:10]} (2026-12-10); users must get 30 "
            "days' notice. Set effective = 2027-01-09 or later; or, if users need not accept it again, set material "
            "= false"
        )
    ]


def test_an_editorial_version_may_take_effect_at_once(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    add_version(root, "1.2", "2026-12-16", material=False)
    assert errors(root, dt.date(2026, 12, 16)) == []


def test_the_first_version_needs_no_notice(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    assert errors(Path(str(repo.working_tree_dir)), dt.date(2026, 11, 25)) == []
