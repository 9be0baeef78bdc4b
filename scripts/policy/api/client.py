"""The reference client of the version feed v2: a model for an app's own code, twin of clients/js/client.js.

    feed = fetch_feed("https://privacy.qlever.asia/api/v2/policy.json", previous=stored_feed)
    now = datetime.now(timezone.utc)                    # the device's clock, never the feed's
    shown = version_in_force(feed, now)                 # decided from effective_from
    if shown and must_accept(feed, accepted_id, now):   # one comparison with consent_baseline
        text = download_text(feed, shown["id"], "ru")   # size and integrity verified
        # show text.text; on acceptance store shown["id"], text.lang and text.integrity

Every failure, a network error or anything malformed, is a FeedError whose `kind` says which
(see KINDS) and, for a malformed feed, whose `at` is the JSON Pointer of the field. The feed is
validated against its published schema, then against the rules a schema cannot state. Both
clients pass the test vectors of clients/vectors/ (docs/decisions/0007-feed-v2.md).
Run `python -m policy.api.client URL --lang ru [--accepted 1.0] [--at 2026-12-15T00:00:00+06:00]`.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gzip
import hashlib
import json
import re
import sys
import urllib.error
import urllib.request
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, NoReturn
from urllib.parse import urljoin, urlsplit

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

SCHEMA_VERSION = 2
TIMEOUT_SECONDS = 10.0
FORMATS = {"markdown": "md", "html": "html"}
VERSION_ID = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", re.ASCII)
MOMENT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})")
VALIDATOR = Draft202012Validator(json.loads(files("policy.api").joinpath("feed_v2.schema.json").read_bytes()))
KINDS = {
    "url": "an address that is not absolute http(s)",
    "fetch": "no answer, or an HTTP status other than 200 (and 304 to a conditional request)",
    "json": "a feed that is not UTF-8 JSON",
    "malformed": "a feed that breaks its schema or a rule of the contract; `at` names the field",
    "instant": "an instant without a UTC offset",
    "id": "an id given to the client (the accepted one, or one to compare) that is not MAJOR.MINOR",
    "version": "a version the feed does not list",
    "format": "a format other than markdown and html",
    "size": "a text whose size is not the feed's",
    "integrity": "a text whose SHA-256 is not the feed's",
    "encoding": "a text that is not UTF-8",
}


class FeedError(Exception):
    """The feed or a text could not be fetched, is malformed, or does not match the feed."""

    def __init__(self, kind: str, message: str, at: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.at = at


@dataclass(frozen=True)
class Feed:
    """A checked feed: where it came from (texts are found relative to it), its bytes, its ETag and content."""

    url: str
    body: bytes
    etag: str | None
    data: dict[str, Any]

    @property
    def versions(self) -> list[dict[str, Any]]:
        """Every version, newest first."""
        versions: list[dict[str, Any]] = self.data["versions"]
        return versions


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


def fetch_feed(url: str, timeout: float = TIMEOUT_SECONDS, previous: Feed | None = None) -> Feed:
    """Download and check the feed; previous (a feed fetched from url before) is returned as is on a 304."""
    etag = previous.etag if previous is not None and previous.url == url else None
    status, body, new_etag = get(url, timeout, etag)
    if status == 304 and previous is not None:
        return previous
    return parse_feed(body, url, new_etag)


def parse_feed(body: bytes, url: str, etag: str | None = None) -> Feed:
    """A feed from its bytes (a stored or bundled copy), url being where it is published."""
    require_http_url(url)
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError) as err:
        raise FeedError("json", f"the feed at {url} is not UTF-8 JSON ({err})") from None
    check_feed(data)
    return Feed(url, body, etag, data)


def version_in_force(feed: Feed, moment: dt.datetime) -> dict[str, Any] | None:
    """The version in force at an instant of the device's clock, or None before the first: the newest
    version whose effective_from is at or before it."""
    require_aware(moment)
    return next((v for v in feed.versions if effective_from(v) <= moment), None)


def next_change(feed: Feed, moment: dt.datetime) -> dt.datetime | None:
    """When the version in force changes next after an instant (decide again then), or None."""
    require_aware(moment)
    later = [effective_from(v) for v in feed.versions if effective_from(v) > moment]
    return min(later, default=None)


def must_accept(feed: Feed, accepted_id: str | None, moment: dt.datetime) -> bool:
    """Whether the user must accept the version in force before going on.

    True when a version is in force and the user accepted none, or accepted an id lower than the
    in-force version's consent_baseline (the latest material version up to it).
    """
    if accepted_id is not None:
        id_key(accepted_id)
    shown = version_in_force(feed, moment)
    if shown is None:
        return False
    if accepted_id is None:
        return True
    baseline = shown["consent_baseline"]
    return baseline is not None and compare_ids(accepted_id, baseline) < 0


def choose_document(feed: Feed, version_id: str, lang: str | None) -> Document:
    """A version's document in the user's language (a BCP 47 tag like ru-KG), else its primary language
    (ru), else the feed's default_language."""
    version = find_version(feed, version_id)
    chosen = choose_language(version["documents"], lang, feed.data["default_language"])
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
    require_format(format)
    file: File = getattr(choose_document(feed, version_id, lang), format)
    _, body, _ = get(file.url, timeout, None)
    return verify_text(feed, version_id, lang, format, body)


def verify_text(feed: Feed, version_id: str, lang: str | None, format: str, body: bytes) -> VerifiedText:
    """The text of bytes received (Content-Encoding undone), refused unless they are those the feed lists."""
    require_format(format)
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


def compare_ids(a: str, b: str) -> int:
    """-1, 0 or 1 as version id a is lower than, equal to or higher than b: 1.9 < 1.10 < 2.0."""
    key_a, key_b = id_key(a), id_key(b)
    return (key_a > key_b) - (key_a < key_b)


def integrity(content: bytes) -> str:
    """The Subresource Integrity value of some bytes: `sha256-` and the base64 of their SHA-256."""
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


# Reading the feed.


def choose_language(documents: dict[str, Any], lang: str | None, default: str) -> str:
    tag = lang.strip().lower().replace("_", "-") if isinstance(lang, str) else ""
    for candidate in (tag, tag.split("-")[0]):
        if candidate in documents:
            return candidate
    return default


def require_format(format: str) -> None:
    if format not in FORMATS:
        raise FeedError("format", f"format {format!r} is not one of {', '.join(FORMATS)}")


def find_version(feed: Feed, version_id: str) -> dict[str, Any]:
    found = next((v for v in feed.versions if v["id"] == version_id), None)
    if found is None:
        listed = ", ".join(v["id"] for v in feed.versions)
        raise FeedError("version", f"the feed has no version {version_id!r} (versions: {listed})")
    return found


def effective_from(version: dict[str, Any]) -> dt.datetime:
    moment = parse_moment(version["effective_from"])
    assert moment is not None  # checked with the feed
    return moment


def id_key(version_id: str) -> tuple[int, int]:
    """A version id as the pair of integers it is compared by."""
    match = VERSION_ID.fullmatch(version_id) if isinstance(version_id, str) else None
    if match is None:
        raise FeedError("id", f"{version_id!r} is not a version id: MAJOR.MINOR, like 1.0 or 1.10")
    return int(match[1]), int(match[2])


def require_aware(moment: dt.datetime) -> None:
    if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
        raise FeedError(
            "instant", f"{moment!r} is not an instant with a time zone: pass e.g. datetime.now(timezone.utc)"
        )


def require_http_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(
            "url", f"{url!r} is not an absolute http(s) address, like https://privacy.qlever.asia/api/v2/policy.json"
        )


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# Checking the feed: its schema, then the rules a schema cannot state.


def check_feed(data: Any) -> None:
    """Raise FeedError(kind "malformed") at the first field that breaks the schema or a rule."""
    error = best_match(VALIDATOR.iter_errors(data))
    if error is not None:
        at = pointer(error)
        raise FeedError("malformed", f"the feed is malformed at {at or '/'}: {error.message}", at)
    check_rules(data)


def pointer(error: ValidationError) -> str:
    """The JSON Pointer of the field an error is about: for a missing one, the field itself."""
    parts = [str(part) for part in error.absolute_path]
    if error.validator == "required":
        parts.append(next(name for name in error.validator_value if name not in error.instance))
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def check_rules(data: dict[str, Any]) -> None:
    languages = data["languages"]
    for field in ("default_language", "authoritative_language"):
        if data[field] not in languages:
            malformed(f"/{field}", f"{data[field]!r} is not one of languages ({', '.join(languages)})")
    versions = data["versions"]
    ids = [version["id"] for version in versions]
    for index, version in enumerate(versions):
        where = f"/versions/{index}"
        moment = parse_moment(version["effective_from"])
        if moment is None:
            malformed(f"{where}/effective_from", f"{version['effective_from']!r} is not a real date and time")
        if index:
            newer = versions[index - 1]
            if compare_ids(version["id"], newer["id"]) >= 0:
                malformed(f"{where}/id", f"{version['id']} follows {newer['id']}: versions go newest first")
            if moment >= effective_from(newer):
                malformed(
                    f"{where}/effective_from",
                    f"{version['effective_from']} is not before {newer['effective_from']}, when {newer['id']} takes "
                    "effect",
                )
        missing = [lang for lang in languages if lang not in version["documents"]]
        if missing:
            malformed(f"{where}/documents", f"no document in {', '.join(missing)}")
        baseline = version["consent_baseline"]
        if baseline is not None and baseline not in ids[index:]:
            malformed(f"{where}/consent_baseline", f"{baseline} is not a version listed at or before {version['id']}")


def malformed(at: str, problem: str) -> NoReturn:
    raise FeedError("malformed", f"the feed is malformed at {at}: {problem}", at)


def parse_moment(text: str) -> dt.datetime | None:
    """An instant as the feed writes it (2026-12-15T00:00:00+06:00), or None when it is no real instant."""
    match = MOMENT.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, sign, offset_hours, offset_minutes = match.groups()
    if int(offset_hours) > 23 or int(offset_minutes) > 59:
        return None
    offset = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes)) * (-1 if sign == "-" else 1)
    try:
        return dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=dt.timezone(offset)
        )
    except ValueError:
        return None


# HTTP.


def get(url: str, timeout: float, etag: str | None) -> tuple[int, bytes, str | None]:
    """The status, decoded body and ETag of a GET; FeedError for anything but 200, or 304 when asked."""
    require_http_url(url)
    headers = {"User-Agent": "qlever-policy-client/2", "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            raw: bytes = response.read()
            return (
                response.status,
                decode_body(raw, response.headers.get("Content-Encoding"), url),
                response.headers.get("ETag"),
            )
    except urllib.error.HTTPError as err:
        if err.code == 304 and etag:
            return 304, b"", etag
        raise FeedError("fetch", f"{url} answered HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        raise FeedError("fetch", f"could not fetch {url}: {getattr(err, 'reason', err)}") from None


def decode_body(raw: bytes, encoding: str | None, url: str) -> bytes:
    """The body with its Content-Encoding undone: hashes are of the file, not of what carried it."""
    if encoding in (None, "", "identity"):
        return raw
    if encoding == "gzip":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as err:
            raise FeedError("fetch", f"{url} sent a broken gzip body ({err})") from None
    raise FeedError("fetch", f"{url} sent Content-Encoding {encoding}, which this client did not ask for")


# The command line: a demonstration, and a quick check of a deployed feed.


def main(argv: Sequence[str] | None = None) -> int:
    """Print the version in force, whether the user must accept it, and verify its texts."""
    args = build_parser().parse_args(argv)
    try:
        moment = args.at or dt.datetime.now(dt.UTC)  # the device's own clock
        for line in report(args.url, args.lang, args.accepted, moment):
            print(line)
    except FeedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def report(url: str, lang: str | None, accepted_id: str | None, moment: dt.datetime) -> list[str]:
    """The lines main() prints."""
    feed = fetch_feed(url)
    shown = version_in_force(feed, moment)
    upcoming = next_change(feed, moment)
    decision = "yes" if must_accept(feed, accepted_id, moment) else "no"
    lines = [
        f"in force at {moment.isoformat()}: "
        + (f"{shown['id']} (since {shown['effective_from']})" if shown else "none"),
        f"next change: {upcoming.isoformat() if upcoming else 'none announced'}",
        f"must accept: {decision} (accepted: {accepted_id or 'nothing'})",
    ]
    if shown is not None:
        for format in FORMATS:
            text = download_text(feed, shown["id"], lang, format)
            lines.append(f"{format}: {text.lang}, {len(text.text)} characters, {text.integrity} verified")
    return lines


def build_parser() -> argparse.ArgumentParser:
    """The command line of `python -m policy.api.client`."""
    parser = argparse.ArgumentParser(
        prog="python -m policy.api.client",
        description=(
            "Fetch the policy's version feed (v2), say which version is in force and whether the user must accept "
            "it, and verify its texts."
        ),
    )
    parser.add_argument("url", help="the feed, e.g. https://privacy.qlever.asia/api/v2/policy.json")
    parser.add_argument("--lang", help="the user's language, e.g. ru or ru-KG (default: the feed's default_language)")
    parser.add_argument(
        "--accepted", type=version_id_argument, metavar="ID", help="the version the user last accepted (default: none)"
    )
    parser.add_argument(
        "--at",
        type=aware_moment,
        metavar="MOMENT",
        help="decide at this instant, with its offset, e.g. 2026-12-15T00:00:00+06:00 (default: now)",
    )
    return parser


def version_id_argument(text: str) -> str:
    """--accepted: a version id, checked as the client compares ids."""
    try:
        id_key(text)
    except FeedError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text


def aware_moment(text: str) -> dt.datetime:
    """--at: an ISO 8601 instant with its offset."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time like 2026-12-15T00:00:00+06:00") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset: add one, e.g. 2026-12-15T00:00:00+06:00 or 2026-12-14T18:00:00Z"
        )
    return moment


if __name__ == "__main__":
    sys.exit(main())
