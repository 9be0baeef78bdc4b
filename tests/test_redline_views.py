"""A redline shown as HTML on the site and as text in a terminal: the same marks, named, folded."""

from __future__ import annotations

from bs4 import BeautifulSoup

from policy.publication.redline_views import clause_range, folded_runs, listed, redline_html, redline_text
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
    assert runs == [
        (None, [None]),
        (None, ["1"]),
        (Kind.UNCHANGED, ["1.1", "1.2", "1.3"]),
        (None, ["2"]),
        (Kind.UNCHANGED, ["2.1"]),
    ]


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


# 1.1 and 1.2 change their apostrophes and dashes alone, 1.3 a word beside its apostrophe.
TYPESET = OLD.replace("one year", "one year – a year’s time").replace("ask for it", "ask for it’s copy")
RETYPED = TYPESET.replace("–", "—").replace("’", "ʼ").replace("Couriers get", "Couriers getʼs")


def test_paragraphs_whose_typography_alone_changed_fold_under_their_own_label() -> None:
    redline = compare_texts(TYPESET, RETYPED)
    runs = [(fold, [change.number for change in run]) for fold, run in folded_runs(redline)]
    assert runs[2:4] == [(Kind.TYPOGRAPHY, ["1.1", "1.2"]), (None, ["1.3"])]
    page = BeautifulSoup(redline_html(redline, "uz"), "html.parser")
    fold = page.select_one("details.redline-fold--typography")
    assert fold is not None
    assert not fold.has_attr("open")
    assert fold.summary is not None
    assert fold.summary.get_text() == (
        "Faqat belgilarning yozilishi oʻzgargan (apostrof, qoʻshtirnoq, tire, boʻshliq, koʻp nuqta): 1.1–1.2"
    )
    clause = fold.find(id="1-1")
    assert clause is not None
    assert clause["class"] == ["clause", "redline-typography"]
    assert [(mark.name, mark.get_text()) for mark in clause.find_all(["del", "ins"])] == [
        ("del", "oʻchirilgan: –"),
        ("ins", "qoʻshilgan: —"),
        ("del", "oʻchirilgan: year’s"),
        ("ins", "qoʻshilgan: yearʼs"),
    ]
    changed = page.find(id="1-3")
    assert changed is not None
    assert changed["class"] == ["clause", "redline-changed"]
    assert changed.find_parent("details") is None


def test_the_terminal_shows_typography_changes_whole_and_lists_them_apart() -> None:
    redline = compare_texts(TYPESET, RETYPED)
    assert redline_text(redline, color=False)[2:5] == [
        "≈ 1.1. Data is kept for one year [-–-]{+—+} a [-year’s-]{+yearʼs+} time.",
        "≈ 1.2. Users may ask for [-it’s-]{+itʼs+} copy.",
        "~ 1.3. Couriers [-get-]{+getʼs+} the address.",
    ]
    assert listed(redline) == [(Kind.CHANGED, "1.3"), (Kind.TYPOGRAPHY, "1.1, 1.2")]
