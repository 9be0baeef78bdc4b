"""The controls a reader uses with a finger or a keyboard, in Chromium at 320 px, in every language:
every tab stop is visible and ringed, targets are large enough to tap, the compare page's selects are
tall and unclipped, the language menu names each language and keeps the pair compared, and no
heading breaks a word."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

from browser_support import PAGE_KINDS, every_page, reader
from support import BEFORE_1_1, CHAIN_AFTER_2_0, LANG_PREFIXES

Served = Callable[[str, dt.date], str]
LANGUAGE_NAMES = ["Oʻzbekcha", "Кыргызча", "Русский"]


@pytest.fixture
def phone(browser: Browser) -> Iterator[Callable[[dt.date], Page]]:
    contexts = []

    def open_page(as_of: dt.date) -> Page:
        context = reader(browser, as_of, viewport={"width": 320, "height": 640})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# Each tab stop: is it shown, and its ring (outline or the theme's focus shadow) at least 2 px. The
# theme's palette toggle is a radio hidden behind the label after it, which a reader sees and which
# carries the ring.
TAB_STOP = """async () => {
    await Promise.all(document.getAnimations().map(animation => animation.finished));
    const focused = document.activeElement;
    const element = focused.matches(".md-option") ? focused.nextElementSibling : focused;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const seen = element.checkVisibility({visibilityProperty: true, opacityProperty: true});
    return {
        what: element.outerHTML.slice(0, 100).replace(/\\s+/g, " "),
        shown: seen && box.width > 0 && box.height > 0,
        ring: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
        outline: " (outline: " + style.outline + ")",
    };
}"""


@pytest.mark.parametrize(("name", "as_of", "url"), every_page())
def test_every_tab_stop_is_shown_with_a_ring_of_two_pixels(
    phone: Callable[[dt.date], Page], served: Served, name: str, as_of: dt.date, url: str
) -> None:
    page = phone(as_of)
    page.goto(served(name, as_of) + url)
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        if stop["what"].startswith("<body"):
            break
        stops.append(stop)
    assert stops
    hidden = [stop["what"] for stop in stops if not stop["shown"]]
    faint = [stop["what"] + stop["outline"] for stop in stops if stop["ring"] < 2]
    assert not hidden, "\n".join(hidden)
    assert not faint, "\n".join(faint)


@pytest.mark.parametrize(("lang", "prefix"), LANG_PREFIXES.items())
def test_the_links_to_clauses_in_a_summary_are_at_least_24_px_square(
    phone: Callable[[dt.date], Page], served: Served, lang: str, prefix: str
) -> None:
    name, as_of, url = PAGE_KINDS["comparison with the version in force"]
    page = phone(as_of)
    page.goto(served(name, as_of) + prefix + url)
    sizes = page.eval_on_selector_all(
        ":is(#changed, #added, #removed) + p > a",
        "links => links.map(link => [link.textContent, link.offsetWidth, link.offsetHeight])",
    )
    assert sizes
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert not small, small


@pytest.mark.parametrize(("lang", "prefix"), LANG_PREFIXES.items())
def test_the_language_menu_names_each_language_and_keeps_the_pair_compared(
    phone: Callable[[dt.date], Page], served: Served, lang: str, prefix: str
) -> None:
    page = phone(CHAIN_AFTER_2_0)
    page.goto(served("chain", CHAIN_AFTER_2_0) + prefix + "compare/?from=1.0&to=1.1")
    page.wait_for_selector(".policy-compare__result ins, .policy-compare__result del")
    shown = page.locator(".md-header__option .md-select > button").first.inner_text()
    assert LANGUAGE_NAMES[list(LANG_PREFIXES).index(lang)] in shown
    hrefs = page.eval_on_selector_all(".md-select__link[hreflang]", "links => links.map(link => link.href)")
    assert len(hrefs) == 3
    assert all(href.endswith("compare/?from=1.0&to=1.1") for href in hrefs), hrefs


@pytest.mark.parametrize(("lang", "prefix"), LANG_PREFIXES.items())
def test_the_compare_selects_are_44_px_tall_and_show_their_whole_text(
    phone: Callable[[dt.date], Page], served: Served, lang: str, prefix: str
) -> None:
    page = phone(CHAIN_AFTER_2_0)
    page.goto(served("chain", CHAIN_AFTER_2_0) + prefix + "compare/?from=1.0&to=2.0")
    selects = page.eval_on_selector_all(
        ".policy-compare select",
        "selects => selects.map(s => [s.getBoundingClientRect().height, s.scrollHeight <= s.clientHeight])",
    )
    assert len(selects) == 2
    assert all(height >= 44 and whole for height, whole in selects), selects


@pytest.mark.parametrize(("name", "as_of", "url"), every_page())
def test_no_heading_breaks_a_word_at_320_px(
    phone: Callable[[dt.date], Page], served: Served, name: str, as_of: dt.date, url: str
) -> None:
    page = phone(as_of)
    page.goto(served(name, as_of) + url)
    broken = page.evaluate("""() => Array.from(document.querySelectorAll("article h1, article h2")).flatMap(h => {
        const range = document.createRange();
        const words = [];
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/[^\\s\\-\u2010\u2011]+/g)) {
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (range.getClientRects().length > 1) words.push(match[0]);
            }
        }
        return words;
    })""")
    assert not broken, broken


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "9.9 tahriri yoʻq. Roʻyxatdan tahrirni tanlang."),
        ("ky/", "9.9 редакциясы жок. Тизмеден редакцияны тандаңыз."),
        ("ru/", "Редакции 9.9 нет. Выберите редакцию из списка."),
    ],
)
def test_an_unknown_version_asked_of_the_compare_page_is_said_to_be_unknown(
    phone: Callable[[dt.date], Page], served: Served, prefix: str, said: str
) -> None:
    page = phone(CHAIN_AFTER_2_0)
    page.goto(served("chain", CHAIN_AFTER_2_0) + prefix + "compare/?from=9.9&to=2.0")
    page.wait_for_selector(".policy-compare__result ins, .policy-compare__result del")
    assert page.locator(".policy-compare__status").inner_text().startswith(said + " ")


@pytest.mark.parametrize("prefix", LANG_PREFIXES.values())
@pytest.mark.parametrize("path", ["changes/1.1/", "compare/?from=1.0&to=1.1"])
def test_a_deletion_and_the_insertion_right_after_it_stand_apart(
    phone: Callable[[dt.date], Page], served: Served, prefix: str, path: str
) -> None:
    page = phone(BEFORE_1_1)
    page.goto(served("two-versions", BEFORE_1_1) + prefix + path)
    page.wait_for_selector(".redline del + ins")
    gaps = page.eval_on_selector_all(
        ".redline del + ins",
        """pairs => pairs.map(ins => {
            const del = ins.previousElementSibling.getClientRects();
            const after = ins.getClientRects()[0];
            const before = del[del.length - 1];
            return Math.abs(before.top - after.top) < 1 ? after.left - before.right : 99;
        })""",
    )
    assert gaps
    assert min(gaps) >= 3, gaps
