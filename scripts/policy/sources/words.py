"""Words as readers type them: apostrophes of every kind, and letters beyond the basic alphabet.

The same word is written `maʼlumot`, `ma’lumot` and `ma'lumot`, and typed `malumot` or `тендик`
(for `теңдик`) by readers without those keys. Folding them to one form lets search find a word
however it is typed, and lets a redline pair clauses whose apostrophes alone changed. The search
index carries FOLDS (publication/search.py), so that the browser folds the words it indexes and the
reader's query with this very table; tests/folding.json holds the pairs both sides must give.
"""

from __future__ import annotations

import re

APOSTROPHES = "’ʻʼ'‘`´"
WORD = re.compile(rf"[\w{APOSTROPHES}]+")
FOLDS = str.maketrans(
    {"ң": "н", "ө": "о", "ү": "у", "ё": "е", "ğ": "g", "ş": "sh", "ç": "ch", **dict.fromkeys(APOSTROPHES)}
)


def fold(word: str) -> str:
    """A word as typed without apostrophes or letters beyond the basic alphabet."""
    return word.lower().translate(FOLDS)
