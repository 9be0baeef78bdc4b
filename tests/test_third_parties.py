"""Reading the policy involves no one else: no request to another host, no cookie, on any page.

Every request of a browser context is recorded (the page's, its scripts', the search worker's);
those to any origin but the served site's are blocked, so the test needs no network to fail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, BrowserContext, Route

from conftest import every_page, run_search

pytestmark = pytest.mark.browser


@contextmanager
def recorded(browser: Browser, origin: str) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A fresh browser context, with the URL of every request it makes; other origins are blocked."""
    context = browser.new_context()
    requests: list[str] = []

    def record(route: Route) -> None:
        requests.append(route.request.url)
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", record)
    try:
        yield context, requests
    finally:
        context.close()


@pytest.mark.parametrize(("as_of", "url"), every_page())
def test_no_request_to_another_host_and_no_cookie(browser: Browser, served_builds: Callable[[dt.date], str], as_of: dt.date, url: str) -> None:
    base = served_builds(as_of)
    with recorded(browser, base) as (context, requests):
        page = context.new_page()
        response = page.goto(base + url)
        assert response is not None and response.status == 200, f"/{url} answered {response and response.status}"
        page.wait_for_load_state("networkidle")
        assert run_search(page, "5.2"), "the search found nothing, so its worker may not have loaded what it needs"
        page.wait_for_load_state("networkidle")
        elsewhere = [request for request in requests if not request.startswith(base)]
        assert not elsewhere, f"/{url} asked other hosts for:\n" + "\n".join(elsewhere)
        assert context.cookies() == []
        assert page.evaluate("document.cookie") == ""
    assert base + url in requests


def test_requests_from_pages_and_workers_elsewhere_are_recorded_and_blocked(browser: Browser, served_site: str) -> None:
    with recorded(browser, served_site) as (context, requests):
        page = context.new_page()
        page.goto(served_site + "404.html")
        page.set_content('<img src="https://fonts.googleapis.com/css?family=Roboto">')
        worker = "new Worker(URL.createObjectURL(new Blob(['fetch(\"https://cdn.example.org/w.js\")'])))"
        page.evaluate(worker)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    elsewhere = [request for request in requests if not request.startswith(served_site)]
    assert "https://fonts.googleapis.com/css?family=Roboto" in elsewhere
    assert "https://cdn.example.org/w.js" in elsewhere
