"""The one error of the client: FeedError, whose kind says what failed (KINDS) and, for a malformed
feed or record, whose `at` is the JSON Pointer of the field to blame."""

from __future__ import annotations

__all__ = ["KINDS", "FeedError"]


KINDS = {
    "url": "an address that is not absolute http(s)",
    "fetch": "no answer, or an HTTP status other than 200 (and 304 to a conditional request)",
    "json": "a feed that is not UTF-8 JSON, or whose arrays and objects nest deeper than MAX_DEPTH",
    "malformed": "a feed that breaks its schema or a rule of the contract; `at` names the field",
    "instant": "an instant without a UTC offset",
    "id": "an id given to the client (the accepted one, or one to compare) that is not MAJOR.MINOR",
    "version": "a version the feed does not list",
    "format": "a format other than markdown and html",
    "size": "a text whose size is not the feed's, or a file larger than MAX_BYTES allows its kind (refused unparsed)",
    "integrity": "a text whose SHA-256 is not the feed's",
    "encoding": "a text that is not UTF-8",
    "signature": (
        "a feed fetched without pinned keys (unless unsigned feeds are accepted explicitly), or a feed (or file) "
        "unsigned, or whose signature by a pinned key is malformed or does not match"
    ),
    "key": "a pinned public key that is not an Ed25519 public key as keys.json lists it",
    "timestamp": "no timestamp.json beside the feed, a malformed one, or a feed whose bytes are not those it names",
    "expired": "a timestamp.json past its expiry (and the grace the app allows): the feed may be frozen or replayed",
    "rollback": "a timestamp older than the one held, or a feed taking back a version the last good one has in force",
    "record": "a consent record that breaks its schema or a rule, or does not match the feed; `at` names the field",
}


class FeedError(Exception):
    """The feed or a text could not be fetched, is malformed, or does not match the feed."""

    def __init__(self, kind: str, message: str, at: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.at = at
