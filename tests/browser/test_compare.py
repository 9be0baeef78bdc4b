"""Any two versions compared in the browser (compare/, theme/assets/compare.js), against the
server's redline (sources/redline.py) of the same published texts.

For every ordered pair of versions of `chain`, in every language: the marked text rebuilds both
texts exactly, and its clauses are paired as `policy diff` pairs them (the same blocks changed,
added, removed and unchanged, each with the same old and new text). Inside a changed clause the
browser's words come from Intl.Segmenter and jsdiff, the server's from difflib: the two may group
them differently (both are right), but they delete the same words and insert the same words.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from browser_support import axe_violations, describe_violations, reader, reading_time
from policy.sources.clauses import Block, parse_blocks
from policy.sources.redline import Mark, block_body, compare_texts
from support import AFTER_1_1, CHAIN_AFTER_2_0, LANG_PREFIXES, scenario

Served = Callable[..., str]
HISTORIES = {
    "chain": (CHAIN_AFTER_2_0, ("1.0", "1.1", "2.0")),
    "two-versions": (AFTER_1_1, ("1.0", "1.1")),
    "typography": (AFTER_1_1, ("1.0", "1.1")),
}

# Each block of the browser's redline: its element, its kind, and its spans (mark, text), the
# words for screen readers left out.
READ_REDLINE = """() => Array.from(
  document.querySelectorAll(".policy-compare__result .redline [class*='redline-']:not(details)")
).map(element => ({
  tag: element.tagName.toLowerCase(),
  kind: Array.from(element.classList).find(name => name.startsWith("redline-")).slice(8),
  spans: Array.from(element.childNodes).map(node => node.nodeType === Node.TEXT_NODE
    ? ["same", node.textContent]
    : [node.tagName === "DEL" ? "deleted" : "inserted",
       node.textContent.slice(node.querySelector(".policy-sr").textContent.length)]),
}))"""


def text(name: str, lang: str, version: str) -> str:
    return (scenario(name) / "versions" / version / f"{lang}.md").read_text(encoding="utf-8")


def markdown_of(block: Block) -> str:
    """A block as the redline shows it: on one line, a heading with its marks."""
    return ("#" * block.heading_level + " " if block.heading_level else "") + block_body(block, keep_number=True)


def rebuilt(blocks: list[dict[str, Any]], leave_out: str) -> str:
    """The Markdown a redline shows, without the spans of one mark: the old text or the new."""
    lines = []
    for block in blocks:
        body = "".join(text for mark, text in block["spans"] if mark != leave_out)
        if not body:
            continue
        level = int(block["tag"][1]) - 2 if block["tag"].startswith("h") else 0
        lines.append(("#" * level + " " if level else "") + body)
    return "\n\n".join(lines)


def marked_words(spans: list[list[str]] | tuple[Any, ...]) -> dict[str, list[str]]:
    """The words deleted and the words inserted, in order, whatever runs they were marked in."""
    return {
        mark: [word for span_mark, text in spans if str(span_mark) == mark for word in str(text).split()]
        for mark in (Mark.DELETED.value, Mark.INSERTED.value)
    }


def open_comparison(page: Page, url: str) -> list[dict[str, Any]]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.locator(".policy-compare__result .redline").wait_for()
    assert errors == []
    blocks: list[dict[str, Any]] = page.evaluate(READ_REDLINE)
    return blocks


@pytest.mark.parametrize("name", HISTORIES)
def test_every_pair_rebuilds_both_texts_and_pairs_clauses_as_policy_diff(
    browser: Browser, served: Served, name: str
) -> None:
    as_of, versions = HISTORIES[name]
    base = served(name, as_of)
    context = reader(browser, as_of)
    page = context.new_page()
    changed = 0
    for (lang, prefix), (old, new) in itertools.product(LANG_PREFIXES.items(), itertools.permutations(versions, 2)):
        blocks = open_comparison(page, f"{base}{prefix}compare/?from={old}&to={new}")
        old_text, new_text = text(name, lang, old), text(name, lang, new)
        where = f"{lang} {old}→{new}"

        old_blocks, new_blocks = parse_blocks(old_text), parse_blocks(new_text)
        assert rebuilt(blocks, "inserted") == "\n\n".join(map(markdown_of, old_blocks)), where
        assert rebuilt(blocks, "deleted") == "\n\n".join(map(markdown_of, new_blocks)), where

        server = compare_texts(old_text, new_text).changes
        assert [block["kind"] for block in blocks] == [change.kind.value for change in server], where
        for block, change in zip(blocks, server, strict=True):
            old_body = "".join(text for mark, text in block["spans"] if mark != Mark.INSERTED.value)
            new_body = "".join(text for mark, text in block["spans"] if mark != Mark.DELETED.value)
            assert old_body == (block_body(change.old, keep_number=True) if change.old else ""), where
            assert new_body == (block_body(change.new, keep_number=True) if change.new else ""), where
            changed += change.kind.value == "changed"
            server_words = marked_words(tuple((span.mark.value, span.text) for span in change.spans))
            assert marked_words(block["spans"]) == server_words, f"{where}, clause {change.number or '-'}"
    context.close()
    assert changed > 0, "no changed clause was compared word by word"


def test_a_pair_chosen_in_the_page_is_shown_and_kept_in_the_address(page: Page, served: Served) -> None:
    base = served("chain", CHAIN_AFTER_2_0)
    page.clock.set_fixed_time(reading_time(CHAIN_AFTER_2_0))
    page.goto(base + "ru/compare/")
    # Without a pair asked for: the version in force against the one before it.
    assert page.locator("#compare-from").input_value() == "1.1"
    assert page.locator("#compare-to").input_value() == "2.0"
    page.select_option("#compare-from", "1.0")
    status = page.locator(".policy-compare__status")
    status.filter(has_text="редакция 1.0").wait_for()
    assert status.inner_text() == (
        "На этой странице сравниваются тексты: редакция 1.0 (24 ноября 2026\u202fг.) и редакция 2.0 (1 марта "
        "2027\u202fг.)."
    )
    assert page.get_by_role("status").filter(has_text="редакция 1.0").count() == 1
    assert page.url == base + "ru/compare/?from=1.0&to=2.0"
    assert [a.get_attribute("href") for a in status.locator("a").all()] == ["../versions/1.0/", "../versions/2.0/"]
    lists = {h.get_attribute("id"): h.inner_text() for h in page.locator(".policy-compare__result h2").all()}
    assert lists == {
        "changed": "Изменённые пункты",
        "added": "Добавленные пункты",
        "removed": "Исключённые пункты",
        "redline": "Текст с отмеченными изменениями",
    }
    page.select_option("#compare-to", "1.0")
    status.filter(has_text="Выберите две разные редакции.").wait_for()
    assert page.locator(".policy-compare__result").inner_text() == ""


@pytest.mark.parametrize("fragment", ["#%", "#%E0%A4%A", "#%ZZ"])
def test_a_fragment_that_does_not_decode_is_ignored(page: Page, served: Served, fragment: str) -> None:
    base = served("chain", CHAIN_AFTER_2_0)
    page.clock.set_fixed_time(reading_time(CHAIN_AFTER_2_0))
    page.goto(f"{base}ru/compare/?from=1.0&to=2.0{fragment}")
    page.locator(".policy-compare__result #redline").wait_for()
    assert (
        page.locator(".policy-compare__status")
        .inner_text()
        .startswith("На этой странице сравниваются тексты: редакция 1.0")
    )


def test_unchanged_clauses_fold_and_one_button_shows_them(page: Page, served: Served) -> None:
    base = served("chain", CHAIN_AFTER_2_0)
    page.clock.set_fixed_time(reading_time(CHAIN_AFTER_2_0))
    page.goto(base + "ky/compare/?from=1.0&to=1.1")
    folded = page.locator(".policy-compare__result details.redline-fold").first
    folded.wait_for(state="attached")
    assert not folded.evaluate("details => details.open")
    button = page.locator(".policy-compare__result .redline-controls button")
    assert button.inner_text() == "Бүт текстти көрсөтүү"
    button.click()
    assert folded.evaluate("details => details.open")
    assert button.inner_text() == "Өзгөрбөгөн бөлүктөрдү жыйноо"


def test_without_javascript_the_page_says_so_and_links_to_the_prebuilt_redlines(
    browser: Browser, served: Served
) -> None:
    base = served("chain", CHAIN_AFTER_2_0)
    context = reader(browser, CHAIN_AFTER_2_0, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "ru/compare/?from=1.0&to=2.0")
    assert page.locator(".policy-compare").is_hidden()
    said = page.locator("article noscript p")
    assert said.is_visible()
    assert said.inner_text() == "Сравнение в браузере работает только с включённым JavaScript. Готовые сравнения:"
    links = {a.inner_text(): a.evaluate("a => a.href") for a in page.locator("article li a").all()}
    context.close()
    assert links == {
        "Изменения в редакции 2.0": base + "ru/changes/2.0/",
        "Изменения в редакции 1.1": base + "ru/changes/1.1/",
        "Сравнение редакций 1.0 и 2.0": base + "ru/changes/1.0-2.0/",
    }


# Each fold of a redline whose typography alone changed: whether it is open, its summary, the clauses in it;
# then the clauses the list of such clauses links to.
READ_TYPOGRAPHY = """root => [
  Array.from(root.querySelectorAll("details.redline-fold--typography")).map(fold => [
    fold.open, fold.querySelector("summary").textContent,
    Array.from(fold.querySelectorAll(".redline-typography")).map(clause => clause.id),
  ]),
  Array.from(root.querySelectorAll("#typography + p a")).map(a => a.getAttribute("href")),
]"""
# The gap between each deletion and the insertion right after it, in the folds of typography.
READ_GAPS = """pairs => pairs.map(ins => {
  const del = ins.previousElementSibling.getClientRects();
  const after = ins.getClientRects()[0];
  const before = del[del.length - 1];
  return Math.abs(before.top - after.top) < 1 ? after.left - before.right : 99;
})"""


@pytest.mark.parametrize("prefix", LANG_PREFIXES.values())
def test_the_browser_folds_the_clauses_of_typography_alone_as_the_server_pages_do(
    browser: Browser, served: Served, prefix: str
) -> None:
    base = served("typography", AFTER_1_1)
    context = reader(browser, AFTER_1_1, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{base}{prefix}changes/1.1/")
    server = page.locator("article").evaluate(READ_TYPOGRAPHY)
    violations = axe_violations(page)
    open_comparison(page, f"{base}{prefix}compare/?from=1.0&to=1.1")
    shown = page.locator(".policy-compare__result").evaluate(READ_TYPOGRAPHY)
    violations += axe_violations(page)
    page.locator(".policy-compare__result .redline-controls button").click()
    gaps = page.eval_on_selector_all(".redline-fold--typography del + ins", READ_GAPS)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    folds, listed = server
    assert folds[0][0] is False
    assert folds[0][2] == ["1-1", "1-2"]
    assert listed[:2] == ["#1-1", "#1-2"]
    assert shown == server
    assert violations == [], describe_violations(violations)
    assert gaps
    assert min(gaps) >= 3, gaps
    assert width <= 320


@pytest.mark.parametrize("path", ["changes/1.1/", "compare/?from=1.0&to=1.1"])
def test_a_link_to_a_clause_of_typography_alone_opens_its_fold(page: Page, served: Served, path: str) -> None:
    page.clock.set_fixed_time(reading_time(AFTER_1_1))
    page.goto(served("typography", AFTER_1_1) + "ru/" + path)
    page.locator("#typography + p a").first.click()
    assert page.locator("details.redline-fold--typography").first.evaluate("fold => fold.open")
    assert page.locator("[id='1-1']").is_visible()


@pytest.mark.parametrize("path", ["changes/1.1/", "compare/?from=1.0&to=1.1"])
def test_an_address_naming_a_clause_of_typography_alone_opens_its_fold(page: Page, served: Served, path: str) -> None:
    page.clock.set_fixed_time(reading_time(AFTER_1_1))
    page.goto(served("typography", AFTER_1_1) + "ky/" + path + "#1-2")
    page.locator("[id='1-2']").wait_for(state="attached")
    assert page.locator("details.redline-fold--typography").first.evaluate("fold => fold.open")
    assert page.locator("[id='1-2']").is_visible()
