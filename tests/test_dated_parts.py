"""The parts of a page that depend on the day it is read (context.dated): each carries, after the
part as built, the same part as a build of each later effective date writes it, where it differs,
and nothing else; policy.js only chooses one (tests/browser/test_dated.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from policy.publication.context import Context
from policy.publication.pages import render_page
from policy.publication.urls import ARCHIVE, CHANGELOG, COMPARE, HOME, changes_path, list_pages, version_path
from policy.sources.versions import Policy, load_policy
from support import AFTER_1_1, BEFORE_1_1, CHAIN_AFTER_2_0, CHAIN_BEFORE_2_0, scenario

LATER = re.compile(r'<template data-from="([^"]+)" data-search-exclude(?: markdown)?>\n(.*?)\n</template>', re.DOTALL)
PART = re.compile(r"<(div|p|tr)\b[^>]*\bdata-dated\b.*?</\1>", re.DOTALL)
ROW = re.compile(r'<tr data-version="([^"]+)"')
BISHKEK_MIDNIGHT = "T00:00:00+06:00"


def policy(name: str) -> Policy:
    return load_policy(scenario(name)).policy


def later_parts(markdown: str) -> list[tuple[str, str]]:
    """Each template of a page's Markdown: the instant it applies from and the part it holds."""
    return LATER.findall(markdown)


def parts_as_built(markdown: str) -> list[str]:
    return [match.group(0) for match in PART.finditer(LATER.sub("", markdown))]


def page_of(path: str, name: str, as_of: dt.date, lang: str = "ru") -> str:
    loaded = policy(name)
    page = next(p for p in list_pages(loaded, as_of) if p.path == path)
    return render_page(page, Context(loaded, as_of, lang))


def test_a_page_of_a_day_with_no_version_to_come_carries_no_later_part() -> None:
    loaded = policy("two-versions")
    for page in list_pages(loaded, AFTER_1_1):
        assert later_parts(render_page(page, Context(loaded, AFTER_1_1, "uz"))) == [], page.path


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
@pytest.mark.parametrize("path", [version_path("1.0"), version_path("1.1"), ARCHIVE, CHANGELOG, changes_path("1.1")])
def test_each_later_part_is_the_part_a_build_of_its_day_writes(path: str, lang: str) -> None:
    stale, fresh = page_of(path, "two-versions", BEFORE_1_1, lang), page_of(path, "two-versions", AFTER_1_1, lang)
    later = later_parts(stale)
    assert later
    assert {start for start, _ in later} == {AFTER_1_1.isoformat() + BISHKEK_MIDNIGHT}
    changed = [part for part in parts_as_built(fresh) if part not in parts_as_built(stale)]
    assert [part for _, part in later] == changed


def test_a_part_the_later_day_leaves_as_it_is_carries_no_template() -> None:
    # 2.0 takes effect: 1.0 stays superseded, its row and its changelog entry as they are.
    archive = page_of(ARCHIVE, "chain", CHAIN_BEFORE_2_0)
    assert [ROW.findall(part) for _, part in later_parts(archive)] == [["2.0"], ["1.1"]]
    # The text's last change: 1.0 in force, then superseded, is "before it took effect" both days.
    version = page_of(version_path("1.0"), "two-versions", BEFORE_1_1)
    assert all("policy-provenance" not in part for _, part in later_parts(version))


def test_a_build_before_every_version_carries_each_later_day_in_turn() -> None:
    archive = page_of(ARCHIVE, "chain", dt.date(2026, 11, 1))
    starts = [start[:10] for start, part in later_parts(archive) if ROW.findall(part) == ["1.0"]]
    # 1.0 comes into force, then is superseded by 1.1; 2.0's day leaves its row as it is.
    assert starts == ["2026-11-24", "2027-01-10"]


def test_the_home_page_read_after_its_version_was_superseded_leads_to_the_version_in_force() -> None:
    (_, later), *_ = later_parts(page_of(HOME, "two-versions", BEFORE_1_1))
    assert "policy-status--superseded" in later
    assert "[Читать действующую редакцию](versions/1.1.md)" in later


def test_a_later_parts_comparison_this_build_does_not_make_is_made_in_the_browser() -> None:
    loaded = policy("chain")
    built = {page.path for page in list_pages(loaded, CHAIN_BEFORE_2_0)}
    assert "changes/1.0-2.0.md" not in built
    (_, later), *_ = later_parts(page_of(version_path("1.0"), "chain", CHAIN_BEFORE_2_0))
    assert "(../compare.md?from=1.0&to=2.0)" in later
    # A build of 2.0's day makes the page and links it.
    assert "(../changes/1.0-2.0.md)" in page_of(version_path("1.0"), "chain", CHAIN_AFTER_2_0)
    assert COMPARE in built


def test_the_comparison_page_carries_the_pair_of_each_later_day_where_it_changes() -> None:
    page = page_of(COMPARE, "chain", dt.date(2026, 11, 1))
    # Before any version, the last and the one before it; from 1.0's day 1.0 and 1.1, which 1.1's day
    # leaves as they are; from 2.0's, 1.1 and 2.0.
    assert 'data-later="2026-11-24T00:00:00+06:00 1.0 1.1,2027-03-01T00:00:00+06:00 1.1 2.0"' in page
    assert "data-later" not in page_of(COMPARE, "chain", CHAIN_AFTER_2_0)
