"""Version 1.0's Uzbek text is the published seed, word for word, with only Markdown added."""

from __future__ import annotations

import re

from conftest import REPO, SEED

PAGE_CHROME_LINES = 5  # the loading message, "Orqaga", a blank line, the page heading, a blank line


def paragraphs(text: str) -> list[str]:
    """Non-blank lines: whitespace-only lines in the seed are empty paragraphs of the web page."""
    return [line for line in text.splitlines() if line.strip()]


def strip_markdown(markdown: str) -> str:
    return re.sub(r"^#{1,6} ", "", markdown, flags=re.MULTILINE)


def test_uz_text_of_1_0_is_the_seed_document_word_for_word() -> None:
    seed = SEED.read_text(encoding="utf-8").split("\n")[PAGE_CHROME_LINES:]
    text = (REPO / "versions" / "1.0" / "uz.md").read_text(encoding="utf-8")
    assert paragraphs(strip_markdown(text)) == paragraphs("\n".join(seed))


def test_the_seed_starts_with_the_document_title() -> None:
    seed = SEED.read_text(encoding="utf-8").split("\n")
    assert seed[PAGE_CHROME_LINES] == "Konfidensiallik siyosati"


def test_only_headings_are_added_as_markdown() -> None:
    text = (REPO / "versions" / "1.0" / "uz.md").read_text(encoding="utf-8")
    markup = [line for line in paragraphs(text) if re.match(r"^\W", line) and not line.startswith(("# ", "## ", "«"))]
    assert markup == []
