"""Light and dark, in Chromium at 320 px, in every language: a reader whose system prefers dark gets
the theme's dark scheme (slate) on every kind of page, with no contrast axe refuses, and the scheme
follows the system as it changes; the header's toggle goes light, dark and back to the system's, is
named in the page's language, and the reader's choice outlives a reload and holds on the other pages
and languages, all under the pages' Content-Security-Policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page

from browser_support import axe_violations, describe_violations, every_page, reader, run_search, watched
from policy.publication.labels import label
from support import AFTER_1_1, BEFORE_1_1, LANG_PREFIXES

Served = Callable[[str, dt.date], str]
PHONE = {"viewport": {"width": 320, "height": 640}}
Preference = Literal["light", "dark"]
SCHEMES: dict[Preference, str] = {"light": "default", "dark": "slate"}
"""The theme's scheme for each preference of the reader's system."""


def scheme(page: Page) -> str:
    return str(page.evaluate("() => document.body.dataset.mdColorScheme"))


def toggle(page: Page, to: str) -> None:
    """Tap the header's toggle, the one the theme shows, and wait for the scheme it switches to."""
    shown = page.locator("[data-md-component=palette] label:not([hidden])")
    assert shown.count() == 1, "the header shows no palette toggle, or more than one"
    shown.click()
    page.wait_for_function("to => document.body.dataset.mdColorScheme === to", arg=to)


@pytest.mark.parametrize(("name", "as_of", "url"), every_page())
def test_a_dark_system_gets_the_dark_scheme_and_every_text_stands_out(
    browser: Browser, served: Served, name: str, as_of: dt.date, url: str
) -> None:
    context = reader(browser, as_of, color_scheme="dark", **PHONE)
    try:
        page = context.new_page()
        page.goto(served(name, as_of) + url)
        page.wait_for_load_state("networkidle")
        assert scheme(page) == "slate"
        violations = axe_violations(page)
        assert not violations, f"/{url} of {name} as built on {as_of}, dark:\n{describe_violations(violations)}"
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANG_PREFIXES.values())
def test_in_dark_search_results_the_newer_version_notice_and_a_clause_opened_stand_out(
    browser: Browser, served: Served, prefix: str
) -> None:
    context = reader(browser, AFTER_1_1, color_scheme="dark", **PHONE)  # 1.1 in force, the site built before
    try:
        page = context.new_page()
        page.goto(served("two-versions", BEFORE_1_1) + prefix + "versions/1.0/#2-1")
        page.locator(".policy-newer").wait_for(state="visible")
        page.click(".md-header label[for=__search]")  # a phone's header shows the search as a button
        assert run_search(page, "2.1")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


@pytest.mark.parametrize("prefix", LANG_PREFIXES.values())
def test_until_the_reader_chooses_the_scheme_follows_the_system_as_it_changes(
    browser: Browser, served: Served, prefix: str
) -> None:
    with watched(browser, BEFORE_1_1, color_scheme="dark", **PHONE) as (context, complaints):
        page = context.new_page()
        page.goto(served("two-versions", BEFORE_1_1) + prefix + "versions/")
        page.wait_for_load_state("networkidle")
        assert scheme(page) == "slate"
        for system in SCHEMES:
            page.emulate_media(color_scheme=system)
            page.reload()
            page.wait_for_load_state("networkidle")
            assert scheme(page) == SCHEMES[system], f"the page kept its scheme when the system turned {system}"
        assert complaints == []


@pytest.mark.parametrize("system", SCHEMES)
@pytest.mark.parametrize(("lang", "prefix"), LANG_PREFIXES.items())
def test_the_toggle_goes_light_dark_and_back_to_the_system_named_in_the_language_and_its_choice_holds(
    browser: Browser, served: Served, system: Preference, lang: str, prefix: str
) -> None:
    other = next(preference for preference in SCHEMES if preference != system)
    base = served("two-versions", BEFORE_1_1)
    with watched(browser, BEFORE_1_1, color_scheme=system, **PHONE) as (context, complaints):
        page = context.new_page()
        page.goto(base + prefix + "versions/")
        page.wait_for_load_state("networkidle")
        assert scheme(page) == SCHEMES[system]
        shown = page.locator("[data-md-component=palette] label:not([hidden])")
        assert shown.get_attribute("title") == label("to_light_scheme", lang)
        toggle(page, "default")
        assert shown.get_attribute("title") == label("to_dark_scheme", lang)
        page.emulate_media(color_scheme=other)
        page.reload()
        page.wait_for_load_state("networkidle")
        assert scheme(page) == "default", "the reader's choice did not outlive a reload and a change of system"
        toggle(page, "slate")
        assert shown.get_attribute("title") == label("to_system_scheme", lang)
        elsewhere = next(code for code in LANG_PREFIXES if code != lang)
        page.goto(base + LANG_PREFIXES[elsewhere] + "changelog/")
        page.wait_for_load_state("networkidle")
        assert scheme(page) == "slate", "the reader's choice did not reach a page in another language"
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        toggle(page, SCHEMES[other])  # back to the system's, which is now the other
        assert complaints == []
