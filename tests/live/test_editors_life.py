"""A legal editor's life, in a clone of the live repository: an editorial version, then a material one,
each started with `policy new`, edited in every language, committed and checked; after each, the
site and the feed show it (upcoming, then in force with its redline) and the code's tests still pass.

Whatever the live versions say: the days are counted from the latest version's date or the last
commit's, whichever is later; the edits are made to whichever clauses the texts end with.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import git
import pytest
from bs4 import BeautifulSoup

from policy.cli import main
from policy.sources.clauses import numbered, parse_blocks
from policy.sources.versions import Policy, load_policy
from support import REPO, commit_all

# What the editor writes, in each language the policy may have; another language gets the last line.
EDIT = {"uz": "Ushbu band aniqlashtirildi.", "ky": "Бул пункт такталды.", "ru": "Настоящий пункт уточнён."}
NEW_CLAUSE = {"uz": "Yangi band.", "ky": "Жаңы пункт.", "ru": "Новый пункт."}
SUMMARY = {"uz": "{number}-band aniqlashtirildi.", "ky": "{number}-пункт такталды.", "ru": "Уточнён пункт {number}."}
OTHER = "Edited by the test of an editor's life."


def policy(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> str:
    """Run `policy` in the clone; fail with what it printed unless it succeeds."""
    code = main(["-C", str(root), *args])
    out, err = capsys.readouterr()
    assert code == 0, f"policy {' '.join(args)} exited {code}:\n{out}{err}"
    return out


def last_clause(text: str) -> tuple[str, str]:
    """The number and the Markdown of a text's last numbered paragraph (not a heading)."""
    block = [b for b in numbered(parse_blocks(text)) if not b.heading_level][-1]
    assert block.number is not None
    return block.number, block.text


def edit_last_clause(version_folder: Path, policy: Policy) -> str:
    """Add a sentence to the last clause of every text; returns the clause's number."""
    number = ""
    for lang in policy.settings.languages:
        path = version_folder / f"{lang}.md"
        text = path.read_text(encoding="utf-8")
        number, block = last_clause(text)
        path.write_text(text.replace(block, f"{block} {EDIT.get(lang, OTHER)}", 1), encoding="utf-8")
    return number


def add_clause_at_the_end(version_folder: Path, policy: Policy) -> str:
    """Add a clause after the last one, numbered next to it, in every text; returns its number."""
    number = ""
    for lang in policy.settings.languages:
        path = version_folder / f"{lang}.md"
        text = path.read_text(encoding="utf-8")
        last, _ = last_clause(text)
        *parent, tail = last.split(".")
        number = ".".join([*parent, str(int(tail) + 1)])
        path.write_text(text.rstrip("\n") + f"\n\n{number}. {NEW_CLAUSE.get(lang, OTHER)}\n", encoding="utf-8")
    return number


def write_summaries(version_folder: Path, policy: Policy, number: str) -> None:
    metadata = version_folder / "version.toml"
    text = metadata.read_text(encoding="utf-8")
    for lang in policy.settings.languages:
        text = text.replace(f'{lang} = ""', f'{lang} = "{SUMMARY.get(lang, OTHER).format(number=number)}"')
    metadata.write_text(text, encoding="utf-8")


def at_ten(day: dt.date, policy: Policy) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=policy.settings.timezone)


def feed_of(site: Path) -> dict[str, Any]:
    feed: dict[str, Any] = json.loads((site / "api/v1/policy.json").read_text(encoding="utf-8"))
    return feed


def run_the_code_tests(root: Path) -> None:
    """The tests of the code, in the clone: none may depend on the versions the editor added.

    The browser tests are left out for time; like every test of the code, they read no live version.
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "--ignore=tests/live",
            "--ignore=tests/browser",
            "tests",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def publish(capsys: pytest.CaptureFixture[str], root: Path, repo: git.Repo, version_id: str, today: dt.date) -> Policy:
    """Commit the version on its branch and check it against the published main, as the pull
    request does; then merge it into main and push, as merging the pull request does."""
    before = load_policy(root)[0]
    commit_all(repo, f"Version {version_id}", at_ten(today, before))
    out = policy(capsys, root, "check", "--as-of", today.isoformat(), "--base", "origin/main")
    assert out.splitlines()[-1].startswith(f"policy check: {len(before.versions)} version(s) sound")
    repo.git.switch("main")
    repo.git.merge("--ff-only", f"policy-{version_id}")
    repo.git.push("origin", "main")
    return load_policy(root)[0]


def test_an_editorial_then_a_material_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with git.Repo(REPO) as under_test, git.Repo.clone_from(str(REPO), tmp_path / "origin.git", bare=True) as origin:
        # Where pull requests are merged: its main is the commit under test, whichever branch holds it
        # (a pull request's checkout is a detached merge commit).
        origin.git.update_ref("refs/heads/main", under_test.head.commit.hexsha)
        origin.git.symbolic_ref("HEAD", "refs/heads/main")
    repo = git.Repo.clone_from(str(tmp_path / "origin.git"), tmp_path / "clone")
    root = Path(str(repo.working_tree_dir))
    with repo.config_writer() as config:
        config.set_value("user", "name", "Legal Editor").set_value("user", "email", "legal@example.org")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    live = load_policy(root)[0]
    last_commit_day = repo.head.commit.committed_datetime.astimezone(live.settings.timezone).date()
    today = max(live.versions[-1].effective, last_commit_day) + dt.timedelta(days=1)

    # An editorial version, ten days from now.
    effective = today + dt.timedelta(days=10)
    out = policy(capsys, root, "new", "--branch", "--effective", effective.isoformat(), "--as-of", today.isoformat())
    editorial = out.split()[2]
    folder = root / "versions" / editorial
    number = edit_last_clause(folder, live)
    write_summaries(folder, live, number)
    after_editorial = publish(capsys, root, repo, editorial, today)
    assert "{+" + EDIT["ru"] + "+}" in policy(
        capsys, root, "diff", live.versions[-1].id, editorial, "--lang", "ru", "--color", "never"
    )

    policy(capsys, root, "build", "--as-of", today.isoformat())
    site = root / "site"
    assert feed_of(site)["upcoming"] == [editorial]
    upcoming = BeautifulSoup(
        (site / "ru/versions" / editorial / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "policy-status--upcoming" in upcoming.select_one(".policy-status")["class"]
    policy(capsys, root, "build", "--as-of", effective.isoformat())
    assert feed_of(site)["current"] == editorial
    pdf = feed_of(site)["versions"][0]["documents"]["ru"]["pdf"]
    served = (site / "api/v1/versions" / editorial / "ru.pdf").read_bytes()
    assert (pdf["sha256"], pdf["bytes"]) == (hashlib.sha256(served).hexdigest(), len(served))
    changes = BeautifulSoup((site / "ru/changes" / editorial / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [ins.get_text() for ins in changes.select(f"[id='{number.replace('.', '-')}'] ins")] == [
        f"добавлено: {EDIT['ru']}"
    ]
    run_the_code_tests(root)

    # A material version, after the notice period: users must accept it again.
    today = effective + dt.timedelta(days=1)
    out = policy(capsys, root, "new", "--branch", "--material", "--as-of", today.isoformat())
    material = out.split()[2]
    effective = dt.date.fromisoformat(out.splitlines()[0].rstrip(".").split()[-1])
    assert effective == today + dt.timedelta(days=after_editorial.settings.notice_days)
    folder = root / "versions" / material
    number = add_clause_at_the_end(folder, after_editorial)
    write_summaries(folder, after_editorial, number)
    publish(capsys, root, repo, material, today)

    policy(capsys, root, "build", "--as-of", today.isoformat())
    feed = feed_of(site)
    assert (feed["current"], feed["upcoming"]) == (editorial, [material])
    policy(capsys, root, "build", "--as-of", effective.isoformat())
    newest = feed_of(site)["versions"][0]
    assert (newest["id"], newest["status"], newest["requires_consent"], newest["consent_baseline"]) == (
        material,
        "current",
        True,
        material,
    )
    changes = BeautifulSoup((site / "ky/changes" / material / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert changes.find(id="added").find_next_sibling("p").get_text() == number
    run_the_code_tests(root)
