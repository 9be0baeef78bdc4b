"""Per-language search indexes that find the clause, however the reader types their apostrophes.

The theme writes one index for all languages; readers of one language should only find pages
in it. Lunr (the theme's search) has no Uzbek or Kyrgyz, so each index gets a plain pipeline,
a separator that splits on punctuation and apostrophes (so `5.2`, `2024` and `ma'lumot` are
found), and, hidden in each entry, the folded form of every word (`malumot` for `maʼlumot`,
`тендик` for `теңдик`), which readers without those keys type.

The theme makes one entry per section; each clause gets its own, titled with its number and
linking to its anchor (`versions/1.1/#5-2`), so a result opens the clause it found. A paragraph
is a clause as markdown_ext.py anchors it: its text starts with a number.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..sources.clauses import NUMBER, clause_anchor
from ..sources.words import APOSTROPHES, WORD, fold

SEPARATOR = r"[\s\-–—,:;!?«»“”„\"()\[\]/" + APOSTROPHES + r"]+"
TAG = re.compile(r"<[^>]+>")
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
INDEX_CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": []}


def folded_forms(text: str) -> list[str]:
    """The folded forms of a text's words that differ from how they are written, in order."""
    words = WORD.findall(html.unescape(TAG.sub(" ", text)))
    return list(dict.fromkeys(f for w in dict.fromkeys(words) if (f := fold(w)) != w.lower() and f))


def split_index(index: dict[str, Any], languages: tuple[str, ...], default: str) -> dict[str, dict[str, Any]]:
    """One index per language, locations relative to that language's root, with folded forms."""
    config = {**index.get("config", {}), **INDEX_CONFIG}
    split: dict[str, dict[str, Any]] = {lang: {"config": config, "docs": []} for lang in languages}
    for doc in index.get("docs", []):
        lang, location = locate(doc["location"], languages, default)
        split[lang]["docs"] += [with_folded_forms(entry) for entry in by_clause({**doc, "location": location})]
    return split


def by_clause(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A section's entry without its clauses, then one entry per clause, in the order of the text."""
    page = doc["location"].partition("#")[0]
    clauses = []

    def take(paragraph: re.Match[str]) -> str:
        number = NUMBER.match(paragraph.group(1))
        if number is None:
            return paragraph.group(0)
        text = paragraph.group(1)[number.end() :].strip()
        anchor = clause_anchor(number.group(1))
        clauses.append({"location": f"{page}#{anchor}", "title": number.group(1), "text": f"<p>{text}</p>"})
        return ""

    rest = PARAGRAPH.sub(take, doc.get("text", ""))
    return [{**doc, "text": " ".join(rest.split())}, *clauses] if clauses else [doc]


def locate(location: str, languages: tuple[str, ...], default: str) -> tuple[str, str]:
    first, _, rest = location.partition("/")
    if first in languages and first != default:
        return first, rest
    return default, location


def with_folded_forms(doc: dict[str, Any]) -> dict[str, Any]:
    forms = folded_forms(f"{doc.get('title', '')} {doc.get('text', '')}")
    if not forms:
        return doc
    return {**doc, "text": f"{doc.get('text', '')}<span hidden> {' '.join(forms)}</span>"}
