from __future__ import annotations

from policy.sources.clauses import find_gaps, number_key, numbered, parse_blocks

TEXT = """# Title

## 1. Terms

1.1. First
continued on a second line.

3.2 No dot after the number.

Unnumbered paragraph.
"""


def test_blocks_carry_their_first_line_and_clause_number() -> None:
    blocks = parse_blocks(TEXT)
    assert [(b.line, b.heading_level, b.number) for b in blocks] == [
        (1, 1, None),
        (3, 2, "1"),
        (5, 0, "1.1"),
        (8, 0, "3.2"),
        (10, 0, None),
    ]
    assert blocks[2].text == "1.1. First\ncontinued on a second line."


def test_anchor_of_a_clause_is_its_number_with_dashes() -> None:
    assert [b.anchor for b in numbered(parse_blocks(TEXT))] == ["1", "1-1", "3-2"]


def test_version_and_clause_numbers_sort_naturally() -> None:
    assert sorted(["10.0", "2.0", "1.1", "1.0", "1.10", "1.9"], key=number_key) == [
        "1.0",
        "1.1",
        "1.9",
        "1.10",
        "2.0",
        "10.0",
    ]


def test_gaps_name_the_missing_number_and_the_one_after() -> None:
    numbers = ["1", "1.1", "2", "2.1", "2.1.1", "2.1.2", "2.1.4", "2.1.6", "4", "4.2"]
    assert find_gaps(numbers) == [("2.1.3", "2.1.4"), ("2.1.5", "2.1.6"), ("3", "4"), ("4.1", "4.2")]


def test_no_gaps_in_a_complete_numbering() -> None:
    assert find_gaps(["1", "1.1", "1.2", "2", "2.1"]) == []
