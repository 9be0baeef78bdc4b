"""Every PDF of the live site says the words of its text in order, embeds its fonts, is PDF/A-3a and PDF/UA-1
with its source inside, opens each clause's destination at its page, and is listed in the feed and the archive
with its hash. A PDF does not depend on the day
of the build, so the site built as of the day of the last commit is read."""

from __future__ import annotations

from pdf_checks import (
    archival_problems,
    feed_and_archive_problems,
    misplaced_clauses,
    unembedded_fonts,
    wrong_words,
)
from policy.sources.versions import Policy
from support import LiveSite


def test_every_pdf_says_the_words_of_its_text_in_order(live_policy: Policy, live_sites: list[LiveSite]) -> None:
    assert wrong_words(live_policy, live_sites[0].folder) == []


def test_every_pdf_embeds_every_font(live_policy: Policy, live_sites: list[LiveSite]) -> None:
    assert unembedded_fonts(live_policy, live_sites[0].folder) == []


def test_every_pdf_is_archival_with_its_source_destinations_and_bookmarks(
    live_policy: Policy, live_sites: list[LiveSite]
) -> None:
    assert archival_problems(live_policy, live_sites[0].folder) == []


def test_every_clauses_destination_opens_the_page_it_starts_on(live_policy: Policy, live_sites: list[LiveSite]) -> None:
    assert misplaced_clauses(live_policy, live_sites[0].folder) == []


def test_the_feed_and_the_archive_name_every_pdf_with_its_hash(live_sites: list[LiveSite]) -> None:
    assert [problem for site in live_sites for problem in feed_and_archive_problems(site.folder)] == []
