"""Every version as an archival PDF in each language, and the whole archive as one zip, for the policies of
tests/data: what the PDFs say and are, where they are linked and listed, that they are reproducible and
cached, that no character of a text becomes Typst markup, and that a character their font lacks is refused.

Typst never runs in this process (conftest.py): a process forked from it would hang. PDFs are rendered as
a build renders them, by typesetter processes (site/typesetting.py)."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from pdf_checks import (
    archival_facts,
    archival_problems,
    feed_and_archive_problems,
    fonts,
    misplaced_clauses,
    misplaced_destinations,
    page_texts,
    pdf_path,
    unembedded_fonts,
    wrong_words,
)
from policy.errors import PolicyError
from policy.publication import pdf as pdf_module
from policy.publication.pdf import PdfInput, pdf_inputs, typst_document
from policy.site import worker
from policy.site.typesetting import Typesetters
from policy.sources.markup import to_html
from policy.sources.versions import Policy, load_policy, read_texts
from support import AFTER_1_1, BEFORE_1_1, CHAIN_AFTER_2_0, SITE_URL, build, scenario, tree_digest

pytestmark = pytest.mark.slow

SiteCopy = Callable[[str], Path]
LANGS = ("uz", "ky", "ru")


def policy_of(name: str) -> Policy:
    return load_policy(scenario(name))[0]


def parse(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def render(sources: list[PdfInput], folder: Path, processes: int = 1) -> list[Path]:
    """Each source's PDF, rendered by typesetters as a build renders it, into folder."""
    jobs = [(source, folder / f"{number}.pdf") for number, source in enumerate(sources)]
    Typesetters(jobs, processes).wait()
    return [path for _, path in jobs]


def inputs_with(name: str, edits: Mapping[tuple[str, str], str]) -> dict[tuple[str, str], PdfInput]:
    """The PDF inputs of a policy of tests/data, with text appended to some of its texts."""
    policy = policy_of(name)
    texts = dict(read_texts(policy))
    for key, added in edits.items():
        texts[key] += added.encode("utf-8")
    return pdf_inputs(policy, texts)


def shown(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(params=[("two-versions", BEFORE_1_1), ("chain", CHAIN_AFTER_2_0)], ids=["two-versions", "chain"])
def policy_and_site(request: pytest.FixtureRequest, built: Callable[[str, dt.date], Path]) -> tuple[Policy, Path]:
    name, as_of = request.param
    return policy_of(name), built(name, as_of)


# --- What each PDF says and is ---------------------------------------------------------------------


def test_the_words_of_each_pdf_are_the_words_of_its_text_in_order(policy_and_site: tuple[Policy, Path]) -> None:
    assert wrong_words(*policy_and_site) == []


def test_each_pdf_is_pdf_a_3a_and_ua_1_tagged_in_its_language_with_its_source_destinations_and_bookmarks(
    policy_and_site: tuple[Policy, Path],
) -> None:
    assert archival_problems(*policy_and_site) == []


def test_each_clauses_destination_opens_the_page_it_starts_on(tmp_path: Path) -> None:
    # Sixty clauses of three lines each: many start at a page's foot, or move whole to the next page.
    clauses = "".join(
        f"\n\n1.{number}. " + "Пользователь вправе знать, кто и зачем обрабатывает его данные. " * 4
        for number in range(3, 63)
    )
    text = (scenario("one-version") / "versions/1.0/ru.md").read_text(encoding="utf-8") + clauses
    [pdf] = render([inputs_with("one-version", {("1.0", "ru"): clauses})["1.0", "ru"]], tmp_path)
    assert len(page_texts(pdf)) >= 4
    assert misplaced_destinations(pdf, text) == []


def test_the_clauses_destinations_of_every_pdf_open_their_pages(policy_and_site: tuple[Policy, Path]) -> None:
    assert misplaced_clauses(*policy_and_site) == []


def test_every_font_is_embedded_and_is_one_the_repository_ships(policy_and_site: tuple[Policy, Path]) -> None:
    policy, site = policy_and_site
    assert unembedded_fonts(policy, site) == []
    names = {name.split("+", 1)[1] for name, _ in fonts(pdf_path(site, "1.1", "ky"))}
    assert names == {"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"}


def test_a_translation_names_its_title_dates_and_source_in_its_language(two_versions_before_1_1: Path) -> None:
    facts = archival_facts(pdf_path(two_versions_before_1_1, "1.1", "ru"))
    assert facts["title"] == "Политика конфиденциальности, редакция 1.1"
    assert facts["created"] == "D:20261214180000Z"  # 2026-12-15 00:00 in Bishkek, when 1.1 takes effect
    source = (scenario("two-versions") / "versions/1.1/ru.md").read_bytes()
    assert facts["attachments"] == {"qlever-privacy-1.1-ru.md": ("/Source", "/text/markdown", source)}
    assert {"1", "1-1", "1-2", "2", "2-1", "2-2", "3", "3-1"} == facts["destinations"]
    assert facts["bookmarks"] == [
        ("Политика конфиденциальности", ["1. Термины", "2. Обязательства сторон", "3. Разрешение споров"])
    ]
    assert facts["structure"] == ["H1", "P", "P", "H2", "P", "P", "H2", "P", "P", "H2", "P"]


def test_the_footer_is_the_languages_sentence_with_the_page_counters() -> None:
    source = inputs_with("two-versions", {})["1.1", "ky"]
    assert typst_document(source)["footer"] == [
        "1.1 редакциясы · күчүнө кирүү күнү: 2026-жылдын 15-декабры · ",
        "{pages}",
        " барактын ",
        "{page}",
        "-барагы",
    ]


def test_a_pdf_depends_on_its_text_and_metadata_only_not_on_the_day_of_the_build(
    two_versions_before_1_1: Path, two_versions_after_1_1: Path
) -> None:
    # 1.0 is in force on the first day and superseded on the second; its PDFs are the same.
    for lang in LANGS:
        assert pdf_path(two_versions_before_1_1, "1.0", lang).read_bytes() == (
            pdf_path(two_versions_after_1_1, "1.0", lang).read_bytes()
        )
    archive = "api/v1/archive.zip"
    assert (two_versions_before_1_1 / archive).read_bytes() == (two_versions_after_1_1 / archive).read_bytes()


def test_the_same_input_gives_the_same_bytes_in_any_process_whatever_it_rendered_before(
    two_versions_before_1_1: Path, tmp_path: Path
) -> None:
    inputs = inputs_with("two-versions", {})
    # Two typesetters: the first renders 1.0 in Russian and then 1.1 in Kyrgyz, the second 1.1 in Kyrgyz alone.
    first, alone, after_another = render([inputs["1.0", "ru"], inputs["1.1", "ky"], inputs["1.1", "ky"]], tmp_path, 2)
    assert first.read_bytes() != alone.read_bytes()
    assert after_another.read_bytes() == alone.read_bytes()
    assert alone.read_bytes() == pdf_path(two_versions_before_1_1, "1.1", "ky").read_bytes()


# --- No character is markup -------------------------------------------------------------------------

# Every character Typst's markup gives a meaning to, and what it would make of them: code, math, labels,
# references, comments, smart quotes, dashes, a non-breaking space, headings, lists and terms at a line's start.
HOSTILE = (
    '\n1.3. #panic("markup") #read("/etc/hostname") #image("x.png") $x^2$ * not bold * snake_case_name `tick '
    "<1-2> @1-2 [1-2] \\d a\\b ~ a//b /*c = h -- --- ... 'single' \"double\" #\n"
    "\n1.4. = heading\n- dash\n+ plus\n2. two\n/ term: x\n"
)


def test_every_character_typst_gives_a_meaning_to_comes_out_as_itself(tmp_path: Path) -> None:
    inputs = inputs_with("one-version", {("1.0", "ru"): HOSTILE})
    [pdf] = render([inputs["1.0", "ru"]], tmp_path)
    paragraphs = BeautifulSoup(to_html(HOSTILE), "html.parser").find_all("p")
    expected = [shown(paragraph.get_text()) for paragraph in paragraphs]
    assert expected[0].startswith('1.3. #panic("markup")')
    assert "<1-2> @1-2 [1-2] \\d" in expected[0]
    text = shown(" ".join(page_texts(pdf)))
    assert [paragraph for paragraph in expected if paragraph not in text] == []
    assert archival_facts(pdf)["destinations"] >= {"1-3", "1-4"}


def test_the_letters_of_every_language_and_the_texts_punctuation_are_in_every_face(tmp_path: Path) -> None:
    letters = "oʻ gʻ maʼlumot Oʻ Gʻ ң ө ү Ң Ө Ү ё Ё – — « » „ “ ” ‘ ’ № …"
    edits = {("1.0", "ky"): f"\n## 2. {letters}\n\n2.1. {letters} *{letters}* **{letters}** ***{letters}***\n"}
    [pdf] = render([inputs_with("one-version", edits)["1.0", "ky"]], tmp_path)
    assert f"2. {letters} 2.1. {' '.join([letters] * 4)}" in shown(" ".join(page_texts(pdf)))
    names = {name.split("+", 1)[1] for name, _ in fonts(pdf)}
    assert names == {"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"}


# --- Refused -------------------------------------------------------------------------------------


def test_a_character_missing_from_the_font_is_refused_naming_it_and_its_file(site_copy: SiteCopy) -> None:
    root = site_copy("two-versions")
    site = build(root, BEFORE_1_1)
    before = tree_digest(site)
    text = root / "versions/1.1/ru.md"  # upcoming on this day, so it may still be corrected
    lines = text.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(number for number, content in enumerate(lines, start=1) if content.startswith("2.2."))
    lines[line - 1] = lines[line - 1].replace("третьим лицам", "третьим лицам 漢")
    text.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(PolicyError) as refusal:
        build(root, BEFORE_1_1)
    assert str(refusal.value) == (
        "the site was not built, site/ is unchanged:\npolicy: "
        f"versions/1.1/ru.md:{line}: error: the character 漢 (U+6F22 CJK UNIFIED IDEOGRAPH-6F22) is not in the PDF's "
        "font, DejaVu Serif, so the PDF of version 1.1 in 'ru' cannot show it. Write it another way, or give the PDFs "
        "a font that has it (FONT_FILES in scripts/policy/publication/pdf.py)"
    )
    assert tree_digest(site) == before


def test_a_missing_font_file_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path)
    pdf_module.typst_compiler.cache_clear()
    try:
        with pytest.raises(PolicyError) as refusal:
            pdf_module.typst_compiler()
    finally:
        pdf_module.typst_compiler.cache_clear()
    assert str(refusal.value) == (
        "the PDFs' font files DejaVuSerif.ttf, DejaVuSerif-Bold.ttf, DejaVuSerif-Italic.ttf, "
        f"DejaVuSerif-BoldItalic.ttf are missing from {tmp_path}: restore them"
    )


def test_a_typesetter_that_fails_says_why(tmp_path: Path) -> None:
    source = inputs_with("one-version", {})["1.0", "uz"]
    (tmp_path / "taken").write_text("a file where the cache's folder would be", encoding="utf-8")
    with pytest.raises(PolicyError) as failure:
        Typesetters([(source, tmp_path / "taken" / "1.0-uz.pdf")], 1).wait()
    assert str(failure.value).startswith("a PDF typesetter failed (exit status 1):\nTraceback")
    assert "NotADirectoryError" in str(failure.value) or "FileExistsError" in str(failure.value)


def test_stopped_typesetters_are_gone(tmp_path: Path) -> None:
    source = inputs_with("chain", {})["2.0", "ru"]
    typesetters = Typesetters([(source, tmp_path / f"{number}.pdf") for number in range(40)], 2)
    running = list(typesetters.running)
    typesetters.stop()
    assert [process.returncode is not None for process in running] == [True, True]
    typesetters.wait()  # nothing left to wait for


# --- Linked and listed -----------------------------------------------------------------------------


def test_the_feed_lists_each_pdf_with_its_url_hash_and_size_and_the_archive_holds_them(
    policy_and_site: tuple[Policy, Path],
) -> None:
    policy, site = policy_and_site
    feed = json.loads((site / "api/v1/policy.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "api/v1/policy.schema.json").read_text(encoding="utf-8"))
    assert (
        list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(feed)) == []
    )
    urls = {document["pdf"]["url"] for version in feed["versions"] for document in version["documents"].values()}
    assert urls == {f"{SITE_URL}api/v1/versions/{v.id}/{lang}.pdf" for v in policy.versions for lang in LANGS}
    assert feed_and_archive_problems(site) == []


def test_the_archive_holds_every_file_in_a_fixed_order_dated_from_the_sources(two_versions_before_1_1: Path) -> None:
    with zipfile.ZipFile(two_versions_before_1_1 / "api/v1/archive.zip") as archive:
        members = [(info.filename, info.date_time, info.compress_type) for info in archive.infolist()]
        sums = archive.read("qlever-privacy/SHA256SUMS").decode("utf-8")
    deflated, stored = zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED
    first, second, latest = (2026, 11, 24, 0, 0, 0), (2026, 12, 15, 0, 0, 0), (2026, 12, 15, 0, 0, 0)
    expected = [("qlever-privacy/policy.toml", latest, deflated)]
    for version, day in (("1.0", first), ("1.1", second)):
        expected.append((f"qlever-privacy/{version}/version.toml", day, deflated))
        for lang in LANGS:
            expected += [
                (f"qlever-privacy/{version}/{lang}.md", day, deflated),
                (f"qlever-privacy/{version}/{lang}.pdf", day, stored),
            ]
    assert members == [*expected, ("qlever-privacy/SHA256SUMS", latest, deflated)]
    policy_toml = (scenario("two-versions") / "versions/policy.toml").read_bytes()
    assert sums.splitlines()[0] == f"{hashlib.sha256(policy_toml).hexdigest()}  policy.toml"
    assert len(sums.splitlines()) == len(expected)


def test_every_version_page_links_its_pdf_and_the_archive_every_pdf_and_the_zip(two_versions_before_1_1: Path) -> None:
    page = parse(two_versions_before_1_1, "ky/versions/1.0")
    assert page.find("a", string="PDF түрүндө жүктөп алуу")["href"] == f"{SITE_URL}api/v1/versions/1.0/ky.pdf"
    archive = parse(two_versions_before_1_1, "ru/versions")
    assert [th.get_text() for th in archive.select("article table th")][-1] == "Архивная копия"
    assert [row.find_all("td")[-1].a["href"] for row in archive.select("article table tbody tr")] == [
        f"{SITE_URL}api/v1/versions/1.1/ru.pdf",
        f"{SITE_URL}api/v1/versions/1.0/ru.pdf",
    ]
    zip_link = archive.find("a", href=f"{SITE_URL}api/v1/archive.zip")
    assert zip_link.get_text() == "Скачать все редакции одним архивом (ZIP): тексты, PDF-файлы и контрольные суммы"


# --- Cached --------------------------------------------------------------------------------------


def test_a_rebuild_renders_no_pdf_and_an_edit_renders_only_its_own(
    site_copy: SiteCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[tuple[str, str]] = []

    class Counted(Typesetters):
        def __init__(self, jobs: list[tuple[PdfInput, Path]], processes: int) -> None:
            rendered.extend((source.version_id, source.lang) for source, _ in jobs)
            super().__init__(jobs, processes)

    monkeypatch.setattr(worker, "Typesetters", Counted)
    root = site_copy("two-versions")
    first = tree_digest(build(root, BEFORE_1_1))
    assert len(rendered) == 6
    rendered.clear()
    assert tree_digest(build(root, AFTER_1_1))["api/v1/versions/1.1/ky.pdf"] == first["api/v1/versions/1.1/ky.pdf"]
    assert rendered == []
    text = root / "versions/1.1/ky.md"  # 1.1 is upcoming before its day: it may still be corrected
    text.write_text(text.read_text(encoding="utf-8").replace("берет.", "берет ."), encoding="utf-8")
    build(root, BEFORE_1_1)
    assert rendered == [("1.1", "ky")]
    cached = sorted(path.suffix for path in (root / ".cache/pdf").iterdir())
    assert cached == [".pdf"] * 6 + [".zip"]  # what the edit replaced is gone


def test_the_site_links_the_cached_files_and_copies_them_onto_another_file_system(
    site_copy: SiteCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_copy("one-version")
    site = build(root, BEFORE_1_1)
    cache = {path.stat().st_ino for path in (root / ".cache/pdf").iterdir()}
    published = [*(site / "api/v1/versions").rglob("*.pdf"), site / "api/v1/archive.zip"]
    assert len(published) == 4
    assert {path.stat().st_ino for path in published} <= cache

    def another_file_system(source: Path, target: Path) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(target))

    monkeypatch.setattr(os, "link", another_file_system)
    copied = build(root, BEFORE_1_1, root / "copied")
    copies = [copied / path.relative_to(site) for path in published]
    assert not {path.stat().st_ino for path in copies} & cache
    assert [path.read_bytes() for path in copies] == [path.read_bytes() for path in published]


def test_the_checks_catch_a_pdf_that_is_not_its_versions(two_versions_before_1_1: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(two_versions_before_1_1, site)
    pdf_path(site, "1.0", "ru").write_bytes(pdf_path(site, "1.1", "ru").read_bytes())
    policy = policy_of("two-versions")
    assert [problem.split(": ", 1)[1] for problem in wrong_words(policy, site)] == [
        "page 1 does not end with its footer 'Редакция 1 0 дата вступления в силу 24 ноября 2026 г страница 1 из 1'",
        "word 4 is ['1', 'Дата', 'вступления', 'в', 'силу'], the text has ['0', 'Дата', 'вступления', 'в', 'силу']",
    ]
    assert [problem.split(": ", 1)[1].split(" is ")[0] for problem in archival_problems(policy, site)] == [
        "sources",
        "destinations",
    ]
    assert feed_and_archive_problems(site)[0].startswith("the feed's PDF of 1.0 in ru says")
