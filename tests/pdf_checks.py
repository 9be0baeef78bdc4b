"""Checks that hold for the PDFs of any built site, whatever its policy: each PDF says the words of its
text in order, with only its title block and footers around them; every font is embedded; it is PDF/A-3a,
tagged, in its language, with its Markdown source inside; each clause is a named destination and each
section a bookmark; the feed names its hash and size, and the archive holds it. Used on the sites of
tests/data by tests/test_pdf.py, and on the live site by tests/live/test_live_pdfs.py.

The PDFs are read with Debian's poppler-utils (pdftotext, pdffonts) and pikepdf.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf

from policy.publication.labels import Day, label, language_name
from policy.sources.clauses import HEADING, parse_blocks
from policy.sources.versions import Policy, Version

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text, as a reader sees them: Markdown's marks and all punctuation left out.

    `\\w` takes the Uzbek ʻ and ʼ (modifier letters) into a word, and splits a hyphenated word, which a
    line may break after its hyphen.
    """
    return WORD.findall(text)


def pdf_path(site: Path, version_id: str, lang: str) -> Path:
    return site / "api" / "v1" / "versions" / version_id / f"{lang}.pdf"


def every_pdf(policy: Policy, site: Path) -> Iterator[tuple[Version, str, Path]]:
    for version in policy.versions:
        for lang in policy.settings.languages:
            yield version, lang, pdf_path(site, version.id, lang)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout.split("\f")[:-1]


def footer_words(version: Version, lang: str, page: int, pages: int) -> list[str]:
    return words(label("pdf_footer", lang, id=version.id, date=Day(version.effective, lang), page=page, pages=pages))


def expected_words(policy: Policy, version: Version, lang: str) -> list[str]:
    """The words a PDF shows besides its footers: the text's title, the version and its date, on a
    translation the note saying which text prevails, then the rest of the text."""
    title, _, rest = version.read_text(lang).partition("\n")
    authority = policy.settings.authoritative_language
    note = "" if lang == authority else label("translation_prevails", lang, language=language_name(authority, lang))
    block = [label("version", lang, id=version.id), label("effective_date", lang, date=Day(version.effective, lang))]
    return words(title) + words(" ".join(block)) + words(note) + words(rest)


def wrong_words(policy: Policy, site: Path) -> list[str]:
    """Each PDF whose words are not those of its text, in order, with a footer on each page; empty when all are."""
    wrong = []
    for version, lang, pdf in every_pdf(policy, site):
        pages = page_texts(pdf)
        body: list[str] = []
        for number, text in enumerate(pages, start=1):
            found, footer = words(text), footer_words(version, lang, number, len(pages))
            if found[-len(footer) :] != footer:
                wrong.append(f"{pdf}: page {number} does not end with its footer {' '.join(footer)!r}")
            body += found[: -len(footer)]
        expected = expected_words(policy, version, lang)
        if body != expected:
            at = next(
                (i for i, (a, b) in enumerate(zip(body, expected, strict=False)) if a != b),
                min(len(body), len(expected)),
            )
            wrong.append(f"{pdf}: word {at} is {body[at : at + 5]}, the text has {expected[at : at + 5]}")
    return wrong


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Each font of a PDF (pdffonts), with whether it is embedded."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [line.split() for line in lines[2:]]
    # The columns from the right: emb sub uni object-number generation; the name is the first.
    return [(row[0], row[-5] == "yes") for row in rows]


def unembedded_fonts(policy: Policy, site: Path) -> list[str]:
    return [f"{pdf}: {name}" for _, _, pdf in every_pdf(policy, site) for name, embedded in fonts(pdf) if not embedded]


def clause_anchors(text: str) -> set[str]:
    """The anchors the site gives a text's sections and clauses (`5`, `5-2`), the title left out."""
    return {
        block.anchor
        for block in parse_blocks(text)
        if block.anchor and not (HEADING.match(block.text) and block.text.startswith("# "))
    }


def section_titles(text: str) -> list[str]:
    return [match.group(2) for line in text.splitlines() if (match := HEADING.match(line)) and match.group(1) == "##"]


def archival_facts(pdf: Path) -> dict[str, Any]:
    """What a PDF says of itself: its PDF/A identification, tags, language, title, dates, identifier,
    attachments (name: relationship, MIME type, bytes), named destinations and bookmarks."""
    with pikepdf.open(pdf) as document:
        metadata = document.open_metadata()
        root = document.Root
        attachments = {
            name: (
                str(spec.obj.get("/AFRelationship")),
                str(spec.get_file().obj.get("/Subtype")),
                spec.get_file().read_bytes(),
            )
            for name, spec in document.attachments.items()
        }
        names = root.get("/Names", pikepdf.Dictionary())
        destinations = set(pikepdf.NameTree(names.Dests).keys()) if "/Dests" in names else set()
        with document.open_outline() as outline:
            bookmarks = [(str(item.title), [str(child.title) for child in item.children]) for item in outline.root]
        return {
            "pdfa": (metadata.get("pdfaid:part"), metadata.get("pdfaid:conformance")),
            "tagged": bool(root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked")) and "/StructTreeRoot" in root,
            "lang": str(root.get("/Lang")),
            "title": str(document.docinfo.get("/Title")),
            "created": str(document.docinfo.get("/CreationDate")),
            "identifier": bytes(document.trailer.ID[0]),
            "attachments": attachments,
            "destinations": destinations,
            "bookmarks": bookmarks,
        }


def archival_problems(policy: Policy, site: Path) -> list[str]:
    """Each PDF that is not PDF/A-3a, tagged, in its language, with its exact source attached, every clause
    a named destination and every section a bookmark under the title."""
    problems = []
    for version, lang, pdf in every_pdf(policy, site):
        facts = archival_facts(pdf)
        text = version.read_text(lang)
        title, sections = text.partition("\n")[0].removeprefix("# "), section_titles(text)
        expected = {
            "pdfa": ("3", "A"),
            "tagged": True,
            "lang": lang,
            "sources": [version.text_path(lang).read_bytes()],
            "destinations": clause_anchors(text),
            "bookmarks": [(title, sections)],
        }
        found = {
            **{key: facts[key] for key in ("pdfa", "tagged", "lang", "bookmarks")},
            "sources": [data for relationship, _, data in facts["attachments"].values() if relationship == "/Source"],
            "destinations": facts["destinations"],
        }
        problems += [
            f"{pdf}: {key} is {found[key]!r}, not {value!r}" for key, value in expected.items() if found[key] != value
        ]
    return problems


def feed_and_archive_problems(site: Path) -> list[str]:
    """Each PDF the feed lists whose file differs from its sha256 or size, and each file of the archive
    differing from its SHA256SUMS line or from the file the site serves."""
    feed = json.loads((site / "api/v1/policy.json").read_text(encoding="utf-8"))
    problems = []
    for version in feed["versions"]:
        for lang, document in version["documents"].items():
            data = pdf_path(site, version["id"], lang).read_bytes()
            facts = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            if {key: document["pdf"][key] for key in facts} != facts:
                problems.append(f"the feed's PDF of {version['id']} in {lang} says {document['pdf']}, the file {facts}")
    with zipfile.ZipFile(io.BytesIO((site / "api/v1/archive.zip").read_bytes())) as archive:
        folder = feed["policy"]["id"]
        sums = archive.read(f"{folder}/SHA256SUMS").decode("utf-8").splitlines()
        for line in sums:
            digest, name = line.split("  ", 1)
            if hashlib.sha256(archive.read(f"{folder}/{name}")).hexdigest() != digest:
                problems.append(f"archive.zip: {name} does not match its line in SHA256SUMS")
            if (
                name.endswith((".md", ".pdf"))
                and archive.read(f"{folder}/{name}") != (site / "api/v1/versions" / name).read_bytes()
            ):
                problems.append(f"archive.zip: {name} is not the file the site serves")
        listed = {line.split("  ", 1)[1] for line in sums}
        if listed | {"SHA256SUMS"} != {name.removeprefix(f"{folder}/") for name in archive.namelist()}:
            problems.append("archive.zip: SHA256SUMS does not list every other file of the archive")
    return problems
