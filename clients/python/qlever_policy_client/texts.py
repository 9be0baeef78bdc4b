"""A version's text in the user's language, as Markdown or HTML, refused unless its size and SHA-256 are
those the feed lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ._checks import integrity
from ._http import TIMEOUT_SECONDS, get
from .errors import FeedError
from .feed import Feed, _find_version

__all__ = [
    "FORMATS",
    "Document",
    "File",
    "VerifiedText",
    "choose_document",
    "download_text",
    "integrity",
    "verify_text",
]


FORMATS = {"markdown": "md", "html": "html"}


@dataclass(frozen=True)
class File:
    """One file of a document: its absolute address, and how to recognise its exact bytes."""

    url: str
    integrity: str
    bytes: int


@dataclass(frozen=True)
class Document:
    """A version's text in the language chosen for the user, as Markdown and as an HTML fragment."""

    version_id: str
    lang: str
    markdown: File
    html: File


@dataclass(frozen=True)
class VerifiedText:
    """A text whose size and SHA-256 matched the feed: what to show, and what to store on acceptance."""

    version_id: str
    lang: str
    format: str
    url: str
    integrity: str
    text: str


def choose_document(feed: Feed, version_id: str, lang: str | None) -> Document:
    """A version's document in the user's language (a BCP 47 tag like ru-KG), else its primary language
    (ru), else the feed's default_language."""
    version = _find_version(feed, version_id)
    chosen = _choose_language(version["documents"], lang, feed.data["default_language"])
    listed = version["documents"][chosen]
    found = {
        format: File(urljoin(feed.url, f"versions/{version_id}/{chosen}.{extension}"), **listed[format])
        for format, extension in FORMATS.items()
    }
    return Document(version_id, chosen, found["markdown"], found["html"])


def download_text(
    feed: Feed, version_id: str, lang: str | None, format: str = "markdown", timeout: float = TIMEOUT_SECONDS
) -> VerifiedText:
    """A version's text in the chosen language, refused unless its size and SHA-256 match the feed."""
    _require_format(format)
    file: File = getattr(choose_document(feed, version_id, lang), format)
    _, body, _ = get(file.url, timeout, None, max_bytes=file.bytes)
    return verify_text(feed, version_id, lang, format, body)


def verify_text(feed: Feed, version_id: str, lang: str | None, format: str, body: bytes) -> VerifiedText:
    """The text of bytes received (Content-Encoding undone), refused unless they are those the feed lists."""
    _require_format(format)
    document = choose_document(feed, version_id, lang)
    file: File = getattr(document, format)
    if len(body) != file.bytes:
        raise FeedError(
            "size",
            f"the text at {file.url} is {len(body)} bytes, the feed says {file.bytes}: do not show it; fetch the feed "
            "and the text again",
        )
    if integrity(body) != file.integrity:
        raise FeedError(
            "integrity",
            f"the text at {file.url} has integrity {integrity(body)}, the feed says {file.integrity}: do not show "
            "it; fetch the feed and the text again",
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise FeedError("encoding", f"the text at {file.url} is not UTF-8 ({err})") from None
    return VerifiedText(version_id, document.lang, format, file.url, file.integrity, text)


def _choose_language(documents: dict[str, Any], lang: str | None, default: str) -> str:
    tag = lang.strip().lower().replace("_", "-") if isinstance(lang, str) else ""
    for candidate in (tag, tag.split("-")[0]):
        if candidate in documents:
            return candidate
    return default


def _require_format(format: str) -> None:
    if format not in FORMATS:
        raise FeedError("format", f"format {format!r} is not one of {', '.join(FORMATS)}")
