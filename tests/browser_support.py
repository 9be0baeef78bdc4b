"""Headless Chromium and loopback servers, for the tests that drive a built site in a browser.

Imported by the conftest of tests/browser/ only, so that the other tests never import Playwright.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from support import AFTER_1_1, BEFORE_1_1, BISHKEK, CHAIN_AFTER_2_0, LANG_PREFIXES, REPO

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium calls Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every kind of page a reader can land on: the policy of tests/data and the as-of date that shows it.
PAGE_KINDS = {
    "home": ("two-versions", BEFORE_1_1, ""),
    "version in force": ("two-versions", BEFORE_1_1, "versions/1.0/"),
    "upcoming version": ("two-versions", BEFORE_1_1, "versions/1.1/"),
    "superseded version": ("two-versions", AFTER_1_1, "versions/1.0/"),
    "archive": ("two-versions", BEFORE_1_1, "versions/"),
    "changes": ("two-versions", AFTER_1_1, "changes/1.1/"),
    "comparison with the version in force": ("chain", CHAIN_AFTER_2_0, "changes/1.0-2.0/"),
    "changelog": ("chain", CHAIN_AFTER_2_0, "changelog/"),
    "comparison of any two versions": ("chain", CHAIN_AFTER_2_0, "compare/?from=1.0&to=2.0"),
    "archive with the version on a date": ("chain", CHAIN_AFTER_2_0, "versions/?on=2027-01-10"),
}


def every_page() -> list[pytest.ParameterSet]:
    """Each kind of page in each language, and each language's 404 page (tests/browser/test_not_found.py
    has them served where a page is missing)."""
    pages = [
        pytest.param(name, as_of, prefix + path, id=f"{kind} ({lang})")
        for kind, (name, as_of, path) in PAGE_KINDS.items()
        for lang, prefix in LANG_PREFIXES.items()
    ]
    not_found = [
        pytest.param("two-versions", BEFORE_1_1, prefix + "404.html", id=f"not found ({lang})")
        for lang, prefix in LANG_PREFIXES.items()
    ]
    return [*pages, *not_found]


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def reading_time(as_of: dt.date) -> dt.datetime:
    """Noon in Bishkek on a build's as-of date: a reader's clock that agrees with the build."""
    return dt.datetime.combine(as_of, dt.time(12), tzinfo=BISHKEK)


def reader(browser: Browser, as_of: dt.date, **options: Any) -> BrowserContext:
    """A fresh browser context (Playwright's options) whose clock reads the build's as-of date: pages
    read the clock to say that a newer version is in force, and a test never reads the real one."""
    context = browser.new_context(**options)
    context.clock.set_fixed_time(reading_time(as_of))
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context: no cookies, storage or cache from other tests. Its clock
    reads the as-of date of served_site; a test of another build sets it with reading_time."""
    context = reader(browser, BEFORE_1_1)
    page = context.new_page()
    yield page
    context.close()


def search(page: Page, url: str, query: str) -> list[str]:
    """Open a page, type a query into the site's search box and return the result links."""
    page.goto(url)
    return run_search(page, query)


def run_search(page: Page, query: str) -> list[str]:
    """Fill a query into the search box of the page open, as a paste does (an input event, no key),
    and return the result links."""
    page.fill("input.md-search__input", query)
    # A function, not an expression: Playwright evaluates an expression with eval, which the pages'
    # Content-Security-Policy refuses.
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.match(/\\d/) !== null || "
        "document.querySelectorAll('.md-search-result__item').length > 0"
    )
    return [str(a.get_attribute("href")) for a in page.locator(".md-search-result__item > a").all()]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (from node_modules) on the loaded page, limited to WCAG 2.1 A and AA."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm ci")
    # Evaluated, not added as a <script>: the pages' Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": WCAG_21_A_AA}}
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return list(results["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Each violation's rule, what it asks, and the selectors of the elements breaking it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']} ({violation['helpUrl']})")
        lines += [
            f"    {' > '.join(node['target'])}: {node['failureSummary']}".replace("\n", " ")
            for node in violation["nodes"]
        ]
    return "\n".join(lines)


REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => window.reportViolation(
  `${event.violatedDirective} refused ${event.blockedURI}` + (event.sourceFile ? ` in ${event.sourceFile}` : "")
));
"""


@contextmanager
def watched(browser: Browser, as_of: dt.date, **options: Any) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A reader's browser context (Playwright's options), with each Content-Security-Policy violation
    its pages report, each error they log to the console and each error their scripts throw."""
    context = reader(browser, as_of, **options)
    complaints: list[str] = []

    def logged(message: ConsoleMessage) -> None:
        if message.type == "error":
            complaints.append(f"console: {message.text}")

    context.expose_function("reportViolation", lambda said: complaints.append(f"violation: {said}"))
    context.add_init_script(REPORT_VIOLATIONS)
    context.on("console", logged)
    context.on("weberror", lambda error: complaints.append(f"error: {error.error}"))
    try:
        yield context, complaints
    finally:
        context.close()


@contextmanager
def recorded(browser: Browser, origin: str, as_of: dt.date) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A reader's browser context, with the URL of every request it makes; other origins are blocked."""
    context = reader(browser, as_of)
    requests: list[str] = []

    def record(route: Any) -> None:
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
