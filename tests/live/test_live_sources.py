"""The live policy passes the checker, and its first version is the text published on the web."""

from __future__ import annotations

import datetime as dt
import re

from policy import commands
from policy.sources.versions import Loaded, Policy
from support import REPO

SOURCE = REPO / "sources" / "qlever-privacy-policy.uz.txt"
PAGE_CHROME_LINES = 5  # the loading message, "Orqaga", a blank line, the page heading, a blank line (sources/README.md)


def test_the_live_policy_passes_the_checker_on_the_day_of_its_last_commit(
    live_policy: Policy, last_commit_day: dt.date
) -> None:
    report = commands.check(Loaded(live_policy, []), last_commit_day)
    assert report.errors == [], "\n".join(p.describe(REPO) for p in report.errors)


def paragraphs(text: str) -> list[str]:
    """Non-blank lines: whitespace-only lines in the capture are empty paragraphs of the web page."""
    return [line for line in text.splitlines() if line.strip()]


def test_the_uzbek_text_of_1_0_is_the_published_source_word_for_word(live_policy: Policy) -> None:
    published = SOURCE.read_text(encoding="utf-8").split("\n")[PAGE_CHROME_LINES:]
    text = live_policy.version("1.0").read_text("uz")
    assert paragraphs(re.sub(r"^#{1,6} ", "", text, flags=re.MULTILINE)) == paragraphs("\n".join(published))


def test_the_source_starts_with_the_document_title() -> None:
    assert SOURCE.read_text(encoding="utf-8").split("\n")[PAGE_CHROME_LINES] == "Konfidensiallik siyosati"


def test_only_headings_are_added_to_the_source_as_markdown(live_policy: Policy) -> None:
    text = live_policy.version("1.0").read_text("uz")
    markup = [line for line in paragraphs(text) if re.match(r"^\W", line) and not line.startswith(("# ", "## ", "«"))]
    assert markup == []
