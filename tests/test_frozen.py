"""A version in force is never edited: its text is frozen, read from the git history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import git

from policy.sources.check import check_policy
from policy.sources.versions import load_policy
from support import BISHKEK, commit_all

GitPolicy = Callable[[str], git.Repo]


def errors(root: Path, as_of: dt.date, base: str | None = None) -> list[str]:
    report = check_policy(load_policy(root), as_of, base)
    return [p.describe(root) for p in report.errors]


def edit_clause(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "\n3.1. " in text
    path.write_text(text.replace("\n3.1. ", "\n3.1. (30) ", 1), encoding="utf-8")


def test_unchanged_history_passes(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    assert errors(Path(str(repo.working_tree_dir)), dt.date(2027, 1, 1)) == []


def test_editing_a_version_in_force_is_refused(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    published = repo.head.commit.hexsha[:10]
    edit_clause(root / "versions/1.0/ru.md")
    assert errors(root, dt.date(2026, 11, 25)) == [
        (
            "versions/1.0/ru.md: error: version 1.0 has been in force since 2026-11-24, and its text is frozen: this "
            f"file differs from the text published in commit {published}. Undo the edit (git checkout {published} -- "
            "versions/1.0/ru.md) and make the change in a new version: policy new"
        )
    ]


def test_committing_the_edit_does_not_unfreeze_it(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    edit_clause(root / "versions/1.0/uz.md")
    commit_all(repo, "Fix a typo in place", dt.datetime(2026, 11, 26, 10, tzinfo=BISHKEK))
    frozen = [e for e in errors(root, dt.date(2026, 11, 26)) if "its text is frozen" in e]
    assert len(frozen) == 1
    assert frozen[0].startswith("versions/1.0/uz.md: error: version 1.0 has been in force since 2026-11-24")


def test_an_upcoming_version_may_still_be_corrected(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    edit_clause(root / "versions/1.1/ky.md")
    assert errors(root, dt.date(2026, 12, 14)) == []


def test_once_its_date_comes_the_last_text_before_it_is_frozen(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    edit_clause(root / "versions/1.1/ky.md")
    corrected = commit_all(repo, "Correct 1.1 before it takes effect", dt.datetime(2026, 12, 10, tzinfo=BISHKEK))
    assert errors(root, dt.date(2026, 12, 15)) == []
    (root / "versions/1.1/ky.md").write_text("# Купуялык саясаты\n", encoding="utf-8")
    found = errors(root, dt.date(2026, 12, 15))
    assert any(f"differs from the text published in commit {corrected.hexsha[:10]}" in e for e in found)


def test_a_pull_request_is_compared_with_its_base_branch(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    repo.git.checkout(b="edit-in-force")
    edit_clause(root / "versions/1.0/ru.md")
    commit_all(repo, "Edit 1.0 on a branch", dt.datetime(2026, 11, 27, tzinfo=BISHKEK))
    found = errors(root, dt.date(2026, 11, 27), base="main")
    assert len(found) == 1
    assert "versions/1.0/ru.md: error: version 1.0 has been in force" in found[0]


def test_an_unknown_base_revision_is_an_error(git_policy: GitPolicy) -> None:
    repo = git_policy("two-versions")
    root = Path(str(repo.working_tree_dir))
    assert errors(root, dt.date(2026, 11, 25), base="origin/nowhere") == [
        (
            "policy: error: git revision 'origin/nowhere' not found, so the rules that read git history (frozen "
            "texts, notice period) were not checked. Commit the versions, or pass --base with the branch they are "
            "published from"
        )
    ]
