"""The shape of a policy text: its title first, numbered sections, and clauses under each section."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from .clauses import Block

COMMA_NUMBER = re.compile(r"^(#+\s+)?(\d+(?:[.,]\d+)*,\d+[.,]?)(?=\s)")


def find_shape_problems(path: Path, blocks: list[Block], title: str) -> list[Problem]:
    """A text without its title first, a heading that skips a level, a section without clauses,
    and a clause numbered with a comma (`5,2.` for `5.2.`)."""
    return (
        missing_title(path, blocks, title)
        + skipped_levels(path, blocks)
        + empty_sections(path, blocks)
        + comma_numbers(path, blocks)
    )


def missing_title(path: Path, blocks: list[Block], title: str) -> list[Problem]:
    if blocks and blocks[0].heading_level == 1:
        return []
    return [Problem(path, 1, "the text does not start with its title", f"Make its first line the title: # {title}")]


def skipped_levels(path: Path, blocks: list[Block]) -> list[Problem]:
    problems = []
    level = 1  # the title's, reported apart when it is missing
    for block in blocks[1:]:
        if not block.heading_level:
            continue
        if block.heading_level > level + 1:
            problems.append(
                Problem(
                    path,
                    block.line,
                    f"a heading of level {block.heading_level} follows one of level {level}",
                    f"Write it with {'#' * (level + 1)}: the title is #, a section ##",
                )
            )
        level = block.heading_level
    return problems


def empty_sections(path: Path, blocks: list[Block]) -> list[Problem]:
    """Numbered section headings with no clause of their number before the next heading."""
    problems = []
    for index, block in enumerate(blocks):
        if not (block.heading_level and block.number):
            continue
        following = []
        for later in blocks[index + 1 :]:
            if later.heading_level:
                break
            following.append(later)
        if not any(later.number and later.number.startswith(block.number + ".") for later in following):
            problems.append(
                Problem(
                    path,
                    block.line,
                    f"section {block.number} has no clauses",
                    f"Write its clauses under it ({block.number}.1, {block.number}.2, …), or remove the heading",
                )
            )
    return problems


def comma_numbers(path: Path, blocks: list[Block]) -> list[Problem]:
    problems = []
    for block in blocks:
        match = COMMA_NUMBER.match(block.text)
        if match:
            written = match.group(2)
            problems.append(
                Problem(
                    path,
                    block.line,
                    f"the number {written!r} is written with a comma",
                    f"Write it with dots: {written.replace(',', '.')}",
                )
            )
    return problems
