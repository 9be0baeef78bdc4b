"""Per-language search indexes that find the clause, however the reader types their apostrophes.

The theme writes one index for all languages; readers of one language should only find pages
in it. Lunr (the theme's search) has no Uzbek or Kyrgyz, so each index gets a plain pipeline and a
separator that splits on spaces and punctuation but not inside a word (`5.2`, `2024` and `maʼlumot`
stay whole). The browser folds every word it indexes and every query to one form (`malumot` for
`maʼlumot`, `ma'lumot` and `malumot`; `тендик` for `теңдик`) with the table the index carries,
sources/words.py's FOLDS (theme/assets/javascripts/workers/policy-search.js), so that the reader
finds the same clauses however they type.

The theme makes one entry per section; each clause gets its own, titled with its number and
linking to its anchor (`versions/1.1/#5-2`), so a result opens the clause it found. A paragraph
is a clause as markdown_ext.py anchors it: its text starts with a number. The index also carries
each version's name and the moment it takes effect, and the names of the statuses, so that a
result says which version it comes from and whether it is in force on the reader's day.
"""

from __future__ import annotations

import re
from typing import Any

from ..sources.clauses import NUMBER, clause_anchor
from ..sources.versions import Policy
from ..sources.words import FOLDS
from .labels import label

SEPARATOR = r"[\s\-–—,:;!?«»“”„\"()\[\]/]+"
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
INDEX_CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": []}


def split_index(
    index: dict[str, Any], languages: tuple[str, ...], default: str, policy: Policy | None = None
) -> dict[str, dict[str, Any]]:
    """One index per language, locations relative to that language's root, each carrying the
    folding table and, given the policy, its versions' facts in that language."""
    split: dict[str, dict[str, Any]] = {
        lang: {"config": {**index.get("config", {}), **INDEX_CONFIG, "policy": search_facts(lang, policy)}, "docs": []}
        for lang in languages
    }
    for doc in index.get("docs", []):
        lang, location = locate(doc["location"], languages, default)
        split[lang]["docs"] += by_clause({**doc, "location": location})
    return split


def search_facts(lang: str, policy: Policy | None) -> dict[str, Any]:
    """What the browser's search needs beside the entries: how to fold a word, and for each version
    its name and the moment it takes effect (the reader's clock decides its status)."""
    folds = {chr(code): target or "" for code, target in sorted(FOLDS.items())}
    if policy is None:
        return {"fold": folds}
    versions = {
        v.id: {"name": label("version", lang, id=v.id), "effective_from": v.effective_from(policy.settings).isoformat()}
        for v in policy.versions
    }
    statuses = {status: label(f"status_{status}", lang) for status in ("current", "upcoming", "superseded")}
    return {"fold": folds, "versions": versions, "statuses": statuses}


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
