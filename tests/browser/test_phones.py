"""What a reader on a phone meets, in headless Chromium: every page fits 320 px, search answers
every input and finds the clause, the archive says which version applied on a date, and the
links between versions and languages keep the clause the reader is on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from browser_support import every_page, reader, reading_time, run_search
from support import AFTER_1_1, BEFORE_1_1, LANG_PREFIXES

Served = Callable[[str, dt.date], str]


@pytest.mark.parametrize(("name", "as_of", "url"), every_page())
def test_no_page_scrolls_sideways_at_320_px(
    browser: Browser, served: Served, name: str, as_of: dt.date, url: str
) -> None:
    context = reader(browser, as_of, viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(served(name, as_of) + url)
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth]")
    context.close()
    assert max(widths) <= 320, f"/{url} of {name} is {max(widths)} px wide on a 320 px screen"


@pytest.mark.parametrize("prefix", LANG_PREFIXES.values())
def test_on_a_narrow_phone_the_header_keeps_words_of_the_title_and_the_languages_name(
    browser: Browser, served_site: str, prefix: str
) -> None:
    context = reader(browser, BEFORE_1_1, viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    page.goto(served_site + prefix)
    title = page.locator(".md-header__topic").first.bounding_box()
    button = page.locator(".md-header__button.policy-language").bounding_box()
    name = page.locator(".policy-language__name").inner_text()
    context.close()
    assert title
    assert title["width"] >= 40, f"the site's title has {title} at 320 px: a letter or two"
    assert button
    assert button["height"] >= 40, button
    assert name.strip(), "the language's name is not shown"


def test_the_archive_is_a_list_on_a_phone_and_a_table_on_a_desktop(browser: Browser, served_site: str) -> None:
    cells = """row => Array.from(row.cells).map(cell => [
        getComputedStyle(cell).display, getComputedStyle(cell, "::before").content !== "none",
        cell.dataset.label + ": " + cell.innerText])"""
    shown = {}
    for width in (320, 1200):
        context = reader(browser, BEFORE_1_1, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(served_site + "ru/versions/")
        shown[width] = page.locator("tr[data-version='1.1']").evaluate(cells)
        context.close()
    labelled = [
        "Редакция: 1.1",
        "Дата вступления в силу: 15 декабря 2026\u202fг.",
        "Статус: вступит в силу",
        "Изменения: Исправлены опечатки в узбекском тексте, пункт 2.3 перенумерован в 2.2.",
        "Сравнение: Что изменится",
        "Архивная копия: PDF",
    ]
    assert shown[320] == [["block", True, text] for text in labelled]
    assert shown[1200] == [["table-cell", False, text] for text in labelled]


# --- Search ----------------------------------------------------------------------------------------


def test_a_query_typed_without_a_key_press_is_searched(page: Page, served_site: str) -> None:
    # IME composition, dictation and a keyboard's suggestions insert text with no key-up.
    page.goto(served_site + "ru/")
    page.focus("input.md-search__input")
    page.keyboard.insert_text("персональные")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert page.locator(".md-search-result__item").count() == 2  # 1.0 in force and 1.1 to come


@pytest.mark.parametrize(("prefix", "query"), [("", "axborot"), ("ky/", "маалыматтар"), ("ru/", "персональные")])
def test_a_result_opens_the_clause_it_found_and_shows_its_number(
    page: Page, served_site: str, prefix: str, query: str
) -> None:
    page.goto(served_site + prefix)
    hrefs = run_search(page, query)
    assert hrefs[:2] == [served_site + prefix + "versions/1.0/", served_site + prefix + "versions/1.0/#1-1"]
    assert page.locator(".md-search-result__item").first.locator("h2").first.inner_text() == "1.1"


@pytest.mark.parametrize("query", ["2.1", "2.1.", "1.2"])
def test_a_clause_number_puts_that_clause_first(page: Page, served_site: str, query: str) -> None:
    page.goto(served_site + "ru/")
    hrefs = run_search(page, query)
    anchor = "#" + query.rstrip(".").replace(".", "-")
    assert hrefs[1] == served_site + "ru/versions/1.0/" + anchor, hrefs


def test_the_search_dialog_is_named(page: Page, served_site: str) -> None:
    page.goto(served_site + "ky/")
    assert page.get_by_role("dialog", name="Издөө", include_hidden=True).count() == 1


# --- The version that applied on a date --------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "day", "answer", "target"),
    [
        ("", "2026-12-20", "Bu sanada 1.1 tahriri amalda (2026-yil 15-dekabr sanasidan boshlab).", "versions/1.1/"),
        (
            "ky/",
            "2026-12-15",
            "Бул күнү 1.1 редакциясы күчүндө (2026-жылдын 15-декабрынан тартып).",
            "ky/versions/1.1/",
        ),
        ("ru/", "2026-12-14", "На эту дату действует редакция 1.0 (с 24 ноября 2026\u202fг.).", "ru/versions/1.0/"),
        (
            "ru/",
            "2026-11-23",
            "На эту дату не действует ни одна редакция: первая действует с 24 ноября 2026\u202fг.",
            None,
        ),
    ],
)
def test_the_archive_says_which_version_applied_on_a_date(
    browser: Browser, served_site: str, prefix: str, day: str, answer: str, target: str | None
) -> None:
    # The day is the policy's (Asia/Bishkek): a reader in California asks about the same day.
    context = reader(browser, BEFORE_1_1, timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(f"{served_site}{prefix}versions/?on={day}")
    status = page.get_by_role("status").filter(has_text=answer[:10])
    assert status.inner_text() == answer
    assert page.locator("#policy-on").input_value() == day
    links = [served_site + target] if target else []
    assert [link.evaluate("a => a.href") for link in status.locator("a").all()] == links
    context.close()


@pytest.mark.parametrize(
    ("prefix", "day", "said"),
    [
        ("", "2026-13-45", "Bunday sana yoʻq: 2026-13-45. Boshqa sanani tanlang."),
        ("ky/", "2026-02-31", "Мындай күн жок: 2026-02-31. Башка күндү тандаңыз."),
        ("ru/", "2027-02-29", "Такой даты нет: 2027-02-29. Выберите другую дату."),
        ("ru/", "0000-01-01", "Такой даты нет: 0000-01-01. Выберите другую дату."),
    ],
)
def test_a_day_the_calendar_does_not_have_is_said_to_be_so_not_rolled_over(
    page: Page, served_site: str, prefix: str, day: str, said: str
) -> None:
    page.goto(f"{served_site}{prefix}versions/?on={day}")
    answer = page.locator(".policy-on-date__answer")
    assert answer.inner_text() == said
    assert answer.locator("a").count() == 0
    assert page.locator("#policy-on").input_value() == ""  # the field holds only real dates


def test_a_year_before_100_is_that_year_not_one_in_the_1900s(page: Page, served_site: str) -> None:
    page.goto(served_site + "ru/versions/")
    # As if 1.0 had taken effect in 1990: the answer for 1 January 99 is no version, not 1.0 (as for 1999).
    page.locator("tr[data-version='1.0']").evaluate("row => row.dataset.effectiveFrom = '1990-01-01T00:00:00+06:00'")
    page.fill("#policy-on", "0099-01-01")
    page.click(".policy-on-date button")
    assert page.locator(".policy-on-date__answer").inner_text().startswith("На эту дату не действует ни одна редакция")
    page.fill("#policy-on", "1999-01-01")
    page.click(".policy-on-date button")
    assert page.locator(".policy-on-date__answer").inner_text().startswith("На эту дату действует редакция 1.0")


def test_the_date_field_answers_and_keeps_the_date_in_the_address(page: Page, served_site: str) -> None:
    page.goto(served_site + "ru/versions/")
    page.fill("#policy-on", "2026-12-15")
    page.click(".policy-on-date button")
    assert page.locator(".policy-on-date__answer").inner_text().startswith("На эту дату действует редакция 1.1")
    assert page.url == served_site + "ru/versions/?on=2026-12-15"


def test_without_javascript_the_archive_says_the_date_field_needs_it(browser: Browser, served_site: str) -> None:
    context = reader(browser, BEFORE_1_1, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "ru/versions/?on=2026-12-20")
    assert page.locator(".policy-on-date").is_hidden()
    said = page.locator("article noscript p")
    assert said.is_visible()
    assert said.inner_text() == (
        "Поиск редакции по дате работает только с включённым JavaScript. Даты вступления в силу всех редакций "
        "указаны ниже."
    )
    assert page.locator("tr[data-version]").count() == 2
    context.close()


# --- Keeping the reader's place ------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "lang"), [(p, lang) for lang, p in LANG_PREFIXES.items() if lang != "ru"])
def test_the_language_switcher_keeps_the_clause(page: Page, served_site: str, prefix: str, lang: str) -> None:
    page.goto(served_site + "ru/versions/1.0/#2-1")
    page.hover(".md-header__option .md-select")
    page.click(f"a[hreflang={lang}]")
    page.wait_for_url(served_site + prefix + "versions/1.0/#2-1")
    assert page.evaluate("location.hash") == "#2-1"


def test_the_links_between_versions_keep_the_clause(page: Page, served: Served) -> None:
    base = served("two-versions", AFTER_1_1)
    page.clock.set_fixed_time(reading_time(AFTER_1_1))
    page.goto(base + "ru/versions/1.0/#2-1")
    box = page.locator(".policy-status")
    hrefs = [link.evaluate("a => a.href") for link in box.locator("a").all()]
    assert hrefs == [
        base + "ru/versions/1.1/#2-1",
        base + "ru/#2-1",
        base + "ru/changes/1.1/#2-1",
        base + "ru/compare/?from=1.0&to=1.1#2-1",
        base + "api/v1/versions/1.0/ru.pdf#2-1",  # each clause is a named destination of the PDF
    ]
    box.get_by_role("link", name="редакцией 1.1").click()
    page.wait_for_url(base + "ru/versions/1.1/#2-1")
    translation = page.locator(".policy-translation a").evaluate("a => a.href")
    assert translation == base + "versions/1.1/#2-1"


def test_only_a_clause_is_carried_and_the_archive_link_stays_as_it_is(page: Page, served_site: str) -> None:
    page.goto(served_site + "ru/#2-1")
    archive = page.locator(".policy-status .policy-away a")
    assert archive.inner_text() == "Все редакции"
    assert archive.evaluate("a => a.href") == served_site + "ru/versions/"
    page.goto(served_site + "ru/versions/1.0/#top")
    assert page.locator(".policy-translation a").evaluate("a => a.href") == served_site + "versions/1.0/"
