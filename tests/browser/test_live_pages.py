"""Every page of the live site, loaded in Chromium as a reader loads it: it passes axe-core's WCAG 2.1
A and AA rules, and asks no other host for anything and sets no cookie. Searching works from each
language's home page, for the first word of the policy's title (the search worker loads its
files lazily, once per language)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser_support import axe_violations, describe_violations, recorded, run_search
from policy.sources.versions import Policy
from support import LANG_PREFIXES, LiveSite

pytestmark = pytest.mark.live  # the gate over the live policy's pages


def page_problems(browser: Browser, site: LiveSite, url: str, query: str | None) -> list[str]:
    """What is wrong with one page: its answer, axe's violations, requests elsewhere, cookies."""
    problems = []
    with recorded(browser, site.url, site.as_of) as (context, requests):
        page = context.new_page()
        response = page.goto(site.url + url)
        if response is None or response.status != 200:
            return [f"answered {response and response.status}"]
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        if violations:
            problems.append(describe_violations(violations))
        if query is not None and not run_search(page, query):
            problems.append(f"searching {query!r} found nothing")
        page.wait_for_load_state("networkidle")
        problems += [f"asked another host for {request}" for request in requests if not request.startswith(site.url)]
        if context.cookies() or page.evaluate("document.cookie"):
            problems.append("set a cookie")
    return problems


def test_every_page_is_accessible_and_asks_no_one_else(
    browser: Browser, live_policy: Policy, live_sites: list[LiveSite]
) -> None:
    homes = {
        prefix: live_policy.settings.title[lang].split()[0]
        for lang, prefix in LANG_PREFIXES.items()
        if lang in live_policy.settings.languages
    }
    found = []
    for site in live_sites:
        pages = sorted(
            p.relative_to(site.folder).as_posix()
            for p in site.folder.rglob("*.html")
            if "api" not in p.relative_to(site.folder).parts
        )
        for path in pages:
            url = path.removesuffix("index.html")
            found += [
                f"/{url} as of {site.as_of}: {problem}" for problem in page_problems(browser, site, url, homes.get(url))
            ]
    assert not found, "\n".join(found)
