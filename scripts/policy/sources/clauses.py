"""The structure of a policy text: its title, section headings and numbered clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?(?=\s|$)")


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of a policy text, with its clause number if it has one."""

    line: int
    text: str
    heading_level: int = 0
    number: str | None = None

    @property
    def anchor(self) -> str | None:
        """The clause's stable anchor, the same in every language: `5-2` for clause 5.2."""
        return clause_anchor(self.number) if self.number else None


def clause_anchor(number: str) -> str:
    """The anchor of a clause or section by its number: `5-2` for 5.2 (an id, and a URL's fragment)."""
    return number.replace(".", "-")


def parse_blocks(markdown: str) -> list[Block]:
    """Split a text into blocks separated by blank lines, each with its first line's number."""
    blocks: list[Block] = []
    lines: list[str] = []
    start = 0
    for index, raw in enumerate([*markdown.splitlines(), ""], start=1):
        if raw.strip():
            if not lines:
                start = index
            lines.append(raw)
            continue
        if lines:
            blocks.append(make_block(start, "\n".join(lines)))
            lines = []
    return blocks


def make_block(line: int, text: str) -> Block:
    heading = HEADING.match(text) if "\n" not in text else None
    level = len(heading.group(1)) if heading else 0
    body = heading.group(2) if heading else text
    number = NUMBER.match(body)
    return Block(line, text, level, number.group(1) if number else None)


def numbered(blocks: list[Block]) -> list[Block]:
    """The blocks that carry a clause number, in text order."""
    return [block for block in blocks if block.number]


def number_key(number: str) -> tuple[int, ...]:
    """Sort key of a clause or version number: `4.1.10` after `4.1.9`."""
    return tuple(int(part) for part in number.split("."))


def find_gaps(numbers: list[str]) -> list[tuple[str, str]]:
    """Missing numbers, each with the number that follows the gap: [("4.1.5", "4.1.6")]."""
    present = set(numbers)
    gaps = []
    for number in numbers:
        *parent, last = number_key(number)
        for missing_last in range(last - 1, 0, -1):
            missing = ".".join(str(part) for part in (*parent, missing_last))
            if missing in present:
                break
            gaps.append((missing, number))
    return sorted(set(gaps), key=lambda gap: number_key(gap[0]))
