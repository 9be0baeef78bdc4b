"""Freshness and no rollback, as TUF's client does it: the signed timestamp.json beside the feed says which
feed is current and until when, and a feed fetched must not take back what the app's last good feed put in
force (docs/decisions/0015-fresh-feed-and-no-rollback.md).

Each broken rule is its own kind: `expired` (the timestamp is past its expiry and the grace the app allows),
`timestamp` (no timestamp, a malformed one, or a feed whose bytes are not those it names), `rollback` (a
timestamp older than the one held, or a feed that drops or changes a version already in force).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NoReturn

from jsonschema.exceptions import best_match

from ._checks import integrity, parse_moment, pointer, read_json, refuse_oversized, require_aware, schema_validator
from .errors import FeedError
from .signatures import verify_signature

__all__ = ["Timestamp", "check_feed_bytes", "check_fresh", "parse_timestamp"]

TIMESTAMP_FILE = "timestamp.json"
"""Beside the feed."""
_TIMESTAMP_VALIDATOR = schema_validator("timestamp.schema.json")


@dataclass(frozen=True)
class Timestamp:
    """A checked timestamp.json: its bytes, its signature file and the pinned keys that signed it (none when
    unsigned feeds are accepted), and its content."""

    body: bytes
    data: dict[str, Any]
    signature: bytes | None = None
    verified_by: tuple[str, ...] = ()

    @property
    def issued(self) -> dt.datetime:
        return _instant(self.data["issued"])

    @property
    def expires(self) -> dt.datetime:
        return _instant(self.data["expires"])


def parse_timestamp(
    body: bytes,
    signature: bytes | None,
    keys: Any,
    *,
    insecure_accept_unsigned: bool = False,
    what: str = "timestamp.json",
) -> Timestamp:
    """A timestamp from its bytes and its signature file's, refused (kind signature) unless a pinned key signed
    these exact bytes; without keys only with insecure_accept_unsigned. Its size is checked first, then the
    signature, then its content (kind timestamp)."""
    refuse_oversized(body, "timestamp", "timestamp.json")
    verified_by: tuple[str, ...] = ()
    if keys is not None:
        verified_by = verify_signature(body, signature, keys, what)
    elif not insecure_accept_unsigned:
        raise FeedError(
            "signature",
            "no keys are pinned, so timestamp.json cannot be checked: pass keys, or insecure_accept_unsigned=True",
        )
    try:
        data = read_json(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise FeedError("timestamp", f"timestamp.json is not UTF-8 JSON ({err})") from None
    error = best_match(_TIMESTAMP_VALIDATOR.iter_errors(data))
    if error is not None:
        _refuse(pointer(error), error.message)
    for field in ("issued", "expires"):
        if parse_moment(data[field]) is None:
            _refuse(f"/{field}", f"{data[field]!r} is not a real date and time")
    if _instant(data["expires"]) <= _instant(data["issued"]):
        _refuse("/expires", f"{data['expires']} is not after {data['issued']}, when it was issued")
    return Timestamp(body, data, signature if keys is not None else None, verified_by)


def check_fresh(
    timestamp: Timestamp, moment: dt.datetime, kept: Timestamp | None = None, grace: dt.timedelta = dt.timedelta(0)
) -> Timestamp:
    """The timestamp, refused when past its expiry by more than grace at an instant of the device's clock
    (kind expired), or issued before the one the app holds (kind rollback)."""
    require_aware(moment)
    if moment > timestamp.expires + grace:
        raise FeedError(
            "expired",
            f"timestamp.json expired at {timestamp.data['expires']}"
            + (f" (and the grace of {grace} allowed)" if grace else "")
            + ": the feed may be frozen by a stale cache or replayed; keep the last good copy, and try again later",
        )
    if kept is not None and timestamp.issued < kept.issued:
        raise FeedError(
            "rollback",
            f"timestamp.json was issued at {timestamp.data['issued']}, before the one held ({kept.data['issued']}): "
            "an older feed replayed; keep the last good copy",
        )
    return timestamp


def check_feed_bytes(timestamp: Timestamp, body: bytes, url: str) -> None:
    """Refuse (kind timestamp) a feed whose bytes are not those the timestamp names."""
    named = timestamp.data["feed"]
    if len(body) != named["bytes"] or integrity(body) != named["integrity"]:
        raise FeedError(
            "timestamp",
            f"the feed at {url} is {len(body)} bytes with integrity {integrity(body)}, timestamp.json names "
            f"{named['bytes']} bytes with {named['integrity']}: not the current feed (a stale cache, or one replayed); "
            "keep the last good copy, and try again later",
        )


def _instant(text: str) -> dt.datetime:
    moment = parse_moment(text)
    assert moment is not None  # checked with the timestamp or the feed
    return moment


def _refuse(at: str, problem: str) -> NoReturn:
    raise FeedError("timestamp", f"timestamp.json is malformed at {at or '/'}: {problem}", at)
