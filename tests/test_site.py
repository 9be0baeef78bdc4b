"""The built site, read as HTML: what a reader gets in each language, before and after 1.1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

SITE_URL = "https://privacy.qlever.asia/"
LANGS = {"uz": "", "ky": "ky/", "ru": "ru/"}


def parse(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text(" ", strip=True).split())


def status_box(page: BeautifulSoup) -> Tag:
    box = page.select_one(".policy-status")
    assert box is not None
    return box


def test_home_shows_the_version_in_force_and_the_next_one(site_before_1_1: Path) -> None:
    box = status_box(parse(site_before_1_1, ""))
    assert text_of(box).startswith("Versiya 1.0 · Kuchga kirgan sana: 24-noyabr, 2026")
    assert "Versiya 1.1 15-dekabr, 2026 sanasida kuchga kiradi" in text_of(box)
    assert box.find("a", string="Versiya 1.1")["href"] == "versions/1.1/"


@pytest.mark.parametrize(("lang", "expected"), [
    ("uz", "Versiya 1.1 · Kuchga kirgan sana: 15-dekabr, 2026"),
    ("ky", "1.1 версиясы · Күчүнө кирген күнү: 2026-ж., 15-декабрь"),
    ("ru", "Версия 1.1 · Действует с 15 декабря 2026 г."),
])
def test_after_its_date_1_1_is_in_force_in_every_language(site_after_1_1: Path, lang: str, expected: str) -> None:
    assert text_of(status_box(parse(site_after_1_1, LANGS[lang]))).startswith(expected)


def test_a_superseded_version_says_so_and_links_to_the_current_text(site_after_1_1: Path) -> None:
    box = status_box(parse(site_after_1_1, "ru/versions/1.0"))
    assert "policy-status--superseded" in box["class"]
    assert text_of(box) == "Версия 1.0 · С 15 декабря 2026 г. заменена: Версия 1.1 Это не действующая редакция. Читать действующую редакцию"
    assert [a["href"] for a in box.find_all("a")] == ["../1.1/", "../../"]


def test_an_upcoming_version_says_when_it_takes_effect(site_before_1_1: Path) -> None:
    box = status_box(parse(site_before_1_1, "ky/versions/1.1"))
    assert text_of(box) == "1.1 версиясы · Күчүнө кирүү күнү: 2026-ж., 15-декабрь Бул текст азырынча күчүнө кире элек. Колдонуудагы текстти окуңуз"


def test_the_archive_lists_versions_newest_first(site_before_1_1: Path) -> None:
    rows = parse(site_before_1_1, "ru/versions").select("article table tbody tr")
    cells = [[text_of(td) for td in row.find_all("td")][:3] for row in rows]
    assert cells == [["1.1", "15 декабря 2026 г.", "ожидается"], ["1.0", "24 ноября 2026 г.", "действует"]]
    assert rows[0].find("a")["href"] == "1.1/"


@pytest.mark.parametrize("url", ["", "versions", "versions/1.0", "versions/1.1"])
def test_every_page_has_its_language_and_absolute_alternates(site_before_1_1: Path, url: str) -> None:
    path = f"{url}/" if url else ""
    for lang, prefix in LANGS.items():
        page = parse(site_before_1_1, prefix + url)
        assert page.html["lang"] == lang
        alternates = {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}
        assert alternates == {
            "uz": SITE_URL + path, "ky": SITE_URL + "ky/" + path, "ru": SITE_URL + "ru/" + path,
            "x-default": SITE_URL + path,
        }


def test_pages_carry_a_title_and_description_for_sharing(site_before_1_1: Path) -> None:
    page = parse(site_before_1_1, "ru/versions/1.1")
    assert text_of(page.title) == "Версия 1.1 - Политика конфиденциальности"
    description = page.select_one("meta[name=description]")["content"]
    assert description == "Политика конфиденциальности, Версия 1.1: Вступает в силу 15 декабря 2026\u202fг."
    assert page.select_one("meta[property='og:url']")["content"] == SITE_URL + "ru/versions/1.1/"


def test_translations_name_the_authoritative_text_and_link_to_it(site_before_1_1: Path) -> None:
    note = parse(site_before_1_1, "ky/versions/1.0").select_one(".policy-translation")
    assert text_of(note) == "Бул котормо. Айырмачылык болсо, өзбек тилиндеги текст негизги болуп саналат: түпнуска текст ."
    assert note.find("a")["href"] == "../../../versions/1.0/"
    assert parse(site_before_1_1, "versions/1.0").select_one(".policy-translation") is None


@pytest.mark.parametrize("anchor", ["1", "1-1", "3-2", "4-1-6", "4-1-8", "6", "9-2"])
def test_clause_anchors_are_the_same_in_every_language(site_before_1_1: Path, anchor: str) -> None:
    for prefix in LANGS.values():
        element = parse(site_before_1_1, prefix + "versions/1.0").find(id=anchor)
        assert element is not None, f"#{anchor} missing in {prefix or 'uz/'}"
        assert text_of(element).startswith(anchor.replace("-", "."))


def test_1_1_renumbered_its_clauses_in_every_language(site_before_1_1: Path) -> None:
    for prefix in LANGS.values():
        page = parse(site_before_1_1, prefix + "versions/1.1")
        ids = [el["id"] for el in page.select(".clause")]
        assert "4-1-5" in ids and "4-1-6" in ids and "4-1-8" not in ids


def test_interface_texts_are_in_the_page_language(site_before_1_1: Path) -> None:
    english = re.compile(r"\b(Versions|Made with|Search|Table of contents|Previous|Next|Skip to content)\b")
    for prefix in LANGS.values():
        for url in ("", "versions", "versions/1.0"):
            page = parse(site_before_1_1, prefix + url)
            visible = text_of(page.body)
            assert not english.search(visible), f"English in {prefix}{url}: {english.search(visible)}"
            assert page.select_one("input.md-search__input")["placeholder"] != "Search"


def test_the_404_page_speaks_every_language(site_before_1_1: Path) -> None:
    page = BeautifulSoup((site_before_1_1 / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert {p["lang"] for p in page.select("article p[lang]")} == {"uz", "ky", "ru"}


def test_the_newer_version_notice_is_prepared_but_hidden(site_before_1_1: Path) -> None:
    notice = parse(site_before_1_1, "ru/versions/1.0").select_one(".policy-newer")
    assert notice.has_attr("hidden")
    assert notice["data-feed"] == "../../../api/v1/policy.json"
    assert notice["data-built-current"] == "1.0"
    assert notice["data-text"] == "Вступила в силу новая версия: {version}."


def search_index(site: Path, prefix: str) -> dict:  # type: ignore[type-arg]
    return json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_search_index(site_before_1_1: Path) -> None:
    for lang, prefix in LANGS.items():
        docs = search_index(site_before_1_1, prefix)["docs"]
        assert docs, lang
        assert not any(doc["location"].startswith(("ky/", "ru/")) for doc in docs)
    ru_text = " ".join(doc["text"] for doc in search_index(site_before_1_1, "ru/")["docs"])
    assert "Политика" in ru_text or "персональн" in ru_text
    assert "Konfidensiallik siyosatida" not in ru_text


def test_search_pages_load_their_language_index(site_before_1_1: Path) -> None:
    config = parse(site_before_1_1, "ky/versions/1.0").select_one("script#__config")
    assert json.loads(config.string)["base"] == "../.."


def test_search_index_holds_folded_forms_of_words(site_before_1_1: Path) -> None:
    uz = " ".join(doc["text"] for doc in search_index(site_before_1_1, "")["docs"])
    assert "malumotlar" in uz
    ky = " ".join(doc["text"] for doc in search_index(site_before_1_1, "ky/")["docs"])
    assert "маалыматтар" in ky
