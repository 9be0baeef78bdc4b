"""Redlines: what changed between two texts of the policy, clause by clause and word by word.

Clauses are paired by their content, not their number, so a renumbered clause (4.1.6 becoming
4.1.5) is one changed clause, not one removed and one added. Inside a changed clause the words
are compared with difflib: a word whose letters or apostrophes differ is struck out whole and
its new form inserted; a clause whose apostrophes, quotes, dashes or spaces alone changed is
"typography only" (typography.py), its words still marked. Both the site's "what changed" pages
and `policy diff` render this model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cached_property, lru_cache

from .clauses import HEADING, NUMBER, Block, parse_blocks
from .typography import plain_typography
from .words import fold

# A word keeps its inner apostrophes and hyphens (qo’llab-quvvatlash), a clause number its dots
# (5.2.), and every token its trailing space, so whitespace never shows as a change of its own.
TOKEN = re.compile(r"(?:\d+(?:\.\d+)*\.?|[\w’ʻʼ'‘`]+(?:-[\w’ʻʼ'‘`]+)*|[^\w\s])\s*")
# Two blocks are one clause changed when difflib's ratio of their words is at least this.
SIMILAR = 0.5
# How far ahead, in clauses, a changed clause is looked for before one is taken as added.
LOOKAHEAD = 8


class Kind(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    TYPOGRAPHY = "typography"
    ADDED = "added"
    REMOVED = "removed"


class Mark(StrEnum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Span:
    """A run of text that both versions share, or that one of them has alone."""

    mark: Mark
    text: str


@dataclass(frozen=True)
class ClauseChange:
    """One block (heading or clause) of either text, and how it changed.

    Its words are compared when first asked for: the checker pairs the clauses of every two versions
    and reads only which blocks were paired; the redline pages read the words.
    """

    old: Block | None
    new: Block | None

    @cached_property
    def spans(self) -> tuple[Span, ...]:
        if self.old is None:
            return (Span(Mark.INSERTED, block_body(self.block, keep_number=True)),)
        if self.new is None:
            return (Span(Mark.DELETED, block_body(self.block, keep_number=True)),)
        return diff_words(block_body(self.old, keep_number=True), block_body(self.new, keep_number=True))

    @cached_property
    def kind(self) -> Kind:
        if self.old is None:
            return Kind.ADDED
        if self.new is None:
            return Kind.REMOVED
        if all(span.mark is Mark.SAME for span in self.spans):
            return Kind.UNCHANGED
        if plain_typography(block_body(self.old, keep_number=True)) == plain_typography(
            block_body(self.new, keep_number=True)
        ):
            return Kind.TYPOGRAPHY
        return Kind.CHANGED

    @property
    def block(self) -> Block:
        """The block as it stands now, or as it stood if it was removed."""
        block = self.new or self.old
        assert block is not None
        return block

    @property
    def number(self) -> str | None:
        return self.block.number

    @property
    def renumbered_from(self) -> str | None:
        """The clause's old number, when the change gave it a new one."""
        if self.old and self.new and self.old.number != self.new.number:
            return self.old.number
        return None


@dataclass(frozen=True)
class Redline:
    """Every block of two texts, in reading order, removed blocks where they stood."""

    changes: tuple[ClauseChange, ...]

    def of_kind(self, kind: Kind) -> list[ClauseChange]:
        return [change for change in self.changes if change.kind is kind]

    @property
    def has_changes(self) -> bool:
        return any(change.kind is not Kind.UNCHANGED for change in self.changes)


@lru_cache(maxsize=4096)  # the checker compares each version with the one before it; so do the redline pages
def compare_texts(old_text: str, new_text: str) -> Redline:
    """The redline from one Markdown text of the policy to another."""
    old, new = blocks_of(old_text), blocks_of(new_text)
    matcher = SequenceMatcher(None, [block_key(b) for b in old], [block_key(b) for b in new], autojunk=False)
    changes: list[ClauseChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [ClauseChange(o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            changes += pair_blocks(old[i1:i2], new[j1:j2])
    return Redline(tuple(changes))


@lru_cache(maxsize=1024)  # the text in force is compared with every version before it
def blocks_of(text: str) -> tuple[Block, ...]:
    return tuple(parse_blocks(text))


@lru_cache(maxsize=8192)  # each block is keyed once, then compared many times (and across versions)
def block_key(block: Block) -> str:
    """What identifies a block across versions: its words, without number, case or apostrophes."""
    return " ".join(fold(word) for word in words_of(block_body(block)))


def pair_blocks(old: Sequence[Block], new: Sequence[Block]) -> list[ClauseChange]:
    """Pair the blocks of a region that differs: similar ones are changed, the rest removed or added.

    A clause whose words were rewritten but whose number stayed is changed too, unless its new
    text is found a little later (a clause was inserted before it) or its old one was (removed).
    """
    changes = []
    i = j = 0
    while i < len(old) and j < len(new):
        if similar(old[i], new[j]):
            changes.append(ClauseChange(old[i], new[j]))
            i, j = i + 1, j + 1
        elif any(similar(old[i], later) for later in new[j + 1 : j + 1 + LOOKAHEAD]):
            changes.append(ClauseChange(None, new[j]))
            j += 1
        elif any(similar(later, new[j]) for later in old[i + 1 : i + 1 + LOOKAHEAD]):
            changes.append(ClauseChange(old[i], None))
            i += 1
        elif old[i].number and old[i].number == new[j].number and old[i].heading_level == new[j].heading_level:
            changes.append(ClauseChange(old[i], new[j]))
            i, j = i + 1, j + 1
        else:
            changes.append(ClauseChange(old[i], None))
            i += 1
    changes += [ClauseChange(block, None) for block in old[i:]]
    changes += [ClauseChange(None, block) for block in new[j:]]
    return changes


@lru_cache(maxsize=65536)  # the same pairs meet again when many versions are compared with one
def similar(old: Block, new: Block) -> bool:
    """Whether two blocks are one clause, changed: of the same kind, and mostly the same words."""
    if old.heading_level != new.heading_level:
        return False
    matcher = SequenceMatcher(None, block_key(old).split(), block_key(new).split(), autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


@lru_cache(maxsize=65536)
def diff_words(old: str, new: str) -> tuple[Span, ...]:
    """The word-level difference of two texts; runs of one mark are joined."""
    if old == new:
        return (Span(Mark.SAME, " ".join(new.split())),) if new else ()
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=False)
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            append(spans, Span(Mark.SAME, "".join(b[j1:j2])))
            continue
        deleted, inserted = "".join(a[i1:i2]), "".join(b[j1:j2])
        space = " " if all(text.endswith(" ") for text in (deleted, inserted) if text) else ""
        append(spans, Span(Mark.DELETED, deleted.removesuffix(space)))
        append(spans, Span(Mark.INSERTED, inserted.removesuffix(space)))
        append(spans, Span(Mark.SAME, space))
    return tuple(spans)


def append(spans: list[Span], span: Span) -> None:
    if not span.text:
        return
    if spans and spans[-1].mark is span.mark:
        spans[-1] = Span(span.mark, spans[-1].text + span.text)
    else:
        spans.append(span)


def tokens(text: str) -> list[str]:
    """Words, numbers and punctuation marks, each with the whitespace after it as one space."""
    return TOKEN.findall(" ".join(text.split()))


def words_of(text: str) -> list[str]:
    return [token.rstrip() for token in tokens(text)]


@lru_cache(maxsize=65536)
def block_body(block: Block, keep_number: bool = False) -> str:
    """A block's text without Markdown heading marks, on one line; with or without its number."""
    heading = HEADING.match(block.text) if block.heading_level else None
    body = " ".join((heading.group(2) if heading else block.text).split())
    return body if keep_number else NUMBER.sub("", body, count=1).strip()
