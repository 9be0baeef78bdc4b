"""A page read after a version took effect, from a copy built before (a phone opening yesterday's
copy), in headless Chromium at 320 px: every part of it that depends on the day (data-dated: the
status box, its upcoming notice, the archive's and the changelog's statuses and links, the note on
the text's last change) says what a build of that day says, as the newer-version notice does; on the
build's own day, and without JavaScript, the page stays as built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from browser_support import reader, reading_time
from policy.publication.labels import label
from support import AFTER_1_1, BEFORE_1_1, CHAIN_AFTER_2_0, CHAIN_BEFORE_2_0, LANG_PREFIXES

Served = Callable[[str, dt.date], str]
PHONE = {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2, "is_mobile": True}
# The pages whose parts depend on the day, the same page in a build of a later day.
PAGES = ["versions/1.0/", "versions/1.1/", "versions/", "changelog/", "changes/1.1/"]
BEFORE_1_0 = dt.date(2026, 11, 1)
Parts = list[tuple[str, str, list[str]]]


def dated_parts(page: Page, base: str) -> Parts:
    """Each dated part of a page: its class, its words as shown and its links (the site's address taken off)."""
    parts = page.locator("[data-dated]")
    return [
        (
            part.get_attribute("class") or "",
            part.inner_text(),
            [(a.get_attribute("href") or "").replace(base, "/") for a in part.locator("a").all()],
        )
        for part in parts.all()
    ]


def read(browser: Browser, url: str, base: str, day: dt.date, javascript: bool = True) -> Parts:
    context = reader(browser, day, java_script_enabled=javascript, **PHONE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    parts = dated_parts(page, base)
    context.close()
    return parts


@pytest.mark.parametrize("lang", LANG_PREFIXES)
@pytest.mark.parametrize("path", PAGES)
def test_a_copy_built_before_a_version_took_effect_says_what_a_build_of_the_day_says(
    browser: Browser, served: Served, lang: str, path: str
) -> None:
    before, after = served("two-versions", BEFORE_1_1), served("two-versions", AFTER_1_1)
    prefix = LANG_PREFIXES[lang]
    stale = read(browser, before + prefix + path, before, AFTER_1_1)
    fresh = read(browser, after + prefix + path, after, AFTER_1_1)
    assert stale, f"/{prefix}{path} has no dated part"
    assert stale == fresh


@pytest.mark.parametrize("lang", LANG_PREFIXES)
@pytest.mark.parametrize("path", ["", *PAGES])
def test_on_the_builds_day_or_without_javascript_the_page_stands_as_built(
    browser: Browser, served: Served, lang: str, path: str
) -> None:
    before = served("two-versions", BEFORE_1_1)
    url = before + LANG_PREFIXES[lang] + path
    built = read(browser, url, before, AFTER_1_1, javascript=False)
    assert read(browser, url, before, BEFORE_1_1) == built
    assert built != read(browser, url, before, AFTER_1_1), "the copy read later did not change: the test shows nothing"


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_the_home_page_read_later_says_its_version_was_superseded_and_leads_to_the_one_in_force(
    browser: Browser, served: Served, lang: str
) -> None:
    before, after = served("two-versions", BEFORE_1_1), served("two-versions", AFTER_1_1)
    prefix = LANG_PREFIXES[lang]
    context = reader(browser, AFTER_1_1, **PHONE)
    page = context.new_page()
    page.goto(after + prefix + "versions/1.0/")
    superseded = page.locator(".policy-status")
    kind, lines = superseded.get_attribute("class"), superseded.locator("p").all_inner_texts()
    page.goto(before + prefix)
    box = page.locator(".policy-status")
    assert box.get_attribute("class") == kind
    assert box.locator("p").all_inner_texts()[:2] == lines[:2]
    assert box.get_by_role("link", name=label("read_current", lang)).get_attribute("href") == "versions/1.1/"
    page.locator(".policy-newer").wait_for(state="visible")
    assert page.locator(".policy-newer a").get_attribute("href") == before + prefix + "versions/1.1/"
    context.close()


def test_each_later_day_a_version_takes_effect_is_read_in_its_turn(browser: Browser, served: Served) -> None:
    """Built before any version took effect and read on each version's day, the archive says what a
    build of that day says."""
    before = served("chain", BEFORE_1_0)
    for day in (dt.date(2026, 11, 24), dt.date(2027, 1, 10), CHAIN_AFTER_2_0):
        fresh = served("chain", day)
        stale = read(browser, before + "ru/versions/", before, day)
        assert len(stale) == 3
        assert stale == read(browser, fresh + "ru/versions/", fresh, day)


def test_the_start_of_the_day_in_the_policys_time_zone_is_the_instant_the_parts_change(
    page: Page, served: Served
) -> None:
    before = served("two-versions", BEFORE_1_1)
    starts = dt.datetime.combine(AFTER_1_1, dt.time(), tzinfo=reading_time(AFTER_1_1).tzinfo)
    page.clock.set_fixed_time(starts - dt.timedelta(seconds=1))
    page.goto(before + "ru/versions/1.1/")
    assert page.locator(".policy-status").get_attribute("class") == "policy-status policy-status--upcoming"
    page.clock.set_fixed_time(starts)
    page.reload()
    assert page.locator(".policy-status").get_attribute("class") == "policy-status policy-status--current"


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_the_comparison_unasked_is_of_the_version_in_force_on_the_readers_day(
    browser: Browser, served: Served, lang: str
) -> None:
    before = served("chain", CHAIN_BEFORE_2_0)
    url = before + LANG_PREFIXES[lang] + "compare/"

    def chosen(day: dt.date, query: str = "") -> tuple[str, str]:
        context = reader(browser, day, **PHONE)
        page = context.new_page()
        page.goto(url + query)
        page.locator(".policy-compare").wait_for()
        pair = (page.locator("#compare-from").input_value(), page.locator("#compare-to").input_value())
        context.close()
        return pair

    assert chosen(CHAIN_BEFORE_2_0) == ("1.0", "1.1")
    assert chosen(CHAIN_AFTER_2_0) == ("1.1", "2.0")
    assert chosen(CHAIN_AFTER_2_0, "?from=1.0&to=1.1") == ("1.0", "1.1")


# Notes the dated elements as the parser makes them, before policy.js runs.
AS_PARSED = """
new MutationObserver(function () {
  window.parsed = window.parsed || [];
  document.querySelectorAll("[data-dated]").forEach(function (part) {
    if (window.parsed.indexOf(part) < 0) window.parsed.push(part);
  });
}).observe(document, { childList: true, subtree: true });
"""


def test_the_words_change_in_the_elements_the_page_was_parsed_with(browser: Browser, served: Served) -> None:
    before = served("two-versions", BEFORE_1_1)
    context = reader(browser, AFTER_1_1, **PHONE)
    page = context.new_page()
    page.add_init_script(AS_PARSED)
    page.goto(before + "ru/versions/1.0/")
    assert page.locator(".policy-status").get_attribute("class") == "policy-status policy-status--superseded"
    kept = "window.parsed.length > 0 && window.parsed.every(function (part) { return part.isConnected; })"
    assert page.evaluate(kept)
    assert page.evaluate("window.parsed.length") == page.locator("[data-dated]").count()
    context.close()
