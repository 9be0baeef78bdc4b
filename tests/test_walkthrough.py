"""The editor's walk from the README, end to end in a clone: new version, edit, commit, check, build.

Then the mistake the freezing rule exists for: an edit of a version already in force.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import git
import pytest
from bs4 import BeautifulSoup

from conftest import BISHKEK, commit_all, copy_site_sources
from policy.cli import main

WALK_DAY = "2026-12-20"  # 1.1 in force since 2026-12-15
CORRECTED = {  # clause 8.2 in each language, with "30" written out as the clause is read
    "uz": ("30 kalendar kun", "o‘ttiz (30) kalendar kun"),
    "ky": ("30 календардык күндүн", "отуз (30) календардык күндүн"),
    "ru": ("30 календарных дней", "тридцати (30) календарных дней"),
}


@pytest.fixture
def clone(tmp_path: Path) -> git.Repo:
    """An editor's clone of a published repository whose history began on 2026-11-25."""
    origin = git.Repo.init(tmp_path / "origin", initial_branch="main")
    copy_site_sources(Path(str(origin.working_tree_dir)))
    with origin.config_writer() as config:
        config.set_value("user", "name", "Publisher").set_value("user", "email", "publisher@example.org")
    commit_all(origin, "Publish the policy", dt.datetime(2026, 11, 25, 9, 0, tzinfo=BISHKEK))
    editor = git.Repo.clone_from(str(origin.working_tree_dir), tmp_path / "editor")
    with editor.config_writer() as config:
        config.set_value("user", "name", "Legal Editor").set_value("user", "email", "legal@example.org")
    return editor


def policy(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["-C", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_editor_publishes_a_new_version(capsys: pytest.CaptureFixture[str], clone: git.Repo) -> None:
    root = Path(str(clone.working_tree_dir))
    code, out, _ = policy(capsys, root, "new", "--branch", "--effective", "2027-01-10", "--as-of", WALK_DAY)
    assert code == 0 and out.startswith("Created version 1.2 in versions/1.2/ (editorial), taking effect on 2027-01-10.")
    assert clone.active_branch.name == "policy-1.2"

    for lang, (old, new) in CORRECTED.items():
        text = root / "versions/1.2" / f"{lang}.md"
        text.write_text(text.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    metadata = root / "versions/1.2/version.toml"
    metadata.write_text(metadata.read_text(encoding="utf-8")
                        .replace('uz = ""', 'uz = "8.2-bandda muddat so‘z bilan ham yozildi."')
                        .replace('ky = ""', 'ky = "8.2-пунктта мөөнөт сөз менен да жазылды."')
                        .replace('ru = ""', 'ru = "В пункте 8.2 срок записан также прописью."'), encoding="utf-8")
    commit_all(clone, "Version 1.2: the period of clause 8.2 in words", dt.datetime(2026, 12, 20, 10, 0, tzinfo=BISHKEK))

    code, out, err = policy(capsys, root, "check", "--as-of", WALK_DAY, "--base", "origin/main")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("policy check: 3 version(s) sound")

    code, out, _ = policy(capsys, root, "diff", "1.1", "1.2", "--lang", "ru", "--color", "never")
    assert "  changed: 8.2" in out and "в течение {+тридцати (+}30{+)+} календарных" in out

    code, _, _ = policy(capsys, root, "build", "--as-of", WALK_DAY)
    site = root / "site"
    assert code == 0
    page = BeautifulSoup((site / "ru/versions/1.2/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "policy-status--upcoming" in page.select_one(".policy-status")["class"]
    changes = BeautifulSoup((site / "ru/changes/1.2/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [mark.get_text() for mark in changes.select("[id='8-2'] ins")] == ["добавлено: тридцати (", "добавлено: )"]
    feed = json.loads((site / "api/v1/policy.json").read_text(encoding="utf-8"))
    assert (feed["current"], feed["upcoming"]) == ("1.1", ["1.2"])
    entry = feed["versions"][0]
    assert (entry["id"], entry["effective_from"], entry["requires_consent"]) == ("1.2", "2027-01-10T00:00:00+06:00", False)
    assert entry["documents"]["ru"]["changes"] == "https://privacy.qlever.asia/ru/changes/1.2/"


def test_an_edit_of_a_version_in_force_is_refused_with_the_way_out(capsys: pytest.CaptureFixture[str], clone: git.Repo) -> None:
    root = Path(str(clone.working_tree_dir))
    text = root / "versions/1.1/ru.md"
    text.write_text(text.read_text(encoding="utf-8").replace("30 календарных дней", "15 календарных дней"), encoding="utf-8")
    code, _, err = policy(capsys, root, "check", "--as-of", WALK_DAY)
    published = clone.head.commit.hexsha[:10]
    assert code == 1
    assert err.splitlines()[0] == (
        f"versions/1.1/ru.md: error: version 1.1 has been in force since 2026-12-15, and its text is frozen: "
        f"this file differs from the text published in commit {published}. "
        f"Undo the edit (git checkout {published} -- versions/1.1/ru.md) and make the change in a new version: policy new"
    )
    code, _, err = policy(capsys, root, "build", "--as-of", WALK_DAY)
    assert code == 1 and "the site was not built" in err and not (root / "site").exists()
