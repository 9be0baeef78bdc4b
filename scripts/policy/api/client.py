"""A reference client of the version feed, standard library only: a model for the app's own code.

    feed = fetch_feed("https://privacy.qlever.asia/api/v1/policy.json")
    now = datetime.now(timezone.utc)                      # the device's clock, not the feed's
    shown = version_in_force(feed, now)                   # decide by effective_from
    if must_accept(feed, accepted_id, now):               # one comparison with consent_baseline
        text = download_text(feed, shown["id"], "ru")     # size and sha256 verified

It reads only the fields it uses and ignores any others, as every v1 client must: fields are
added to v1 over time, never renamed or removed (docs/decisions/0004-feed-contract.md).
Run `python -m policy.api.client URL --lang ru [--accepted 1.0] [--at 2026-12-15T00:00:00+06:00]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

SCHEMA_VERSION = 1
TIMEOUT_SECONDS = 10.0
VERSION_ID = (re.compile(r"[0-9]+(\.[0-9]+)*"), "a version id like 1.0")
SHA256 = (re.compile(r"[0-9a-f]{64}"), "64 lowercase hexadecimal digits")


class FeedError(Exception):
    """The feed or a text could not be fetched, is malformed, or does not match the feed."""


def fetch_feed(url: str, timeout: float = TIMEOUT_SECONDS) -> dict[str, Any]:
    """Download the feed and check every field this client relies on; raise FeedError if any is wrong."""
    try:
        feed = json.loads(fetch_bytes(url, timeout))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FeedError(f"the feed at {url} is not JSON ({err})") from None
    return check_feed(feed)


def version_in_force(feed: dict[str, Any], moment: dt.datetime) -> dict[str, Any] | None:
    """The version in force at an instant, by the client's own clock, or None before the first.

    Decided from effective_from alone, never from the feed's `status` or `current`, which were
    true on the day the feed was built and go stale in a cached copy.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"moment {moment.isoformat()} has no time zone: pass an aware datetime, e.g. datetime.now(timezone.utc)"
        )
    started = [v for v in feed["versions"] if parse_moment(v["effective_from"], "effective_from") <= moment]
    return max(started, key=lambda v: parse_moment(v["effective_from"], "effective_from"), default=None)


def must_accept(feed: dict[str, Any], accepted_id: str | None, moment: dt.datetime) -> bool:
    """Whether the user must accept the version in force before going on.

    True when a version is in force and the user accepted none, or accepted one older than the
    in-force version's consent_baseline (the latest material version up to it).
    """
    shown = version_in_force(feed, moment)
    if shown is None:
        return False
    if accepted_id is None:
        return True
    baseline = shown["consent_baseline"]
    return baseline is not None and id_key(accepted_id) < id_key(baseline)


def download_text(feed: dict[str, Any], version_id: str, lang: str, timeout: float = TIMEOUT_SECONDS) -> str:
    """A version's Markdown text in a language, refused unless its size and sha256 match the feed."""
    document = find_document(feed, version_id, lang)
    url = document["markdown"]
    content = fetch_bytes(url, timeout)
    if len(content) != document["bytes"]:
        raise FeedError(
            f"the text at {url} is {len(content)} bytes, the feed says {document['bytes']}: do not show it; fetch "
            "the feed and the text again"
        )
    digest = hashlib.sha256(content).hexdigest()
    if digest != document["sha256"]:
        raise FeedError(
            f"the text at {url} has sha256 {digest}, the feed says {document['sha256']}: do not show it; fetch "
            "the feed and the text again"
        )
    return content.decode("utf-8")


def find_document(feed: dict[str, Any], version_id: str, lang: str) -> dict[str, Any]:
    """The `documents` entry of one version in one language, or FeedError saying what exists."""
    versions = {v["id"]: v for v in feed["versions"]}
    if version_id not in versions:
        raise FeedError(f"the feed has no version {version_id!r} (versions: {', '.join(versions)})")
    documents: dict[str, Any] = versions[version_id]["documents"]
    if lang not in documents:
        raise FeedError(f"version {version_id} has no text in {lang!r} (languages: {', '.join(documents)})")
    document: dict[str, Any] = documents[lang]
    return document


def fetch_bytes(url: str, timeout: float) -> bytes:
    """The body of a GET, or FeedError saying why there is none."""
    request = urllib.request.Request(url, headers={"User-Agent": "qlever-policy-client/1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content: bytes = response.read()
            return content
    except urllib.error.HTTPError as err:
        raise FeedError(f"{url} answered HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, TimeoutError) as err:
        raise FeedError(f"could not fetch {url}: {getattr(err, 'reason', err)}") from None


# Checking the feed: only what this client reads, each failure naming the field.


def check_feed(feed: Any) -> dict[str, Any]:
    """The feed itself if it is one this client can read, else FeedError naming the field."""
    if not isinstance(feed, dict):
        raise FeedError(f"the feed is a JSON {type(feed).__name__}, not an object")
    schema_version = require(feed, "schema_version", int, "")
    if schema_version != SCHEMA_VERSION:
        raise FeedError(
            f"schema_version is {schema_version}, this client reads {SCHEMA_VERSION}: "
            f"fetch /api/v{SCHEMA_VERSION}/policy.json"
        )
    versions = require(feed, "versions", list, "")
    if not versions:
        raise FeedError("versions is empty: the feed lists no version")
    for index, version in enumerate(versions):
        check_version(version, f"versions[{index}]")
    return feed


def check_version(version: Any, where: str) -> None:
    """One entry of `versions`: the fields version_in_force, must_accept and download_text read."""
    if not isinstance(version, dict):
        raise FeedError(f"{where} is not an object")
    require_pattern(version, "id", VERSION_ID, where)
    parse_moment(require(version, "effective_from", str, where), f"{where}.effective_from")
    baseline = require(version, "consent_baseline", (str, type(None)), where)
    if baseline is not None:
        require_pattern(version, "consent_baseline", VERSION_ID, where)
    for lang, document in require(version, "documents", dict, where).items():
        check_document(document, f"{where}.documents.{lang}")


def check_document(document: Any, where: str) -> None:
    """One entry of a version's `documents`: where the text is and how to verify it."""
    if not isinstance(document, dict):
        raise FeedError(f"{where} is not an object")
    require(document, "markdown", str, where)
    require_pattern(document, "sha256", SHA256, where)
    size = require(document, "bytes", int, where)
    if isinstance(size, bool) or size < 0:
        raise FeedError(f"{where}.bytes is {size!r}, not a size in bytes")


def require(container: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """container[key], checked to be of the kind; FeedError names the field otherwise."""
    field = f"{where}.{key}" if where else key
    if key not in container:
        raise FeedError(f"{field} is missing")
    if not isinstance(container[key], kind):
        raise FeedError(f"{field} is {json.dumps(container[key], ensure_ascii=False)}, not {describe_kind(kind)}")
    return container[key]


def require_pattern(container: dict[str, Any], key: str, shape: tuple[re.Pattern[str], str], where: str) -> str:
    """container[key], checked to be a string of the shape; FeedError names the field otherwise."""
    value: str = require(container, key, str, where)
    pattern, description = shape
    if not pattern.fullmatch(value):
        raise FeedError(f"{where}.{key} is {value!r}, not {description}")
    return value


def describe_kind(kind: type | tuple[type, ...]) -> str:
    """A JSON type in words, for messages: `a string or null`."""
    names = {str: "a string", int: "a number", list: "a list", dict: "an object", type(None): "null"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def parse_moment(text: str, field: str) -> dt.datetime:
    """An ISO 8601 instant with its offset, e.g. 2026-12-15T00:00:00+06:00."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise FeedError(f"{field} is {text!r}, not a date and time like 2026-12-15T00:00:00+06:00") from None
    if moment.tzinfo is None:
        raise FeedError(f"{field} is {text!r}, which has no UTC offset: expected e.g. 2026-12-15T00:00:00+06:00")
    return moment


def id_key(version_id: str) -> tuple[int, ...]:
    """Version ids compare as numbers: 1.9 < 1.10 < 2.0."""
    pattern, description = VERSION_ID
    if not pattern.fullmatch(version_id):
        raise ValueError(f"{version_id!r} is not {description}")
    return tuple(int(part) for part in version_id.split("."))


# The command line: a demonstration, and a quick check of a deployed feed.


def main(argv: Sequence[str] | None = None) -> int:
    """Print the version in force, whether the user must accept again, and verify its text."""
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
    """The lines main() prints: the version in force, the consent decision, the verified text."""
    feed = fetch_feed(url)
    shown = version_in_force(feed, moment)
    if shown is None:
        return [f"in force at {moment.isoformat()}: none yet", "must accept: no"]
    lang = lang or feed.get("default_language") or next(iter(shown["documents"]))
    text = download_text(feed, shown["id"], lang)
    document = shown["documents"][lang]
    decision = "yes" if must_accept(feed, accepted_id, moment) else "no"
    return [
        f"in force at {moment.isoformat()}: {shown['id']} (since {shown['effective_from']})",
        f"must accept: {decision} (accepted: {accepted_id or 'nothing'})",
        f"text: {lang}, {len(text)} characters, {document['bytes']} bytes, sha256 {document['sha256']} verified",
    ]


def build_parser() -> argparse.ArgumentParser:
    """The command line of `python -m policy.api.client`."""
    parser = argparse.ArgumentParser(
        prog="python -m policy.api.client",
        description=(
            "Fetch the policy's version feed, say which version is in force and whether the user must accept it, and "
            "verify its text."
        ),
    )
    parser.add_argument("url", help="the feed, e.g. https://privacy.qlever.asia/api/v1/policy.json")
    parser.add_argument("--lang", help="the text's language (default: the feed's default_language)")
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
    except ValueError as err:
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
