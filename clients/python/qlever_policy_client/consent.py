"""Consent records: made when a user accepts the text shown, checked, withdrawn, and whether one still
covers the version in force (docs/decisions/0009-signed-feed-and-consent.md)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from typing import Any, NoReturn

from jsonschema.exceptions import best_match

from ._checks import integrity, pointer, require_aware, schema_validator
from .errors import FeedError
from .feed import Feed, must_accept
from .texts import VerifiedText

__all__ = [
    "RECORD_SCHEMA_VERSION",
    "check_consent_record",
    "consent_record",
    "receive_consent_record",
    "record_covers",
    "withdraw_consent",
]


RECORD_SCHEMA_VERSION = 2
"""Of the records the client makes: 2 binds a record to the feed it was decided on (its `feed`); records of
schema_version 1, made before, have none, and are still read."""

_RECORD_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{3})Z")

_RECORD_VALIDATOR = schema_validator("consent-record.schema.json")

_RECORD_NAMESPACE = uuid.UUID("c5a62cef-e406-5acf-91db-3f9fccd9430b")
"""Of derived record ids: uuid5(NAMESPACE_URL, "https://privacy.qlever.asia/api/v2/consent-record.schema.json")."""

_GIVEN, _WITHDRAWN = "dpv:ConsentGiven", "dpv:ConsentWithdrawn"


def consent_record(  # noqa: PLR0913 (what an acceptance is made of)
    feed: Feed,
    text: VerifiedText,
    moment: dt.datetime,
    method: str,
    user_id: str | None = None,
    record_id: str | Callable[[], str | uuid.UUID] | None = None,
    requested_language: str | None = None,
) -> dict[str, Any]:
    """The record to keep when the user accepts the text shown (a VerifiedText of this feed) at an instant.

    method says how, in the app's words ("button in the app"); user_id is the app's own id of the user,
    if it has one. record_id: an id, or a function making one (uuid.uuid4); without it, a UUID derived
    from the record's content, the same for the same inputs (docs/app-developers.md says how).
    requested_language: the tag the user asked for (ru-KG), kept beside the language shown. The record
    names the feed by the SHA-256 of its bytes and the pinned key that verified it. Nothing here reads
    the clock.
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
        **({"requested_language": requested_language} if requested_language is not None else {}),
        "feed": {"integrity": integrity(feed.body), "kid": next(iter(feed.verified_by), None)},
        "events": [_consent_event(_GIVEN, moment, method)],
    }
    if record_id is None:
        check_consent_record(record)
        record["record_id"] = _derived_record_id(record)
    else:
        given = record_id() if callable(record_id) else record_id
        record["record_id"] = str(given) if isinstance(given, uuid.UUID) else given
    return check_consent_record(record, feed)


def check_consent_record(record: Any, feed: Feed | None = None) -> dict[str, Any]:
    """A stored record, checked against its schema and rules, and, given the feed, against what it lists:
    the same policy, a listed version in that language, and the integrity of that text in that format."""
    error = best_match(_RECORD_VALIDATOR.iter_errors(record))
    if error is not None:
        at = pointer(error)
        raise FeedError("record", f"the consent record is malformed at {at or '/'}: {error.message}", at)
    times = []
    for index, event in enumerate(record["events"]):
        moment = _record_time(event["event_time"])
        if moment is None:
            _refuse_record(f"/events/{index}/event_time", f"{event['event_time']} is not a real instant")
        times.append(moment)
    if len(times) > 1 and times[1] < times[0]:
        _refuse_record(
            "/events/1/event_time",
            f"consent is withdrawn at {record['events'][1]['event_time']}, before it was given at "
            f"{record['events'][0]['event_time']}",
        )
    if feed is not None:
        _check_record_against(record, feed)
    return dict(record)


def _check_signer(record: dict[str, Any], feed: Feed) -> None:
    kid = record["feed"]["kid"]
    if kid is not None and kid not in feed.verified_by:
        signers = ", ".join(feed.verified_by) or "none: it was read unsigned"
        _refuse_record("/feed/kid", f"the record says key {kid} verified the feed; the feed given was by {signers}")


def receive_consent_record(record: Any, feed: Feed, moment: dt.datetime) -> dict[str, Any]:
    """What a server does with a record an app sends: check it against the feed it names (the one whose
    bytes the server keeps by record["feed"]["integrity"], read with parse_signed_feed so that its kid is
    known) and add received_at, the instant of the server's clock. Records of schema_version 1 name no feed:
    they are checked against the feed given."""
    require_aware(moment)
    checked = check_consent_record(record, feed)
    if checked["schema_version"] >= 2 and checked["feed"]["integrity"] != integrity(feed.body):
        _refuse_record(
            "/feed/integrity",
            f"the record was decided on the feed {checked['feed']['integrity']}, not on the one given "
            f"({integrity(feed.body)}): check it against that feed",
        )
    return check_consent_record({**checked, "received_at": _format_record_time(moment)}, feed)


def withdraw_consent(record: Any, moment: dt.datetime, method: str) -> dict[str, Any]:
    """The record with the user's withdrawal at an instant added: keep it, as proof of both events."""
    require_aware(moment)
    check_consent_record(record)
    if len(record["events"]) > 1:
        _refuse_record("/events/1", f"consent was withdrawn already, at {record['events'][1]['event_time']}")
    withdrawn = copy.deepcopy(record)
    withdrawn["events"].append(_consent_event(_WITHDRAWN, moment, method))
    return check_consent_record(withdrawn)


def record_covers(feed: Feed, record: Any, moment: dt.datetime) -> bool:
    """Whether a stored record still covers the version in force at an instant: the feed lists the record's
    integrity for its version, language and format (the exact text accepted, not only its id), the consent it
    records was given and not withdrawn by then, and its version is not below the in-force version's
    consent_baseline (True when no version is in force). False: ask the user to accept the version in force."""
    require_aware(moment)
    check_consent_record(record)
    policy_id = feed.data["policy"]["id"]
    if record["privacy_notice"]["policy_id"] != policy_id:
        _refuse_record(
            "/privacy_notice/policy_id",
            f"the record is of policy {record['privacy_notice']['policy_id']!r}, the feed of {policy_id!r}",
        )
    if not _lists_the_text_of(feed, record):
        return False
    state = None
    for event in record["events"]:
        event_time = _record_time(event["event_time"])
        if event_time is not None and event_time <= moment:
            state = event["event_state"]
    return state == _GIVEN and not must_accept(feed, record["privacy_notice"]["version"], moment)


def _lists_the_text_of(feed: Feed, record: dict[str, Any]) -> bool:
    """Whether the feed lists the record's integrity for its version, language and format: a record binds to the
    exact text accepted, not to a version id (a text corrected before its date is another text)."""
    notice = record["privacy_notice"]
    version = next((v for v in feed.versions if v["id"] == notice["version"]), None)
    document = version["documents"].get(record["language"]) if version is not None else None
    return document is not None and document[notice["format"]]["integrity"] == notice["integrity"]


def _consent_event(state: str, moment: dt.datetime, method: str) -> dict[str, Any]:
    return {
        "event_time": _format_record_time(moment),
        "event_state": state,
        "event_type": "dpv:ExpressedConsent",
        "entity_id": "dpv:DataSubject",
        "validity_duration": "dpv:UntilEventDuration",
        "indication_method": method,
    }


def _derived_record_id(record: dict[str, Any]) -> str:
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
    return str(uuid.uuid5(_RECORD_NAMESPACE, json.dumps(content, ensure_ascii=False, separators=(",", ":"))))


def _check_record_against(record: dict[str, Any], feed: Feed) -> None:
    if record["schema_version"] >= 2:
        _check_signer(record, feed)
    notice = record["privacy_notice"]
    policy_id = feed.data["policy"]["id"]
    if notice["policy_id"] != policy_id:
        _refuse_record(
            "/privacy_notice/policy_id", f"the record is of policy {notice['policy_id']!r}, the feed of {policy_id!r}"
        )
    version = next((v for v in feed.versions if v["id"] == notice["version"]), None)
    if version is None:
        _refuse_record("/privacy_notice/version", f"the feed lists no version {notice['version']}")
    if record["language"] not in version["documents"]:
        _refuse_record("/language", f"version {notice['version']} has no text in {record['language']!r}")
    listed = version["documents"][record["language"]][notice["format"]]["integrity"]
    if notice["integrity"] != listed:
        _refuse_record(
            "/privacy_notice/integrity",
            f"the feed lists {listed} for the {notice['format']} of {notice['version']} in {record['language']}, not "
            f"{notice['integrity']}: the record is not of the text published",
        )


def _format_record_time(moment: dt.datetime) -> str:
    """An instant as records write it: in UTC, to the millisecond (2026-12-15T06:30:00.000Z)."""
    utc = moment.astimezone(dt.UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}."
        f"{utc.microsecond // 1000:03d}Z"
    )


def _record_time(text: str) -> dt.datetime | None:
    match = _RECORD_TIME.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, millisecond = (int(part) for part in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second, millisecond * 1000, tzinfo=dt.UTC)
    except ValueError:
        return None


def _refuse_record(at: str, problem: str) -> NoReturn:
    raise FeedError("record", f"the consent record is malformed at {at}: {problem}", at)
