"""How a redline is shown: as HTML on the site's "what changed" pages, as text in the terminal.

Both show the same spans of the same model (redline.py), so what an editor reviews with
`policy diff` is what readers see. Deletions are struck through and insertions underlined, with
words for screen readers and brackets on a terminal without colours: never colour alone.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..sources.redline import ClauseChange, Kind, Mark, Redline, Span
from ..sources.versions import Version
from .labels import label


@dataclass(frozen=True)
class Comparison:
    """Two versions' texts in one language, and the redline from the older to the newer."""

    old: Version
    new: Version
    lang: str
    redline: Redline


KIND_MARKERS = {Kind.UNCHANGED: " ", Kind.CHANGED: "~", Kind.TYPOGRAPHY: "≈", Kind.ADDED: "+", Kind.REMOVED: "-"}
# What a redline folds away, and the labels of the fold's summary, with and without clause numbers.
FOLDED = {
    Kind.UNCHANGED: ("unchanged_fold", "unchanged_fold_plain"),
    Kind.TYPOGRAPHY: ("typography_fold", "typography_fold_plain"),
}
# The redline sits under a second-level heading of its page: the text's title becomes an h3.
HEADING_SHIFT = 2
PLAIN_MARKS = {Mark.DELETED: ("[-", "-]"), Mark.INSERTED: ("{+", "+}")}
ANSI_MARKS = {Mark.DELETED: ("\x1b[9;31m", "\x1b[0m"), Mark.INSERTED: ("\x1b[4;32m", "\x1b[0m")}


def anchor_of(change: ClauseChange) -> str | None:
    """The clause's id on the page: its anchor (`5-2`), or `removed-5-2` for a clause taken out."""
    anchor = change.block.anchor
    if anchor and change.kind is Kind.REMOVED:
        return f"removed-{anchor}"
    return anchor


def clause_name(change: ClauseChange, lang: str) -> str:
    """How a block is named in the list of changes: its number, else what it is."""
    if change.number:
        return change.number
    return label("title_block" if change.block.heading_level == 1 else "unnumbered_block", lang)


def folded_runs(redline: Redline) -> Iterator[tuple[Kind | None, list[ClauseChange]]]:
    """The blocks in order, with what folds them away: runs of unchanged paragraphs, and runs of
    paragraphs whose typography alone changed; headings and other changes stand alone (None)."""
    run: list[ClauseChange] = []
    for change in redline.changes:
        foldable = change.kind in FOLDED and not change.block.heading_level
        if run and (not foldable or change.kind is not run[0].kind):
            yield run[0].kind, run
            run = []
        if foldable:
            run.append(change)
        else:
            yield None, [change]
    if run:
        yield run[0].kind, run


def clause_range(run: list[ClauseChange]) -> str | None:
    """`2.1–2.4`, `2.1`, or None when no block of the run has a number."""
    numbers = [change.number for change in run if change.number]
    if not numbers:
        return None
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def redline_html(redline: Redline, lang: str) -> str:
    """The whole text with its changes marked; unchanged paragraphs, and those whose typography alone
    changed, folded in <details>."""
    parts = []
    for fold, run in folded_runs(redline):
        blocks = "\n".join(block_html(change, lang) for change in run)
        if fold is None:
            parts.append(blocks)
            continue
        summary = fold_summary(fold, run, lang)
        classes = f"redline-fold redline-fold--{fold.value}"
        parts.append(f'<details class="{classes}">\n<summary>{html.escape(summary)}</summary>\n{blocks}\n</details>')
    return '<div class="redline">\n' + "\n".join(parts) + "\n</div>"


def fold_summary(fold: Kind, run: list[ClauseChange], lang: str) -> str:
    """What a fold says it holds: `Unchanged: 2.1–2.4`, or its kind alone when no block has a number."""
    key, plain_key = FOLDED[fold]
    clauses = clause_range(run)
    return label(key, lang, clauses=clauses) if clauses else label(plain_key, lang)


def block_html(change: ClauseChange, lang: str) -> str:
    return element_html(change.block.heading_level, anchor_of(change), change.kind, change.spans, lang)


@lru_cache(maxsize=65536)  # the clauses of the text in force recur on every comparison with it
def element_html(level: int, anchor: str | None, kind: Kind, spans: tuple[Span, ...], lang: str) -> str:
    tag = f"h{min(level + HEADING_SHIFT, 6)}" if level else "p"
    id_attribute = f' id="{anchor}"' if anchor else ""
    classes = f"clause redline-{kind.value}" if anchor else f"redline-{kind.value}"
    body = "".join(span_html(span, lang) for span in spans)
    return f'<{tag}{id_attribute} class="{classes}">{body}</{tag}>'


def span_html(span: Span, lang: str) -> str:
    text = html.escape(span.text, quote=False)
    if span.mark is Mark.SAME:
        return text
    tag = "del" if span.mark is Mark.DELETED else "ins"
    spoken = html.escape(label(span.mark.value, lang))
    return f'<{tag}><span class="policy-sr">{spoken} </span>{text}</{tag}>'


def redline_text(redline: Redline, color: bool) -> list[str]:
    """The redline for a terminal: changed blocks in full, unchanged paragraphs counted, not shown."""
    lines = []
    for fold, run in folded_runs(redline):
        if fold is Kind.UNCHANGED:
            clauses = clause_range(run)
            lines.append(f"  … {len(run)} unchanged" + (f" ({clauses})" if clauses else ""))
            continue
        for change in run:
            heading = "#" * change.block.heading_level + " " if change.block.heading_level else ""
            body = "".join(span_text(span, color) for span in change.spans)
            lines.append(f"{KIND_MARKERS[change.kind]} {heading}{body}")
    return lines


def span_text(span: Span, color: bool) -> str:
    if span.mark is Mark.SAME:
        return span.text
    start, end = (ANSI_MARKS if color else PLAIN_MARKS)[span.mark]
    return f"{start}{span.text}{end}"


def comparison_text(comparison: Comparison, color: bool) -> list[str]:
    """What `policy diff` prints: the versions, the clauses changed, added and removed, the redline."""
    old, new, redline = comparison.old, comparison.new, comparison.redline
    lines = [f"Version {old.id} ({old.effective}) → version {new.id} ({new.effective}), {comparison.lang}:"]
    if not redline.has_changes:
        lines.append("  no changes in this language.")
    lines += [f"  {kind_name(kind)}: {names}" for kind, names in listed(redline)]
    return [*lines, "", *redline_text(redline, color)]


def kind_name(kind: Kind) -> str:
    return "typography only" if kind is Kind.TYPOGRAPHY else kind.value


def listed(redline: Redline) -> list[tuple[Kind, str]]:
    """The changed (in words, in typography only), added and removed clauses, by number, with the old
    number of a renumbered one."""
    found = []
    for kind in (Kind.CHANGED, Kind.TYPOGRAPHY, Kind.ADDED, Kind.REMOVED):
        changes = redline.of_kind(kind)
        if changes:
            names = [
                (c.number or "unnumbered") + (f" (was {c.renumbered_from})" if c.renumbered_from else "")
                for c in changes
            ]
            found.append((kind, ", ".join(names)))
    return found


def comparison_markdown(comparisons: Sequence[Comparison]) -> str:
    """The change as reviewers read it where GitHub shows Markdown: the versions and their dates,
    then per language the summary and each changed clause, deletions and insertions marked."""
    old, new = comparisons[0].old, comparisons[0].new
    kind = "material: users must accept it again" if new.material else "editorial"
    parts = [
        f"### Version {new.id} ({kind}), taking effect on {new.effective}",
        f"Compared with version {old.id} ({old.effective}).",
    ]
    for comparison in comparisons:
        redline = comparison.redline
        parts.append(f"#### {comparison.lang}")
        parts.append("> " + html.escape(new.summary.get(comparison.lang, ""), quote=False))
        parts += [
            " · ".join(f"**{kind_name(k).capitalize()}:** {names}" for k, names in listed(redline))
            or "No change in this language."
        ]
        parts += [clause_markdown(change) for change in redline.changes if change.kind is not Kind.UNCHANGED]
    return "\n\n".join(parts) + "\n"


def clause_markdown(change: ClauseChange) -> str:
    body = "".join(span_markdown(span) for span in change.spans)
    return f"<p><strong>{body}</strong></p>" if change.block.heading_level else f"<p>{body}</p>"


def span_markdown(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.mark is Mark.SAME:
        return text
    tag = "del" if span.mark is Mark.DELETED else "ins"
    return f"<{tag}>{text}</{tag}>"
