"""The feed: fetched or read from stored bytes, checked against its schema and the rules a schema cannot state,
and what an app decides with it (docs/decisions/0007-feed-v2.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import urljoin

from jsonschema.exceptions import best_match

from ._checks import (
    MAX_BYTES,
    id_key,
    parse_moment,
    pointer,
    read_json,
    refuse_oversized,
    require_aware,
    require_http_url,
    schema_validator,
)
from ._http import TIMEOUT_SECONDS, get
from .errors import FeedError
from .freshness import TIMESTAMP_FILE, Timestamp, check_feed_bytes, check_fresh, parse_timestamp
from .signatures import _pinned_keys, signature_url, verify_signature

__all__ = [
    "SCHEMA_VERSION",
    "Feed",
    "check_update",
    "compare_ids",
    "fetch_feed",
    "must_accept",
    "next_change",
    "parse_feed",
    "parse_signed_feed",
    "parse_version_file",
    "version_in_force",
]


SCHEMA_VERSION = 2

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
    timestamp: Timestamp | None = None
    """The checked timestamp.json it was fetched with; None for a feed read from stored bytes."""

    @property
    def versions(self) -> list[dict[str, Any]]:
        """Every version, newest first."""
        versions: list[dict[str, Any]] = self.data["versions"]
        return versions


def fetch_feed(  # noqa: PLR0913 (what an app passes, by name but for the first)
    url: str,
    timeout: float = TIMEOUT_SECONDS,
    previous: Feed | None = None,
    keys: Sequence[Any] | None = None,
    *,
    now: dt.datetime,
    grace: dt.timedelta = dt.timedelta(0),
    insecure_accept_unsigned: bool = False,
) -> Feed:
    """Download and check timestamp.json beside the feed, then the feed it names.

    now is the device's clock. keys are the public keys the app pins, as keys.json lists them: each file's
    signature beside it (timestamp.sig.json, policy.sig.json) is fetched, and the file refused unless a
    pinned key signed its exact bytes. Without keys both are refused (kind signature), unless
    insecure_accept_unsigned is True: only for a feed published before its maintainers made a key, as the
    feed is today; anyone on the way can change it. The timestamp is refused past its expiry and grace (kind
    expired), or older than previous's (kind rollback); the feed unless its bytes are those the timestamp names
    (kind timestamp). previous, the last good feed, is sent as If-None-Match when fetched from url, and the
    feed fetched is refused if it takes back a version previous has in force at now (kind rollback). A file
    larger than MAX_BYTES allows is refused (kind size) before it is read further. Offline, or refused: keep
    previous, or the copy shipped with the app; only what is fetched is refused.
    """
    require_aware(now)
    require_http_url(url)
    if keys is None and not insecure_accept_unsigned:
        raise FeedError(
            "signature",
            f"no keys are pinned, so the feed at {url} cannot be checked: pass keys (those of keys.json), or, while "
            "the feed is published unsigned, insecure_accept_unsigned=True",
        )
    pinned = _pinned_keys(keys) if keys is not None else None
    kept = previous.timestamp if previous is not None else None
    stamp = check_fresh(_fetch_timestamp(url, timeout, keys, insecure_accept_unsigned), now, kept, grace)
    reusable = (
        previous is not None
        and previous.url == url
        and (pinned is None or bool(set(previous.verified_by) & set(pinned)))
    )
    etag = previous.etag if previous is not None and reusable else None
    status, body, new_etag = get(url, timeout, etag, max_bytes=MAX_BYTES["feed"])
    if status == 304 and previous is not None:
        check_feed_bytes(stamp, previous.body, url)
        return dataclasses.replace(previous, timestamp=stamp)
    check_feed_bytes(stamp, body, url)
    if keys is None:
        feed = parse_feed(body, url, new_etag)
    else:
        feed = parse_signed_feed(body, _fetch_signature(url, "the feed", timeout), url, keys, new_etag)
    if previous is not None:
        check_update(previous, feed, now)
    return dataclasses.replace(feed, timestamp=stamp)


def check_update(kept: Feed, fetched: Feed, moment: dt.datetime) -> Feed:
    """The fetched feed, refused (kind rollback, at the field of the kept feed) if it drops a version that is in
    force at the instant in the kept one, or changes its effective_from, consent_baseline, or the integrity of
    its Markdown in a language. A version not yet in force may still change: upcoming corrections."""
    require_aware(moment)
    listed = {version["id"]: version for version in fetched.versions}
    for index, version in enumerate(kept.versions):
        if _effective_from(version) > moment:
            continue
        where = f"/versions/{index}"
        found = listed.get(version["id"])
        if found is None:
            _rollback(where, f"version {version['id']}, in force, is not in the feed fetched")
        for field in ("effective_from", "consent_baseline"):
            if found[field] != version[field]:
                _rollback(f"{where}/{field}", f"{version['id']}'s {field} was {version[field]}, is {found[field]}")
        for lang, document in version["documents"].items():
            now_listed = found["documents"].get(lang, {}).get("markdown", {}).get("integrity")
            if now_listed != document["markdown"]["integrity"]:
                _rollback(
                    f"{where}/documents/{lang}/markdown/integrity",
                    f"the text of {version['id']} in {lang} was {document['markdown']['integrity']}, is {now_listed}",
                )
    return fetched


def _fetch_timestamp(url: str, timeout: float, keys: Sequence[Any] | None, insecure_accept_unsigned: bool) -> Timestamp:
    where = urljoin(url, TIMESTAMP_FILE)
    try:
        _, body, _ = get(where, timeout, None, missing="timestamp", max_bytes=MAX_BYTES["timestamp"])
    except FeedError as err:
        if err.kind != "timestamp":
            raise
        raise FeedError("timestamp", f"there is no timestamp.json beside the feed at {url}: {err}") from None
    signature = _fetch_signature(where, "the timestamp", timeout) if keys is not None else None
    return parse_timestamp(
        body, signature, keys, insecure_accept_unsigned=insecure_accept_unsigned, what=f"the timestamp at {where}"
    )


def _fetch_signature(url: str, what: str, timeout: float) -> bytes:
    try:
        _, signature, _ = get(signature_url(url), timeout, None, missing="signature", max_bytes=MAX_BYTES["signature"])
    except FeedError as err:
        if err.kind != "signature":
            raise
        raise FeedError(
            "signature", f"{what} at {url} is not signed: {err}; do not use it, keep the last good copy"
        ) from None
    return signature


def _rollback(at: str, problem: str) -> NoReturn:
    raise FeedError(
        "rollback",
        f"the feed fetched takes back what the last good one put in force, at {at}: {problem}; keep the last good copy",
        at,
    )


def parse_feed(body: bytes, url: str, etag: str | None = None) -> Feed:
    """A feed from its bytes (a stored or bundled copy), url being where it is published; no signature is
    checked (parse_signed_feed checks one)."""
    require_http_url(url)
    refuse_oversized(body, "feed", f"the feed at {url}")
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
    refuse_oversized(body, "feed", f"the feed at {url}")
    verified_by = verify_signature(body, signature, keys, f"the feed at {url}")
    return dataclasses.replace(parse_feed(body, url, etag), signature=signature, verified_by=verified_by)


def parse_version_file(
    body: bytes,
    signature: bytes | None,
    url: str,
    version_id: str,
    keys: Sequence[Any] | None = None,
    *,
    insecure_accept_unsigned: bool = False,
) -> dict[str, Any]:
    """versions/<id>.json from its bytes and its signature file's, checked in the feed's order: its size (at most
    MAX_BYTES["version"]), the signature by a pinned key (without keys only with insecure_accept_unsigned),
    JSON, its schema_version and that it is the version asked for (kind version): a host that serves 1.0's
    file at 1.1's address is refused."""
    require_http_url(url)
    id_key(version_id)
    refuse_oversized(body, "version", f"the version file at {url}")
    if keys is not None:
        verify_signature(body, signature, keys, f"the version file at {url}")
    elif not insecure_accept_unsigned:
        raise FeedError(
            "signature",
            f"no keys are pinned, so the version file at {url} cannot be checked: pass keys, or "
            "insecure_accept_unsigned=True",
        )
    try:
        data = read_json(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise FeedError("json", f"the version file at {url} is not UTF-8 JSON ({err})") from None
    if not isinstance(data, dict):
        raise FeedError("malformed", f"the version file at {url} is not an object", "")
    if data.get("schema_version") != SCHEMA_VERSION:
        found = data.get("schema_version")
        where = f"the version file at {url}"
        raise FeedError("malformed", f"{where} has schema_version {found!r}: this client reads 2", "/schema_version")
    if data.get("id") != version_id:
        raise FeedError(
            "version", f"the version file at {url} is of version {data.get('id')!r}, not {version_id}: do not show it"
        )
    return data


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
    moment = parse_moment(version["effective_from"])
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
        moment = parse_moment(version["effective_from"])
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
