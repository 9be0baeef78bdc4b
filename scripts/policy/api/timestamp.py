"""api/v2/timestamp.json: how fresh the feed is, the one file of api/v2 that changes every day.

The feed's bytes do not depend on the build date, so a signed feed alone could be replayed for ever
(by a stale cache or a hostile network). As TUF's timestamp role does, a small file beside it names
the SHA-256 and size of the current policy.json, when it was issued and when it expires; the daily
build rewrites it and signs it like the others (timestamp.sig.json beside it). Its times come from
the build's as-of date, never from the clock: issued at midnight of that date in the policy's time
zone (the daily build runs just after), expiring EXPIRY later. The contract is
docs/decisions/0015-fresh-feed-and-no-rollback.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from ..publication.urls import FEED_FILE
from ..sources.settings import Settings
from ..verdicts import CleanVerdicts
from .feed_v2 import KEYS_FILE, SCHEMA_VERSION, TIMESTAMP_FILE, TIMESTAMP_SCHEMA, describe_file, validated
from .signing import SigningKey, signatures

EXPIRY = dt.timedelta(days=7)
"""How long a timestamp is good for: a week outlives a missed daily build or two (and a weekend's), and is
short enough that an app stuck on a frozen copy of the feed learns of it within days."""


def timestamp_files(
    v2: Mapping[str, bytes], as_of: dt.date, settings: Settings, signing_keys: tuple[SigningKey, ...] = ()
) -> dict[str, bytes]:
    """timestamp.json for api/v2's files as api_files gives them, and its signature when there are signing keys."""
    content = describe_timestamp(v2[FEED_FILE], as_of, settings)
    files = {TIMESTAMP_FILE: validated(content, TIMESTAMP_SCHEMA, TIMESTAMP_FILE, CleanVerdicts(None))}
    if signing_keys:
        files |= signatures(files, [TIMESTAMP_FILE], signing_keys, json.loads(v2[KEYS_FILE]))
    return files


def describe_timestamp(feed: bytes, as_of: dt.date, settings: Settings) -> dict[str, Any]:
    """timestamp.json's fields in their fixed order: the feed it vouches for, when issued, when it expires."""
    issued = dt.datetime.combine(as_of, dt.time(), tzinfo=settings.timezone)
    return {
        "schema_version": SCHEMA_VERSION,
        "feed": {"path": FEED_FILE, **describe_file(feed)},
        "issued": issued.isoformat(),
        "expires": (issued + EXPIRY).isoformat(),
    }
