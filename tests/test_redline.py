"""The comparison engine: clauses paired by content, words compared inside them."""

from __future__ import annotations

from policy.sources.redline import Kind, Mark, Span, compare_texts, diff_words
from support import scenario

TEXT = """# Policy

## 1. Terms

1.1. The site collects personal data.

1.2. Data is kept for one year.

## 2. Rules

2.1. Users may ask for their data.
"""


def read(version: str, lang: str, name: str = "two-versions") -> str:
    return (scenario(name) / "versions" / version / f"{lang}.md").read_text(encoding="utf-8")


def marked(spans: tuple[Span, ...]) -> list[tuple[str, str]]:
    return [(span.mark.value, span.text) for span in spans if span.mark is not Mark.SAME]


def test_an_unchanged_pair_shows_no_change() -> None:
    redline = compare_texts(read("1.1", "ru"), read("1.1", "ru"))
    assert not redline.has_changes
    assert {change.kind for change in redline.changes} == {Kind.UNCHANGED}


def test_a_misspelt_word_is_struck_and_its_correction_inserted() -> None:
    clause = next(c for c in compare_texts(read("1.0", "uz"), read("1.1", "uz")).changes if c.number == "1.1")
    assert clause.kind is Kind.CHANGED
    assert ("deleted", "jisomniy") in marked(clause.spans)
    assert ("inserted", "jismoniy") in marked(clause.spans)


def test_a_cyrillic_letter_in_a_heading_shows_as_a_changed_word() -> None:
    changes = compare_texts(read("1.0", "uz"), read("1.1", "uz")).changes
    heading = next(c for c in changes if c.block.heading_level == 2 and c.number == "2")
    assert marked(heading.spans) == [("deleted", "Тaraflarning"), ("inserted", "Taraflarning")]


def test_an_apostrophe_changed_inside_a_word_marks_the_whole_word() -> None:
    assert marked(diff_words("ma’lumotlar saqlanadi", "maʼlumotlar saqlanadi")) == [
        ("deleted", "ma’lumotlar"),
        ("inserted", "maʼlumotlar"),
    ]


def test_doubled_words_are_struck_once() -> None:
    spans = diff_words(
        "shu jumladan shu jumladan ma’lumotlarni to’plash, yozib olish",
        "shu jumladan maʼlumotlarni toʻplash, yozib olish",
    )
    assert marked(spans) == [("deleted", "shu jumladan ma’lumotlarni to’plash"), ("inserted", "maʼlumotlarni toʻplash")]


def test_renumbered_clauses_are_changed_not_removed_and_added() -> None:
    for lang in ("uz", "ky", "ru"):
        redline = compare_texts(read("1.0", lang), read("1.1", lang))
        assert redline.of_kind(Kind.ADDED) == redline.of_kind(Kind.REMOVED) == []
        renumbered = [(c.renumbered_from, c.number) for c in redline.changes if c.renumbered_from]
        assert renumbered == [("2.3", "2.2")], lang
    ru = compare_texts(read("1.0", "ru"), read("1.1", "ru"))
    assert [c.number for c in ru.of_kind(Kind.CHANGED)] == ["2.2"]
    assert marked(ru.of_kind(Kind.CHANGED)[0].spans) == [("deleted", "2.3."), ("inserted", "2.2.")]


def test_a_missing_dot_after_a_clause_number_is_a_change() -> None:
    redline = compare_texts(TEXT, TEXT.replace("1.2. Data", "1.2 Data"))
    assert [marked(c.spans) for c in redline.of_kind(Kind.CHANGED)] == [[("deleted", "1.2."), ("inserted", "1.2")]]


def test_an_added_clause_is_listed_as_added_where_it_stands() -> None:
    new = TEXT.replace("1.2. Data", "1.2. Data is shared with couriers only.\n\n1.3. Data")
    redline = compare_texts(TEXT, new)
    assert [(c.kind, c.number) for c in redline.changes if c.kind is not Kind.UNCHANGED] == [
        (Kind.ADDED, "1.2"),
        (Kind.CHANGED, "1.3"),
    ]
    assert marked(redline.of_kind(Kind.ADDED)[0].spans) == [("inserted", "1.2. Data is shared with couriers only.")]


def test_a_removed_clause_is_listed_as_removed_where_it_stood() -> None:
    redline = compare_texts(TEXT, TEXT.replace("1.2. Data is kept for one year.\n\n", ""))
    assert [(c.kind, c.number) for c in redline.changes if c.kind is not Kind.UNCHANGED] == [(Kind.REMOVED, "1.2")]
    assert [c.number for c in redline.changes] == [None, "1", "1.1", "1.2", "2", "2.1"]


def test_a_rewritten_clause_that_keeps_its_number_is_changed() -> None:
    redline = compare_texts(TEXT, TEXT.replace("Users may ask for their data.", "Nobody answers questions."))
    changed = redline.of_kind(Kind.CHANGED)
    assert [c.number for c in changed] == ["2.1"]
    assert marked(changed[0].spans) == [
        ("deleted", "Users may ask for their data"),
        ("inserted", "Nobody answers questions"),
    ]


def test_whitespace_and_line_breaks_inside_a_clause_are_not_changes() -> None:
    redline = compare_texts(
        TEXT, TEXT.replace("1.1. The site collects personal data.", "1.1. The site  collects\npersonal data.")
    )
    assert not redline.has_changes


def test_marks_hold_words_and_leave_the_spaces_between_them_unmarked() -> None:
    spans = diff_words("within 30 days", "within thirty (30) days")
    assert [(span.mark.value, span.text) for span in spans] == [
        ("same", "within "),
        ("inserted", "thirty ("),
        ("same", "30"),
        ("inserted", ")"),
        ("same", " days"),
    ]


def test_a_chain_adds_one_clause_and_removes_another() -> None:
    redline = compare_texts(read("1.1", "ky", "chain"), read("2.0", "ky", "chain"))
    assert [(c.kind, c.number) for c in redline.changes if c.kind is not Kind.UNCHANGED] == [
        (Kind.ADDED, "1.3"),
        (Kind.REMOVED, "2.2"),
    ]


TYPESET = """# Policy

1.1. Qlever’s «app» keeps data – for one year.

1.2. Users may ask.
"""


def test_a_clause_whose_apostrophes_quotes_dashes_and_spaces_alone_changed_is_typography_only() -> None:
    new = TYPESET.replace("’", "ʼ").replace("«app»", "“app”").replace("–", "—").replace("one year", "one\u00a0year")
    clause = next(c for c in compare_texts(TYPESET, new).changes if c.number == "1.1")
    assert clause.kind is Kind.TYPOGRAPHY
    # Both texts are shown as they are: the marks are still struck and inserted.
    assert marked(clause.spans) == [
        ("deleted", "Qlever’s «"),
        ("inserted", "Qleverʼs “"),
        ("deleted", "»"),
        ("inserted", "”"),
        ("deleted", "–"),
        ("inserted", "—"),
    ]
    assert compare_texts(TYPESET, new).has_changes


def test_a_letter_given_an_apostrophe_is_a_changed_word_not_typography() -> None:
    old = TYPESET.replace("Users may ask.", "Foydalanuvchi soʻrashi mumkin.").replace("soʻrashi", "sorashi")
    clause = next(c for c in compare_texts(old, old.replace("sorashi", "soʻrashi")).changes if c.number == "1.2")
    assert clause.kind is Kind.CHANGED


def test_a_typography_change_beside_a_changed_word_is_a_change() -> None:
    new = TYPESET.replace("’", "ʼ").replace("one year", "two years")
    clause = next(c for c in compare_texts(TYPESET, new).changes if c.number == "1.1")
    assert clause.kind is Kind.CHANGED
