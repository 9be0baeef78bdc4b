"""Translations that were left behind: a clause whose authoritative text changed in a version while
its translation stayed, word for word, as it was in the version before.

Clauses are paired as the redline pairs them, by content, and compared by their words as a search
folds them, so a renumbering or a retyped apostrophe alone changes nothing.
A change that needs no translation (a typo of the authoritative text) is acknowledged in the
version's `needs_no_translation`; a translation changed alone is worth a word in its summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import Problem
from .redline import ClauseChange, block_key, compare_texts
from .versions import METADATA_FILE, Version


def reworded(old: str, new: str) -> dict[str, int]:
    """The clauses (by new number) whose words changed from one text to the next, with their lines.

    Clauses whose words differ have changed, so their words are never compared one by one here."""
    return {
        change.new.number: change.new.line
        for change in compare_texts(old, new).changes
        if change.new and change.new.number and words_changed(change)
    }


def words_changed(change: ClauseChange) -> bool:
    """More than the number or the apostrophes: a clause renumbered, or whose oʻ is retyped, has not changed."""
    return change.old is not None and change.new is not None and block_key(change.old) != block_key(change.new)


def find_stale_translations(
    version: Version, previous: Version, authority: str, old: Mapping[str, str], new: Mapping[str, str]
) -> list[Problem]:
    """old and new: the previous version's texts and this version's, by language."""
    if authority not in old or authority not in new:
        return []
    source = reworded(old[authority], new[authority])
    acknowledged = version.needs_no_translation
    metadata = version.folder / METADATA_FILE
    problems = []
    for lang in new:
        if lang == authority or lang not in old:
            continue
        translated = reworded(old[lang], new[lang])
        path = version.text_path(lang)
        problems += [
            stale(path, number, authority, lang, version.id, previous.id)
            for number in source
            if number not in translated and number not in acknowledged.get(lang, ())
        ]
        for number, line in translated.items():
            if number not in source and number not in version.summary.get(lang, ""):
                problems.append(translated_alone(path, line, number, authority, lang))
        problems += unused_acknowledgements(metadata, lang, acknowledged.get(lang, ()), source, translated)
    return problems


def stale(path: Path, number: str, authority: str, lang: str, version_id: str, previous_id: str) -> Problem:
    return Problem(
        path,
        None,
        f"clause {number} changed in {authority}.md but not in {lang}.md (it is as it was in version {previous_id})",
        f"Translate the change; or, if this translation needs none, acknowledge it in {version_id}/{METADATA_FILE}: "
        f'needs_no_translation = {{ {lang} = ["{number}"] }}',
    )


def translated_alone(path: Path, line: int, number: str, authority: str, lang: str) -> Problem:
    return Problem(
        path,
        line,
        f"clause {number} changed in {lang}.md but not in {authority}.md",
        f"Say so in the {lang} summary, naming clause {number} (a correction of the translation)",
        "warning",
    )


def unused_acknowledgements(
    metadata: Path,
    lang: str,
    acknowledged: tuple[str, ...] | list[str],
    source: dict[str, int],
    translated: dict[str, int],
) -> list[Problem]:
    return [
        Problem(
            metadata,
            None,
            f"needs_no_translation lists clause {number} for {lang!r}, "
            + (
                f"which {lang}.md translates" if number in translated else "which the authoritative text did not change"
            ),
            "Remove it from the list",
            "warning",
        )
        for number in acknowledged
        if number not in source or number in translated
    ]
