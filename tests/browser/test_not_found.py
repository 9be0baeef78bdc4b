"""The 404 pages where hosts serve them: at the missing path, however deep, with HTTP 404.

Two loopback hosts serve one built site: one answers a missing path with its language's 404 page
(nginx, Cloudflare Pages, Netlify as docs/hosting.md sets them up), the other with the root 404.html
whatever the path (GitHub Pages), whose script then shows the path's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser_support import axe_violations, describe_violations, reader
from policy.site.build import environment
from support import (
    BEFORE_1_1,
    LANG_PREFIXES,
    PUBLISHED,
    QuietHandler,
    build,
    copy_scenario,
    copy_site_sources,
    init_repo,
    serving,
)

HEADINGS = {"uz": "Sahifa topilmadi", "ky": "Барак табылган жок", "ru": "Страница не найдена"}


class OneNotFoundPage(QuietHandler):
    """A host with one 404 page, as GitHub Pages: the root 404.html at every missing path."""

    def not_found_page(self) -> str:
        return "404.html"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / self.not_found_page()).read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class NotFoundPagePerLanguage(OneNotFoundPage):
    """A host given a 404 page per language folder, as docs/hosting.md sets up nginx and the CDNs."""

    def not_found_page(self) -> str:
        folders = [prefix for prefix in LANG_PREFIXES.values() if prefix and self.path.startswith("/" + prefix)]
        return (folders[0] if folders else "") + "404.html"


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """two-versions, built once, served by each kind of host: their addresses."""
    root = copy_site_sources(copy_scenario("two-versions", tmp_path_factory.mktemp("not-found")))
    init_repo(root, PUBLISHED).close()
    with ExitStack() as stack:
        addresses = {
            "per language": stack.enter_context(serving(root / "site", NotFoundPagePerLanguage)),
            "one": stack.enter_context(serving(root / "site", OneNotFoundPage)),
        }
        with environment(POLICY_SITE_URL=addresses["per language"]):
            build(root, BEFORE_1_1)
        yield addresses


def shown(page: Page) -> list[Any]:
    """What a reader meets: the page's language, how many of its texts show, the heading shown, the
    header's position (sticky only when the theme's stylesheet applied) and the links that show."""
    facts: list[Any] = page.evaluate(
        """() => [
            document.documentElement.lang,
            document.querySelectorAll(".policy-not-found:not([hidden])").length,
            document.querySelector(".policy-not-found:not([hidden]) h1").textContent,
            getComputedStyle(document.querySelector(".md-header")).position,
            [...document.querySelectorAll(".policy-not-found:not([hidden]) a")]
                .filter(a => a.offsetParent !== null).map(a => a.getAttribute("href")),
        ]"""
    )
    return facts


def missing_page(browser: Browser, url: str, **options: Any) -> tuple[BrowserContext, Page]:
    """A reader at 320 px opening a missing page: the host answers 404 with a page."""
    context = reader(browser, BEFORE_1_1, viewport={"width": 320, "height": 640}, **options)
    page = context.new_page()
    response = page.goto(url)
    assert response is not None
    assert response.status == 404
    return context, page


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_a_missing_page_deep_in_a_language_gets_that_languages_404_page_styled(
    browser: Browser, hosts: dict[str, str], lang: str
) -> None:
    context, page = missing_page(browser, hosts["per language"] + LANG_PREFIXES[lang] + "a/b/c/missing")
    page.wait_for_load_state("networkidle")
    lang_, blocks, heading, header, links = shown(page)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth]")
    violations = axe_violations(page)
    context.close()
    home = "/" + LANG_PREFIXES[lang]
    assert (lang_, blocks, heading, header, links[:2]) == (
        lang,
        1,
        HEADINGS[lang],
        "sticky",
        [home, home + "versions/"],
    )
    assert max(widths) <= 320
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_a_host_with_one_404_page_shows_it_in_the_language_of_the_path(
    browser: Browser, hosts: dict[str, str], lang: str
) -> None:
    context, page = missing_page(browser, hosts["one"] + LANG_PREFIXES[lang] + "versions/9.9/")
    page.wait_for_load_state("networkidle")
    lang_, blocks, heading, header, links = shown(page)
    title, named = page.title(), page.locator(".policy-language__name").inner_text()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth]")
    violations = axe_violations(page)
    context.close()
    home = "/" + LANG_PREFIXES[lang]
    others = ["/" + prefix for other, prefix in LANG_PREFIXES.items() if other != lang]
    assert (lang_, blocks, heading, header, links) == (
        lang,
        1,
        HEADINGS[lang],
        "sticky",
        [home, home + "versions/", *others],
    )
    assert title.startswith(f"404 – {HEADINGS[lang]} – ")
    assert named == {"uz": "Oʻzbekcha", "ky": "Кыргызча", "ru": "Русский"}[lang]
    assert max(widths) <= 320
    assert not violations, describe_violations(violations)


def test_without_javascript_the_one_404_page_offers_every_languages_home_page(
    browser: Browser, hosts: dict[str, str]
) -> None:
    context, page = missing_page(browser, hosts["one"] + "ru/missing", java_script_enabled=False)
    visible = [
        (link.get_attribute("hreflang"), link.get_attribute("href"))
        for link in page.locator(".policy-not-found a[hreflang]").all()
        if link.is_visible()
    ]
    lang = page.locator("html").get_attribute("lang")
    context.close()
    assert (lang, visible) == ("uz", [("ky", "/ky/"), ("ru", "/ru/")])
