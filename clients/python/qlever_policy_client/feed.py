"""The feed: fetched or read from stored bytes, checked against its schema and the rules a schema cannot state,
and what an app decides with it (docs/decisions/0007-feed-v2.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from jsonschema.exceptions import best_match

from ._checks import id_key, pointer, read_json, require_aware, require_http_url, schema_validator
from ._http import TIMEOUT_SECONDS, get
from .errors import FeedError
from .signatures import _pinned_keys, signature_url, verify_signature

__all__ = [
    "SCHEMA_VERSION",
    "Feed",
    "compare_ids",
    "fetch_feed",
    "must_accept",
    "next_change",
    "parse_feed",
    "parse_signed_feed",
    "version_in_force",
]


SCHEMA_VERSION = 2

_MOMENT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})")

_FEED_VALIDATOR = schema_validator("policy.schema.json")


@dataclass(frozen=True)
class Feed:
    """A checked feed: where it came from (texts are found relative to it), its bytes, its ETag and content;
    with pinned keys, its signature file and the pinned keys whose signatures matched."""

    url: str
    body: bytes
    etag: str | None
    data: dict[str, Any]
    signature: bytes | None = None
    verified_by: tuple[str, ...] = ()

    @property
    def versions(self) -> list[dict[str, Any]]:
        """Every version, newest first."""
        versions: list[dict[str, Any]] = self.data["versions"]
        return versions


def fetch_feed(
    url: str, timeout: float = TIMEOUT_SECONDS, previous: Feed | None = None, keys: Sequence[Any] | None = None
) -> Feed:
    """Download and check the feed; previous (a feed fetched from url before) is returned as is on a 304.

    With keys (the public keys the app pins, as keys.json lists them), also its signature beside it
    (policy.sig.json), and refuse it unless a pinned key signed these exact bytes.
    """
    pinned = _pinned_keys(keys) if keys is not None else None
    reusable = (
        previous is not None
        and previous.url == url
        and (pinned is None or bool(set(previous.verified_by) & set(pinned)))
    )
    etag = previous.etag if previous is not None and reusable else None
    status, body, new_etag = get(url, timeout, etag)
    if status == 304 and previous is not None:
        return previous
    if keys is None:
        return parse_feed(body, url, new_etag)
    try:
        _, signature, _ = get(signature_url(url), timeout, None, missing="signature")
    except FeedError as err:
        if err.kind != "signature":
            raise
        raise FeedError(
            "signature", f"the feed at {url} is not signed: {err}; do not use it, keep the last good copy"
        ) from None
    return parse_signed_feed(body, signature, url, keys, new_etag)


def parse_feed(body: bytes, url: str, etag: str | None = None) -> Feed:
    """A feed from its bytes (a stored or bundled copy), url being where it is published."""
    require_http_url(url)
    try:
        data = read_json(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise FeedError("json", f"the feed at {url} is not UTF-8 JSON ({err})") from None
    _check_feed(data)
    return Feed(url, body, etag, data)


def parse_signed_feed(
    body: bytes, signature: bytes | None, url: str, keys: Sequence[Any], etag: str | None = None
) -> Feed:
    """A feed from its bytes and those of its signature file (a stored or bundled copy of both), refused
    unless a pinned key signed these exact bytes; the signature is checked before anything is read."""
    require_http_url(url)
    verified_by = verify_signature(body, signature, keys, f"the feed at {url}")
    return dataclasses.replace(parse_feed(body, url, etag), signature=signature, verified_by=verified_by)


def version_in_force(feed: Feed, moment: dt.datetime) -> dict[str, Any] | None:
    """The version in force at an instant of the device's clock, or None before the first: the newest
    version whose effective_from is at or before it."""
    require_aware(moment)
    return next((v for v in feed.versions if _effective_from(v) <= moment), None)


def next_change(feed: Feed, moment: dt.datetime) -> dt.datetime | None:
    """When the version in force changes next after an instant (decide again then), or None."""
    require_aware(moment)
    later = [_effective_from(v) for v in feed.versions if _effective_from(v) > moment]
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


def compare_ids(a: str, b: str) -> int:
    """-1, 0 or 1 as version id a is lower than, equal to or higher than b: 1.9 < 1.10 < 2.0."""
    key_a, key_b = id_key(a), id_key(b)
    return (key_a > key_b) - (key_a < key_b)


def _find_version(feed: Feed, version_id: str) -> dict[str, Any]:
    found = next((v for v in feed.versions if v["id"] == version_id), None)
    if found is None:
        listed = ", ".join(v["id"] for v in feed.versions)
        raise FeedError("version", f"the feed has no version {version_id!r} (versions: {listed})")
    return found


def _effective_from(version: dict[str, Any]) -> dt.datetime:
    moment = _parse_moment(version["effective_from"])
    assert moment is not None  # checked with the feed
    return moment


def _check_feed(data: Any) -> None:
    """Raise FeedError(kind "malformed") at the first field that breaks the schema or a rule."""
    error = best_match(_FEED_VALIDATOR.iter_errors(data))
    if error is not None:
        at = pointer(error)
        raise FeedError("malformed", f"the feed is malformed at {at or '/'}: {error.message}", at)
    _check_rules(data)


def _check_rules(data: dict[str, Any]) -> None:
    languages = data["languages"]
    for field in ("default_language", "authoritative_language"):
        if data[field] not in languages:
            _malformed(f"/{field}", f"{data[field]!r} is not one of languages ({', '.join(languages)})")
    versions = data["versions"]
    ids = [version["id"] for version in versions]
    for index, version in enumerate(versions):
        where = f"/versions/{index}"
        moment = _parse_moment(version["effective_from"])
        if moment is None:
            _malformed(f"{where}/effective_from", f"{version['effective_from']!r} is not a real date and time")
        if index:
            newer = versions[index - 1]
            if compare_ids(version["id"], newer["id"]) >= 0:
                _malformed(f"{where}/id", f"{version['id']} follows {newer['id']}: versions go newest first")
            if moment >= _effective_from(newer):
                _malformed(
                    f"{where}/effective_from",
                    f"{version['effective_from']} is not before {newer['effective_from']}, when {newer['id']} takes "
                    "effect",
                )
        missing = [lang for lang in languages if lang not in version["documents"]]
        if missing:
            _malformed(f"{where}/documents", f"no document in {', '.join(missing)}")
        baseline = version["consent_baseline"]
        if baseline is not None and baseline not in ids[index:]:
            _malformed(f"{where}/consent_baseline", f"{baseline} is not a version listed at or before {version['id']}")


def _malformed(at: str, problem: str) -> NoReturn:
    raise FeedError("malformed", f"the feed is malformed at {at}: {problem}", at)


def _parse_moment(text: str) -> dt.datetime | None:
    """An instant as the feed writes it (2026-12-15T00:00:00+06:00), or None when it is no real instant."""
    match = _MOMENT.fullmatch(text)
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
