"""The reference client of the version feed v2: a model for an app's own code, twin of clients/js/client.js.

    now = datetime.now(timezone.utc)                    # the device's clock, never the feed's
    feed = fetch_feed(URL, previous=stored_feed, keys=PINNED_KEYS, now=now)  # URL: .../api/v2/policy.json
    if not record_covers(feed, stored_record, now):     # the consent rule, from the stored record
        shown = version_in_force(feed, now)             # decided from effective_from
        text = download_text(feed, shown["id"], "ru")   # size and integrity verified
        # show text.text; on acceptance keep consent_record(feed, text, now, "button in the app", user_id)

Every failure, a network error or anything malformed, is a FeedError whose `kind` says which
(see KINDS) and, for a malformed feed or record, whose `at` is the JSON Pointer of the field. The
feed is validated against its published schema (schemas/, which the site publishes beside the
feed), then against the rules a schema cannot state; its Ed25519 signature is checked first, and
before it timestamp.json, which says the feed is current (not expired, not older than the one held),
and a feed fetched may not take back a version the last good one has in force (freshness.py,
docs/decisions/0015-fresh-feed-and-no-rollback.md). Without pinned keys nothing is fetched unless
unsigned feeds are accepted explicitly (insecure_accept_unsigned=True). Both clients pass the test
vectors of clients/vectors/ (docs/decisions/0007-feed-v2.md, 0009-signed-feed-and-consent.md). By
concern: feed.py (fetch, check, decide), freshness.py (timestamp.json), texts.py (verify a text),
signatures.py, consent.py (records), cli.py (`python -m qlever_policy_client`).
"""

from ._checks import MAX_BYTES, MAX_DEPTH
from .consent import (
    RECORD_SCHEMA_VERSION,
    check_consent_record,
    consent_record,
    receive_consent_record,
    record_covers,
    withdraw_consent,
)
from .errors import KINDS, FeedError
from .feed import (
    SCHEMA_VERSION,
    Feed,
    check_update,
    compare_ids,
    fetch_feed,
    must_accept,
    next_change,
    parse_feed,
    parse_signed_feed,
    parse_version_file,
    version_in_force,
)
from .freshness import Timestamp, check_feed_bytes, check_fresh, parse_timestamp
from .signatures import signature_url, verify_signature
from .texts import FORMATS, Document, File, VerifiedText, choose_document, download_text, integrity, verify_text

__all__ = [
    "FORMATS",
    "KINDS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "RECORD_SCHEMA_VERSION",
    "SCHEMA_VERSION",
    "Document",
    "Feed",
    "FeedError",
    "File",
    "Timestamp",
    "VerifiedText",
    "check_consent_record",
    "check_feed_bytes",
    "check_fresh",
    "check_update",
    "choose_document",
    "compare_ids",
    "consent_record",
    "download_text",
    "fetch_feed",
    "integrity",
    "must_accept",
    "next_change",
    "parse_feed",
    "parse_signed_feed",
    "parse_timestamp",
    "parse_version_file",
    "receive_consent_record",
    "record_covers",
    "signature_url",
    "verify_signature",
    "verify_text",
    "version_in_force",
    "withdraw_consent",
]
