"""A site of tests/data read in headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page

from browser_support import reader, search
from support import BEFORE_1_1, REPO

ARTIFACTS = REPO / "test-artifacts"


def test_language_switch_keeps_the_version(page: Page, served_site: str) -> None:
    page.goto(served_site + "versions/1.0/")
    page.hover(".md-header__option .md-select")
    page.click("a[hreflang=ru]")
    page.wait_for_url(served_site + "ru/versions/1.0/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".policy-status").inner_text().startswith("Редакция 1.0")


@pytest.mark.parametrize(
    ("prefix", "query"),
    [
        ("", "ma'lumot"),  # typed with a plain apostrophe, written with ’
        ("", "malumot"),  # typed with none
        ("", "2.1"),  # a clause number
        ("ky/", "маалыматтар"),
        ("ru/", "персональные"),
        ("ru/", "30"),
    ],
)
def test_search_finds_words_in_its_own_language_only(page: Page, served_site: str, prefix: str, query: str) -> None:
    links = search(page, served_site + prefix, query)
    assert links, f"nothing found for {query!r} on /{prefix}"
    own = served_site + prefix
    others = [served_site + p for p in ("ky/", "ru/") if p != prefix]
    assert all(link.startswith(own) and not link.startswith(tuple(others)) for link in links), links


def test_newer_version_notice_appears_when_the_feed_says_so(page: Page, served_site: str) -> None:
    # Built as of 2026-11-25 with 1.0 in force; the reader's clock is past 1.1's start.
    page.clock.set_fixed_time(dt.datetime(2026, 12, 16, 12, tzinfo=dt.UTC))
    page.goto(served_site + "ky/versions/1.0/")
    notice = page.locator(".policy-newer")
    notice.wait_for(state="visible")
    assert notice.inner_text() == "Жаңы редакция күчүнө кирди: 1.1 редакциясы."
    assert notice.locator("a").get_attribute("href") == served_site + "ky/versions/1.1/"


def test_no_notice_while_the_built_version_is_still_in_force(page: Page, served_site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 12, 14, 17, 59, tzinfo=dt.UTC))  # 23:59 in Bishkek
    page.goto(served_site + "versions/1.0/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".policy-newer").is_hidden()


def test_the_home_page_fits_a_360_px_phone_and_leaves_a_screenshot(browser: Browser, served_site: str) -> None:
    context = reader(browser, BEFORE_1_1, viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(served_site + "ky/")
    width = page.evaluate("document.documentElement.scrollWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home-ky-360px.png"), full_page=False)
    context.close()
    assert width <= 360, f"the page is {width}px wide on a 360px screen"


def test_one_button_unfolds_and_folds_the_unchanged_text_of_a_redline(page: Page, served_site: str) -> None:
    page.goto(served_site + "ru/changes/1.1/")
    unchanged = page.locator("[id='1-2']")
    button = page.locator(".redline-controls button")
    assert unchanged.is_hidden()
    assert page.locator("[id='2-2']").is_visible()
    button.click()
    assert unchanged.is_visible()
    assert button.inner_text() == "Свернуть неизменённые части"
    button.click()
    assert unchanged.is_hidden()
    assert button.inner_text() == "Показать весь текст"


def test_a_folded_clause_opens_by_itself_without_the_button(page: Page, served_site: str) -> None:
    page.goto(served_site + "ky/changes/1.1/")
    page.locator("summary", has_text="Өзгөрүүсүз: 1.1–1.2").click()
    assert page.locator("[id='1-2']").is_visible()


@pytest.mark.parametrize("url", ["", "ky/versions/1.0/", "ru/changes/1.1/"])
def test_every_request_a_page_makes_succeeds(page: Page, served_site: str, url: str) -> None:
    failed: list[str] = []
    page.on(
        "response",
        lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    page.goto(served_site + url)
    page.wait_for_load_state("networkidle")
    assert failed == []
