"""The built site, read as HTML: what a reader gets in each language, before and after 1.1."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

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
    assert text_of(box).startswith("1.0 versiyasi · Kuchga kirgan sana: 2026-yil 24-noyabr")
    assert "1.1 versiyasi 2026-yil 15-dekabr sanasida kuchga kiradi." in text_of(box)
    assert box.find("a", string="1.1 versiyasi")["href"] == "versions/1.1/"


@pytest.mark.parametrize(("lang", "expected"), [
    ("uz", "1.1 versiyasi · Kuchga kirgan sana: 2026-yil 15-dekabr"),
    ("ky", "1.1 версиясы · Күчүнө кирген күнү: 2026-жылдын 15-декабры"),
    ("ru", "Редакция 1.1 · Действует с 15 декабря 2026 г."),
])
def test_after_its_date_1_1_is_in_force_in_every_language(site_after_1_1: Path, lang: str, expected: str) -> None:
    assert text_of(status_box(parse(site_after_1_1, LANGS[lang]))).startswith(expected)


def test_a_superseded_version_says_so_and_links_to_the_current_text(site_after_1_1: Path) -> None:
    box = status_box(parse(site_after_1_1, "ru/versions/1.0"))
    assert "policy-status--superseded" in box["class"]
    assert text_of(box) == "Редакция 1.0 · С 15 декабря 2026 г. заменена редакцией 1.1 Это не действующая редакция. Читать действующую редакцию · Сравнить с действующей редакцией"
    assert [a["href"] for a in box.find_all("a")] == ["../1.1/", "../../", "../../changes/1.1/"]


def test_an_upcoming_version_says_when_it_takes_effect(site_before_1_1: Path) -> None:
    box = status_box(parse(site_before_1_1, "ky/versions/1.1"))
    assert text_of(box) == "1.1 версиясы · Күчүнө кирүү күнү: 2026-жылдын 15-декабры Бул текст азырынча күчүнө кире элек. Колдонуудагы текстти окуңуз Эмне өзгөрөт"


def test_the_archive_lists_versions_newest_first(site_before_1_1: Path) -> None:
    rows = parse(site_before_1_1, "ru/versions").select("article table tbody tr")
    cells = [[text_of(td) for td in row.find_all("td")][:3] for row in rows]
    assert cells == [["1.1", "15 декабря 2026 г.", "вступит в силу"], ["1.0", "24 ноября 2026 г.", "действует"]]
    assert rows[0].find("a")["href"] == "1.1/"


@pytest.mark.parametrize("url", ["", "versions", "versions/1.0", "versions/1.1", "changes/1.1"])
def test_every_page_has_its_language_and_absolute_alternates_in_the_sitemaps(site_before_1_1: Path, url: str) -> None:
    path = f"{url}/" if url else ""
    expected = {
        "uz": SITE_URL + path, "ky": SITE_URL + "ky/" + path, "ru": SITE_URL + "ru/" + path,
        "x-default": SITE_URL + path,
    }
    for lang, prefix in LANGS.items():
        assert parse(site_before_1_1, prefix + url).html["lang"] == lang
        for sitemap in {"", prefix}:
            entries = sitemap_alternates(site_before_1_1 / sitemap / "sitemap.xml")
            assert entries[SITE_URL + prefix + path] == expected


def sitemap_alternates(sitemap: Path) -> dict[str, dict[str, str]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {
        url.findtext("s:loc", namespaces=ns): {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in ET.parse(sitemap).getroot().findall("s:url", ns)
    }


def test_each_language_root_has_a_sitemap_of_its_own_pages(site_before_1_1: Path) -> None:
    for prefix in ("ky/", "ru/"):
        locations = sitemap_alternates(site_before_1_1 / prefix / "sitemap.xml")
        assert locations and all(loc.startswith(SITE_URL + prefix) for loc in locations)
    assert len(sitemap_alternates(site_before_1_1 / "sitemap.xml")) == 3 * len(sitemap_alternates(site_before_1_1 / "ru/sitemap.xml"))


def test_pages_link_no_alternates_for_the_theme_to_chase(site_before_1_1: Path) -> None:
    # The theme fetches a sitemap.xml beside every <link rel=alternate>; only the Atom feed's stays.
    page = parse(site_before_1_1, "ru/versions/1.0")
    assert [link["type"] for link in page.select("head link[rel=alternate]")] == ["application/atom+xml"]


def test_pages_carry_a_title_and_description_for_sharing(site_before_1_1: Path) -> None:
    page = parse(site_before_1_1, "ru/versions/1.1")
    assert text_of(page.title) == "Редакция 1.1 - Политика конфиденциальности"
    description = page.select_one("meta[name=description]")["content"]
    assert description == "Политика конфиденциальности, редакция 1.1. Вступит в силу 15 декабря 2026\u202fг."
    assert page.select_one("meta[property='og:url']")["content"] == SITE_URL + "ru/versions/1.1/"


def test_translations_name_the_authoritative_text_and_link_to_it(site_before_1_1: Path) -> None:
    note = parse(site_before_1_1, "ky/versions/1.0").select_one(".policy-translation")
    assert text_of(note) == "Бул котормо. Айырмачылык болсо, өзбек тилиндеги текст артыкчылыкка ээ: түпнуска текст ."
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
    assert notice["data-text"] == "Вступила в силу [новая редакция {id}]({url})."


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


def indexed_pages(site: Path, prefix: str) -> set[str]:
    return {doc["location"].split("#")[0] for doc in search_index(site, prefix)["docs"]}


def test_search_holds_each_text_in_force_or_to_come_once_and_no_superseded_text_or_redline(site_before_1_1: Path, site_after_1_1: Path) -> None:
    for prefix in LANGS.values():
        before, after = indexed_pages(site_before_1_1, prefix), indexed_pages(site_after_1_1, prefix)
        assert {"versions/1.0/", "versions/1.1/", "versions/", "changelog/"} <= before
        assert "versions/1.1/" in after
        assert "versions/1.0/" not in after
        assert "" not in before | after  # the home page repeats the version page of the text in force
        assert not any(location.startswith("changes/") for location in before | after)


def test_search_pages_load_their_language_index(site_before_1_1: Path) -> None:
    config = parse(site_before_1_1, "ky/versions/1.0").select_one("script#__config")
    assert json.loads(config.string)["base"] == "../.."


def test_search_index_holds_folded_forms_of_words(site_before_1_1: Path) -> None:
    uz = " ".join(doc["text"] for doc in search_index(site_before_1_1, "")["docs"])
    assert "malumotlar" in uz
    ky = " ".join(doc["text"] for doc in search_index(site_before_1_1, "ky/")["docs"])
    assert "маалыматтар" in ky


def marks(element: Tag) -> list[tuple[str, str]]:
    """The deleted and inserted words of a redline element, without the words for screen readers."""
    found = []
    for mark in element.find_all(["del", "ins"]):
        spoken = mark.select_one(".policy-sr")
        found.append((mark.name, mark.get_text().removeprefix(spoken.get_text() if spoken else "")))
    return found


def test_the_changes_page_says_which_versions_and_dates_it_compares(site_before_1_1: Path) -> None:
    for lang, prefix in LANGS.items():
        page = parse(site_before_1_1, prefix + "changes/1.1")
        assert page.html["lang"] == lang
        box = status_box(page)
        assert [a["href"] for a in box.find_all("a")] == ["../../versions/1.0/", "../../versions/1.1/"]
    box = status_box(parse(site_before_1_1, "ru/changes/1.1"))
    assert text_of(box) == "На этой странице сравниваются тексты: редакция 1.0 (24 ноября 2026 г.) и редакция 1.1 (15 декабря 2026 г.). Редакция 1.1 · Вступит в силу 15 декабря 2026 г."
    assert text_of(parse(site_before_1_1, "ru/changes/1.1").h1) == "Изменения в редакции 1.1"


def test_known_corrections_of_1_1_are_struck_and_inserted_in_uzbek(site_before_1_1: Path) -> None:
    page = parse(site_before_1_1, "changes/1.1")
    assert marks(page.find(id="1-2"))[2:4] == [("del", "jisomniy"), ("ins", "jismoniy")]
    assert marks(page.find(id="6")) == [("del", "Тaraflarning"), ("ins", "Taraflarning")]
    assert marks(page.find(id="7")) == [("del", "Тaraflarning"), ("ins", "Taraflarning")]
    assert marks(page.find(id="3-2"))[:2] == [("del", "3.2"), ("ins", "3.2.")]


def test_marks_are_named_for_screen_readers_in_the_page_language(site_before_1_1: Path) -> None:
    for prefix, deleted, inserted in [("", "oʻchirilgan: ", "qoʻshilgan: "), ("ky/", "өчүрүлгөн: ", "кошулган: "), ("ru/", "удалено: ", "добавлено: ")]:
        page = parse(site_before_1_1, prefix + "changes/1.1")
        assert page.select_one(".redline del .policy-sr").get_text() == deleted
        assert page.select_one(".redline ins .policy-sr").get_text() == inserted


def test_changed_clauses_are_listed_first_with_their_old_numbers(site_before_1_1: Path) -> None:
    page = parse(site_before_1_1, "ky/changes/1.1")
    listed = page.find(id="changed").find_next_sibling("p")
    assert listed.get_text() == "1.4, 2.3, 4.1.5 (мурда 4.1.6), 4.1.6 (мурда 4.1.8), 5.3, 5.6, 6.2.2, 7.1"
    assert [a["href"] for a in listed.find_all("a")] == ["#1-4", "#2-3", "#4-1-5", "#4-1-6", "#5-3", "#5-6", "#6-2-2", "#7-1"]
    assert page.find(id="added") is None and page.find(id="removed") is None
    assert marks(page.find(id="4-1-5")) == [("del", "4.1.6."), ("ins", "4.1.5.")]


def test_unchanged_clauses_are_folded_and_changed_ones_shown(site_before_1_1: Path) -> None:
    page = parse(site_before_1_1, "ru/changes/1.1")
    folds = page.select(".redline details.redline-fold")
    assert [text_of(fold.summary) for fold in folds][:3] == ["Без изменений: 1.1–1.6", "Без изменений: 2.1–2.4", "Без изменений: 3.2"]
    assert page.find(id="2-3").find_parent("details") is not None
    assert page.find(id="4-1-5").find_parent("details") is None
    assert page.find(id="5").find_parent("details") is None  # section headings stay as signposts
    controls = page.select_one(".redline-controls")
    assert controls.has_attr("hidden") and controls.button["data-fold"] == "Свернуть неизменённые части"


def test_changes_pages_are_linked_from_the_text_the_archive_the_notice_and_the_changelog(site_before_1_1: Path) -> None:
    home_box = status_box(parse(site_before_1_1, "ru"))
    assert home_box.find("a", string="Что изменится")["href"] == "changes/1.1/"
    version_box = status_box(parse(site_before_1_1, "ru/versions/1.1"))
    assert version_box.find("a", string="Что изменится")["href"] == "../../changes/1.1/"
    assert status_box(parse(site_before_1_1, "ru/versions/1.0")).find("a", string="Что изменилось") is None
    rows = parse(site_before_1_1, "ru/versions").select("article table tbody tr")
    assert [text_of(row.find_all("td")[-1]) for row in rows] == ["Что изменится", "Первая редакция"]
    assert rows[0].find_all("td")[-1].a["href"] == "../changes/1.1/"
    changelog = parse(site_before_1_1, "ru/changelog")
    assert changelog.find("a", string="Что изменится")["href"] == "../changes/1.1/"


def test_a_clause_added_in_a_later_version_is_listed_as_added(site_after_1_2: Path) -> None:
    page = parse(site_after_1_2, "ru/changes/1.2")
    listed = page.find(id="added").find_next_sibling("p")
    assert text_of(listed) == "4.1.7"
    assert marks(page.find(id="4-1-7")) == [("ins", "4.1.7. Информирование Пользователя о статусе заказа.")]
    assert page.find(id="changed") is None and page.find(id="removed") is None


def test_once_in_force_the_links_say_what_changed(site_after_1_2: Path) -> None:
    rows = parse(site_after_1_2, "ru/versions").select("article table tbody tr")
    assert [text_of(row.find_all("td")[-1]) for row in rows] == ["Что изменилось", "Что изменилось", "Первая редакция"]


def test_a_superseded_version_is_compared_with_the_version_in_force(site_after_1_2: Path) -> None:
    box = status_box(parse(site_after_1_2, "ru/versions/1.0"))
    assert box.find("a", string="Сравнить с действующей редакцией")["href"] == "../../changes/1.0-1.2/"
    box = status_box(parse(site_after_1_2, "ru/versions/1.1"))
    assert box.find("a", string="Сравнить с действующей редакцией")["href"] == "../../changes/1.2/"
    page = parse(site_after_1_2, "ru/changes/1.0-1.2")
    assert text_of(page.h1) == "Сравнение редакций 1.0 и 1.2"
    listed = {heading["id"]: heading.find_next_sibling("p").get_text() for heading in page.select("h2[id=changed], h2[id=added]")}
    assert listed == {"changed": "3.1, 4.1.5 (ранее 4.1.6), 4.1.6 (ранее 4.1.8)", "added": "4.1.7"}
    assert not (site_after_1_2 / "ru/changes/1.1-1.2").exists()


def test_the_navigation_lists_the_text_the_archive_and_the_changelog_and_the_page_shown(site_before_1_1: Path) -> None:
    for prefix in LANGS.values():
        for url, shown in (("", []), ("versions/1.0", ["versions/1.0/"]), ("changes/1.1", ["changes/1.1/"])):
            here = f"{SITE_URL}{prefix}{url}/" if url else SITE_URL + prefix
            page = parse(site_before_1_1, prefix + url)
            links = page.select("nav.md-nav--primary > ul > li > a")
            targets = [urljoin(here, a["href"]) for a in links]
            assert targets == [SITE_URL + prefix + path for path in ("", "versions/", *shown, "changelog/")], prefix + url
            assert page.select_one("nav.md-nav--primary input#__toc") is not None  # its sections, on phones


def test_redlines_are_left_out_of_search_and_texts_are_not(site_before_1_1: Path) -> None:
    locations = {doc["location"].split("#")[0] for doc in search_index(site_before_1_1, "ru/")["docs"]}
    assert "versions/1.1/" in locations
    assert not any(location.startswith("changes/") for location in locations)
