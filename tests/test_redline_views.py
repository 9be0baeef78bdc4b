"""A redline shown as HTML on the site and as text in a terminal: the same marks, named, folded."""

from __future__ import annotations

from bs4 import BeautifulSoup

from policy.publication.redline_views import clause_range, folded_runs, redline_html, redline_text
from policy.sources.redline import Kind, compare_texts

OLD = """# Policy

## 1. Terms

1.1. Data is kept for one year.

1.2. Users may ask for it.

1.3. Couriers get the address.

## 2. Rules

2.1. Disputes go to court.
"""
NEW = (
    OLD.replace("one year", "two years")
    .replace("1.3. Couriers get the address.\n\n", "")
    .replace("2.1. Disputes", "2.1. Disputes first go to the administration, then")
)


def test_unchanged_paragraphs_are_grouped_headings_never() -> None:
    runs = [(foldable, [change.number for change in run]) for foldable, run in folded_runs(compare_texts(OLD, OLD))]
    assert runs == [(False, [None]), (False, ["1"]), (True, ["1.1", "1.2", "1.3"]), (False, ["2"]), (True, ["2.1"])]


def test_a_run_is_named_by_its_first_and_last_clause() -> None:
    _, run = next((f, r) for f, r in folded_runs(compare_texts(OLD, OLD)) if f)
    assert clause_range(run) == "1.1–1.3"
    assert clause_range(run[:1]) == "1.1"


def test_html_marks_deletions_and_insertions_with_words_for_screen_readers() -> None:
    page = BeautifulSoup(redline_html(compare_texts(OLD, NEW), "ru"), "html.parser")
    clause = page.find(id="1-1")
    assert clause is not None
    assert clause["class"] == ["clause", "redline-changed"]
    assert [(mark.name, mark.get_text()) for mark in clause.find_all(["del", "ins"])] == [
        ("del", "удалено: one year"),
        ("ins", "добавлено: two years"),
    ]
    removed = page.find(id="removed-1-3")
    assert removed is not None
    assert removed.get_text() == "удалено: 1.3. Couriers get the address."
    assert [summary.get_text() for summary in page.select("details.redline-fold > summary")] == ["Без изменений: 1.2"]
    assert [h.name for h in page.find_all(["h3", "h4"])] == ["h3", "h4", "h4"]


def test_the_terminal_shows_changed_blocks_whole_and_counts_the_rest() -> None:
    assert redline_text(compare_texts(OLD, NEW), color=False) == [
        "  # Policy",
        "  ## 1. Terms",
        "~ 1.1. Data is kept for [-one year-]{+two years+}.",
        "  … 1 unchanged (1.2)",
        "- [-1.3. Couriers get the address.-]",
        "  ## 2. Rules",
        "~ 2.1. Disputes {+first go to the administration, then+} go to court.",
    ]


def test_colour_marks_with_strike_and_underline_not_with_colour_alone() -> None:
    lines = redline_text(compare_texts(OLD, NEW), color=True)
    assert lines[2] == "~ 1.1. Data is kept for \x1b[9;31mone year\x1b[0m\x1b[4;32mtwo years\x1b[0m."
    assert [change.kind for change in compare_texts(OLD, NEW).changes].count(Kind.REMOVED) == 1
