"""Typography: marks that are written several ways and read as one.

An apostrophe is typed ’, ʼ, ʻ or ', quotes as « », „ “ or " ", a dash as –, — or -, a space as a
no-break space. A clause whose text is the same once each of these is mapped to one form changed its
typography only, and a redline says so (sources/redline.py). The marks are mapped, never dropped as
search drops apostrophes (words.py): `oʻ` and `o'` are one spelling, `o` and `oʻ` two words.
theme/assets/typography.js maps them with this very table; tests/typography.json holds the pairs
both sides must give.
"""

from __future__ import annotations

import re

from .words import APOSTROPHES

# Each mark is written as the first of its class. A hyphen is a dash here: no words of the policy
# differ by a hyphen against a dash alone, and "2026–2027" and "2026-2027" are one range.
EQUIVALENTS = {
    "'": APOSTROPHES,
    '"': '"«»„“”‟',
    "-": "-‐‑‒–—―−",
    " ": " \u00a0\u202f\u2007\u2009",
}
ONE_FORM = str.maketrans({"…": "...", **{mark: first for first, marks in EQUIVALENTS.items() for mark in marks}})
SPACES = re.compile(" +")


def plain_typography(text: str) -> str:
    """The text with each typographic mark in one form, an ellipsis as three dots, spaces as one."""
    return SPACES.sub(" ", text.translate(ONE_FORM)).strip()
