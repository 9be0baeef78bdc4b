"""The texts of the site's own interface, in every language of the policy, and dates as each writes them.

Each text is a whole sentence or phrase in which the words around a value agree with it: a
version is named inside each sentence (`Редакция {id}`, `редакцией {id}`), never passed in as a
ready-made name, and a Kyrgyz date takes the case its sentence needs (`{date:ablative} тартып`).
Words in `[brackets]({url})` are a link when the text goes into a page, and plain words elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from babel.dates import format_date

from ..sources.versions import Policy, Version

LABELS_DIR = files("policy.publication") / "labels"
"""One TOML file per language: `[labels]`, the interface's texts, and `[language_names]`."""


@cache
def interface(lang: str) -> dict[str, Any]:
    """The interface's texts in a language, as its file states them; {} when it has none."""
    source = LABELS_DIR / f"{lang}.toml"
    return tomllib.loads(source.read_text(encoding="utf-8")) if source.is_file() else {}


def find_missing_texts(languages: Sequence[str], reference: str) -> dict[str, dict[str, list[str]]]:
    """For each language lacking any: the labels the reference language has and it lacks, and the
    languages it has no name for (`{"tg": {"labels": [...], "language_names": ["tg"]}}`)."""
    missing = {}
    for lang in languages:
        texts = interface(lang)
        lacking = {
            "labels": [key for key in interface(reference).get("labels", {}) if key not in texts.get("labels", {})],
            "language_names": [name for name in languages if name not in texts.get("language_names", {})],
        }
        if any(lacking.values()):
            missing[lang] = lacking
    return missing


# Kyrgyz writes a date with the month in the possessive (`2026-жылдын 15-декабры`), so that it
# can take a case ending: `15-декабрынан тартып` (from), `15-декабрында` (on).
KYRGYZ_MONTHS = (
    "январы",
    "февралы",
    "марты",
    "апрели",
    "майы",
    "июну",
    "июлу",
    "августу",
    "сентябры",
    "октябры",
    "ноябры",
    "декабры",
)
KYRGYZ_CASES = {"": "", "ablative": "нан", "locative": "нда"}
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Day:
    """A date as a language writes it; in a label, `{date:ablative}` asks for a case (Kyrgyz only)."""

    day: dt.date
    lang: str

    def __format__(self, case: str) -> str:
        return written_day(self.day, self.lang, case)

    def __str__(self) -> str:
        return format(self, "")


@cache  # every page names its version's date, and Babel takes a while to write one
def written_day(day: dt.date, lang: str, case: str) -> str:
    if lang == "ky":
        return kyrgyz_day(day, case)
    if case:
        raise ValueError(f"a date in {lang!r} has no case {case!r}")
    if lang == "uz":  # the official style: 2026-yil 15-dekabr
        return format_date(day, "y-'yil' d-MMMM", locale="uz_Latn")
    return format_date(day, "long", locale=lang)


def kyrgyz_day(day: dt.date, case: str) -> str:
    if case not in KYRGYZ_CASES:
        raise ValueError(f"a Kyrgyz date has no case {case!r}; the cases are: {', '.join(filter(None, KYRGYZ_CASES))}")
    month = KYRGYZ_MONTHS[day.month - 1]
    ending = KYRGYZ_CASES[case]
    if month.endswith("и"):  # a front vowel takes front endings: апрелинен, апрелинде
        ending = ending.replace("а", "е")
    return f"{day.year}-жылдын {day.day}-{month}{ending}"


def label(key: str, lang: str, **values: object) -> str:
    """An interface text in a language, with its {placeholders} filled in."""
    text: str = interface(lang)["labels"][key]
    return text.format(**values)


def change_kind(policy: Policy, version: Version, lang: str) -> str:
    """What a version is to its readers: the first text, or a material or an editorial change."""
    if policy.previous(version) is None:
        return label("first_version", lang)
    return label("material" if version.material else "editorial", lang)


def language_name(lang: str, written_in: str) -> str:
    """A language's name as another writes it in the translation note: `узбекском` in Russian."""
    name: str = interface(written_in)["language_names"][lang]
    return name


def plain(text: str) -> str:
    """A label's text without its links, for where no link can go (a page's description, Atom)."""
    return MARKDOWN_LINK.sub(r"\1", text)


def format_day(day: dt.date, lang: str) -> str:
    """A date written out as readers of that language write it."""
    return str(Day(day, lang))
