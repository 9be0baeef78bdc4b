"""Every version as an archival PDF in each language: PDF/A-3a, tagged, its Markdown source inside.

A version's PDF in a language is made of its text and metadata alone (`PdfInput`): no status, no
as-of date, no clock, so it never changes once published. Its dates and file identifier come from
the version, and WeasyPrint, given the same input, fonts and libraries, writes the same bytes. The
build keeps each PDF in a cache keyed by the hash of its input and of the renderer
(site/downloads.py). Why PDF/A-3a, DejaVu Serif and the rest: docs/decisions/0008-pdfs.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import html
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from markdown import Markdown

from ..errors import PolicyError, Problem
from ..sources.versions import Policy, Version
from .labels import Day, label, language_name
from .markdown_ext import ClauseAnchorExtension

PDF_VARIANT = "pdf/a-3a"
FONT_NAME = "DejaVu Serif"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# (weight, style, file, the Debian package that installs it; the Makefile's set-up installs both)
FONT_FACES = (
    ("normal", "normal", "DejaVuSerif.ttf", "fonts-dejavu-core"),
    ("bold", "normal", "DejaVuSerif-Bold.ttf", "fonts-dejavu-core"),
    ("normal", "italic", "DejaVuSerif-Italic.ttf", "fonts-dejavu-extra"),
    ("bold", "italic", "DejaVuSerif-BoldItalic.ttf", "fonts-dejavu-extra"),
)
# What the bytes of a PDF depend on besides its input: the Python packages that lay it out and
# write it, the libraries that shape its text (their file names carry their versions), zlib.
RENDERER_PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "markdown")
SYSTEM_LIBRARIES = ("libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz.so.0", "libharfbuzz-subset.so.0")
LIBRARY_DIRS = ("/usr/lib/*-linux-gnu", "/usr/lib", "/usr/local/lib", "/lib/*-linux-gnu")
OWN_CODE = ("pdf.py", "markdown_ext.py", "../sources/clauses.py")


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
    """The PDF/A-3a of one version in one language; refuses a character its font cannot show."""
    refuse_missing_glyphs(source)
    weasyprint = load_weasyprint()
    fetcher = local_fetcher(weasyprint)
    effective = dt.datetime.fromisoformat(source.effective_from).astimezone(dt.UTC).replace(tzinfo=None)
    attachment = weasyprint.Attachment(
        # A data: URL fixes the MIME type, which a file name would leave to the machine's mime.types.
        url="data:text/markdown;charset=utf-8;base64," + base64.b64encode(source.markdown).decode("ascii"),
        name=f"{source.policy_id}-{source.version_id}-{source.lang}.md",
        description=source.attachment_description,
        created=effective,
        modified=effective,
        relationship="Source",
        url_fetcher=fetcher,
    )
    document = weasyprint.HTML(string=document_html(source), url_fetcher=fetcher).render(
        font_config=font_configuration()
    )
    pdf: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, pdf_identifier=file_identifier(source), attachments=[attachment]
    )
    return pdf


def load_weasyprint() -> Any:
    """WeasyPrint, imported only when a PDF is rendered: a build whose PDFs are all cached needs none of it."""
    try:
        import weasyprint
    except OSError as err:  # WeasyPrint loads Pango when it is imported
        raise PolicyError(
            f"WeasyPrint cannot load Pango, so no PDF can be rendered ({err}). Install Debian's libpango-1.0-0, "
            "libpangoft2-1.0-0 and libharfbuzz-subset0: `make site` installs them when they are missing"
        ) from None
    return weasyprint


@functools.cache
def font_configuration() -> Any:
    """One font configuration per process: made again for every PDF, it cost a tenth of the rendering.
    The bytes are the same either way."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def local_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher for the fonts and the embedded source only: a PDF loads nothing from anywhere else."""
    allowed = {(FONT_DIR / name).as_uri() for _, _, name, _ in FONT_FACES}

    class LocalFetcher(weasyprint.urls.URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in allowed or url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"a policy's PDF loads nothing from {url}")

    return LocalFetcher()


def file_identifier(source: PdfInput) -> bytes:
    """The PDF's permanent identifier: the same for every rendering of this version's text in this language."""
    return hashlib.sha256(f"{source.policy_id}/{source.version_id}/{source.lang}".encode()).hexdigest()[:32].encode()


def document_html(source: PdfInput) -> str:
    """The HTML WeasyPrint lays out: the text as on the site (clause 5.2 is `id="5-2"`), after its title the
    version and its date, and on a translation which text prevails."""
    body = text_html(source.markdown.decode("utf-8"))
    edition = (
        f'<p class="edition"><strong>{html.escape(source.version_line)}</strong><br>{html.escape(source.date_line)}</p>'
    )
    if source.note:
        edition += f'\n<p class="note">{html.escape(source.note)}</p>'
    title_end = body.find("</h1>")
    at = title_end + len("</h1>") if title_end >= 0 else 0
    body = f"{body[:at]}\n{edition}\n{body[at:]}"
    meta = {
        "description": source.description,
        "dcterms.created": source.effective_from,
        "dcterms.modified": source.effective_from,
    }
    head = "\n".join(f'<meta name="{name}" content="{html.escape(value)}">' for name, value in meta.items())
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(source.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(source.title)}</title>\n{head}\n<style>\n{stylesheet(source.footer)}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def text_html(markdown: str) -> str:
    """The text as HTML, clauses anchored as on the site; raw HTML in it is shown as text, never passed through."""
    converter = Markdown(extensions=[ClauseAnchorExtension()], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converted: str = converter.convert(markdown)
    return converted


def stylesheet(footer: str) -> str:
    faces = "".join(
        f'@font-face {{ font-family: "{FONT_NAME}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / name).as_uri()}"); }}\n'
        for weight, style, name, _ in FONT_FACES
    )
    return faces + (
        "@page { size: A4; margin: 20mm 22mm 24mm;\n"
        f"  @bottom-center {{ content: {css_content(footer)}; font-size: 8pt; color: #333; }} }}\n"
        f'html {{ font-family: "{FONT_NAME}"; font-size: 10.5pt; line-height: 1.45; color: #000; }}\n'
        "h1 { font-size: 17pt; line-height: 1.25; margin: 0 0 8pt; }\n"
        "h2 { font-size: 12pt; line-height: 1.3; margin: 16pt 0 6pt; break-after: avoid; }\n"
        "p { margin: 0 0 6pt; orphans: 2; widows: 2; }\n"
        ".edition { margin-bottom: 10pt; }\n"
        ".note { font-style: italic; margin-bottom: 12pt; }\n"
    )


def css_content(text: str) -> str:
    """A CSS `content` value: the text, with `{page}` and `{pages}` as the page counters."""
    parts = []
    for piece in re.split(r"(\{pages?\})", text):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)


def refuse_missing_glyphs(source: PdfInput) -> None:
    """Raise PolicyError naming the first character of the PDF that its font lacks, and where it comes from."""
    covered = font_characters()
    for where, line, text in shown_texts(source):
        missing = next((char for char in text if ord(char) not in covered and unicodedata.category(char) != "Cc"), None)
        if missing is not None:
            name = unicodedata.name(missing, "unnamed")
            raise PolicyError(
                Problem(
                    Path(where),
                    line,
                    f"the character {missing} (U+{ord(missing):04X} {name}) is not in the PDF's font, {FONT_NAME}, "
                    f"so the PDF of version {source.version_id} in {source.lang!r} cannot show it",
                    "Write it another way, or give the PDFs a font that has it (FONT_FACES in "
                    "scripts/policy/publication/pdf.py)",
                ).describe()
            )


def shown_texts(source: PdfInput) -> Iterator[tuple[str, int | None, str]]:
    """Every text the PDF shows, with the file (and line) it comes from."""
    for number, line in enumerate(source.markdown.decode("utf-8").splitlines(), start=1):
        yield source.source, number, line
    for text in (source.version_line, source.date_line, source.note or "", source.footer):
        yield source.labels_file, None, text


@functools.cache
def font_characters() -> frozenset[int]:
    """The characters every face of the PDFs' font has."""
    from fontTools.ttLib import TTFont

    covered: frozenset[int] | None = None
    for _, _, name, package in FONT_FACES:
        path = FONT_DIR / name
        if not path.is_file():
            raise PolicyError(
                f"the PDFs' font {path} is missing. Install Debian's {package}: `make site` installs it when it is "
                "missing"
            )
        characters = frozenset(TTFont(path, lazy=True).getBestCmap())
        covered = characters if covered is None else covered & characters
    return covered or frozenset()


@functools.cache
def renderer_fingerprint() -> str:
    """What the bytes of every PDF depend on besides its input: the renderer's packages and libraries, the
    fonts' bytes and our own code. Cheap: nothing is imported or loaded."""
    packages: dict[str, str | None] = {}
    for name in RENDERER_PACKAGES:
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    here = Path(__file__).parent
    facts = {
        "variant": PDF_VARIANT,
        "packages": packages,
        "libraries": [library_file(name) for name in SYSTEM_LIBRARIES],
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "python": sys.version_info[:2],
        "fonts": [file_digest(FONT_DIR / name) for _, _, name, _ in FONT_FACES],
        "code": [file_digest(here / name) for name in OWN_CODE],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def library_file(soname: str) -> str | None:
    """The file a shared library's name resolves to, which names its version: libpango-1.0.so.0.5000.12."""
    for folder in LIBRARY_DIRS:
        for candidate in sorted(Path("/").glob(f"{folder.lstrip('/')}/{soname}")):
            return candidate.resolve().name
    return None


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
