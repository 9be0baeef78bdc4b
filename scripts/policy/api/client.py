"""The reference client of the version feed v2: a model for an app's own code, twin of clients/js/client.js.

    feed = fetch_feed("https://privacy.qlever.asia/api/v2/policy.json", previous=stored_feed, keys=PINNED_KEYS)
    now = datetime.now(timezone.utc)                    # the device's clock, never the feed's
    if not record_covers(feed, stored_record, now):     # the consent rule, from the stored record
        shown = version_in_force(feed, now)             # decided from effective_from
        text = download_text(feed, shown["id"], "ru")   # size and integrity verified
        # show text.text; on acceptance keep consent_record(feed, text, now, "button in the app", user_id)

Every failure, a network error or anything malformed, is a FeedError whose `kind` says which
(see KINDS) and, for a malformed feed or record, whose `at` is the JSON Pointer of the field. The
feed is validated against its published schema, then against the rules a schema cannot state; with
pinned keys, its Ed25519 signature is checked first. Both clients pass the test vectors of
clients/vectors/ (docs/decisions/0007-feed-v2.md, 0009-signed-feed-and-consent.md).
Run `python -m policy.api.client URL --lang ru [--accepted 1.0] [--at 2026-12-15T00:00:00+06:00] [--keys keys.json]`.
"""

from __future__ import annotations

import argparse
import base64
import copy
import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import re
import sys
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, NoReturn
from urllib.parse import urljoin, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

SCHEMA_VERSION = 2
TIMEOUT_SECONDS = 10.0
FORMATS = {"markdown": "md", "html": "html"}
VERSION_ID = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", re.ASCII)
MOMENT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})")
KID = re.compile(r"[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]", re.ASCII)
MAX_DEPTH = 64
"""The deepest arrays and objects may nest in a file the client reads (the feed nests 6 deep). Deeper
JSON is refused before it is parsed: a parser recursing into it would run out of stack."""
JSON_STRUCTURE = re.compile(r'[][{}"\\]')
RECORD_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{3})Z")


def schema_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(files("policy.api").joinpath(name).read_bytes()))


VALIDATOR = schema_validator("feed_v2.schema.json")
SIGNATURE_VALIDATOR = schema_validator("signature.schema.json")
RECORD_VALIDATOR = schema_validator("consent_record.schema.json")
RECORD_SCHEMA_VERSION = 1
RECORD_NAMESPACE = uuid.UUID("c5a62cef-e406-5acf-91db-3f9fccd9430b")
"""Of derived record ids: uuid5(NAMESPACE_URL, "https://privacy.qlever.asia/api/v2/consent-record.schema.json")."""
GIVEN, WITHDRAWN = "dpv:ConsentGiven", "dpv:ConsentWithdrawn"
KINDS = {
    "url": "an address that is not absolute http(s)",
    "fetch": "no answer, or an HTTP status other than 200 (and 304 to a conditional request)",
    "json": "a feed that is not UTF-8 JSON, or whose arrays and objects nest deeper than MAX_DEPTH",
    "malformed": "a feed that breaks its schema or a rule of the contract; `at` names the field",
    "instant": "an instant without a UTC offset",
    "id": "an id given to the client (the accepted one, or one to compare) that is not MAJOR.MINOR",
    "version": "a version the feed does not list",
    "format": "a format other than markdown and html",
    "size": "a text whose size is not the feed's",
    "integrity": "a text whose SHA-256 is not the feed's",
    "encoding": "a text that is not UTF-8",
    "signature": "with pinned keys: a feed (or file) unsigned, or whose signature by a pinned key does not match",
    "key": "a pinned public key that is not an Ed25519 public key as keys.json lists it",
    "record": "a consent record that breaks its schema or a rule, or does not match the feed; `at` names the field",
}


class FeedError(Exception):
    """The feed or a text could not be fetched, is malformed, or does not match the feed."""

    def __init__(self, kind: str, message: str, at: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.at = at


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


def fetch_feed(
    url: str, timeout: float = TIMEOUT_SECONDS, previous: Feed | None = None, keys: Sequence[Any] | None = None
) -> Feed:
    """Download and check the feed; previous (a feed fetched from url before) is returned as is on a 304.

    With keys (the public keys the app pins, as keys.json lists them), also its signature beside it
    (policy.sig.json), and refuse it unless a pinned key signed these exact bytes.
    """
    pinned = pinned_keys(keys) if keys is not None else None
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
    check_feed(data)
    return Feed(url, body, etag, data)


def parse_signed_feed(
    body: bytes, signature: bytes | None, url: str, keys: Sequence[Any], etag: str | None = None
) -> Feed:
    """A feed from its bytes and those of its signature file (a stored or bundled copy of both), refused
    unless a pinned key signed these exact bytes; the signature is checked before anything is read."""
    require_http_url(url)
    verified_by = verify_signature(body, signature, keys, f"the feed at {url}")
    return dataclasses.replace(parse_feed(body, url, etag), signature=signature, verified_by=verified_by)


def verify_signature(
    body: bytes, signature: bytes | None, keys: Sequence[Any], what: str = "the file"
) -> tuple[str, ...]:
    """The kids of the pinned keys whose signatures in a signature file (policy.sig.json,
    versions/<id>.sig.json) match body; FeedError unless there is one, and every one matches.

    Signatures by keys not pinned are ignored: a file carries one per signing key while keys rotate.
    """
    pinned = pinned_keys(keys)
    if signature is None:
        raise FeedError("signature", f"there is no signature of {what}, and keys are pinned: do not use it")
    by_pinned = [entry for entry in read_signature_file(signature) if entry["kid"] in pinned]
    if not by_pinned:
        raise FeedError(
            "signature",
            f"no signature of {what} is by a pinned key (pinned: {', '.join(pinned)}): do not use it; keep the last "
            "good copy",
        )
    for entry in by_pinned:
        try:
            pinned[entry["kid"]].verify(base64.b64decode(entry["signature"]), body)
        except InvalidSignature:
            raise FeedError(
                "signature",
                f"the signature of {what} by key {entry['kid']} does not match its bytes: they are not what was "
                "published, or were changed on the way; do not use it, keep the last good copy",
            ) from None
    return tuple(dict.fromkeys(entry["kid"] for entry in by_pinned))


def signature_url(url: str) -> str:
    """Where a file's signature is: beside it, `.json` becoming `.sig.json` (policy.sig.json)."""
    require_http_url(url)
    bare = url.split("#")[0].split("?")[0]
    if not bare.endswith(".json"):
        raise FeedError("url", f"{url!r} does not end in .json, so it has no signature file beside it")
    return bare.removesuffix(".json") + ".sig.json"


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


def consent_record(
    feed: Feed,
    text: VerifiedText,
    moment: dt.datetime,
    method: str,
    user_id: str | None = None,
    record_id: str | Callable[[], str | uuid.UUID] | None = None,
) -> dict[str, Any]:
    """The record to keep when the user accepts the text shown (a VerifiedText of this feed) at an instant.

    method says how, in the app's words ("button in the app"); user_id is the app's own id of the user,
    if it has one. record_id: an id, or a function making one (uuid.uuid4); without it, a UUID derived
    from the record's content, the same for the same inputs. Nothing here reads the clock.
    """
    require_aware(moment)
    notice = {
        "policy_id": feed.data["policy"]["id"],
        "version": text.version_id,
        "format": text.format,
        "url": text.url,
        "integrity": text.integrity,
    }
    record: dict[str, Any] = {
        "schema_version": RECORD_SCHEMA_VERSION,
        "record_id": "pending",
        "pii_principal_id": user_id,
        "privacy_notice": notice,
        "language": text.lang,
        "events": [consent_event(GIVEN, moment, method)],
    }
    if record_id is None:
        check_consent_record(record)
        record["record_id"] = derived_record_id(record)
    else:
        given = record_id() if callable(record_id) else record_id
        record["record_id"] = str(given) if isinstance(given, uuid.UUID) else given
    return check_consent_record(record, feed)


def check_consent_record(record: Any, feed: Feed | None = None) -> dict[str, Any]:
    """A stored record, checked against its schema and rules, and, given the feed, against what it lists:
    the same policy, a listed version in that language, and the integrity of that text in that format."""
    error = best_match(RECORD_VALIDATOR.iter_errors(record))
    if error is not None:
        at = pointer(error)
        raise FeedError("record", f"the consent record is malformed at {at or '/'}: {error.message}", at)
    times = []
    for index, event in enumerate(record["events"]):
        moment = record_time(event["event_time"])
        if moment is None:
            refuse_record(f"/events/{index}/event_time", f"{event['event_time']} is not a real instant")
        times.append(moment)
    if len(times) > 1 and times[1] < times[0]:
        refuse_record(
            "/events/1/event_time",
            f"consent is withdrawn at {record['events'][1]['event_time']}, before it was given at "
            f"{record['events'][0]['event_time']}",
        )
    if feed is not None:
        check_record_against(record, feed)
    return dict(record)


def withdraw_consent(record: Any, moment: dt.datetime, method: str) -> dict[str, Any]:
    """The record with the user's withdrawal at an instant added: keep it, as proof of both events."""
    require_aware(moment)
    check_consent_record(record)
    if len(record["events"]) > 1:
        refuse_record("/events/1", f"consent was withdrawn already, at {record['events'][1]['event_time']}")
    withdrawn = copy.deepcopy(record)
    withdrawn["events"].append(consent_event(WITHDRAWN, moment, method))
    return check_consent_record(withdrawn)


def record_covers(feed: Feed, record: Any, moment: dt.datetime) -> bool:
    """Whether a stored record still covers the version in force at an instant: the consent it records was
    given and not withdrawn by then, and its version is not below the in-force version's consent_baseline
    (True when no version is in force). False: ask the user to accept the version in force."""
    require_aware(moment)
    check_consent_record(record)
    policy_id = feed.data["policy"]["id"]
    if record["privacy_notice"]["policy_id"] != policy_id:
        refuse_record(
            "/privacy_notice/policy_id",
            f"the record is of policy {record['privacy_notice']['policy_id']!r}, the feed of {policy_id!r}",
        )
    state = None
    for event in record["events"]:
        event_time = record_time(event["event_time"])
        if event_time is not None and event_time <= moment:
            state = event["event_state"]
    return state == GIVEN and not must_accept(feed, record["privacy_notice"]["version"], moment)


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


def read_json(text: str) -> Any:
    """JSON as the clients read it: without NaN or Infinity, nested at most MAX_DEPTH deep; ValueError otherwise."""
    if nests_deeper(text, MAX_DEPTH):
        raise ValueError(f"arrays and objects nested deeper than the {MAX_DEPTH} levels a client reads")
    return json.loads(text, parse_constant=refuse_constant)


def nests_deeper(text: str, limit: int) -> bool:
    """Whether the arrays and objects of JSON text nest deeper than limit, read before it is parsed."""
    depth = 0
    in_string = False
    escaped = -1
    for match in JSON_STRUCTURE.finditer(text):
        char, at = match[0], match.start()
        if in_string:
            if at == escaped:
                continue
            if char == "\\":
                escaped = at + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


# Signatures and pinned keys.


def pinned_keys(keys: Any) -> dict[str, Ed25519PublicKey]:
    """The keys an app pins, by kid; FeedError("key") for anything but Ed25519 public keys as keys.json lists them."""
    if not isinstance(keys, Sequence) or isinstance(keys, str | bytes) or not keys:
        raise FeedError("key", "keys: pass a non-empty list of the public keys you pin, as keys.json lists them")
    pinned = {}
    for index, key in enumerate(keys):
        problem = key_problem(key)
        if problem:
            raise FeedError("key", f"pinned key {index} {problem}: pin the keys as keys.json lists them", f"/{index}")
        pinned[key["kid"]] = Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(key["x"] + "="))
    return pinned


def key_problem(key: Any) -> str | None:
    if not isinstance(key, Mapping):
        return "is not an object"
    if "d" in key:
        return "is a private key: pin only the public half"
    if key.get("kty") != "OKP" or key.get("crv") != "Ed25519":
        return "is not an Ed25519 key (kty OKP, crv Ed25519)"
    if not isinstance(key.get("kid"), str) or not KID.fullmatch(key["kid"]):
        return "has no kid like those of keys.json"
    if not isinstance(key.get("x"), str) or not KID.fullmatch(key["x"]):
        return "has no x, the base64url of its 32 bytes"
    return None


def read_signature_file(signature: bytes) -> list[dict[str, str]]:
    """The signatures of a signature file, checked against signature.schema.json."""
    try:
        data = read_json(signature.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, AttributeError) as err:
        raise FeedError("signature", f"the signature file is not UTF-8 JSON ({err})") from None
    error = best_match(SIGNATURE_VALIDATOR.iter_errors(data))
    if error is not None:
        at = pointer(error)
        raise FeedError("signature", f"the signature file is malformed at {at or '/'}: {error.message}", at)
    entries: list[dict[str, str]] = data["signatures"]
    return entries


# Consent records.


def consent_event(state: str, moment: dt.datetime, method: str) -> dict[str, Any]:
    return {
        "event_time": format_record_time(moment),
        "event_state": state,
        "event_type": "dpv:ExpressedConsent",
        "entity_id": "dpv:DataSubject",
        "validity_duration": "dpv:UntilEventDuration",
        "indication_method": method,
    }


def derived_record_id(record: dict[str, Any]) -> str:
    """A UUID (version 5) of what the record says: the same inputs give the same id, in both clients."""
    notice, event = record["privacy_notice"], record["events"][0]
    content = [
        notice["policy_id"],
        notice["version"],
        record["language"],
        notice["format"],
        notice["integrity"],
        event["event_time"],
        event["indication_method"],
        record["pii_principal_id"],
    ]
    return str(uuid.uuid5(RECORD_NAMESPACE, json.dumps(content, ensure_ascii=False, separators=(",", ":"))))


def check_record_against(record: dict[str, Any], feed: Feed) -> None:
    notice = record["privacy_notice"]
    policy_id = feed.data["policy"]["id"]
    if notice["policy_id"] != policy_id:
        refuse_record(
            "/privacy_notice/policy_id", f"the record is of policy {notice['policy_id']!r}, the feed of {policy_id!r}"
        )
    version = next((v for v in feed.versions if v["id"] == notice["version"]), None)
    if version is None:
        refuse_record("/privacy_notice/version", f"the feed lists no version {notice['version']}")
    if record["language"] not in version["documents"]:
        refuse_record("/language", f"version {notice['version']} has no text in {record['language']!r}")
    listed = version["documents"][record["language"]][notice["format"]]["integrity"]
    if notice["integrity"] != listed:
        refuse_record(
            "/privacy_notice/integrity",
            f"the feed lists {listed} for the {notice['format']} of {notice['version']} in {record['language']}, not "
            f"{notice['integrity']}: the record is not of the text published",
        )


def format_record_time(moment: dt.datetime) -> str:
    """An instant as records write it: in UTC, to the millisecond (2026-12-15T06:30:00.000Z)."""
    utc = moment.astimezone(dt.UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}."
        f"{utc.microsecond // 1000:03d}Z"
    )


def record_time(text: str) -> dt.datetime | None:
    match = RECORD_TIME.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, millisecond = (int(part) for part in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second, millisecond * 1000, tzinfo=dt.UTC)
    except ValueError:
        return None


def refuse_record(at: str, problem: str) -> NoReturn:
    raise FeedError("record", f"the consent record is malformed at {at}: {problem}", at)


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


def get(url: str, timeout: float, etag: str | None, missing: str = "fetch") -> tuple[int, bytes, str | None]:
    """The status, decoded body and ETag of a GET; FeedError for anything but 200, or 304 when asked, of kind
    missing for a 404."""
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
        err.close()  # an HTTPError holds the response, and its socket, open
        if err.code == 304 and etag:
            return 304, b"", etag
        kind = missing if err.code == 404 else "fetch"
        raise FeedError(kind, f"{url} answered HTTP {err.code} {err.reason}") from None
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
        for line in report(args.url, args.lang, args.accepted, moment, args.keys):
            print(line)
    except FeedError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def report(
    url: str, lang: str | None, accepted_id: str | None, moment: dt.datetime, keys: list[Any] | None = None
) -> list[str]:
    """The lines main() prints."""
    feed = fetch_feed(url, keys=keys)
    shown = version_in_force(feed, moment)
    upcoming = next_change(feed, moment)
    decision = "yes" if must_accept(feed, accepted_id, moment) else "no"
    lines = [
        f"in force at {moment.isoformat()}: "
        + (f"{shown['id']} (since {shown['effective_from']})" if shown else "none"),
        f"next change: {upcoming.isoformat() if upcoming else 'none announced'}",
        f"must accept: {decision} (accepted: {accepted_id or 'nothing'})",
        f"signed by: {', '.join(feed.verified_by)}" if keys is not None else "signature: not checked (no --keys)",
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
        "--keys",
        type=key_set_argument,
        metavar="FILE",
        help="refuse the feed unless signed by a key of FILE, a key set as keys.json (default: do not check)",
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


def key_set_argument(path: str) -> list[Any]:
    """--keys: the keys of a key set file, as keys.json publishes them."""
    try:
        with open(path, encoding="utf-8") as file:
            keys = read_json(file.read())["keys"]
        pinned_keys(keys)
    except (OSError, ValueError, KeyError, TypeError, FeedError) as err:
        raise argparse.ArgumentTypeError(f"{path}: not a key set like keys.json ({err})") from None
    assert isinstance(keys, list)
    return keys


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
