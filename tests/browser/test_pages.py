"""Every kind of page the code writes, in every language, loaded in Chromium as a reader loads it:
it passes axe-core's WCAG 2.1 A and AA rules, searching from it works, and it asks no other host
for anything and sets no cookie.

Every request of the browser context is recorded (the page's, its scripts', the search worker's);
those to any origin but the served site's are blocked, so the tests need no network to fail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from browser_support import axe_violations, describe_violations, every_page, recorded, run_search, search
from support import BEFORE_1_1


@pytest.mark.parametrize(("name", "as_of", "url"), every_page())
def test_each_kind_of_page_is_accessible_searchable_and_asks_no_one_else(
    browser: Browser, served: Callable[[str, dt.date], str], name: str, as_of: dt.date, url: str
) -> None:
    base = served(name, as_of)
    with recorded(browser, base, as_of) as (context, requests):
        page = context.new_page()
        response = page.goto(base + url)
        assert response is not None, f"/{url} did not answer"
        assert response.status == 200, f"/{url} answered {response.status}"
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page)
        assert not violations, f"/{url} of {name} as built on {as_of}:\n{describe_violations(violations)}"
        assert run_search(page, "2.1"), "the search found nothing, so its worker may not have loaded what it needs"
        page.wait_for_load_state("networkidle")
        elsewhere = [request for request in requests if not request.startswith(base)]
        assert not elsewhere, f"/{url} asked other hosts for:\n" + "\n".join(elsewhere)
        assert context.cookies() == []
        assert page.evaluate("document.cookie") == ""
    assert base + url in requests


def test_no_violations_with_search_results_and_the_newer_version_notice_showing(page: Page, served_site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 12, 16, 12, tzinfo=dt.UTC))  # 1.1 in force, built before
    assert search(page, served_site + "ru/versions/1.0/", "персональные")
    page.locator(".policy-newer").wait_for(state="visible")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_axe_does_report_violations(page: Page) -> None:
    page.set_content(
        '<html><head><title>t</title></head><body><main><p style="color:#aaa;background:#fff">faint</p><img '
        'src="data:,"></main></body></html>'
    )
    assert sorted(v["id"] for v in axe_violations(page)) == ["color-contrast", "html-has-lang", "image-alt"]


def test_requests_from_pages_and_workers_elsewhere_are_recorded_and_blocked(browser: Browser, served_site: str) -> None:
    with recorded(browser, served_site, BEFORE_1_1) as (context, requests):
        page = context.new_page()
        # A file of the site without the pages' Content-Security-Policy, which would refuse both requests.
        page.goto(served_site + "api/v2/versions/1.0/uz.html")
        page.set_content('<img src="https://fonts.googleapis.com/css?family=Roboto">')
        worker = "new Worker(URL.createObjectURL(new Blob(['fetch(\"https://cdn.example.org/w.js\")'])))"
        with context.expect_event("request", lambda request: request.url == "https://cdn.example.org/w.js"):
            page.evaluate(worker)
        page.wait_for_load_state("networkidle")
    elsewhere = [request for request in requests if not request.startswith(served_site)]
    assert "https://fonts.googleapis.com/css?family=Roboto" in elsewhere
    assert "https://cdn.example.org/w.js" in elsewhere
