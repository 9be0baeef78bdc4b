"""The Content-Security-Policy in Chromium: a reader using every kind of page, in every language,
meets no violation and no error; and a handler or a script added to a built page does not run, and
the browser reports it (docs/decisions/0011-content-security-policy.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

from browser_support import every_page, run_search, watched
from policy.site.build import environment
from support import BEFORE_1_1, LANG_PREFIXES, PUBLISHED, build, copy_scenario, copy_site_sources, init_repo, serving

Served = Callable[[str, dt.date], str]
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def use(page: Page) -> None:
    """What a reader does on the page open: searches, and where the page has them, compares another
    pair of versions or asks which version applied on a date."""
    assert run_search(page, "2.1"), "the search found nothing"
    page.keyboard.press("Escape")
    if page.locator("#compare-from").count():
        older, newer = [option.get_attribute("value") for option in page.locator("#compare-from option").all()][:2]
        page.select_option("#compare-from", older)
        page.select_option("#compare-to", newer)
        status = page.locator(".policy-compare__status")
        status.filter(has_text=str(older)).filter(has_text=str(newer)).wait_for()
        page.locator(".policy-compare__result #redline").wait_for()
    if page.locator("#policy-on").count():
        page.fill("#policy-on", "2027-01-20")  # 1.1 in force, in chain as in two-versions
        page.click(".policy-on-date button")
        page.locator(".policy-on-date__answer").filter(has_text="1.1").wait_for()


def switch_language(page: Page) -> None:
    """Choose another language in the header's menu, and wait for its page."""
    lang = page.evaluate("document.documentElement.lang")
    other = next(code for code in LANG_PREFIXES if code != lang)
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f".md-select a[hreflang={other}]")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize(("name", "as_of", "url"), every_page())
def test_a_reader_meets_no_violation_and_no_error_on_any_page(
    browser: Browser, served: Served, name: str, as_of: dt.date, url: str
) -> None:
    base = served(name, as_of)
    with watched(browser, as_of) as (context, complaints):
        page = context.new_page()
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        use(page)
        switch_language(page)
        use(page)
        assert complaints == [], f"/{url} of {name} as built on {as_of}"
        assert page.locator("[data-md-component=palette] label:not([hidden])").count() == 1  # the light/dark toggle


@pytest.fixture(scope="module")
def tampered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """two-versions, built and served, with a handler on clause 2.1 and a script added to version 1.0's
    page after the build: as `versions/1.0/` with the page's policy, and `versions/1.0/bare.html`
    without it."""
    root = copy_site_sources(copy_scenario("two-versions", tmp_path_factory.mktemp("tampered")))
    init_repo(root, PUBLISHED).close()
    with serving(root / "site") as base:
        with environment(POLICY_SITE_URL=base):
            build(root, BEFORE_1_1)
        page = root / "site/versions/1.0/index.html"
        html = page.read_text(encoding="utf-8")
        handlers = (
            '<p class="clause" id="2-1" onclick="window.ranHandler = true" onmouseover="window.ranHandler = true">'
        )
        html = html.replace('<p class="clause" id="2-1">', handlers, 1)
        html = html.replace("</body>", "<script>window.ranScript = true</script></body>", 1)
        assert handlers in html
        assert CSP_META.search(html)
        page.write_text(html, encoding="utf-8")
        (page.parent / "bare.html").write_text(CSP_META.sub("", html), encoding="utf-8")
        yield base


def test_a_handler_and_a_script_added_to_a_page_do_not_run_and_are_reported(browser: Browser, tampered: str) -> None:
    with watched(browser, BEFORE_1_1) as (context, complaints):
        page = context.new_page()
        page.goto(tampered + "versions/1.0/")
        page.hover("[id='2-1']")
        page.click("[id='2-1']")
        assert page.evaluate("[window.ranHandler, window.ranScript]") == [None, None]
        violations = [said for said in complaints if said.startswith("violation: ")]
        assert sorted(violations) == [
            "violation: script-src-attr refused inline",  # onclick
            "violation: script-src-attr refused inline",  # onmouseover
            f"violation: script-src-elem refused inline in {tampered}versions/1.0/",
        ]


def test_without_the_policy_the_same_page_runs_them(browser: Browser, tampered: str) -> None:
    with watched(browser, BEFORE_1_1) as (context, complaints):
        page = context.new_page()
        page.goto(tampered + "versions/1.0/bare.html")
        assert page.evaluate("window.ranScript") is True
        page.click("[id='2-1']")
        assert page.evaluate("window.ranHandler") is True
        assert not [said for said in complaints if said.startswith("violation: ")]


def test_a_style_attribute_added_to_a_page_is_refused(browser: Browser, served: Served) -> None:
    base = served("two-versions", BEFORE_1_1)
    with watched(browser, BEFORE_1_1) as (context, complaints):
        page = context.new_page()
        page.goto(base + "versions/1.0/")
        page.wait_for_load_state("networkidle")
        complaints.clear()
        page.evaluate("document.getElementById('2-1').setAttribute('style', 'position:fixed;inset:0;opacity:0')")
        assert page.evaluate("getComputedStyle(document.getElementById('2-1')).position") == "static"
        violations = [said for said in complaints if said.startswith("violation: ")]
        assert violations == ["violation: style-src-attr refused inline"]
