"""Every version as an archival PDF in each language: PDF/A-3a and PDF/UA-1, tagged, its Markdown source inside.

A version's PDF in a language is made of its text and metadata alone (`PdfInput`): no status, no
as-of date, no clock, so it never changes once published. Typst lays it out from pdf.typ, in the
fonts of fonts/ only; the text goes in as a JSON tree of its HTML, whose strings Typst places as
text and never reads as markup. Its dates come from the version. The build keeps each PDF in a
cache keyed by the hash of its input and of the renderer (site/downloads.py), and runs Typst in
processes of its own (site/typesetting.py). Why Typst, DejaVu Serif and the rest:
docs/decisions/0013-typst-pdfs.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..errors import PolicyError, Problem
from ..sources.markup import to_html
from ..sources.versions import Policy, Version
from .labels import Day, label, language_name
from .markdown_ext import ClauseAnchorExtension

PDF_STANDARDS = ["a-3a", "ua-1"]
TEMPLATE = Path(__file__).with_name("pdf.typ")
FONT_NAME = "DejaVu Serif"
FONT_DIR = Path(__file__).with_name("fonts")
FONT_FILES = ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf")
# What the bytes of a PDF depend on besides its input: Typst, the Markdown that makes the HTML, our code.
RENDERER_PACKAGES = ("typst", "markdown")
OWN_CODE = ("pdf.py", "pdf.typ", "markdown_ext.py", "../sources/markup.py", "../sources/clauses.py")

Node = dict[str, Any]
"""An element of a text's HTML for the template: {"tag": "p", "id": "5-2", "children": [str | Node, ...]}."""
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr"})
VOID = frozenset({"br", "hr", "img"})
WHITESPACE = re.compile(r"[ \t\n\r\f]+")
UNSHOWABLE = re.compile(r'the text `"(.*)"` could not be displayed with font')


@dataclass(frozen=True)
class PdfInput:
    """Everything one version's PDF in one language is made of: its cache key is the hash of these."""

    policy_id: str
    version_id: str
    lang: str
    markdown: bytes
    source: str
    """The text's path in the repository (`versions/1.1/ru.md`), for messages."""
    title: str
    """The document's title in its language: the policy's title and the version."""
    version_line: str
    date_line: str
    note: str | None
    """On a translation, which language's text prevails."""
    footer: str
    """The running footer, with `{page}` and `{pages}` left for the page counters."""
    description: str
    attachment_description: str
    effective_from: str
    """The moment the version takes effect (ISO 8601 with offset): the PDF's dates."""

    @property
    def labels_file(self) -> str:
        return f"scripts/policy/publication/labels/{self.lang}.toml"

    @property
    def attachment_name(self) -> str:
        return f"{self.policy_id}-{self.version_id}-{self.lang}.md"

    def key(self, renderer: str) -> str:
        """The cache key: the hash of this input and of the renderer (renderer_fingerprint)."""
        fields = {**asdict(self), "markdown": hashlib.sha256(self.markdown).hexdigest()}
        return hashlib.sha256(json.dumps([renderer, fields], ensure_ascii=False).encode()).hexdigest()


def pdf_inputs(policy: Policy, texts: Mapping[tuple[str, str], bytes]) -> dict[tuple[str, str], PdfInput]:
    """The input of every version's PDF in every language, by (version id, lang)."""
    return {
        (version_id, lang): pdf_input(policy, policy.version(version_id), lang, text)
        for (version_id, lang), text in texts.items()
    }


def pdf_input(policy: Policy, version: Version, lang: str, markdown: bytes) -> PdfInput:
    settings = policy.settings
    day = Day(version.effective, lang)
    authority = settings.authoritative_language
    note = None if lang == authority else label("translation_prevails", lang, language=language_name(authority, lang))
    source = version.text_path(lang)
    return PdfInput(
        policy_id=settings.policy_id,
        version_id=version.id,
        lang=lang,
        markdown=markdown,
        source=source.relative_to(policy.root).as_posix() if source.is_relative_to(policy.root) else str(source),
        title=label("document_title", lang, title=settings.title[lang], id=version.id),
        version_line=label("version", lang, id=version.id),
        date_line=label("effective_date", lang, date=day),
        note=note,
        footer=label("pdf_footer", lang, id=version.id, date=day, page="{page}", pages="{pages}"),
        description=version.summary[lang],
        attachment_description=label("pdf_source", lang, id=version.id),
        effective_from=version.effective_from(settings).isoformat(),
    )


def render_pdf(source: PdfInput) -> bytes:
    """The PDF/A-3a of one version in one language, or PolicyError on anything Typst refuses or warns of:
    a character the font lacks is named with the file and line it comes from.

    Typst starts threads of its own, and a process forked from one that has run them hangs: call this
    in a process that forks no other (site/typesetting.py)."""
    from typst import TypstError

    document = json.dumps(typst_document(source), ensure_ascii=False)
    try:
        pdf, warnings = typst_compiler().compile_with_warnings(
            TEMPLATE.read_bytes(),
            sys_inputs={"document": document},
            pdf_standards=PDF_STANDARDS,
            timestamp=dt.datetime.fromisoformat(source.effective_from),
        )
    except TypstError as err:
        raise PolicyError(typst_problem(source, err.message)) from None
    if warnings:
        raise PolicyError(typst_problem(source, warnings[0].message))
    assert isinstance(pdf, bytes)
    return pdf


@functools.cache
def typst_compiler() -> Any:
    """One compiler per process, given the template and fonts/ alone: no font of the machine, nor Typst's own."""
    missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
    if missing:
        raise PolicyError(f"the PDFs' font files {', '.join(missing)} are missing from {FONT_DIR}: restore them")
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])
    return typst.Compiler(root=str(FONT_DIR), font_paths=fonts, ignore_system_fonts=True)


def typst_document(source: PdfInput) -> dict[str, Any]:
    """What pdf.typ lays out: the metadata, the footer's parts, the source to attach, and the text as blocks,
    the version and its date after the title, then on a translation which text prevails."""
    blocks = html_blocks(text_html(source.markdown.decode("utf-8")))
    edition: list[Node] = [
        element("p", element("strong", source.version_line), element("br"), source.date_line),
        *([element("p", element("em", source.note))] if source.note else []),
    ]
    after_title = 1 if blocks and blocks[0]["tag"] == "h1" else 0
    return {
        "title": source.title,
        "description": source.description,
        "lang": source.lang,
        "footer": [part for part in re.split(r"(\{pages?\})", source.footer) if part],
        "source": {
            "name": source.attachment_name,
            "markdown": source.markdown.decode("utf-8"),
            "description": source.attachment_description,
        },
        "blocks": [*blocks[:after_title], *edition, *blocks[after_title:]],
    }


def element(tag: str, *children: str | Node) -> Node:
    return {"tag": tag, "children": list(children)}


def text_html(markdown: str) -> str:
    """The text as HTML, clauses anchored as on the site; raw HTML in it is shown as text, never passed through."""
    return to_html(markdown, [ClauseAnchorExtension()])


def html_blocks(html: str) -> list[Node]:
    """The HTML as a tree of its elements and text, whitespace as a browser shows it."""
    parser = TreeBuilder()
    parser.feed(html)
    parser.close()
    return [child for child in tidy(parser.root)["children"] if not isinstance(child, str)]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Node = element("body")
        self.open: list[Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = element(tag)
        attributes = dict(attrs)
        if attributes.get("id"):
            node["id"] = attributes["id"]
        if tag == "ol" and (attributes.get("start") or "").isdigit():
            node["start"] = int(attributes["start"] or 1)
        self.open[-1]["children"].append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth]["tag"] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1]["children"].append(data)


def tidy(node: Node, preformatted: bool = False) -> Node:
    """Whitespace as HTML shows it: runs collapsed to one space but in <pre>, none between blocks."""
    preformatted = preformatted or node["tag"] == "pre"
    holds_blocks = any(not isinstance(child, str) and child["tag"] in BLOCKS for child in node["children"])
    children: list[str | Node] = []
    for child in node["children"]:
        if not isinstance(child, str):
            children.append(tidy(child, preformatted))
        elif preformatted:
            children.append(child)
        elif not (holds_blocks and child.isspace()):
            children.append(WHITESPACE.sub(" ", child))
    return {**node, "children": children}


def typst_problem(source: PdfInput, message: str) -> str:
    """Typst's refusal as a problem of the file it comes from: a character the font lacks, named with its line."""
    unshowable = UNSHOWABLE.search(message)
    missing = rust_string(unshowable.group(1))[:1] if unshowable else ""
    where = next(((path, line) for path, line, text in shown_texts(source) if missing and missing in text), None)
    if where is None:
        return Problem(
            Path(source.source),
            None,
            f"Typst cannot make the PDF of version {source.version_id} in {source.lang!r}: {message}",
            "Write the text as plain Markdown",
        ).describe()
    name = unicodedata.name(missing, "unnamed")
    return Problem(
        Path(where[0]),
        where[1],
        f"the character {missing} (U+{ord(missing):04X} {name}) is not in the PDF's font, {FONT_NAME}, "
        f"so the PDF of version {source.version_id} in {source.lang!r} cannot show it",
        "Write it another way, or give the PDFs a font that has it (FONT_FILES in scripts/policy/publication/pdf.py)",
    ).describe()


def rust_string(quoted: str) -> str:
    """A string as Typst's messages quote it, its escapes (`\\u{ad}`, `\\n`, `\\"`) undone."""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
    return re.sub(
        r"\\u\{([0-9a-fA-F]+)\}|\\(.)",
        lambda match: chr(int(match[1], 16)) if match[1] else escapes.get(match[2], match[2]),
        quoted,
    )


def shown_texts(source: PdfInput) -> Iterator[tuple[str, int | None, str]]:
    """Every text the PDF shows, with the file (and line) it comes from."""
    for number, line in enumerate(source.markdown.decode("utf-8").splitlines(), start=1):
        yield source.source, number, line
    for text in (source.version_line, source.date_line, source.note or "", source.footer):
        yield source.labels_file, None, text


@functools.cache
def renderer_fingerprint() -> str:
    """What the bytes of every PDF depend on besides its input: Typst, Markdown, the fonts' bytes and our own
    code. Cheap: nothing is imported or loaded."""
    packages: dict[str, str | None] = {}
    for name in RENDERER_PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    here = Path(__file__).parent
    facts = {
        "standards": PDF_STANDARDS,
        "packages": packages,
        "fonts": [file_digest(FONT_DIR / name) for name in FONT_FILES],
        "code": [file_digest(here / name) for name in OWN_CODE],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
