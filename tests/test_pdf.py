"""Every version as an archival PDF in each language, and the whole archive as one zip, for the policies of
tests/data: what the PDFs say and are, where they are linked and listed, that they are reproducible and
cached, and that a character their font lacks is refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from pdf_checks import (
    archival_facts,
    archival_problems,
    feed_and_archive_problems,
    fonts,
    pdf_path,
    unembedded_fonts,
    wrong_words,
)
from policy.errors import PolicyError
from policy.publication import pdf as pdf_module
from policy.publication.pdf import css_content, file_identifier, pdf_inputs, render_pdf
from policy.site import downloads, plugin
from policy.sources.versions import Policy, load_policy, read_texts
from support import AFTER_1_1, BEFORE_1_1, CHAIN_AFTER_2_0, SITE_URL, build, scenario, tree_digest

pytestmark = pytest.mark.slow

SiteCopy = Callable[[str], Path]
LANGS = ("uz", "ky", "ru")


def policy_of(name: str) -> Policy:
    return load_policy(scenario(name))[0]


def parse(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(params=[("two-versions", BEFORE_1_1), ("chain", CHAIN_AFTER_2_0)], ids=["two-versions", "chain"])
def policy_and_site(request: pytest.FixtureRequest, built: Callable[[str, dt.date], Path]) -> tuple[Policy, Path]:
    name, as_of = request.param
    return policy_of(name), built(name, as_of)


# --- What each PDF says and is ---------------------------------------------------------------------


def test_the_words_of_each_pdf_are_the_words_of_its_text_in_order(policy_and_site: tuple[Policy, Path]) -> None:
    assert wrong_words(*policy_and_site) == []


def test_each_pdf_is_pdf_a_3a_tagged_in_its_language_with_its_source_destinations_and_bookmarks(
    policy_and_site: tuple[Policy, Path],
) -> None:
    assert archival_problems(*policy_and_site) == []


def test_every_font_is_embedded_and_is_the_pdfs_own(policy_and_site: tuple[Policy, Path]) -> None:
    policy, site = policy_and_site
    assert unembedded_fonts(policy, site) == []
    names = {name.split("+", 1)[1] for name, _ in fonts(pdf_path(site, "1.1", "ky"))}
    assert names == {"DejaVu-Serif", "DejaVu-Serif-Bold", "DejaVu-Serif-Italic"}


def test_a_translation_names_its_title_dates_and_source_in_its_language(two_versions_before_1_1: Path) -> None:
    facts = archival_facts(pdf_path(two_versions_before_1_1, "1.1", "ru"))
    assert facts["title"] == "Политика конфиденциальности, редакция 1.1"
    assert facts["created"] == "D:20261215000000+06'00"
    assert facts["identifier"] == hashlib.sha256(b"qlever-privacy/1.1/ru").hexdigest()[:32].encode()
    source = (scenario("two-versions") / "versions/1.1/ru.md").read_bytes()
    assert facts["attachments"] == {"qlever-privacy-1.1-ru.md": ("/Source", "/text/markdown", source)}
    assert {"1", "1-1", "1-2", "2", "2-1", "2-2", "3", "3-1"} == facts["destinations"]
    assert facts["bookmarks"] == [
        ("Политика конфиденциальности", ["1. Термины", "2. Обязательства сторон", "3. Разрешение споров"])
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


def test_the_same_input_gives_the_same_bytes_whatever_was_rendered_before(two_versions_before_1_1: Path) -> None:
    policy = policy_of("two-versions")
    inputs = pdf_inputs(policy, read_texts(policy))
    first = render_pdf(inputs["1.1", "ky"])
    render_pdf(inputs["1.0", "ru"])
    assert render_pdf(inputs["1.1", "ky"]) == first == pdf_path(two_versions_before_1_1, "1.1", "ky").read_bytes()


def test_the_file_identifier_comes_from_the_version_never_the_clock() -> None:
    inputs = pdf_inputs(policy_of("chain"), read_texts(policy_of("chain")))
    assert file_identifier(inputs["2.0", "uz"]) == hashlib.sha256(b"qlever-privacy/2.0/uz").hexdigest()[:32].encode()


def test_the_footer_counts_pages_as_its_language_does() -> None:
    assert css_content('{id} "a" {pages} барактын {page}-барагы') == (
        '"{id} \\"a\\" " counter(pages) " барактын " counter(page) "-барагы"'
    )


def test_a_pdf_loads_nothing_from_elsewhere(caplog: pytest.LogCaptureFixture) -> None:
    policy = policy_of("one-version")
    texts = dict(read_texts(policy))
    texts["1.0", "ru"] += b"\n![logo](https://cdn.example.org/logo.png)\n"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_pdf(pdf_inputs(policy, texts)["1.0", "ru"])
    assert "a policy's PDF loads nothing from https://cdn.example.org/logo.png" in caplog.text


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
        "a font that has it (FONT_FACES in scripts/policy/publication/pdf.py)"
    )
    assert tree_digest(site) == before


def test_a_missing_font_names_the_debian_package_that_installs_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path)
    pdf_module.font_characters.cache_clear()
    try:
        with pytest.raises(PolicyError) as refusal:
            pdf_module.font_characters()
    finally:
        pdf_module.font_characters.cache_clear()
    assert str(refusal.value) == (
        f"the PDFs' font {tmp_path}/DejaVuSerif.ttf is missing. Install Debian's fonts-dejavu-core: `make site` "
        "installs it when it is missing"
    )


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
    monkeypatch.setattr(plugin, "can_fork_a_worker", lambda: False)  # render in this process, to count
    rendered: list[tuple[str, str]] = []

    def counted(source: pdf_module.PdfInput) -> bytes:
        rendered.append((source.version_id, source.lang))
        return render_pdf(source)

    monkeypatch.setattr(downloads, "render_pdf", counted)
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


def test_two_processes_render_the_same_pdf(tmp_path: Path) -> None:
    code = (
        "import sys; from policy.sources.versions import read_texts; from policy.publication.pdf import pdf_inputs, "
        "render_pdf; from policy.sources.versions import load_policy; from pathlib import Path\n"
        "policy = load_policy(Path(sys.argv[1]))[0]\n"
        "sys.stdout.buffer.write(render_pdf(pdf_inputs(policy, read_texts(policy))['2.0', 'ky']))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code, str(scenario("chain"))], capture_output=True, check=True).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0].startswith(b"%PDF-1.7")


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
