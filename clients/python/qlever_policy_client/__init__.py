"""The reference client of the version feed v2: a model for an app's own code, twin of clients/js/client.js.

    feed = fetch_feed("https://privacy.qlever.asia/api/v2/policy.json", previous=stored_feed, keys=PINNED_KEYS)
    now = datetime.now(timezone.utc)                    # the device's clock, never the feed's
    if not record_covers(feed, stored_record, now):     # the consent rule, from the stored record
        shown = version_in_force(feed, now)             # decided from effective_from
        text = download_text(feed, shown["id"], "ru")   # size and integrity verified
        # show text.text; on acceptance keep consent_record(feed, text, now, "button in the app", user_id)

Every failure, a network error or anything malformed, is a FeedError whose `kind` says which
(see KINDS) and, for a malformed feed or record, whose `at` is the JSON Pointer of the field. The
feed is validated against its published schema (schemas/, which the site publishes beside the
feed), then against the rules a schema cannot state; with pinned keys, its Ed25519 signature is
checked first. Both clients pass the test vectors of clients/vectors/ (docs/decisions/0007-feed-v2.md,
0009-signed-feed-and-consent.md). By concern: feed.py (fetch, check, decide), texts.py (verify a
text), signatures.py, consent.py (records), cli.py (`python -m qlever_policy_client`).
"""

from ._checks import MAX_DEPTH
from .consent import RECORD_SCHEMA_VERSION, check_consent_record, consent_record, record_covers, withdraw_consent
from .errors import KINDS, FeedError
from .feed import (
    SCHEMA_VERSION,
    Feed,
    compare_ids,
    fetch_feed,
    must_accept,
    next_change,
    parse_feed,
    parse_signed_feed,
    version_in_force,
)
from .signatures import signature_url, verify_signature
from .texts import FORMATS, Document, File, VerifiedText, choose_document, download_text, integrity, verify_text

__all__ = [
    "FORMATS",
    "KINDS",
    "MAX_DEPTH",
    "RECORD_SCHEMA_VERSION",
    "SCHEMA_VERSION",
    "Document",
    "Feed",
    "FeedError",
    "File",
    "VerifiedText",
    "check_consent_record",
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
    "record_covers",
    "signature_url",
    "verify_signature",
    "verify_text",
    "version_in_force",
    "withdraw_consent",
]
