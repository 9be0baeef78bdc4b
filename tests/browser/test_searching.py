"""Search as readers type it, in Chromium at 320 px, on the policy tests/data/search: its 1.0 writes
Uzbek apostrophes as ’, its 1.1 as ʼ and ʻ (oʻ, gʻ), and 1.1 takes effect in 2099, so that on the
reader's clock, which the search worker reads, 1.0 is in force and 1.1 upcoming."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from browser_support import reader
from support import BEFORE_1_1

# Every way a reader's keyboard writes oʻ, gʻ and the tutuq, and none.
MARKS = ["ʼ", "ʻ", "'", "’", "‘", "`", "´", ""]
WORDS = ["ma{}lumotlarni", "bo{}lgan", "to{}g{}riligini"]


@pytest.fixture
def phone(browser: Browser) -> Page:
    context = reader(browser, BEFORE_1_1, viewport={"width": 320, "height": 640})
    return context.new_page()


@pytest.fixture(scope="module")
def site(served: Callable[[str, dt.date], str]) -> str:
    return served("search", BEFORE_1_1)


def typed(page: Page, query: str) -> list[dict[str, str]]:
    """Type a query key by key into the search box and read each result card: its link, its heading
    and its text."""
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially(query)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    cards: list[dict[str, str]] = page.eval_on_selector_all(
        ".md-search-result__item > a",
        """links => links.map(link => ({
            href: link.getAttribute("href"),
            heading: (link.querySelector("h1, h2") || {}).textContent || "",
            text: (link.querySelector("p") || {}).textContent || "",
        }))""",
    )
    return cards


@pytest.mark.parametrize("word", WORDS)
def test_every_form_of_an_apostrophe_finds_the_same_clauses(phone: Page, site: str, word: str) -> None:
    found = {}
    for mark in MARKS:
        phone.goto(site)
        query = word.format(mark, mark)
        found[query] = [card["href"] for card in typed(phone, query)]
    written = word.format("ʼ" if word.startswith("ma") else "ʻ", "ʻ")
    assert found[written], f"{written} found nothing"
    assert all(hrefs == found[written] for hrefs in found.values()), found
    assert {href.partition("#")[0].rpartition("versions/")[2] for href in found[written]} == {"1.0/", "1.1/"}


@pytest.mark.parametrize(
    ("prefix", "query", "words"),
    [
        ("", "joylashuvni", "Ilova joylashuvni kuzatmaydi."),
        ("", "malumotlarni", "«Qlever» ilovasi faqat buyurtma bilan bogʻliq boʻlgan maʼlumotlarni toʻplaydi."),
        ("ky/", "тиешелуу", "«Qlever» тиркемеси буйрутмага тиешелүү маалыматтарды гана чогултат."),
        ("ky/", "жайгашкан", "Тиркеме жайгашкан жерди көзөмөлдөбөйт."),
        ("ru/", "местоположение", "Приложение не отслеживает местоположение."),
    ],
)
def test_a_result_shows_its_clauses_words(phone: Page, site: str, prefix: str, query: str, words: str) -> None:
    phone.goto(site + prefix)
    cards = typed(phone, query)
    clauses = [card for card in cards if "#" in card["href"]]
    assert clauses, cards
    assert all(card["text"].strip() for card in clauses), cards
    assert words in [card["text"].strip() for card in cards]


@pytest.mark.parametrize(
    ("prefix", "query", "in_force", "upcoming"),
    [
        ("", "boʻlgan", "1.0 tahriri · amalda", "1.1 tahriri · hali kuchga kirmagan"),
        ("ky/", "тиешелуу", "1.0 редакциясы · күчүндө", "1.1 редакциясы · күчүнө кире элек"),
        ("ru/", "данные", "Редакция 1.0 · действует", "Редакция 1.1 · вступит в силу"),
    ],
)
def test_a_result_names_its_version_and_status_and_the_version_in_force_comes_first(
    phone: Page, site: str, prefix: str, query: str, in_force: str, upcoming: str
) -> None:
    phone.goto(site + prefix)
    headings = [card["heading"] for card in typed(phone, query) if "#" not in card["href"]]
    assert len(headings) == 2, headings
    assert headings[0].endswith(in_force), headings
    assert headings[1].endswith(upcoming), headings
