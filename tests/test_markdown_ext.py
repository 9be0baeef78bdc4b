"""Clause anchors: every numbered clause and section gets its number as id, and nothing else does."""

from __future__ import annotations

from markdown import Markdown

from policy.publication.markdown_ext import ClauseAnchorExtension


def render(text: str) -> str:
    return str(Markdown(extensions=[ClauseAnchorExtension()]).convert(text))


def test_sections_and_clauses_are_anchored_by_their_numbers() -> None:
    assert render("## 5. Section\n\n5.2. A clause.\n\nNo number.") == (
        '<h2 class="clause" id="5">5. Section</h2>\n<p class="clause" id="5-2">5.2. A clause.</p>\n<p>No number.</p>'
    )


def test_a_title_starting_with_a_number_is_not_a_clause() -> None:
    assert render("# 1.1 tahriridagi o‘zgarishlar\n\n1.1. A clause.") == (
        '<h1>1.1 tahriridagi o‘zgarishlar</h1>\n<p class="clause" id="1-1">1.1. A clause.</p>'
    )


def test_a_generated_heading_names_its_anchor_and_nothing_else() -> None:
    assert (
        render("## 1.1 tahriri — 2026-yil 15-dekabr {#v1-1}") == '<h2 id="v1-1">1.1 tahriri — 2026-yil 15-dekabr</h2>'
    )
    assert render("## **Oʻzgargan** bandlar {#changed}") == '<h2 id="changed"><strong>Oʻzgargan</strong> bandlar</h2>'


def test_no_attribute_but_an_anchor_can_be_written_in_markdown() -> None:
    assert render('5.2. A *clause*{: onclick="alert(1)" }.') == (
        '<p class="clause" id="5-2">5.2. A <em>clause</em>{: onclick="alert(1)" }.</p>'
    )
    assert render("## Section {: .x onclick=a() }") == "<h2>Section {: .x onclick=a() }</h2>"
