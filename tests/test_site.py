"""The built site, read as HTML: what a reader gets in each language, for the policies of tests/data.

two-versions is built before 1.1 takes effect (1.0 in force, 1.1 upcoming) and on its day; chain
when its material 2.0 is in force (1.0 and 1.1 superseded, a clause added and one removed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from policy.publication.labels import label
from support import AFTER_1_1, BEFORE_1_1, LANG_PREFIXES, REPO, SITE_URL, Golden

LANGS = LANG_PREFIXES


def parse(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text(" ", strip=True).split())


def status_box(page: BeautifulSoup) -> Tag:
    box = page.select_one(".policy-status")
    assert box is not None
    return box


def marks(element: Tag) -> list[tuple[str, str]]:
    """The deleted and inserted words of a redline element, without the words for screen readers."""
    found = []
    for mark in element.find_all(["del", "ins"]):
        spoken = mark.select_one(".policy-sr")
        found.append((mark.name, mark.get_text().removeprefix(spoken.get_text() if spoken else "")))
    return found


def search_index(site: Path, prefix: str) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    return index


def indexed_pages(site: Path, prefix: str) -> set[str]:
    return {doc["location"].split("#")[0] for doc in search_index(site, prefix)["docs"]}


# --- The text in force, and the notices ------------------------------------------------------------


def test_home_shows_the_version_in_force_and_the_next_one(two_versions_before_1_1: Path) -> None:
    box = status_box(parse(two_versions_before_1_1, ""))
    assert text_of(box) == (
        "1.0 tahriri · Kuchga kirgan sana: 2026-yil 24-noyabr 1.1 tahriri 2026-yil 15-dekabr sanasida kuchga "
        "kiradi. Nima oʻzgaradi Istalgan ikki tahrirni solishtirish · PDF shaklida yuklab olish · Barcha tahrirlar"
    )
    assert box.find("a", string="1.1 tahriri")["href"] == "versions/1.1/"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "uz",
            "1.1 tahriri · Kuchga kirgan sana: 2026-yil 15-dekabr Nima oʻzgardi · Istalgan ikki tahrirni "
            "solishtirish · PDF shaklida yuklab olish · Barcha tahrirlar",
        ),
        (
            "ky",
            "1.1 редакциясы · Күчүнө кирген күнү: 2026-жылдын 15-декабры Эмне өзгөрдү · Каалаган эки редакцияны "
            "салыштыруу · PDF түрүндө жүктөп алуу · Бардык редакциялар",
        ),
        (
            "ru",
            "Редакция 1.1 · Действует с 15 декабря 2026 г. Что изменилось · Сравнить любые две редакции · "
            "Скачать в формате PDF · Все редакции",
        ),
    ],
)
def test_after_its_date_1_1_is_in_force_in_every_language(
    two_versions_after_1_1: Path, lang: str, expected: str
) -> None:
    assert text_of(status_box(parse(two_versions_after_1_1, LANGS[lang]))) == expected


def test_a_superseded_version_says_so_and_links_to_the_current_text(two_versions_after_1_1: Path) -> None:
    box = status_box(parse(two_versions_after_1_1, "ru/versions/1.0"))
    assert "policy-status--superseded" in box["class"]
    assert text_of(box) == (
        "Редакция 1.0 · С 15 декабря 2026 г. заменена редакцией 1.1 Это не действующая редакция. Читать "
        "действующую редакцию · Сравнить с действующей редакцией Сравнить любые две редакции · Скачать в формате PDF"
    )
    assert [a["href"] for a in box.find_all("a")] == [
        "../1.1/",
        "../../",
        "../../changes/1.1/",
        "../../compare/?from=1.0&to=1.1",
        f"{SITE_URL}api/v1/versions/1.0/ru.pdf",
    ]


def test_an_upcoming_version_says_when_it_takes_effect(two_versions_before_1_1: Path) -> None:
    box = status_box(parse(two_versions_before_1_1, "ky/versions/1.1"))
    assert text_of(box) == (
        "1.1 редакциясы · Күчүнө кирүү күнү: 2026-жылдын 15-декабры Бул текст азырынча күчүнө кире элек. "
        "Колдонуудагы текстти окуңуз Эмне өзгөрөт · Каалаган эки редакцияны салыштыруу · PDF түрүндө жүктөп алуу"
    )


def test_the_newer_version_notice_is_prepared_but_hidden(two_versions_before_1_1: Path) -> None:
    notice = parse(two_versions_before_1_1, "ru/versions/1.0").select_one(".policy-newer")
    assert notice.has_attr("hidden")
    assert notice["data-feed"] == "../../../api/v1/policy.json"
    assert notice["data-built-current"] == "1.0"
    assert notice["data-text"] == "Вступила в силу [новая редакция {id}]({url})."


def test_translations_name_the_authoritative_text_and_link_to_it(two_versions_before_1_1: Path) -> None:
    note = parse(two_versions_before_1_1, "ky/versions/1.0").select_one(".policy-translation")
    assert text_of(note) == "Бул котормо. Айырмачылык болсо, өзбек тилиндеги текст артыкчылыкка ээ: түпнуска текст ."
    assert note.find("a")["href"] == "../../../versions/1.0/"
    assert parse(two_versions_before_1_1, "versions/1.0").select_one(".policy-translation") is None


def provenance(site: Path, url: str) -> str:
    """The version page's provenance note, its commit written as <sha>."""
    return re.sub(r"\b[0-9a-f]{10}\b", "<sha>", text_of(parse(site, url).select_one(".policy-provenance")))


def test_an_upcoming_version_names_the_last_commit_of_its_text(two_versions_before_1_1: Path) -> None:
    assert provenance(two_versions_before_1_1, "ru/versions/1.1") == (
        "Текст последний раз изменён в репозитории 25 ноября 2026 г., коммит <sha> ."
    )


def test_a_text_in_force_says_its_last_change_came_before_its_date(two_versions_after_1_1: Path) -> None:
    assert provenance(two_versions_after_1_1, "ru/versions/1.1") == (
        "Текст последний раз изменён в репозитории 25 ноября 2026 г., до вступления в силу (коммит <sha> ). "
        "Вступивший в силу текст не изменяется."
    )
    assert provenance(two_versions_after_1_1, "versions/1.1") == (
        "Matn repozitoriyda kuchga kirishidan oldin oxirgi marta oʻzgartirilgan: 2026-yil 25-noyabr, <sha> "
        "kommiti. Kuchga kirgan matn oʻzgartirilmaydi."
    )


def test_a_text_recorded_after_its_date_says_so_not_that_it_was_edited(two_versions_before_1_1: Path) -> None:
    # 1.0 took effect on 24 November and was committed on the 25th, as it had been published.
    assert provenance(two_versions_before_1_1, "ky/versions/1.0") == (
        "Текст репозиторийге күчүнө киргенден кийин кошулган: 2026-жылдын 25-ноябры, <sha> коммити. "
        "Күчүнө кирген текст өзгөртүлбөйт."
    )


@pytest.mark.parametrize(
    ("prefix", "first", "editorial"),
    [
        ("", "**amalda** · Birinchi tahrir", "**hali kuchga kirmagan** · Tahririy oʻzgarish"),
        ("ky/", "**күчүндө** · Биринчи редакция", "**күчүнө кире элек** · Редакциялык өзгөртүү"),
        ("ru/", "**действует** · Первая редакция", "**вступит в силу** · Редакционное изменение"),
    ],
)
def test_the_changelog_calls_the_first_version_the_first_not_a_material_change(
    two_versions_before_1_1: Path, prefix: str, first: str, editorial: str
) -> None:
    page = parse(two_versions_before_1_1, prefix + "changelog")
    kinds = [f"**{p.strong.get_text()}**{p.strong.next_sibling}" for p in page.select("article p:has(> strong)")]
    assert kinds == [editorial, first]


# Each language names a version of the policy with one word: tahrir, редакция, редакция.
OTHER_WORDS_FOR_VERSION = {
    "uz": re.compile(r"\b(versiya|nashr(?!\s+qil))\w*", re.IGNORECASE),
    "ky": re.compile(r"\bверси\w*", re.IGNORECASE),
    "ru": re.compile(r"\bверси\w*", re.IGNORECASE),
}


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
def test_every_page_names_a_version_with_one_word_per_language(chain_after_2_0: Path, lang: str) -> None:
    prefix = LANGS[lang]
    pages = [*sorted((chain_after_2_0 / prefix).glob("**/index.html")), chain_after_2_0 / prefix / "404.html"]
    found = {}
    for path in pages:
        if lang == "uz" and any(path.is_relative_to(chain_after_2_0 / other) for other in ("ky", "ru")):
            continue
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in page.select(f"p.clause, article h2, [lang]:not(html):not([lang={lang}])"):
            element.decompose()  # the policy's own words, and what the 404 page says in the other languages
        words = [page.title.get_text(), text_of(page.body)]
        words += [str(value) for tag in page.find_all(True) for name, value in tag.attrs.items() if name != "href"]
        hits = sorted({m.group(0) for text in words for m in OTHER_WORDS_FOR_VERSION[lang].finditer(text)})
        if hits:
            found[path.relative_to(chain_after_2_0).as_posix()] = hits
    assert found == {}


# --- Pages, languages, anchors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "lang"),
    [
        ("", "uz"),
        ("ky", "ky"),
        ("ru", "ru"),
        ("versions/1.0", "uz"),
        ("ky/versions/1.1", "ky"),
        ("ru/versions", "ru"),
    ],
)
def test_every_language_has_its_pages_with_the_right_html_lang(
    two_versions_before_1_1: Path, page: str, lang: str
) -> None:
    assert parse(two_versions_before_1_1, page).html["lang"] == lang


@pytest.mark.parametrize(("lang", "prefix"), LANG_PREFIXES.items())
@pytest.mark.parametrize("page", ["", "versions/", "versions/1.1/", "changelog/"])
def test_the_toggles_between_the_systems_scheme_light_and_dark_are_named_in_the_pages_language(
    two_versions_before_1_1: Path, lang: str, prefix: str, page: str
) -> None:
    """Each palette's toggle is named for the next: the system's scheme, light, dark, and round again."""
    palette = parse(two_versions_before_1_1, prefix + page).select_one("[data-md-component=palette]")
    assert palette is not None
    names = [(option["data-md-color-media"], option["aria-label"]) for option in palette.select("input")]
    assert names == [
        ("(prefers-color-scheme)", label("to_light_scheme", lang)),
        ("(prefers-color-scheme: light)", label("to_dark_scheme", lang)),
        ("(prefers-color-scheme: dark)", label("to_system_scheme", lang)),
    ]
    assert [toggle["title"] for toggle in palette.select("label")] == [name for _, name in names]


def test_the_archive_lists_versions_newest_first(two_versions_before_1_1: Path) -> None:
    rows = parse(two_versions_before_1_1, "ru/versions").select("article table tbody tr")
    cells = [[text_of(td) for td in row.find_all("td")][:3] for row in rows]
    assert cells == [["1.1", "15 декабря 2026 г.", "вступит в силу"], ["1.0", "24 ноября 2026 г.", "действует"]]
    assert rows[0].find("a")["href"] == "1.1/"


def test_the_archive_gives_each_version_its_start_and_each_cell_its_label(two_versions_before_1_1: Path) -> None:
    table = parse(two_versions_before_1_1, "ky/versions").select_one("table.policy-versions")
    assert [(tr["data-version"], tr["data-effective-from"]) for tr in table.select("tbody tr")] == [
        ("1.1", "2026-12-15T00:00:00+06:00"),
        ("1.0", "2026-11-24T00:00:00+06:00"),
    ]
    headers = [text_of(th) for th in table.select("thead th")]
    assert headers == ["Редакция", "Күчүнө кирүү күнү", "Абалы", "Өзгөртүүлөр", "Салыштыруу", "Архивдик нуска"]
    assert all([td["data-label"] for td in tr.find_all("td")] == headers for tr in table.select("tbody tr"))


def test_the_archive_has_an_answer_for_every_date_written_in_advance(two_versions_before_1_1: Path) -> None:
    page = parse(two_versions_before_1_1, "ky/versions")
    form = page.select_one("form.policy-on-date")
    assert form.has_attr("hidden")
    assert form["data-timezone"] == "Asia/Bishkek"
    assert text_of(form.select_one("label[for=policy-on]")) == "Тандалган күнү кайсы редакция күчүндө"
    assert form.select_one("input#policy-on")["type"] == "date"
    assert form.select_one("[role=status]") is not None
    answers = {
        p["data-version"]: (text_of(p), [a["href"] for a in p.find_all("a")])
        for p in page.select(".policy-on-date__answers p")
    }
    assert answers == {
        "1.0": ("Бул күнү 1.0 редакциясы күчүндө (2026-жылдын 24-ноябрынан тартып).", ["1.0/"]),
        "1.1": ("Бул күнү 1.1 редакциясы күчүндө (2026-жылдын 15-декабрынан тартып).", ["1.1/"]),
        "": ("Бул күнү бир да редакция күчүндө эмес: биринчиси 2026-жылдын 24-ноябрынан тартып күчүндө.", []),
    }


def test_the_comparison_page_offers_every_version_and_writes_what_the_browser_says(chain_after_2_0: Path) -> None:
    page = parse(chain_after_2_0, "ru/compare")
    selects = {
        select["name"]: [(o["value"], text_of(o), o.has_attr("selected")) for o in select.find_all("option")]
        for select in page.select("form.policy-compare select")
    }
    versions = [
        ("2.0", "Редакция 2.0 — 1 марта 2027 г."),
        ("1.1", "Редакция 1.1 — 10 января 2027 г."),
        ("1.0", "Редакция 1.0 — 24 ноября 2026 г."),
    ]
    assert selects == {
        "from": [(v, name, v == "1.1") for v, name in versions],
        "to": [(v, name, v == "2.0") for v, name in versions],
    }
    assert page.select_one("option[value='1.0']")["data-url"] == "../versions/1.0/"
    texts = json.loads(page.select_one("script#policy-compare-texts").string)
    assert texts["unchanged_fold"] == "Без изменений: {clauses}"
    assert texts["compares"].startswith("На этой странице сравниваются тексты: [редакция {old}]({old_url})")
    assert [a["href"] for a in page.select("noscript a")] == [
        "../changes/2.0/",
        "../changes/1.1/",
        "../changes/1.0-2.0/",
    ]
    assert [s["src"] for s in page.select("script[type=module]")] == ["../../assets/compare.js"]
    modules = ["compare.js", "redline-port.js", "typography.js"]
    for module in [*modules, "javascripts/diff/array.js", "javascripts/diff/base.js"]:
        assert (chain_after_2_0 / "assets" / module).is_file()


def test_a_policy_of_one_version_has_nothing_to_compare(built: Callable[[str, dt.date], Path]) -> None:
    site = built("one-version", BEFORE_1_1)
    assert not (site / "compare").exists()
    assert not [a["href"] for a in parse(site, "versions").select("article a") if "compare/" in a["href"]]


def test_nothing_the_theme_follows_names_the_production_host(two_versions_before_1_1: Path) -> None:
    # A preview served elsewhere must not fetch from production: the theme fetches a sitemap.xml beside
    # each <link rel=alternate>, and loads what <link>, <script> and its configuration name.
    for path in sorted(two_versions_before_1_1.rglob("*.html")):
        if "api" in path.relative_to(two_versions_before_1_1).parts:
            continue
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        followed = [link["href"] for link in page.select("link[href]") if link.get("rel") != ["canonical"]]
        followed += [script["src"] for script in page.select("script[src]")]
        followed += [page.select_one("script#__config").string]
        assert not [url for url in followed if SITE_URL in url], path
    atom = parse(two_versions_before_1_1, "ru/versions/1.0").select_one("link[rel=alternate]")
    assert atom["href"] == "../../changelog.xml"


def test_the_search_dialog_is_named_in_the_page_language(two_versions_before_1_1: Path) -> None:
    names = {
        prefix: parse(two_versions_before_1_1, prefix).select_one(".md-search[role=dialog]")["aria-label"]
        for prefix in LANGS.values()
    }
    assert names == {"": "Qidirish", "ky/": "Издөө", "ru/": "Поиск"}


@pytest.mark.parametrize(
    ("url", "title", "header", "next_page"),
    [
        ("versions", "Barcha tahrirlar – Konfidensiallik siyosati", "Yuqori qism", "Keyingi sahifa"),
        ("ky/versions", "Бардык редакциялар – Купуялык саясаты", "Жогорку колонтитул", "Кийинки"),
        ("ru/versions", "Все редакции – Политика конфиденциальности", "Верхний колонтитул", "Вперёд"),
    ],
)
def test_the_theme_speaks_as_the_page_language_writes(
    two_versions_before_1_1: Path, url: str, title: str, header: str, next_page: str
) -> None:
    page = parse(two_versions_before_1_1, url)
    assert text_of(page.title) == title
    assert page.select_one("nav.md-header__inner")["aria-label"] == header
    assert text_of(page.select_one(".md-footer__link--next .md-footer__direction")) == next_page


def test_pages_carry_a_title_and_description_for_sharing(two_versions_before_1_1: Path) -> None:
    page = parse(two_versions_before_1_1, "ru/versions/1.1")
    assert text_of(page.title) == "Редакция 1.1 – Политика конфиденциальности"
    assert (
        page.select_one("meta[name=description]")["content"]
        == "Политика конфиденциальности, редакция 1.1. Вступит в силу 15 декабря 2026\u202fг."
    )
    assert page.select_one("meta[property='og:url']")["content"] == SITE_URL + "ru/versions/1.1/"


@pytest.mark.parametrize("anchor", ["1", "1-1", "2-1", "2-3", "3", "3-1"])
def test_clause_anchors_are_the_same_in_every_language(two_versions_before_1_1: Path, anchor: str) -> None:
    for prefix in LANGS.values():
        element = parse(two_versions_before_1_1, prefix + "versions/1.0").find(id=anchor)
        assert element is not None, prefix
        assert "clause" in element["class"], prefix


def test_a_renumbered_clause_has_its_new_anchor_in_every_language(two_versions_before_1_1: Path) -> None:
    for prefix in LANGS.values():
        ids = [el["id"] for el in parse(two_versions_before_1_1, prefix + "versions/1.1").select(".clause")]
        assert "2-2" in ids
        assert "2-3" not in ids


def test_interface_texts_are_in_the_page_language(two_versions_before_1_1: Path) -> None:
    english = re.compile(r"\b(Versions|Made with|Search|Table of contents|Previous|Next|Skip to content)\b")
    for prefix in LANGS.values():
        for url in ("", "versions", "versions/1.0"):
            page = parse(two_versions_before_1_1, prefix + url)
            visible = text_of(page.body)
            assert not english.search(visible), f"English in {prefix}{url}: {english.search(visible)}"
            assert page.select_one("input.md-search__input")["placeholder"] != "Search"


NOT_FOUND = {
    "uz": (
        "404 – Sahifa topilmadi – Konfidensiallik siyosati",
        "Sahifa topilmadi",
        "Bu manzilda sahifa yoʻq: havola eskirgan yoki manzil xato yozilgan boʻlishi mumkin.",
        [("/", "Konfidensiallik siyosatining amaldagi matni"), ("/versions/", "Barcha tahrirlar")],
    ),
    "ky": (
        "404 – Барак табылган жок – Купуялык саясаты",
        "Барак табылган жок",
        "Бул даректе барак жок: шилтеме эскирген же дарек туура эмес жазылган болушу мүмкүн.",
        [("/ky/", "Купуялык саясатынын колдонуудагы тексти"), ("/ky/versions/", "Бардык редакциялар")],
    ),
    "ru": (
        "404 – Страница не найдена – Политика конфиденциальности",
        "Страница не найдена",
        "По этому адресу страницы нет: возможно, ссылка устарела или адрес набран с ошибкой.",
        [("/ru/", "Действующая редакция Политики конфиденциальности"), ("/ru/versions/", "Все редакции")],
    ),
}


def not_found_page(site: Path, lang: str) -> BeautifulSoup:
    return BeautifulSoup((site / LANGS[lang] / "404.html").read_text(encoding="utf-8"), "html.parser")


def shown_not_found(block: Tag) -> tuple[str, str, str, list[tuple[str, str]]]:
    """A 404 page's text in one language: its title, heading, sentence and links in that language."""
    links = [(str(a["href"]), text_of(a)) for a in block.select("li:not([lang]) > a")]
    return str(block["data-title"]), text_of(block.h1), text_of(block.p), links


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_404_page_in_it(two_versions_before_1_1: Path, lang: str) -> None:
    page = not_found_page(two_versions_before_1_1, lang)
    shown = page.select(".policy-not-found:not([hidden])")
    assert page.html is not None
    assert page.title is not None
    assert (page.html["lang"], page.title.get_text(), len(shown)) == (lang, NOT_FOUND[lang][0], 1)
    assert (shown[0]["lang"], shown_not_found(shown[0])) == (lang, NOT_FOUND[lang])
    # The language menu leads to each language's home page, whatever page was built last.
    menu = [(a["hreflang"], a["href"]) for a in page.select("a.md-select__link")]
    assert menu == [("uz", "/"), ("ky", "/ky/"), ("ru", "/ru/")]
    assert (
        text_of(page.select_one(".policy-language__name"))
        == {"uz": "Oʻzbekcha", "ky": "Кыргызча", "ru": "Русский"}[lang]
    )


def test_only_the_root_404_page_holds_the_other_languages(two_versions_before_1_1: Path) -> None:
    """Hosts with one 404 page (GitHub Pages) serve the root one at every path: its script shows the
    path's language, and without it the reader finds the other languages' home pages in theirs."""
    root = not_found_page(two_versions_before_1_1, "uz")
    blocks = root.select(".policy-not-found")
    assert [(b["lang"], b["data-root"], b.has_attr("hidden"), shown_not_found(b)) for b in blocks] == [
        ("uz", "/", False, NOT_FOUND["uz"]),
        ("ky", "/ky/", True, NOT_FOUND["ky"]),
        ("ru", "/ru/", True, NOT_FOUND["ru"]),
    ]
    others = [(li["lang"], li.a["href"], text_of(li)) for li in blocks[0].select("li[lang]")]
    assert others == [
        ("ky", "/ky/", "Купуялык саясатынын колдонуудагы тексти"),
        ("ru", "/ru/", "Действующая редакция Политики конфиденциальности"),
    ]
    assert root.select_one('script[src="/assets/not-found.js"]') is not None
    for lang in ("ky", "ru"):
        page = not_found_page(two_versions_before_1_1, lang)
        assert [b["lang"] for b in page.select(".policy-not-found")] == [lang]
        assert page.select("li[lang]") == []
        assert page.select_one('script[src="/assets/not-found.js"]') is None


def test_the_hosting_guide_serves_each_language_folders_404_page(two_versions_before_1_1: Path) -> None:
    folders = sorted(path.parent.name for path in two_versions_before_1_1.glob("*/404.html"))
    guide = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    assert folders == ["ky", "ru"]
    for folder in folders:
        assert f"location /{folder}/ {{ error_page 404 /{folder}/404.html; }}" in guide
        assert f'from = "/{folder}/*"\n    to = "/{folder}/404.html"\n    status = 404' in guide


@pytest.mark.parametrize("lang", LANGS)
def test_a_404_page_loads_everything_from_absolute_paths(two_versions_before_1_1: Path, lang: str) -> None:
    """A host serves it at whatever path was missing (/ru/a/b/c), so no URL may be relative to it."""
    page = not_found_page(two_versions_before_1_1, lang)
    urls = [str(tag.get("href") or tag.get("src")) for tag in page.select("link[href], script[src], a[href]")]
    assert [url for url in urls if not url.startswith("/")] == []
    config = json.loads(page.select_one("script#__config").get_text())
    assert (config["base"], config["search"].split("?")[0]) == (
        "/" + LANGS[lang],
        "/assets/javascripts/workers/policy-search.js",
    )


def test_the_navigation_lists_the_text_the_archive_and_the_changelog_and_the_page_shown(
    two_versions_before_1_1: Path,
) -> None:
    for prefix in LANGS.values():
        for url, shown in (("", []), ("versions/1.0", ["versions/1.0/"]), ("changes/1.1", ["changes/1.1/"])):
            here = f"{SITE_URL}{prefix}{url}/" if url else SITE_URL + prefix
            page = parse(two_versions_before_1_1, prefix + url)
            targets = [urljoin(here, a["href"]) for a in page.select("nav.md-nav--primary > ul > li > a")]
            assert targets == [SITE_URL + prefix + path for path in ("", "versions/", *shown, "changelog/")], (
                prefix + url
            )
            assert page.select_one("nav.md-nav--primary input#__toc") is not None  # its sections, on phones


# --- Sitemaps and search ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "versions", "versions/1.0", "versions/1.1", "changes/1.1"])
def test_every_page_has_absolute_alternates_in_the_sitemaps(two_versions_before_1_1: Path, url: str) -> None:
    path = f"{url}/" if url else ""
    expected = {
        "uz": SITE_URL + path,
        "ky": SITE_URL + "ky/" + path,
        "ru": SITE_URL + "ru/" + path,
        "x-default": SITE_URL + path,
    }
    for prefix in LANGS.values():
        for sitemap in {"", prefix}:
            assert (
                sitemap_alternates(two_versions_before_1_1 / sitemap / "sitemap.xml")[SITE_URL + prefix + path]
                == expected
            )


def sitemap_alternates(sitemap: Path) -> dict[str | None, dict[str | None, str | None]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in ET.parse(sitemap).getroot().findall("s:url", ns)
    }


def test_pages_link_no_alternates_for_the_theme_to_chase(two_versions_before_1_1: Path) -> None:
    # The theme fetches a sitemap.xml beside every <link rel=alternate>; only the Atom feed's stays.
    page = parse(two_versions_before_1_1, "ru/versions/1.0")
    assert [link["type"] for link in page.select("head link[rel=alternate]")] == ["application/atom+xml"]


def test_each_language_has_its_own_search_index(two_versions_before_1_1: Path) -> None:
    for lang, prefix in LANGS.items():
        docs = search_index(two_versions_before_1_1, prefix)["docs"]
        assert docs, lang
        assert not any(doc["location"].startswith(("ky/", "ru/")) for doc in docs)
    ru_text = " ".join(doc["text"] for doc in search_index(two_versions_before_1_1, "ru/")["docs"])
    assert "Персональные данные" in ru_text
    assert "Shaxsiy" not in ru_text


def test_search_holds_each_text_in_force_or_to_come_once_and_no_superseded_text_or_redline(
    two_versions_before_1_1: Path, two_versions_after_1_1: Path
) -> None:
    for prefix in LANGS.values():
        before, after = indexed_pages(two_versions_before_1_1, prefix), indexed_pages(two_versions_after_1_1, prefix)
        assert {"versions/1.0/", "versions/1.1/", "versions/", "changelog/"} <= before
        assert "versions/1.1/" in after
        assert "versions/1.0/" not in after
        assert "" not in before | after  # the home page repeats the version page of the text in force
        assert not any(location.startswith("changes/") for location in before | after)


def test_search_pages_load_their_language_index(two_versions_before_1_1: Path) -> None:
    config = parse(two_versions_before_1_1, "ky/versions/1.0").select_one("script#__config")
    assert json.loads(config.string)["base"] == "../.."


def test_search_index_carries_the_folding_table_and_each_versions_facts(two_versions_before_1_1: Path) -> None:
    facts = search_index(two_versions_before_1_1, "ky/")["config"]["policy"]
    assert facts["fold"]["ү"] == "у"  # тиешелүү, typed without ү
    assert facts["fold"]["ʼ"] == ""
    assert facts["versions"]["1.1"] == {"name": "1.1 редакциясы", "effective_from": "2026-12-15T00:00:00+06:00"}
    assert facts["statuses"]["current"] == "күчүндө"


# --- What changed ----------------------------------------------------------------------------------


def test_the_main_content_of_a_redline_page(chain_after_2_0: Path, golden: Golden) -> None:
    article = parse(chain_after_2_0, "ru/changes/2.0").select_one("article.md-content__inner")
    assert article is not None
    golden.check("pages/chain-ru-changes-2.0.html", article.decode(formatter="minimal") + "\n")


def test_the_changes_page_says_which_versions_and_dates_it_compares(two_versions_before_1_1: Path) -> None:
    for lang, prefix in LANGS.items():
        page = parse(two_versions_before_1_1, prefix + "changes/1.1")
        assert page.html["lang"] == lang
        assert [a["href"] for a in status_box(page).find_all("a")] == ["../../versions/1.0/", "../../versions/1.1/"]
    page = parse(two_versions_before_1_1, "ru/changes/1.1")
    assert text_of(status_box(page)) == (
        "На этой странице сравниваются тексты: редакция 1.0 (24 ноября 2026 г.) и редакция 1.1 (15 декабря 2026 "
        "г.). Редакция 1.1 · Вступит в силу 15 декабря 2026 г."
    )
    assert text_of(page.h1) == "Изменения в редакции 1.1"


def test_corrections_are_struck_and_inserted(two_versions_before_1_1: Path) -> None:
    page = parse(two_versions_before_1_1, "changes/1.1")
    assert marks(page.find(id="1-1")) == [
        ("del", "ma’lumotlar"),
        ("ins", "maʼlumotlar"),
        ("del", "jisomniy"),
        ("ins", "jismoniy"),
    ]
    assert marks(page.find(id="2")) == [("del", "Тaraflarning"), ("ins", "Taraflarning")]


def test_marks_are_named_for_screen_readers_in_the_page_language(two_versions_before_1_1: Path) -> None:
    for prefix, deleted, inserted in [
        ("", "oʻchirilgan: ", "qoʻshilgan: "),
        ("ky/", "өчүрүлгөн: ", "кошулган: "),
        ("ru/", "удалено: ", "добавлено: "),
    ]:
        page = parse(two_versions_before_1_1, prefix + "changes/1.1")
        assert page.select_one(".redline del .policy-sr").get_text() == deleted
        assert page.select_one(".redline ins .policy-sr").get_text() == inserted


def test_changed_clauses_are_listed_first_with_their_old_numbers(two_versions_before_1_1: Path) -> None:
    page = parse(two_versions_before_1_1, "ky/changes/1.1")
    listed = page.find(id="changed").find_next_sibling("p")
    assert listed.get_text() == "2.2 (мурда 2.3)"
    assert [a["href"] for a in listed.find_all("a")] == ["#2-2"]
    assert page.find(id="added") is None
    assert page.find(id="removed") is None
    assert marks(page.find(id="2-2")) == [("del", "2.3."), ("ins", "2.2.")]


def test_unchanged_clauses_are_folded_and_changed_ones_shown(two_versions_before_1_1: Path) -> None:
    page = parse(two_versions_before_1_1, "ru/changes/1.1")
    assert [text_of(fold.summary) for fold in page.select(".redline details.redline-fold")] == [
        "Без изменений: 1.1–1.2",
        "Без изменений: 2.1",
        "Без изменений: 3.1",
    ]
    assert page.find(id="1-2").find_parent("details") is not None
    assert page.find(id="2-2").find_parent("details") is None
    assert page.find(id="2").find_parent("details") is None  # section headings stay as signposts
    controls = page.select_one(".redline-controls")
    assert controls.has_attr("hidden")
    assert controls.button["data-fold"] == "Свернуть неизменённые части"


def test_changes_pages_are_linked_from_the_text_the_archive_the_notice_and_the_changelog(
    two_versions_before_1_1: Path,
) -> None:
    assert status_box(parse(two_versions_before_1_1, "ru")).find("a", string="Что изменится")["href"] == "changes/1.1/"
    assert (
        status_box(parse(two_versions_before_1_1, "ru/versions/1.1")).find("a", string="Что изменится")["href"]
        == "../../changes/1.1/"
    )
    assert status_box(parse(two_versions_before_1_1, "ru/versions/1.0")).find("a", string="Что изменилось") is None
    rows = parse(two_versions_before_1_1, "ru/versions").select("article table tbody tr")
    assert [text_of(row.find_all("td")[-2]) for row in rows] == ["Что изменится", "Первая редакция"]
    assert rows[0].find_all("td")[-2].a["href"] == "../changes/1.1/"
    assert parse(two_versions_before_1_1, "ru/changelog").find("a", string="Что изменится")["href"] == "../changes/1.1/"


def test_added_and_removed_clauses_are_listed_and_marked(chain_after_2_0: Path) -> None:
    page = parse(chain_after_2_0, "ru/changes/2.0")
    listed = {
        heading["id"]: heading.find_next_sibling("p").get_text()
        for heading in page.select("h2[id=changed], h2[id=added], h2[id=removed]")
    }
    assert listed == {"added": "1.3", "removed": "2.2"}
    assert marks(page.find(id="1-3")) == [
        ("ins", "1.3. Данные передаются курьерским службам только для доставки заказа.")
    ]
    assert marks(page.find(id="removed-2-2")) == [("del", "2.2. Пользователь может потребовать удаления своих данных.")]


def test_once_in_force_the_links_say_what_changed(chain_after_2_0: Path) -> None:
    rows = parse(chain_after_2_0, "ru/versions").select("article table tbody tr")
    assert [text_of(row.find_all("td")[-2]) for row in rows] == ["Что изменилось", "Что изменилось", "Первая редакция"]


def test_a_superseded_version_is_compared_with_the_version_in_force(chain_after_2_0: Path) -> None:
    box = status_box(parse(chain_after_2_0, "ru/versions/1.0"))
    assert box.find("a", string="Сравнить с действующей редакцией")["href"] == "../../changes/1.0-2.0/"
    box = status_box(parse(chain_after_2_0, "ru/versions/1.1"))
    assert box.find("a", string="Сравнить с действующей редакцией")["href"] == "../../changes/2.0/"
    page = parse(chain_after_2_0, "ru/changes/1.0-2.0")
    assert text_of(page.h1) == "Сравнение редакций 1.0 и 2.0"
    listed = {
        heading["id"]: heading.find_next_sibling("p").get_text()
        for heading in page.select("h2[id=changed], h2[id=added], h2[id=removed]")
    }
    assert listed == {"changed": "2.1", "added": "1.3", "removed": "2.2"}
    assert not (chain_after_2_0 / "ru/changes/1.1-2.0").exists()


def test_redlines_are_left_out_of_search_and_texts_are_not(two_versions_before_1_1: Path) -> None:
    locations = indexed_pages(two_versions_before_1_1, "ru/")
    assert "versions/1.1/" in locations
    assert not any(location.startswith("changes/") for location in locations)


def test_search_finds_clauses_not_the_note_on_the_texts_last_change(two_versions_before_1_1: Path) -> None:
    """The note closes the page, after the last section: indexed, it was found as that section's words."""
    for prefix in LANGS.values():
        docs = search_index(two_versions_before_1_1, prefix)["docs"]
        texts = " ".join(doc["text"] for doc in docs if doc["location"].startswith("versions/1."))
        assert "<code>" not in texts  # the note's commit; no clause of the test policy has code


def test_search_finds_no_words_run_together_from_the_archive_table(two_versions_before_1_1: Path) -> None:
    for lang, prefix in LANGS.items():
        docs = search_index(two_versions_before_1_1, prefix)["docs"]
        archive = " ".join(
            doc["text"] for doc in docs if doc["location"].startswith("versions/#") or doc["location"] == "versions/"
        )
        summaries = " ".join(doc["text"] for doc in docs if doc["location"].startswith("changelog/"))
        assert label("col_effective", lang) not in archive  # the table's header, run into its cells
        assert "2.3" in summaries  # 1.1's summary is still found, in the changelog


RETYPED_1_1 = {"uz": [["1.1", "1.2"], ["2.1"]], "ky": [["1.1", "1.2"]], "ru": [["1.1", "1.2"]]}


@pytest.mark.parametrize("lang", RETYPED_1_1)
def test_clauses_whose_typography_alone_changed_are_listed_apart_and_folded_with_their_marks(
    built: Callable[[str, dt.date], Path], lang: str
) -> None:
    page = parse(built("typography", AFTER_1_1), LANGS[lang] + "changes/1.1")
    article = page.select_one("article")
    assert article is not None
    lists = {h2["id"]: [a.get_text() for a in h2.find_next_sibling("p").select("a")] for h2 in article.select("h2")}
    retyped = [number for run in RETYPED_1_1[lang] for number in run]
    assert lists == {"changed": ["3.1"], "typography": retyped, "redline": []}
    assert text_of(article.select_one("h2#typography")) == label("typography_clauses", lang)
    folds = article.select("details.redline-fold--typography")
    assert [[p.get_text().split()[0] for p in fold.select("p.redline-typography")] for fold in folds] == [
        [f"{number}." for number in run] for run in RETYPED_1_1[lang]
    ]
    assert text_of(folds[0].summary) == label("typography_fold", lang, clauses="1.1–1.2")
    assert not [fold for fold in folds if fold.has_attr("open")]
    # The texts stand as they are: each retyped mark struck out and its new form inserted.
    assert [(m.name, m.get_text()) for m in folds[0].select("p")[0].select("del, ins")][:2] == [
        ("del", label("deleted", lang) + " «"),
        ("ins", label("inserted", lang) + " " + {"ru": "„"}.get(lang, "“")),
    ]
    changed = article.find(id="3-1")
    assert changed is not None
    assert changed["class"] == ["clause", "redline-changed"]
