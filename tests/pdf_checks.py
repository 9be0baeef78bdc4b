"""Checks that hold for the PDFs of any built site, whatever its policy: each PDF says the words of its
text in order, with only its title block and footers around them; every font is embedded; it says it is
PDF/A-3a and PDF/UA-1, with an output intent, tagged, its structure the text's headings and paragraphs in
order, in its language, with its Markdown source inside; each clause is a named destination opening the
page the clause starts on, and each section a bookmark; the feed names its hash and size, and the archive
holds it. Used on the sites of tests/data by tests/test_pdf.py, and on the live site by
tests/live/test_live_pdfs.py.

The PDFs are read in Python alone: their text with pypdf, the rest with pikepdf. No full validator runs:
veraPDF is in no package registry this project can reach.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pypdf

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
    """The text of each page, as a reader copying it out gets it."""
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


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
    """Each font the pages of a PDF use (their own and their forms'), with whether it is embedded."""
    found: dict[str, bool] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in fonts_of(page.obj.get("/Resources", pikepdf.Dictionary())):
                descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).get("/FontDescriptor")
                embedded = descriptor is not None and any(key in descriptor for key in FONT_FILES)
                found[str(font.BaseFont).removeprefix("/")] = embedded
    return sorted(found.items())


FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts_of(resources: pikepdf.Object) -> Iterator[pikepdf.Object]:
    yield from resources.get("/Font", pikepdf.Dictionary()).values()
    for form in resources.get("/XObject", pikepdf.Dictionary()).values():
        if form.get("/Subtype") == "/Form":
            yield from fonts_of(form.get("/Resources", pikepdf.Dictionary()))


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


def expected_structure(policy: Policy, version: Version, lang: str) -> list[str]:
    """The structure a screen reader follows: the title, the version and its date, on a translation the note,
    then each heading and paragraph of the text."""
    blocks = parse_blocks(version.read_text(lang))
    note = [] if lang == policy.settings.authoritative_language else ["P"]
    return ["H1", "P", *note, *(f"H{block.heading_level}" if block.heading_level else "P" for block in blocks[1:])]


def archival_facts(pdf: Path) -> dict[str, Any]:
    """What a PDF says of itself: its PDF/A and PDF/UA identification, output intent, tags and structure,
    language, title, dates, identifier, attachments (name: relationship, MIME type, bytes) and those the
    catalog lists as associated files, named destinations and bookmarks."""
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
        associated = [str(spec.get("/UF")) for spec in root.get("/AF", pikepdf.Array())]
        intents = [str(intent.get("/S")) for intent in root.get("/OutputIntents", []) if "/DestOutputProfile" in intent]
        names = root.get("/Names", pikepdf.Dictionary())
        destinations = set(pikepdf.NameTree(names.Dests).keys()) if "/Dests" in names else set()
        with document.open_outline() as outline:
            bookmarks = [(str(item.title), [str(child.title) for child in item.children]) for item in outline.root]
        return {
            "pdfa": (metadata.get("pdfaid:part"), metadata.get("pdfaid:conformance")),
            "pdfua": metadata.get("pdfuaid:part"),
            "output_intents": intents,
            "tagged": bool(root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked")) and "/StructTreeRoot" in root,
            "structure": structure(root.get("/StructTreeRoot")),
            "lang": str(root.get("/Lang")),
            "title": str(document.docinfo.get("/Title")),
            "created": str(document.docinfo.get("/CreationDate")),
            "identifier": bytes(document.trailer.ID[0]),
            "attachments": attachments,
            "associated": associated,
            "destinations": destinations,
            "bookmarks": bookmarks,
        }


def structure(tree: pikepdf.Object | None) -> list[str]:
    """The kinds of the structure elements in the document element, in order (`H1`, `P`, …)."""
    if tree is None:
        return []
    document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
    children = document.K if isinstance(document.K, pikepdf.Array) else [document.K]
    return [str(child.S).removeprefix("/") for child in children if isinstance(child, pikepdf.Dictionary)]


def archival_problems(policy: Policy, site: Path) -> list[str]:
    """Each PDF that is not PDF/A-3a and PDF/UA-1 with an output intent, tagged with the text's structure, in
    its language, with its exact source attached and associated, every clause a named destination and every
    section a bookmark under the title."""
    problems = []
    for version, lang, pdf in every_pdf(policy, site):
        facts = archival_facts(pdf)
        text = version.read_text(lang)
        title, sections = text.partition("\n")[0].removeprefix("# "), section_titles(text)
        expected = {
            "pdfa": ("3", "A"),
            "pdfua": "1",
            "output_intents": ["/GTS_PDFA1"],
            "tagged": True,
            "structure": expected_structure(policy, version, lang),
            "lang": lang,
            "sources": [version.text_path(lang).read_bytes()],
            "associated": list(facts["attachments"]),
            "destinations": clause_anchors(text),
            "bookmarks": [(title, sections)],
        }
        found = {
            **{
                key: facts[key]
                for key in ("pdfa", "pdfua", "output_intents", "tagged", "structure", "lang", "associated", "bookmarks")
            },
            "sources": [data for relationship, _, data in facts["attachments"].values() if relationship == "/Source"],
            "destinations": facts["destinations"],
        }
        problems += [
            f"{pdf}: {key} is {found[key]!r}, not {value!r}" for key, value in expected.items() if found[key] != value
        ]
    return problems


def destination_pages(pdf: Path) -> dict[str, int]:
    """The page each named destination opens at, counted from 1."""
    with pikepdf.open(pdf) as document:
        names = document.Root.get("/Names", pikepdf.Dictionary())
        if "/Dests" not in names:
            return {}
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
        return {str(name): pages[target[0].objgen] for name, target in pikepdf.NameTree(names.Dests).items()}


def misplaced_destinations(pdf: Path, text: str) -> list[str]:
    """Each clause or section whose destination opens another page than the one it starts on: its first
    words, in order, first found there."""
    pages = [words(page) for page in page_texts(pdf)]
    opened = destination_pages(pdf)
    problems = []
    for block in parse_blocks(text)[1:]:
        if not block.anchor:
            continue
        opening = words(block.text)[:4]
        starts = next(
            (
                number
                for number, found in enumerate(pages, start=1)
                if any(found[at : at + len(opening)] == opening for at in range(len(found)))
            ),
            None,
        )
        if opened.get(block.anchor) != starts:
            problems.append(
                f"{pdf}: #{block.anchor} opens page {opened.get(block.anchor)}, the clause starts on {starts}"
            )
    return problems


def misplaced_clauses(policy: Policy, site: Path) -> list[str]:
    return [
        problem
        for version, lang, pdf in every_pdf(policy, site)
        for problem in misplaced_destinations(pdf, version.read_text(lang))
    ]


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
