"""The clients' test vectors (clients/vectors/*.json), made here with every expectation stated by hand.

`make golden` writes them; tests/test_vectors.py checks that the files are what this module makes,
that the Python client passes them and that every rule of the feed's schema has a malformed feed;
the JavaScript client runs the same files (clients/js/test/vectors.test.js). The build publishes
them under api/v2/vectors/. clients/vectors/README.md says how a client of any platform runs them.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import gzip
import hashlib
import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

URL = "https://privacy.example.org/api/v2/policy.json"
LANGS = ["uz", "ky", "ru"]
DELETE = object()
"""In a change to a feed: remove the field."""
DEEPEST = 64
"""The deepest arrays and objects may nest in a file a client reads (docs/app-developers.md)."""

# Rules of the contract that the schema cannot state; each has malformed feeds in feeds.json.
CONTRACT_RULES = (
    "default_language is one of languages",
    "authoritative_language is one of languages",
    "effective_from is a real instant",
    "versions go newest first: each id lower than the one before",
    "effective_from decreases down the list",
    "every version has a document in each of languages",
    "consent_baseline is a version listed at or before this one",
)


def integrity(content: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


def described(content: bytes) -> dict[str, Any]:
    return {"integrity": integrity(content), "bytes": len(content)}


def midnight(day: str) -> str:
    """Midnight in Bishkek, as the feed writes it."""
    return f"{day}T00:00:00+06:00"


def placeholder(version_id: str, lang: str, format: str) -> bytes:
    """The text of a version in the decision feeds, whose content does not matter there."""
    return f"{version_id} {lang} {format}\n".encode()


def make_feed(
    versions: list[tuple[str, str, str | None]],
    languages: list[str] = LANGS,
    default: str = "uz",
    texts: dict[tuple[str, str, str], bytes] | None = None,
) -> dict[str, Any]:
    """A feed of versions (id, the day it takes effect, consent baseline), newest first."""
    found = texts or {}
    return {
        "schema_version": 2,
        "policy": {"id": "qlever-privacy", "title": {lang: f"Privacy policy ({lang})" for lang in languages}},
        "languages": languages,
        "default_language": default,
        "authoritative_language": languages[0],
        "timezone": "Asia/Bishkek",
        "versions": [
            {
                "id": version_id,
                "effective_from": midnight(day),
                "consent_baseline": baseline,
                "documents": {
                    lang: {
                        format: described(
                            found.get((version_id, lang, format)) or placeholder(version_id, lang, format)
                        )
                        for format in ("markdown", "html")
                    }
                    for lang in languages
                },
            }
            for version_id, day, baseline in versions
        ],
    }


def changed(feed: dict[str, Any], *changes: tuple[str, Any]) -> Any:
    """A copy of a feed with values set (or DELETEd, or added at the end of a list) at JSON Pointers; ""
    replaces the whole feed."""
    result: Any = copy.deepcopy(feed)
    for at, value in changes:
        if at == "":
            result = copy.deepcopy(value)
            continue
        *parents, last = at.split("/")[1:]
        target = result
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key: Any = int(last) if isinstance(target, list) else last
        if value is DELETE:
            del target[key]
        elif isinstance(target, list) and key == len(target):
            target.append(copy.deepcopy(value))
        else:
            target[key] = copy.deepcopy(value)
    return result


def nested(levels: int) -> Any:
    """Lists inside lists, levels deep: [[[]]] is 3."""
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


# --- decisions.json: the version in force, the next change, whether to ask, the document shown ----

IDS_FEED = make_feed(
    [
        ("10.0", "2028-02-29", "10.0"),
        ("2.0", "2027-03-01", "2.0"),
        ("1.10", "2027-01-10", "1.9"),
        ("1.9", "2026-12-15", "1.9"),
        ("1.0", "2026-11-24", "1.0"),
    ]
)
DECISION_FEEDS = {
    "ids": (URL, IDS_FEED),
    "mirror": ("https://mirror.example.org/qlever/api/v2/policy.json?from=app", IDS_FEED),
    "russian-default": (URL, changed(IDS_FEED, ("/default_language", "ru"))),
    "no-material": (URL, make_feed([("0.2", "2026-12-15", None), ("0.1", "2026-11-24", None)])),
    "two-languages": (
        URL,
        make_feed([("1.1", "2026-12-15", "1.0"), ("1.0", "2026-11-24", "1.0")], languages=["ky", "ru"], default="ky"),
    ),
}
FIRST = midnight("2026-11-24")
AT_1_9, AT_1_10, AT_2_0, AT_10_0 = (midnight(day) for day in ("2026-12-15", "2027-01-10", "2027-03-01", "2028-02-29"))

# (what it shows, feed, instant, accepted id, language) -> (in force, next change, must accept, language shown)
DECISIONS: list[tuple[str, str, str, str | None, str | None, tuple[str | None, str | None, bool, str | None]]] = [
    ("before the first version", "ids", "2026-11-23T23:59:59+06:00", None, "ru", (None, FIRST, False, None)),
    ("a clock at 1970", "ids", "1970-01-01T00:00:00Z", None, "ru", (None, FIRST, False, None)),
    ("the first version's first second", "ids", FIRST, None, "ru", ("1.0", AT_1_9, True, "ru")),
    (
        "the last second before 1.9, in Bishkek",
        "ids",
        "2026-12-14T23:59:59+06:00",
        "1.0",
        "ru",
        ("1.0", AT_1_9, False, "ru"),
    ),
    (
        "the last millisecond before 1.9, in UTC",
        "ids",
        "2026-12-14T17:59:59.999Z",
        "1.0",
        "ru",
        ("1.0", AT_1_9, False, "ru"),
    ),
    ("midnight in Bishkek", "ids", AT_1_9, "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("midnight in Bishkek, in UTC", "ids", "2026-12-14T18:00:00Z", "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("midnight in Bishkek, as +00:00", "ids", "2026-12-14T18:00:00+00:00", "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("midnight in Bishkek, from Berlin", "ids", "2026-12-14T19:00:00+01:00", "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("a second before, from New York", "ids", "2026-12-14T12:59:59-05:00", "1.0", "ru", ("1.0", AT_1_9, False, "ru")),
    (
        "midnight in Bishkek, from New York",
        "ids",
        "2026-12-14T13:00:00-05:00",
        "1.0",
        "ru",
        ("1.9", AT_1_10, True, "ru"),
    ),
    ("a second before, from Tokyo", "ids", "2026-12-15T02:59:59+09:00", "1.0", "ru", ("1.0", AT_1_9, False, "ru")),
    ("midnight in Bishkek, from Tokyo", "ids", "2026-12-15T03:00:00+09:00", "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("a second before, from Kathmandu", "ids", "2026-12-14T23:44:59+05:45", "1.0", "ru", ("1.0", AT_1_9, False, "ru")),
    (
        "midnight in Bishkek, from Kathmandu",
        "ids",
        "2026-12-14T23:45:00+05:45",
        "1.0",
        "ru",
        ("1.9", AT_1_10, True, "ru"),
    ),
    (
        "midnight in Bishkek, from Kiritimati",
        "ids",
        "2026-12-15T08:00:00+14:00",
        "1.0",
        "ru",
        ("1.9", AT_1_10, True, "ru"),
    ),
    ("a second before, from UTC-12", "ids", "2026-12-14T05:59:59-12:00", "1.0", "ru", ("1.0", AT_1_9, False, "ru")),
    ("midnight in Bishkek, from UTC-12", "ids", "2026-12-14T06:00:00-12:00", "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("the 14th in UTC, the 15th in Bishkek", "ids", "2026-12-14T20:00:00Z", "1.0", "ru", ("1.9", AT_1_10, True, "ru")),
    ("1.9 in force, 1.9 accepted", "ids", "2026-12-20T12:00:00+06:00", "1.9", "ru", ("1.9", AT_1_10, False, "ru")),
    (
        "1.10 accepted before it took effect: 1.10 > 1.9",
        "ids",
        "2026-12-20T12:00:00+06:00",
        "1.10",
        "ru",
        ("1.9", AT_1_10, False, "ru"),
    ),
    ("1.2 < 1.9", "ids", "2026-12-20T12:00:00+06:00", "1.2", "ru", ("1.9", AT_1_10, True, "ru")),
    ("nothing accepted", "ids", "2026-12-20T12:00:00+06:00", None, "ru", ("1.9", AT_1_10, True, "ru")),
    (
        "10.0 accepted before it took effect",
        "ids",
        "2026-12-20T12:00:00+06:00",
        "10.0",
        "ru",
        ("1.9", AT_1_10, False, "ru"),
    ),
    ("editorial 1.10 keeps baseline 1.9", "ids", AT_1_10, "1.9", "ru", ("1.10", AT_2_0, False, "ru")),
    ("1.8 < 1.9, the baseline of 1.10", "ids", AT_1_10, "1.8", "ru", ("1.10", AT_2_0, True, "ru")),
    ("1.10 = 1.10, not 1.1", "ids", AT_1_10, "1.10", "ru", ("1.10", AT_2_0, False, "ru")),
    ("1.10 < 2.0", "ids", "2027-02-28T18:00:00Z", "1.10", "ru", ("2.0", AT_10_0, True, "ru")),
    ("2.0 accepted", "ids", "2027-02-28T18:00:00Z", "2.0", "ru", ("2.0", AT_10_0, False, "ru")),
    ("9.0 > 2.0", "ids", "2027-02-28T18:00:00Z", "9.0", "ru", ("2.0", AT_10_0, False, "ru")),
    ("10.0 > 2.0, though not as text", "ids", "2027-02-28T18:00:00Z", "10.0", "ru", ("2.0", AT_10_0, False, "ru")),
    (
        "the last second before 10.0, on 28 February",
        "ids",
        "2028-02-28T17:59:59Z",
        "2.0",
        "ru",
        ("2.0", AT_10_0, False, "ru"),
    ),
    ("10.0 from the leap day", "ids", "2028-02-28T18:00:00Z", "2.0", "ru", ("10.0", None, True, "ru")),
    ("9.99 < 10.0", "ids", AT_10_0, "9.99", "ru", ("10.0", None, True, "ru")),
    ("10.0 accepted", "ids", AT_10_0, "10.0", "ru", ("10.0", None, False, "ru")),
    ("a clock at 2100", "ids", "2100-01-01T00:00:00Z", "10.0", "ru", ("10.0", None, False, "ru")),
    ("ru-RU", "ids", AT_2_0, "2.0", "ru-RU", ("2.0", AT_10_0, False, "ru")),
    ("RU", "ids", AT_2_0, "2.0", "RU", ("2.0", AT_10_0, False, "ru")),
    ("ky_KG, as Android writes it", "ids", AT_2_0, "2.0", "ky_KG", ("2.0", AT_10_0, False, "ky")),
    ("uz-Latn-UZ", "ids", AT_2_0, "2.0", "uz-Latn-UZ", ("2.0", AT_10_0, False, "uz")),
    ("uz-Cyrl: the Uzbek text, in Latin script", "ids", AT_2_0, "2.0", "uz-Cyrl", ("2.0", AT_10_0, False, "uz")),
    ("en: the default language", "ids", AT_2_0, "2.0", "en", ("2.0", AT_10_0, False, "uz")),
    ("en-US: the default language", "ids", AT_2_0, "2.0", "en-US", ("2.0", AT_10_0, False, "uz")),
    ("kir is not ky", "ids", AT_2_0, "2.0", "kir", ("2.0", AT_10_0, False, "uz")),
    ("no language: the default", "ids", AT_2_0, "2.0", None, ("2.0", AT_10_0, False, "uz")),
    ("an empty language: the default", "ids", AT_2_0, "2.0", "", ("2.0", AT_10_0, False, "uz")),
    ("en, default_language ru", "russian-default", AT_2_0, "2.0", "en", ("2.0", AT_10_0, False, "ru")),
    ("uz, default_language ru", "russian-default", AT_2_0, "2.0", "uz", ("2.0", AT_10_0, False, "uz")),
    ("uz, not offered: the default ky", "two-languages", AT_1_9, "1.0", "uz", ("1.1", None, False, "ky")),
    ("texts relative to the feed's address", "mirror", AT_2_0, "1.10", "ky", ("2.0", AT_10_0, True, "ky")),
    ("no material version yet: nothing accepted", "no-material", AT_1_9, None, "ru", ("0.2", None, True, "ru")),
    ("no material version yet: 0.1 accepted", "no-material", AT_1_9, "0.1", "ru", ("0.2", None, False, "ru")),
    ("no material version yet: 0.0 accepted", "no-material", FIRST, "0.0", "ru", ("0.1", AT_1_9, False, "ru")),
]
# (what it shows, instant, accepted id): must_accept refuses an accepted id that is not MAJOR.MINOR.
BAD_ACCEPTED = [
    ("1", AT_2_0, "1"),
    ("01.2", AT_2_0, "01.2"),
    ("1.02", AT_2_0, "1.02"),
    ("1.0.0", AT_2_0, "1.0.0"),
    ("v2.0", AT_2_0, "v2.0"),
    ("an empty id", AT_2_0, ""),
    ("2.0 and a newline", AT_2_0, "2.0\n"),
    ("Arabic-Indic digits", AT_2_0, "\u0662.\u0660"),
    ("a bad id before any version", "2026-01-01T00:00:00Z", "01.2"),
]


def document_expected(url: str, feed: dict[str, Any], version_id: str, lang: str) -> dict[str, Any]:
    version = next(v for v in feed["versions"] if v["id"] == version_id)
    base = url.split("?")[0].rsplit("/", 1)[0]
    files = {
        format: {"url": f"{base}/versions/{version_id}/{lang}.{extension}", **version["documents"][lang][format]}
        for format, extension in (("markdown", "md"), ("html", "html"))
    }
    return {"lang": lang, **files}


def decisions() -> dict[str, Any]:
    cases = []
    for name, feed_name, at, accepted, lang, (in_force, next_change, must, shown) in DECISIONS:
        url, feed = DECISION_FEEDS[feed_name]
        document = document_expected(url, feed, in_force, shown) if in_force and shown else None
        expect = {"in_force": in_force, "next_change": next_change, "must_accept": must, "document": document}
        cases.append({"name": name, "feed": feed_name, "at": at, "accepted": accepted, "lang": lang, "expect": expect})
    for name, at, accepted in BAD_ACCEPTED:
        expect = {"error": {"kind": "id"}}
        cases.append(
            {"name": f"accepted {name}", "feed": "ids", "at": at, "accepted": accepted, "lang": "ru", "expect": expect}
        )
    return {
        "description": (
            "For each case: parse feeds[feed] (its url is where it is published), then, at the instant `at`, ask for "
            "the version in force (its id), the next change (an instant, or null), whether the user who accepted "
            "`accepted` (null: nothing) must accept, and the document of the version in force in the language "
            "`lang` (null: none given) after fallback, with its absolute URLs. expect.error: one of these raises "
            "an error of that kind. Compare instants as instants, not as text."
        ),
        "feeds": {name: {"url": url, "feed": feed} for name, (url, feed) in DECISION_FEEDS.items()},
        "cases": cases,
    }


# --- ids.json: how ids compare, and what is not an id ---------------------------------------------

ID_ORDER = [
    ("1.9", "1.10", -1),
    ("1.10", "1.9", 1),
    ("1.1", "1.10", -1),
    ("1.10", "2.0", -1),
    ("2.0", "10.0", -1),
    ("10.0", "9.99", 1),
    ("1.0", "1.0", 0),
    ("0.0", "0.1", -1),
    ("0.9", "1.0", -1),
    ("9007199254740993.0", "9007199254740992.0", 1),
    ("1.9007199254740993", "1.9007199254740992", 1),
    ("12345678901234567890.1", "12345678901234567890.2", -1),
]
NOT_IDS: list[Any] = [
    "1",
    "1.",
    ".1",
    "01.2",
    "1.02",
    "00.0",
    "1.0.0",
    "v1.0",
    "",
    " 1.0",
    "1.0 ",
    "1.0\n",
    "-1.0",
    "+1.0",
    "1,0",
    "1e1.0",
    "1.O",
    "\u0661.\u0660",
    "\uff11.\uff10",
    1.0,
]


def ids() -> dict[str, Any]:
    return {
        "description": (
            "compare: compare_ids(a, b) is order (-1: a is lower, 0: equal, 1: higher). A version id is MAJOR.MINOR, "
            "two integers of ASCII digits without leading zeros, compared as a pair of integers of any size. "
            "invalid: compare_ids(value, '1.0') raises an error of kind id, and so does must_accept with it as the "
            "accepted id."
        ),
        "compare": [{"a": a, "b": b, "order": order} for a, b, order in ID_ORDER],
        "invalid": NOT_IDS,
    }


# --- feeds.json: feeds a client accepts, and malformed ones, one rule broken each ------------------

BASE = make_feed([("1.1", "2026-12-15", "1.0"), ("1.0", "2026-11-24", "1.0")], languages=["ky", "ru"], default="ky")
V0, V1 = "/versions/0", "/versions/1"
MD, DOC = f"{V0}/documents/ru/markdown", f"{V0}/documents/ru"
HEX_DIGEST = "sha256-" + hashlib.sha256(b"x").hexdigest()
GOOD = BASE["versions"][0]["documents"]["ru"]["markdown"]["integrity"]

ACCEPTED_FEEDS: list[tuple[str, dict[str, Any]]] = [
    ("the base feed", BASE),
    (
        "fields a client does not know, at every level",
        changed(
            BASE,
            ("/added_later", {"any": True}),
            ("/policy/added_later", 1),
            (f"{V0}/added_later", []),
            (f"{DOC}/added_later", "x"),
            (f"{MD}/added_later", None),
        ),
    ),
    (
        "a field a client does not know, nested as deep as a client reads (the feed's object and 63 lists)",
        changed(BASE, ("/added_later", nested(DEEPEST - 1))),
    ),
    (
        "brackets inside a string, around an escaped quote and backslashes, which nest nothing",
        changed(BASE, ("/added_later", "\\" + "[" * DEEPEST + '"' + "{" * DEEPEST + "\\")),
    ),
    (
        "a document in a language beyond languages",
        changed(BASE, (f"{V0}/documents/en", BASE["versions"][0]["documents"]["ru"])),
    ),
    ("no material version yet", changed(BASE, (f"{V0}/consent_baseline", None), (f"{V1}/consent_baseline", None))),
    ("a negative offset", changed(BASE, (f"{V0}/effective_from", "2026-12-14T13:00:00-05:00"))),
    (
        "ids 1.10 after 1.9",
        changed(
            BASE,
            (f"{V0}/id", "1.10"),
            (f"{V1}/id", "1.9"),
            (f"{V1}/consent_baseline", "1.9"),
            (f"{V0}/consent_baseline", "1.9"),
        ),
    ),
    (
        "a version 0.0",
        changed(BASE, (f"{V1}/id", "0.0"), (f"{V1}/consent_baseline", None), (f"{V0}/consent_baseline", None)),
    ),
]

# (rule, what breaks it, change, the JSON Pointer named). A rule is the schema's keyword, by its
# location in feed_v2.schema.json, or one of CONTRACT_RULES.
MALFORMED: list[tuple[str, str, tuple[tuple[str, Any], ...], str]] = [
    ("#/type", "a list, not an object", (("", []),), ""),
    ("#/type", "a string, not an object", (("", "feed"),), ""),
    *(("#/required", f"no {key}", ((f"/{key}", DELETE),), f"/{key}") for key in BASE),
    ("#/properties/schema_version/const", "schema_version 1", (("/schema_version", 1),), "/schema_version"),
    ("#/properties/schema_version/const", "schema_version 3", (("/schema_version", 3),), "/schema_version"),
    ("#/properties/schema_version/const", 'schema_version "2"', (("/schema_version", "2"),), "/schema_version"),
    ("#/properties/schema_version/const", "schema_version true", (("/schema_version", True),), "/schema_version"),
    ("#/properties/policy/type", "policy a string", (("/policy", "qlever-privacy"),), "/policy"),
    ("#/properties/policy/required", "no policy.id", (("/policy/id", DELETE),), "/policy/id"),
    ("#/properties/policy/required", "no policy.title", (("/policy/title", DELETE),), "/policy/title"),
    ("#/properties/policy/properties/id/type", "policy.id a number", (("/policy/id", 7),), "/policy/id"),
    (
        "#/properties/policy/properties/id/pattern",
        "policy.id with spaces",
        (("/policy/id", "Qlever privacy"),),
        "/policy/id",
    ),
    ("#/$defs/perLanguageText/type", "the title a string", (("/policy/title", "Privacy"),), "/policy/title"),
    ("#/$defs/perLanguageText/minProperties", "no title in any language", (("/policy/title", {}),), "/policy/title"),
    ("#/$defs/lang/pattern", "a title in RU", (("/policy/title/RU", "Политика"),), "/policy/title"),
    (
        "#/$defs/perLanguageText/additionalProperties/type",
        "a title a number",
        (("/policy/title/ru", 1),),
        "/policy/title/ru",
    ),
    (
        "#/$defs/perLanguageText/additionalProperties/minLength",
        "an empty title",
        (("/policy/title/ru", ""),),
        "/policy/title/ru",
    ),
    ("#/properties/languages/type", "languages a string", (("/languages", "uz"),), "/languages"),
    ("#/properties/languages/minItems", "no language", (("/languages", []),), "/languages"),
    (
        "#/properties/languages/uniqueItems",
        "a language twice",
        (("/languages", ["ky", "ru", "ky"]),),
        "/languages",
    ),
    ("#/$defs/lang/type", "a language a number", (("/languages/1", 7),), "/languages/1"),
    ("#/$defs/lang/pattern", "a language in capitals", (("/languages/1", "RU"),), "/languages/1"),
    ("#/$defs/lang/pattern", "a language as a tag", (("/languages/1", "ru-RU"),), "/languages/1"),
    ("#/$defs/lang/type", "default_language null", (("/default_language", None),), "/default_language"),
    ("#/$defs/lang/pattern", "default_language Kyrgyz", (("/default_language", "Kyrgyz"),), "/default_language"),
    (
        "#/$defs/lang/pattern",
        "authoritative_language KY",
        (("/authoritative_language", "KY"),),
        "/authoritative_language",
    ),
    ("#/properties/timezone/type", "timezone an offset in hours", (("/timezone", 6),), "/timezone"),
    ("#/properties/timezone/pattern", "timezone with a space", (("/timezone", "Asia Bishkek"),), "/timezone"),
    ("#/properties/versions/type", "versions an object", (("/versions", {}),), "/versions"),
    ("#/properties/versions/minItems", "no version", (("/versions", []),), "/versions"),
    ("#/$defs/version/type", "a version a string", ((V0, "1.1"),), V0),
    *(
        ("#/$defs/version/required", f"no {key}", ((f"{V0}/{key}", DELETE),), f"{V0}/{key}")
        for key in BASE["versions"][0]
    ),
    ("#/$defs/versionId/type", "an id a number", ((f"{V0}/id", 1.1),), f"{V0}/id"),
    *(
        ("#/$defs/versionId/pattern", f"id {bad!r}", ((f"{V0}/id", bad),), f"{V0}/id")
        for bad in ("1", "01.1", "1.01", "1.1.0", "v1.1", "1.1 ", "")
    ),
    ("#/$defs/moment/type", "effective_from a number", ((f"{V0}/effective_from", 20261215),), f"{V0}/effective_from"),
    *(
        ("#/$defs/moment/pattern", f"effective_from {bad}", ((f"{V0}/effective_from", bad),), f"{V0}/effective_from")
        for bad in (
            "2026-12-14T18:00:00Z",
            "2026-12-15T00:00:00.000+06:00",
            "2026-12-15",
            "2026-12-15 00:00:00+06:00",
            "2026-12-15T00:00+06:00",
            "2026-12-15T00:00:00+0600",
            "2026-12-15T00:00:00",
            "15.12.2026",
        )
    ),
    *(
        (
            "#/$defs/version/properties/consent_baseline/anyOf",
            f"consent_baseline {bad!r}",
            ((f"{V0}/consent_baseline", bad),),
            f"{V0}/consent_baseline",
        )
        for bad in (1.0, "1", "v1.0", "", False)
    ),
    ("#/$defs/version/properties/documents/type", "documents a list", ((f"{V0}/documents", []),), f"{V0}/documents"),
    (
        "#/$defs/version/properties/documents/minProperties",
        "no document",
        ((f"{V0}/documents", {}),),
        f"{V0}/documents",
    ),
    (
        "#/$defs/lang/pattern",
        "a document in RU",
        ((f"{V0}/documents/RU", BASE["versions"][0]["documents"]["ru"]),),
        f"{V0}/documents",
    ),
    ("#/$defs/document/type", "a document a URL", ((DOC, "https://privacy.example.org/ru.md"),), DOC),
    ("#/$defs/document/required", "no markdown", ((f"{DOC}/markdown", DELETE),), f"{DOC}/markdown"),
    ("#/$defs/document/required", "no html", ((f"{DOC}/html", DELETE),), f"{DOC}/html"),
    ("#/$defs/file/type", "a file a string", ((MD, GOOD),), MD),
    ("#/$defs/file/required", "no integrity", ((f"{MD}/integrity", DELETE),), f"{MD}/integrity"),
    ("#/$defs/file/required", "no bytes", ((f"{MD}/bytes", DELETE),), f"{MD}/bytes"),
    ("#/$defs/file/properties/integrity/type", "integrity a number", ((f"{MD}/integrity", 256),), f"{MD}/integrity"),
    *(
        (
            "#/$defs/file/properties/integrity/pattern",
            f"integrity {what}",
            ((f"{MD}/integrity", bad),),
            f"{MD}/integrity",
        )
        for what, bad in (
            ("in hexadecimal", HEX_DIGEST),
            ("without sha256-", GOOD.removeprefix("sha256-")),
            ("as sha384-", GOOD.replace("sha256-", "sha384-")),
            ("in base64url", "sha256-" + GOOD.removeprefix("sha256-").replace("+", "-").replace("/", "_")),
            ("without padding", GOOD.rstrip("=")),
            ("with a non-canonical last digit", GOOD[:-2] + chr(ord(GOOD[-2]) + 1) + "="),
            ("too short", GOOD[:-3] + "="),
        )
    ),
    ("#/$defs/file/properties/bytes/type", 'bytes "757"', ((f"{MD}/bytes", "757"),), f"{MD}/bytes"),
    ("#/$defs/file/properties/bytes/type", "bytes true", ((f"{MD}/bytes", True),), f"{MD}/bytes"),
    ("#/$defs/file/properties/bytes/type", "bytes 757.5", ((f"{MD}/bytes", 757.5),), f"{MD}/bytes"),
    ("#/$defs/file/properties/bytes/minimum", "bytes 0", ((f"{MD}/bytes", 0),), f"{MD}/bytes"),
    ("#/$defs/file/properties/bytes/minimum", "bytes -1", ((f"{MD}/bytes", -1),), f"{MD}/bytes"),
    (
        "default_language is one of languages",
        "default_language en",
        (("/default_language", "en"),),
        "/default_language",
    ),
    (
        "authoritative_language is one of languages",
        "authoritative_language en",
        (("/authoritative_language", "en"),),
        "/authoritative_language",
    ),
    *(
        (
            "effective_from is a real instant",
            f"effective_from {bad}",
            ((f"{V0}/effective_from", bad),),
            f"{V0}/effective_from",
        )
        for bad in (
            "2027-02-29T00:00:00+06:00",
            "2026-11-31T00:00:00+06:00",
            "2026-13-01T00:00:00+06:00",
            "2026-00-10T00:00:00+06:00",
            "2026-12-00T00:00:00+06:00",
            "2026-12-15T24:00:00+06:00",
            "2026-12-15T00:60:00+06:00",
            "2026-12-15T00:00:60+06:00",
            "2026-12-15T00:00:00+24:00",
            "2026-12-15T00:00:00+05:60",
            "0000-12-15T00:00:00+06:00",
        )
    ),
    (
        "versions go newest first: each id lower than the one before",
        "oldest first",
        ((V0, BASE["versions"][1]), (V1, BASE["versions"][0])),
        f"{V1}/id",
    ),
    (
        "versions go newest first: each id lower than the one before",
        "an id twice",
        ((f"{V1}/id", "1.1"), (f"{V1}/consent_baseline", None), (f"{V0}/consent_baseline", None)),
        f"{V1}/id",
    ),
    (
        "versions go newest first: each id lower than the one before",
        "1.9 above 1.10",
        ((f"{V0}/id", "1.9"), (f"{V1}/id", "1.10"), (f"{V0}/consent_baseline", None), (f"{V1}/consent_baseline", None)),
        f"{V1}/id",
    ),
    (
        "effective_from decreases down the list",
        "1.0 after 1.1",
        ((f"{V1}/effective_from", "2027-01-10T00:00:00+06:00"),),
        f"{V1}/effective_from",
    ),
    (
        "effective_from decreases down the list",
        "the same day",
        ((f"{V1}/effective_from", "2026-12-15T00:00:00+06:00"),),
        f"{V1}/effective_from",
    ),
    (
        "effective_from decreases down the list",
        "the same instant in UTC",
        ((f"{V1}/effective_from", "2026-12-14T18:00:00+00:00"),),
        f"{V1}/effective_from",
    ),
    (
        "every version has a document in each of languages",
        "no ky document",
        ((f"{V1}/documents/ky", DELETE),),
        f"{V1}/documents",
    ),
    (
        "consent_baseline is a version listed at or before this one",
        "an unlisted baseline",
        ((f"{V0}/consent_baseline", "1.5"),),
        f"{V0}/consent_baseline",
    ),
    (
        "consent_baseline is a version listed at or before this one",
        "a later baseline",
        ((f"{V1}/consent_baseline", "1.1"),),
        f"{V1}/consent_baseline",
    ),
]

COMPACT = json.dumps(BASE, ensure_ascii=False, separators=(",", ":")).encode()
NOT_JSON: list[tuple[str, bytes]] = [
    ("an HTML page", b"<html>maintenance</html>"),
    ("nothing", b""),
    ("cut short", COMPACT[: len(COMPACT) // 2]),
    ("trailing text", COMPACT + b" and more"),
    ("a byte order mark", b"\xef\xbb\xbf" + COMPACT),
    ("UTF-16", COMPACT.decode().encode("utf-16")),
    ("not UTF-8", COMPACT.replace(b"Privacy policy (ru)", "Политика".encode("cp1251"))),
    ("NaN", COMPACT.replace(b'"schema_version":2', b'"schema_version":NaN')),
    ("Infinity", COMPACT.replace(b'"bytes":', b'"bytes":Infinity,"was":', 1)),
    (
        "a field nested one level deeper than a client reads",
        json.dumps(changed(BASE, ("/added_later", nested(DEEPEST))), separators=(",", ":")).encode(),
    ),
    ("lists nested 10,000 deep, deeper than a recursive parser's stack", b"[" * 10_000 + b"]" * 10_000),
]


def feeds() -> dict[str, Any]:
    cases: list[dict[str, Any]] = [{"name": name, "feed": feed, "error": None} for name, feed in ACCEPTED_FEEDS]
    cases += [
        {"name": name, "rule": rule, "feed": changed(BASE, *changes), "error": {"kind": "malformed", "at": at}}
        for rule, name, changes, at in MALFORMED
    ]
    cases += [
        {"name": name, "body_base64": base64.b64encode(body).decode(), "error": {"kind": "json"}}
        for name, body in NOT_JSON
    ]
    return {
        "description": (
            "For each case: parse the feed (feed: its JSON; body_base64: its exact bytes) as published at url. "
            "error null: it is accepted. Otherwise an error of that kind, and for kind malformed, at is the JSON "
            "Pointer of the field to blame (of a missing one, the field itself). rule: the schema's keyword "
            "(by location in policy.schema.json) or the contract's rule the feed breaks."
        ),
        "url": URL,
        "cases": cases,
    }


# --- texts.json: texts verified by size and SHA-256, then read as UTF-8 ---------------------------

TEXTS = {
    "uz": "# Maxfiylik siyosati\n\n## 1. Umumiy qoidalar\n\n1.1. Foydalanuvchi maʼlumotlari oʻzgartirilmaydi.\n",
    "ky": "# Купуялык саясаты\n\n## 1. Жалпы жоболор\n\n1.1. Колдонуучунун маалыматтары өзгөртүлбөйт.\n",
    "ru": "# Политика конфиденциальности\n\n## 1. Общие положения\n\n1.1. Данные пользователя не изменяются.\n",
}
FRAGMENTS = {
    lang: f'<article lang="{lang}">\n<h1>{lines[0][2:]}</h1>\n<p id="1-1">{lines[-1]}</p>\n</article>\n'
    for lang, lines in ((lang, text.splitlines()) for lang, text in TEXTS.items())
}
# 1.1 corrects one word of 1.0's Russian text, keeping its length in bytes.
TEXTS_1_0_RU = TEXTS["ru"].replace("изменяются", "изменялись")
assert len(TEXTS_1_0_RU.encode()) == len(TEXTS["ru"].encode())
TEXT_FILES: dict[tuple[str, str, str], bytes] = {
    **{("1.1", lang, "markdown"): text.encode() for lang, text in TEXTS.items()},
    **{("1.1", lang, "html"): html.encode() for lang, html in FRAGMENTS.items()},
    **{("1.0", lang, "markdown"): text.encode() for lang, text in TEXTS.items()},
    ("1.0", "ru", "markdown"): TEXTS_1_0_RU.encode(),
    **{("1.0", lang, "html"): html.encode() for lang, html in FRAGMENTS.items()},
}
CP1251 = TEXTS["ru"].encode("cp1251")
TEXT_FEEDS = {
    "texts": make_feed([("1.1", "2026-12-15", "1.0"), ("1.0", "2026-11-24", "1.0")], texts=TEXT_FILES),
    "not-utf8": make_feed([("1.0", "2026-11-24", "1.0")], texts={("1.0", "ru", "markdown"): CP1251}),
}


def flip(content: bytes, index: int) -> bytes:
    return content[:index] + bytes([content[index] ^ 1]) + content[index + 1 :]


RU = TEXTS["ru"].encode()
# (what it shows, feed, version, language asked, format, body) -> (language shown, or an error kind)
TEXT_CASES: list[tuple[str, str, str, str | None, str, bytes, str]] = [
    ("the Russian text", "texts", "1.1", "ru", "markdown", RU, "ru"),
    ("the Kyrgyz fragment", "texts", "1.1", "ky", "html", FRAGMENTS["ky"].encode(), "ky"),
    ("the Uzbek text, with ʻ and ʼ", "texts", "1.1", "uz", "markdown", TEXTS["uz"].encode(), "uz"),
    ("en-US: the default language's text", "texts", "1.1", "en-US", "markdown", TEXTS["uz"].encode(), "uz"),
    ("ru-KG: the Russian fragment", "texts", "1.1", "ru-KG", "html", FRAGMENTS["ru"].encode(), "ru"),
    ("one bit changed", "texts", "1.1", "ru", "markdown", flip(RU, 40), "integrity"),
    (
        "the last bit changed",
        "texts",
        "1.1",
        "ru",
        "html",
        flip(FRAGMENTS["ru"].encode(), len(FRAGMENTS["ru"].encode()) - 1),
        "integrity",
    ),
    ("1.0's text for 1.1, of the same length", "texts", "1.1", "ru", "markdown", TEXTS_1_0_RU.encode(), "integrity"),
    (
        "a Latin o for a Cyrillic о",
        "texts",
        "1.1",
        "ru",
        "markdown",
        TEXTS["ru"].replace("Общие", "Oбщие").encode(),
        "size",
    ),
    ("cut in half", "texts", "1.1", "ru", "markdown", RU[: len(RU) // 2], "size"),
    ("cut inside a letter", "texts", "1.1", "ru", "markdown", RU[:-3], "size"),
    ("without its final newline", "texts", "1.1", "ru", "markdown", RU[:-1], "size"),
    ("a byte more", "texts", "1.1", "ru", "markdown", RU + b"\n", "size"),
    ("nothing", "texts", "1.1", "ru", "markdown", b"", "size"),
    ("CRLF line endings", "texts", "1.1", "ru", "markdown", RU.replace(b"\n", b"\r\n"), "size"),
    ("still gzipped", "texts", "1.1", "ru", "markdown", gzip.compress(RU, mtime=0), "size"),
    ("the Markdown for the HTML", "texts", "1.1", "ru", "html", RU, "size"),
    ("the Kyrgyz text for the Russian", "texts", "1.1", "ru", "markdown", TEXTS["ky"].encode(), "size"),
    ("a version not listed", "texts", "9.9", "ru", "markdown", RU, "version"),
    ("a format not offered", "texts", "1.1", "ru", "pdf", RU, "format"),
    ("listed, but not UTF-8", "not-utf8", "1.0", "ru", "markdown", CP1251, "encoding"),
]
KINDS = {"integrity", "size", "version", "format", "encoding"}


def texts() -> dict[str, Any]:
    cases = []
    for name, feed_name, version_id, lang, format, body, outcome in TEXT_CASES:
        feed = TEXT_FEEDS[feed_name]
        if outcome in KINDS:
            expect: dict[str, Any] = {"error": {"kind": outcome}}
        else:
            listed = next(v for v in feed["versions"] if v["id"] == version_id)["documents"][outcome][format]
            assert listed == described(body), name
            expect = {"lang": outcome, "integrity": listed["integrity"], "text": body.decode()}
        if outcome in ("size", "integrity"):  # sizes are checked first: each case shows what it says
            listed = next(v for v in feed["versions"] if v["id"] == version_id)["documents"][lang or ""][format]
            assert (len(body) == listed["bytes"]) is (outcome == "integrity"), name
        cases.append(
            {
                "name": name,
                "feed": feed_name,
                "version": version_id,
                "lang": lang,
                "format": format,
                "body_base64": base64.b64encode(body).decode(),
                "expect": expect,
            }
        )
    return {
        "description": (
            "For each case: parse feeds[feed] as published at url, then verify body_base64's bytes as the text of "
            "version in language lang (after fallback) and format (markdown or html). expect: the language shown, "
            "the integrity to store and the text, or an error of that kind. Sizes are checked before hashes."
        ),
        "url": URL,
        "feeds": TEXT_FEEDS,
        "cases": cases,
    }


def vector_files() -> dict[str, bytes]:
    """Every file of clients/vectors/ but its README, by name."""
    made = {
        "decisions.json": decisions(),
        "ids.json": ids(),
        "feeds.json": feeds(),
        "texts.json": texts(),
        "signatures.json": signatures(),
        "records.json": records(),
        "freshness.json": freshness(),
    }
    return {name: dump(content).encode() for name, content in made.items()}


def dump(content: dict[str, Any]) -> str:
    """JSON with each top-level field on its own line, and each item of a list or object on its own line."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    fields = []
    for key, value in content.items():
        if isinstance(value, list):
            fields.append(f"{compact(key)}: [\n" + ",\n".join(f"  {compact(item)}" for item in value) + "\n ]")
        elif isinstance(value, dict):
            items = ",\n".join(f"  {compact(name)}: {compact(item)}" for name, item in value.items())
            fields.append(f"{compact(key)}: {{\n{items}\n }}")
        else:
            fields.append(f"{compact(key)}: {compact(value)}")
    return "{\n " + ",\n ".join(fields) + "\n}\n"


# --- signatures.json: a feed checked against its signature file with pinned keys --------------------


def vector_key(name: str) -> Ed25519PrivateKey:
    """A key of the vectors, from a fixed seed: the same signatures every time (RFC 8032)."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"qlever test vectors: key {name}".encode()).digest())


def jwk(name: str) -> dict[str, str]:
    raw = vector_key(name).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    x = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":")).encode()
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).decode().rstrip("=")
    return {"kid": kid, "kty": "OKP", "crv": "Ed25519", "alg": "Ed25519", "use": "sig", "x": x}


def signature(name: str, body: bytes, kid_of: str | None = None) -> dict[str, str]:
    """A signature of body by key name, said to be by key kid_of (by default, name)."""
    raw = vector_key(name).sign(body)
    return {"kid": jwk(kid_of or name)["kid"], "signature": base64.b64encode(raw).decode()}


def signature_file(*entries: dict[str, str]) -> bytes:
    return json.dumps({"signatures": list(entries)}, separators=(",", ":")).encode() + b"\n"


SIGNED = COMPACT + b"\n"
FLIPPED = SIGNED.replace(b'"2026-12-15T00:00:00+06:00"', b'"2026-12-16T00:00:00+06:00"')
assert FLIPPED != SIGNED
GOOD_A = signature("A", SIGNED)
BAD_BIT = {**GOOD_A, "signature": base64.b64encode(flip(base64.b64decode(GOOD_A["signature"]), 10)).decode()}
# (what it shows, body, signature file or None, the keys pinned) -> the kids verified, or (kind, at)
SIGNATURE_CASES: list[tuple[str, bytes, bytes | None, list[str], list[str] | tuple[str, str | None]]] = [
    ("signed by A, A pinned", SIGNED, signature_file(GOOD_A), ["A"], ["A"]),
    ("signed by A, A and B pinned", SIGNED, signature_file(GOOD_A), ["A", "B"], ["A"]),
    ("signed by A and B, B pinned", SIGNED, signature_file(GOOD_A, signature("B", SIGNED)), ["B"], ["B"]),
    ("signed by A and B, both pinned", SIGNED, signature_file(GOOD_A, signature("B", SIGNED)), ["A", "B"], ["A", "B"]),
    ("signed by C, not pinned, and A", SIGNED, signature_file(signature("C", SIGNED), GOOD_A), ["A"], ["A"]),
    (
        "a bad signature by B, not pinned, is ignored",
        SIGNED,
        signature_file(GOOD_A, {**BAD_BIT, "kid": jwk("B")["kid"]}),
        ["A"],
        ["A"],
    ),
    (
        "a bad signature by B, pinned, is not",
        SIGNED,
        signature_file(GOOD_A, {**BAD_BIT, "kid": jwk("B")["kid"]}),
        ["A", "B"],
        ("signature", None),
    ),
    ("signed by B, A pinned", SIGNED, signature_file(signature("B", SIGNED)), ["A"], ("signature", None)),
    ("no signature", SIGNED, None, ["A"], ("signature", None)),
    ("one byte of the feed changed, still a sound feed", FLIPPED, signature_file(GOOD_A), ["A"], ("signature", None)),
    ("the final newline removed", COMPACT, signature_file(GOOD_A), ["A"], ("signature", None)),
    ("the feed still gzipped", gzip.compress(SIGNED, mtime=0), signature_file(GOOD_A), ["A"], ("signature", None)),
    ("one bit of the signature changed", SIGNED, signature_file(BAD_BIT), ["A"], ("signature", None)),
    ("B's signature said to be A's", SIGNED, signature_file(signature("B", SIGNED, "A")), ["A"], ("signature", None)),
    ("A's signature of other bytes", SIGNED, signature_file(signature("A", FLIPPED)), ["A"], ("signature", None)),
    ("a signature file that is not JSON", SIGNED, b"<html>not found</html>", ["A"], ("signature", None)),
    (
        "a signature file in UTF-16",
        SIGNED,
        signature_file(GOOD_A).decode().encode("utf-16"),
        ["A"],
        ("signature", None),
    ),
    ("a list of signatures, not an object", SIGNED, json.dumps([GOOD_A]).encode(), ["A"], ("signature", "")),
    (
        "a signature file nested one level deeper than a client reads",
        SIGNED,
        json.dumps({"signatures": [GOOD_A], "added_later": nested(DEEPEST)}).encode(),
        ["A"],
        ("signature", None),
    ),
    ("no signatures", SIGNED, signature_file(), ["A"], ("signature", "/signatures")),
    (
        "a signature without its kid",
        SIGNED,
        signature_file({"signature": GOOD_A["signature"]}),
        ["A"],
        ("signature", None),
    ),
    ("a kid that is no thumbprint", SIGNED, signature_file({**GOOD_A, "kid": "key-1"}), ["A"], ("signature", None)),
    (
        "a malformed signature by C, not pinned, beside A's, is ignored",
        SIGNED,
        signature_file({"kid": jwk("C")["kid"], "signature": "not base64"}, GOOD_A),
        ["A"],
        ["A"],
    ),
    (
        "a signature without its kid, beside A's, is ignored",
        SIGNED,
        signature_file({"signature": "7"}, GOOD_A),
        ["A"],
        ["A"],
    ),
    (
        "an entry that is not an object, and a kid that is no thumbprint, beside A's, are ignored",
        SIGNED,
        json.dumps({"signatures": ["A", {"kid": ["A"]}, {"kid": "key-1", "signature": None}, GOOD_A]}).encode(),
        ["A"],
        ["A"],
    ),
    (
        "a signature in base64url",
        SIGNED,
        signature_file({**GOOD_A, "signature": GOOD_A["signature"].replace("+", "-").replace("/", "_") + "-"}),
        ["A"],
        ("signature", "/signatures/0/signature"),
    ),
    (
        "a signature without padding",
        SIGNED,
        signature_file({**GOOD_A, "signature": GOOD_A["signature"].rstrip("=")}),
        ["A"],
        ("signature", "/signatures/0/signature"),
    ),
    (
        "a signature of 63 bytes",
        SIGNED,
        signature_file({**GOOD_A, "signature": base64.b64encode(base64.b64decode(GOOD_A["signature"])[:63]).decode()}),
        ["A"],
        ("signature", "/signatures/0/signature"),
    ),
    (
        "a signature in hexadecimal",
        SIGNED,
        signature_file({**GOOD_A, "signature": base64.b64decode(GOOD_A["signature"]).hex()}),
        ["A"],
        ("signature", "/signatures/0/signature"),
    ),
]
# (what it shows, the keys pinned) -> the JSON Pointer named of an error of kind key
PINNED_KEY_CASES: list[tuple[str, Any, str | None]] = [
    ("no key", [], None),
    ("a key set, not a list of keys", {"keys": [jwk("A")]}, None),
    ("a private key", [{**jwk("A"), "d": base64.urlsafe_b64encode(b"\0" * 32).decode().rstrip("=")}], "/0"),
    ("an X25519 key", [{**jwk("A"), "crv": "X25519"}], "/0"),
    ("an EC key", [{**jwk("A"), "kty": "EC"}], "/0"),
    ("no kid", [{key: value for key, value in jwk("A").items() if key != "kid"}], "/0"),
    ("x with padding", [{**jwk("A"), "x": jwk("A")["x"] + "="}], "/0"),
    ("x of 31 bytes", [{**jwk("A"), "x": base64.urlsafe_b64encode(b"\1" * 31).decode().rstrip("=")}], "/0"),
    ("x in hexadecimal", [{**jwk("A"), "x": base64.urlsafe_b64decode(jwk("A")["x"] + "=").hex()}], "/0"),
    ("a good key, then a string", [jwk("A"), jwk("B")["x"]], "/1"),
]


def signatures() -> dict[str, Any]:
    cases = []
    for name, body, signed, pinned, outcome in SIGNATURE_CASES:
        expect = (
            {"verified_by": [jwk(key)["kid"] for key in outcome]}
            if isinstance(outcome, list)
            else {"error": {"kind": outcome[0], "at": outcome[1]}}
        )
        cases.append(
            {
                "name": name,
                "body_base64": base64.b64encode(body).decode(),
                "signature_base64": base64.b64encode(signed).decode() if signed is not None else None,
                "pinned": pinned,
                "expect": expect,
            }
        )
    return {
        "description": (
            "For each case: with the keys named in pinned (from keys) pinned, parse the feed body_base64 published at "
            "url with its signature file signature_base64 (null: none), checking the signature before reading the "
            "feed. expect: the kids of the pinned keys whose signatures matched, in the order of the signature file, "
            "or an error of that kind, with at, the JSON Pointer of the field to blame in the signature file (null "
            "for none). The file must be an object whose signatures is a non-empty list; of its entries, those "
            "whose kid is not a pinned key's are ignored, whatever their shape (a second signer must never break an "
            "app); every one by a pinned key must be well formed and match. "
            "pinned_keys: keys that are not Ed25519 public keys as keys.json lists them; pinning them is an error of "
            "kind key, at the JSON Pointer of the key in the list pinned (null: the list itself)."
        ),
        "url": URL,
        "keys": {name: jwk(name) for name in ("A", "B", "C")},
        "cases": cases,
        "pinned_keys": [
            {"name": name, "keys": keys, "error": {"kind": "key", "at": at}} for name, keys, at in PINNED_KEY_CASES
        ],
    }


# --- records.json: consent records made, checked, withdrawn, and the consent rule from a record ----

RECORD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://privacy.qlever.asia/api/v2/consent-record.schema.json")
RECORD_FEED = TEXT_FEEDS["texts"]
RECORD_FEED_BYTES = json.dumps(RECORD_FEED, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
"""The exact bytes of the records' feed: a record names its feed by their SHA-256."""
TEXT_BASE = URL.rsplit("/", 1)[0]
# How DPV names the states, type, entity and duration of 27560's consent events.
EVENT_CONSTANTS = {
    "event_type": "dpv:ExpressedConsent",
    "entity_id": "dpv:DataSubject",
    "validity_duration": "dpv:UntilEventDuration",
}
RECORD_RULES = (
    "event_time is a real instant",
    "consent is withdrawn at or after it was given",
    "policy_id is the feed's",
    "the feed lists the version",
    "the version has a text in the language",
    "integrity is the feed's for that text",
    "the key the record names verified the feed",
)


def event(state: str, time: str, method: str) -> dict[str, str]:
    return {"event_time": time, "event_state": state, **EVENT_CONSTANTS, "indication_method": method}


def record(  # noqa: PLR0913 (the fields of a record, as a client is given them)
    version: str,
    lang: str,
    format: str,
    time: str,
    method: str = "button in the app",
    user_id: str | None = None,
    record_id: str | None = None,
) -> dict[str, Any]:
    """A record as a client makes it; without record_id, with the id derived from its content."""
    listed = next(v for v in RECORD_FEED["versions"] if v["id"] == version)["documents"][lang][format]["integrity"]
    extension = {"markdown": "md", "html": "html"}[format]
    content = ["qlever-privacy", version, lang, format, listed, time, method, user_id]
    derived = str(uuid.uuid5(RECORD_NAMESPACE, json.dumps(content, ensure_ascii=False, separators=(",", ":"))))
    return {
        "schema_version": 2,
        "record_id": record_id or derived,
        "pii_principal_id": user_id,
        "privacy_notice": {
            "policy_id": "qlever-privacy",
            "version": version,
            "format": format,
            "url": f"{TEXT_BASE}/versions/{version}/{lang}.{extension}",
            "integrity": listed,
        },
        "language": lang,
        "feed": {"integrity": integrity(RECORD_FEED_BYTES), "kid": None},
        "events": [event("dpv:ConsentGiven", time, method)],
    }


RU_TEXT, KY_HTML = TEXTS["ru"].encode(), FRAGMENTS["ky"].encode()
# (what it shows, version, language asked, format, bytes shown, instant, method, user id, record id given)
#   -> the record, or (kind, at)
MAKE_CASES: list[
    tuple[str, str, str | None, str, bytes, str, Any, Any, Any, dict[str, Any] | tuple[str, str | None]]
] = [
    (
        "the Russian text, accepted in Bishkek",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T12:30:00+06:00",
        "button in the app",
        None,
        None,
        record("1.1", "ru", "markdown", "2026-12-20T06:30:00.000Z"),
    ),
    (
        "the Kyrgyz fragment, a user id, milliseconds from New York",
        "1.1",
        "ky-KG",
        "html",
        KY_HTML,
        "2026-12-20T01:30:00.250-05:00",
        "button in the app",
        "user-20418",
        None,
        record("1.1", "ky", "html", "2026-12-20T06:30:00.250Z", user_id="user-20418"),
    ),
    (
        "an id given by the app",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T06:30:00Z",
        "button in the app",
        None,
        "9b2f8a4e-0c1d-4e7a-8f3b-5d6c7e8f9a0b",
        record("1.1", "ru", "markdown", "2026-12-20T06:30:00.000Z", record_id="9b2f8a4e-0c1d-4e7a-8f3b-5d6c7e8f9a0b"),
    ),
    (
        "the default language for en-US, a method in Kyrgyz",
        "1.1",
        "en-US",
        "markdown",
        TEXTS["uz"].encode(),
        "2026-12-20T06:30:00Z",
        "«Макулмун» баскычы",
        "u:7",
        None,
        record("1.1", "uz", "markdown", "2026-12-20T06:30:00.000Z", "«Макулмун» баскычы", "u:7"),
    ),
    (
        "1.0's Russian text, which 1.1 corrected",
        "1.0",
        "ru",
        "markdown",
        TEXTS_1_0_RU.encode(),
        "2026-12-01T00:00:00+06:00",
        "button in the app",
        None,
        None,
        record("1.0", "ru", "markdown", "2026-11-30T18:00:00.000Z"),
    ),
    (
        "no method",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T06:30:00Z",
        "",
        None,
        None,
        ("record", "/events/0/indication_method"),
    ),
    (
        "a method that is not text",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T06:30:00Z",
        7,
        None,
        None,
        ("record", "/events/0/indication_method"),
    ),
    (
        "an empty user id",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T06:30:00Z",
        "button in the app",
        "",
        None,
        ("record", "/pii_principal_id"),
    ),
    (
        "a user id that is a number",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T06:30:00Z",
        "button in the app",
        20418,
        None,
        ("record", "/pii_principal_id"),
    ),
    (
        "an empty record id",
        "1.1",
        "ru",
        "markdown",
        RU_TEXT,
        "2026-12-20T06:30:00Z",
        "button in the app",
        None,
        "",
        ("record", "/record_id"),
    ),
]

GOOD = record("1.1", "ru", "markdown", "2026-12-20T06:30:00.000Z", user_id="user-20418")
WITHDRAWN = {
    **GOOD,
    "events": [*GOOD["events"], event("dpv:ConsentWithdrawn", "2027-01-05T09:00:00.000Z", "settings screen")],
}
E0, E1, NOTICE = "/events/0", "/events/1", "/privacy_notice"
# (rule: the schema's keyword by location in consent-record.schema.json, or one of RECORD_RULES; what breaks
#  it; changes to GOOD; with the feed) -> the JSON Pointer named
CHECK_CASES: list[tuple[str, str, Any, tuple[tuple[str, Any], ...], bool, str]] = [
    ("#/type", "a list", GOOD, (("", []),), False, ""),
    *(("#/required", f"no {key}", GOOD, ((f"/{key}", DELETE),), False, f"/{key}") for key in GOOD if key != "feed"),
    ("#/then/required", "schema_version 2 without its feed", GOOD, (("/feed", DELETE),), False, "/feed"),
    (
        "#/properties/schema_version/enum",
        "schema_version 3",
        GOOD,
        (("/schema_version", 3),),
        False,
        "/schema_version",
    ),
    (
        "#/properties/feed/type",
        "the feed as its integrity alone",
        GOOD,
        (("/feed", GOOD["feed"]["integrity"]),),
        False,
        "/feed",
    ),
    *(
        (
            "#/properties/feed/required",
            f"a feed without its {key}",
            GOOD,
            ((f"/feed/{key}", DELETE),),
            False,
            f"/feed/{key}",
        )
        for key in GOOD["feed"]
    ),
    (
        "#/properties/feed/properties/integrity/type",
        "a feed integrity that is null",
        GOOD,
        (("/feed/integrity", None),),
        False,
        "/feed/integrity",
    ),
    (
        "#/properties/feed/properties/integrity/pattern",
        "a feed integrity in hexadecimal",
        GOOD,
        (("/feed/integrity", HEX_DIGEST),),
        False,
        "/feed/integrity",
    ),
    (
        "#/properties/feed/properties/kid/anyOf",
        "a kid that is no thumbprint",
        GOOD,
        (("/feed/kid", "key-1"),),
        False,
        "/feed/kid",
    ),
    (
        "#/properties/requested_language/type",
        "a requested language that is null",
        GOOD,
        (("/requested_language", None),),
        False,
        "/requested_language",
    ),
    (
        "#/properties/requested_language/pattern",
        "a requested language with a space",
        GOOD,
        (("/requested_language", "ru KG"),),
        False,
        "/requested_language",
    ),
    (
        "#/properties/received_at/type",
        "a receipt time that is a number",
        GOOD,
        (("/received_at", 1),),
        False,
        "/received_at",
    ),
    (
        "#/properties/received_at/pattern",
        "a receipt time with an offset",
        GOOD,
        (("/received_at", "2026-12-20T12:30:01.000+06:00"),),
        False,
        "/received_at",
    ),
    ("#/$defs/identifier/type", "a record id that is a number", GOOD, (("/record_id", 1),), False, "/record_id"),
    ("#/$defs/identifier/minLength", "an empty record id", GOOD, (("/record_id", ""),), False, "/record_id"),
    (
        "#/$defs/identifier/maxLength",
        "a record id of 257 characters",
        GOOD,
        (("/record_id", "x" * 257),),
        False,
        "/record_id",
    ),
    (
        "#/properties/pii_principal_id/anyOf",
        "a user id that is a number",
        GOOD,
        (("/pii_principal_id", 20418),),
        False,
        "/pii_principal_id",
    ),
    (
        "#/properties/privacy_notice/type",
        "the notice as a URL",
        GOOD,
        ((NOTICE, "https://privacy.example.org/"),),
        False,
        NOTICE,
    ),
    *(
        (
            "#/properties/privacy_notice/required",
            f"no {key}",
            GOOD,
            ((f"{NOTICE}/{key}", DELETE),),
            False,
            f"{NOTICE}/{key}",
        )
        for key in GOOD["privacy_notice"]
    ),
    (
        "#/properties/privacy_notice/properties/policy_id/type",
        "a policy id that is a number",
        GOOD,
        ((f"{NOTICE}/policy_id", 1),),
        False,
        f"{NOTICE}/policy_id",
    ),
    (
        "#/properties/privacy_notice/properties/policy_id/pattern",
        "a policy id in capitals",
        GOOD,
        ((f"{NOTICE}/policy_id", "Qlever"),),
        False,
        f"{NOTICE}/policy_id",
    ),
    (
        "#/$defs/versionId/type",
        "a version that is a number",
        GOOD,
        ((f"{NOTICE}/version", 1.1),),
        False,
        f"{NOTICE}/version",
    ),
    ("#/$defs/versionId/pattern", "version 1", GOOD, ((f"{NOTICE}/version", "1"),), False, f"{NOTICE}/version"),
    (
        "#/properties/privacy_notice/properties/format/enum",
        "format pdf",
        GOOD,
        ((f"{NOTICE}/format", "pdf"),),
        False,
        f"{NOTICE}/format",
    ),
    (
        "#/properties/privacy_notice/properties/url/type",
        "a url that is null",
        GOOD,
        ((f"{NOTICE}/url", None),),
        False,
        f"{NOTICE}/url",
    ),
    (
        "#/properties/privacy_notice/properties/url/pattern",
        "a relative url",
        GOOD,
        ((f"{NOTICE}/url", "versions/1.1/ru.md"),),
        False,
        f"{NOTICE}/url",
    ),
    (
        "#/properties/privacy_notice/properties/integrity/type",
        "integrity a number",
        GOOD,
        ((f"{NOTICE}/integrity", 256),),
        False,
        f"{NOTICE}/integrity",
    ),
    (
        "#/properties/privacy_notice/properties/integrity/pattern",
        "integrity in hexadecimal",
        GOOD,
        ((f"{NOTICE}/integrity", HEX_DIGEST),),
        False,
        f"{NOTICE}/integrity",
    ),
    ("#/properties/language/type", "a language that is null", GOOD, (("/language", None),), False, "/language"),
    ("#/properties/language/pattern", "language ru-RU", GOOD, (("/language", "ru-RU"),), False, "/language"),
    ("#/properties/events/type", "one event, not a list", GOOD, (("/events", GOOD["events"][0]),), False, "/events"),
    ("#/properties/events/minItems", "no event", GOOD, (("/events", []),), False, "/events"),
    (
        "#/properties/events/items",
        "given, withdrawn, given again",
        WITHDRAWN,
        (("/events/2", GOOD["events"][0]),),
        False,
        "/events",
    ),
    ("#/$defs/event/type", "an event that is a string", GOOD, ((E0, "given"),), False, E0),
    *(
        ("#/$defs/event/required", f"no {key}", GOOD, ((f"{E0}/{key}", DELETE),), False, f"{E0}/{key}")
        for key in GOOD["events"][0]
    ),
    (
        "#/$defs/event/properties/event_time/type",
        "an event time that is a number",
        GOOD,
        ((f"{E0}/event_time", 1797748200000),),
        False,
        f"{E0}/event_time",
    ),
    (
        "#/$defs/event/properties/event_time/pattern",
        "an event time with its offset",
        GOOD,
        ((f"{E0}/event_time", "2026-12-20T12:30:00.000+06:00"),),
        False,
        f"{E0}/event_time",
    ),
    (
        "#/$defs/event/properties/event_time/pattern",
        "an event time without milliseconds",
        GOOD,
        ((f"{E0}/event_time", "2026-12-20T06:30:00Z"),),
        False,
        f"{E0}/event_time",
    ),
    (
        "#/$defs/given/properties/event_state/const",
        "withdrawn before given",
        GOOD,
        ((f"{E0}/event_state", "dpv:ConsentWithdrawn"),),
        False,
        f"{E0}/event_state",
    ),
    (
        "#/$defs/withdrawn/properties/event_state/const",
        "given twice",
        WITHDRAWN,
        ((f"{E1}/event_state", "dpv:ConsentGiven"),),
        False,
        f"{E1}/event_state",
    ),
    (
        "#/$defs/event/properties/event_type/const",
        "implied consent",
        GOOD,
        ((f"{E0}/event_type", "dpv:ImpliedConsent"),),
        False,
        f"{E0}/event_type",
    ),
    (
        "#/$defs/event/properties/entity_id/const",
        "given by a parent",
        GOOD,
        ((f"{E0}/entity_id", "dpv:ParentOfDataSubject"),),
        False,
        f"{E0}/entity_id",
    ),
    (
        "#/$defs/event/properties/validity_duration/const",
        "valid for six months",
        GOOD,
        ((f"{E0}/validity_duration", "P6M"),),
        False,
        f"{E0}/validity_duration",
    ),
    (
        "event_time is a real instant",
        "the 30th of February",
        GOOD,
        ((f"{E0}/event_time", "2027-02-30T06:30:00.000Z"),),
        False,
        f"{E0}/event_time",
    ),
    (
        "event_time is a real instant",
        "hour 24",
        GOOD,
        ((f"{E0}/event_time", "2026-12-20T24:00:00.000Z"),),
        False,
        f"{E0}/event_time",
    ),
    (
        "consent is withdrawn at or after it was given",
        "withdrawn a millisecond before",
        WITHDRAWN,
        ((f"{E1}/event_time", "2026-12-20T06:29:59.999Z"),),
        False,
        f"{E1}/event_time",
    ),
    (
        "policy_id is the feed's",
        "another policy",
        GOOD,
        ((f"{NOTICE}/policy_id", "qlever-terms"),),
        True,
        f"{NOTICE}/policy_id",
    ),
    ("the feed lists the version", "version 1.2", GOOD, ((f"{NOTICE}/version", "1.2"),), True, f"{NOTICE}/version"),
    ("the version has a text in the language", "in English", GOOD, (("/language", "en"),), True, "/language"),
    (
        "integrity is the feed's for that text",
        "1.0's Russian text for 1.1",
        GOOD,
        (
            (
                f"{NOTICE}/integrity",
                record("1.0", "ru", "markdown", "2026-12-20T06:30:00.000Z")["privacy_notice"]["integrity"],
            ),
        ),
        True,
        f"{NOTICE}/integrity",
    ),
    (
        "integrity is the feed's for that text",
        "the Markdown's integrity for the HTML",
        GOOD,
        ((f"{NOTICE}/format", "html"),),
        True,
        f"{NOTICE}/integrity",
    ),
    (
        "the key the record names verified the feed",
        "a key named, the feed read unsigned",
        GOOD,
        (("/feed/kid", jwk("A")["kid"]),),
        True,
        "/feed/kid",
    ),
]
ACCEPTED_RECORDS: list[tuple[str, Any, bool]] = [
    ("a record made by a client", GOOD, True),
    (
        "a record of schema_version 1, made before records named their feed",
        changed(GOOD, ("/schema_version", 1), ("/feed", DELETE)),
        True,
    ),
    (
        "the language asked for and the server's receipt time",
        changed(GOOD, ("/requested_language", "ru-KG"), ("/received_at", "2026-12-20T06:30:01.250Z")),
        True,
    ),
    ("withdrawn", WITHDRAWN, True),
    (
        "withdrawn in the same millisecond",
        changed(WITHDRAWN, (f"{E1}/event_time", GOOD["events"][0]["event_time"])),
        True,
    ),
    ("fields an app added", changed(GOOD, ("/device", "Android 15"), (f"{E0}/screen", "onboarding")), True),
    ("no user id yet", changed(GOOD, ("/pii_principal_id", None)), True),
    ("an IRI for an id", changed(GOOD, ("/record_id", "https://app.example.org/consents/7")), False),
    (
        "a text from a mirror",
        changed(GOOD, (f"{NOTICE}/url", "https://mirror.example.org/qlever/api/v2/versions/1.1/ru.md")),
        True,
    ),
]
# (what it shows, the record, the instant, method) -> the record withdrawn, or (kind, at)
WITHDRAW_CASES: list[tuple[str, Any, str, Any, Any]] = [
    ("withdrawn in the settings, from Bishkek", GOOD, "2027-01-05T15:00:00+06:00", "settings screen", WITHDRAWN),
    ("withdrawn twice", WITHDRAWN, "2027-02-01T00:00:00Z", "settings screen", ("record", E1)),
    ("withdrawn before it was given", GOOD, "2026-12-20T06:29:59Z", "settings screen", ("record", f"{E1}/event_time")),
    ("withdrawn without saying how", GOOD, "2027-01-05T09:00:00Z", "", ("record", f"{E1}/indication_method")),
    (
        "a broken record",
        changed(GOOD, ("/events", [])),
        "2027-01-05T09:00:00Z",
        "settings screen",
        ("record", "/events"),
    ),
]


def covering(version: str, time: str = "2026-11-30T00:00:00.000Z") -> Any:
    """A record of acceptance of the Russian Markdown of a version of the decisions' ids feed."""
    listed = next(v for v in IDS_FEED["versions"] if v["id"] == version)["documents"]["ru"]["markdown"]
    return changed(
        GOOD, (f"{NOTICE}/version", version), (f"{NOTICE}/integrity", listed["integrity"]), (f"{E0}/event_time", time)
    )


def withdrawn(base: dict[str, Any], time: str) -> dict[str, Any]:
    return {**base, "events": [*base["events"], event("dpv:ConsentWithdrawn", time, "settings screen")]}


# (what it shows, the record, the instant) -> whether it covers the version in force, or (kind, at)
COVER_CASES: list[tuple[str, Any, str, bool | tuple[str, str]]] = [
    ("1.0 accepted, 1.0 in force", covering("1.0"), "2026-12-01T00:00:00+06:00", True),
    ("1.0 accepted, 1.9 (material) in force", covering("1.0"), AT_1_9, False),
    ("1.0 accepted, the last second before 1.9", covering("1.0"), "2026-12-14T23:59:59+06:00", True),
    ("1.9 accepted, the editorial 1.10 in force", covering("1.9"), AT_1_10, True),
    ("1.10 accepted, 2.0 in force", covering("1.10"), "2027-02-28T18:00:00Z", False),
    ("2.0 accepted before it took effect", covering("2.0", "2027-02-20T00:00:00.000Z"), AT_2_0, True),
    ("no version in force yet", covering("1.0", "2026-11-01T00:00:00.000Z"), "2026-11-02T00:00:00Z", True),
    ("an instant before the record", covering("1.0"), "2026-11-29T23:59:59Z", False),
    ("withdrawn", withdrawn(covering("1.0"), "2026-12-02T00:00:00.000Z"), "2026-12-03T00:00:00Z", False),
    ("before the withdrawal", withdrawn(covering("1.0"), "2026-12-02T00:00:00.000Z"), "2026-12-01T23:59:59.999Z", True),
    (
        "at the instant of the withdrawal",
        withdrawn(covering("1.0"), "2026-12-02T00:00:00.000Z"),
        "2026-12-02T00:00:00Z",
        False,
    ),
    (
        "a record of another policy",
        changed(covering("1.0"), (f"{NOTICE}/policy_id", "qlever-terms")),
        AT_1_9,
        ("record", f"{NOTICE}/policy_id"),
    ),
    (
        "a malformed record",
        changed(covering("1.0"), (f"{NOTICE}/version", "1")),
        AT_1_9,
        ("record", f"{NOTICE}/version"),
    ),
    ("1.0's record edited to say 99.0", changed(covering("1.0"), (f"{NOTICE}/version", "99.0")), AT_1_9, False),
    ("1.0's record edited to say 1.9", changed(covering("1.0"), (f"{NOTICE}/version", "1.9")), AT_1_9, False),
    (
        "2.0 accepted, then its text corrected before its date",
        changed(covering("2.0", "2027-02-20T00:00:00.000Z"), (f"{NOTICE}/integrity", integrity(b"2.0 before\n"))),
        AT_2_0,
        False,
    ),
    (
        "the integrity of the HTML said to be the Markdown's",
        changed(
            covering("1.9"),
            (f"{NOTICE}/integrity", IDS_FEED["versions"][3]["documents"]["ru"]["html"]["integrity"]),
        ),
        AT_1_10,
        False,
    ),
    (
        "the language changed to one the version has no text in",
        changed(covering("1.9"), ("/language", "en")),
        AT_1_10,
        False,
    ),
    ("the language changed to another listed", changed(covering("1.9"), ("/language", "ky")), AT_1_10, False),
]


# (what it shows, the record, the server's instant) -> the record received, or (kind, at)
RECEIVE_CASES: list[tuple[str, Any, str, Any]] = [
    (
        "a record made by a client",
        GOOD,
        "2026-12-20T12:30:02.5+06:00",
        {**GOOD, "received_at": "2026-12-20T06:30:02.500Z"},
    ),
    (
        "a record of schema_version 1, checked against the feed given",
        changed(GOOD, ("/schema_version", 1), ("/feed", DELETE)),
        "2026-12-20T06:30:02Z",
        {**changed(GOOD, ("/schema_version", 1), ("/feed", DELETE)), "received_at": "2026-12-20T06:30:02.000Z"},
    ),
    (
        "decided on another feed",
        changed(GOOD, ("/feed/integrity", integrity(b"another feed"))),
        "2026-12-20T06:30:02Z",
        ("record", "/feed/integrity"),
    ),
    (
        "a text the feed does not list",
        changed(GOOD, (f"{NOTICE}/integrity", integrity(b"x"))),
        "2026-12-20T06:30:02Z",
        ("record", f"{NOTICE}/integrity"),
    ),
    (
        "a key named, the feed read unsigned",
        changed(GOOD, ("/feed/kid", jwk("A")["kid"])),
        "2026-12-20T06:30:02Z",
        ("record", "/feed/kid"),
    ),
]


def records() -> dict[str, Any]:
    def outcome(result: Any) -> dict[str, Any]:
        if isinstance(result, tuple):
            return {"error": {"kind": result[0], "at": result[1]}}
        return {"record": result}

    make = [
        {
            "name": name,
            "version": version,
            "lang": lang,
            "format": format,
            "body_base64": base64.b64encode(body).decode(),
            "at": at,
            "method": method,
            "user_id": user_id,
            "record_id": record_id,
            "expect": outcome(result),
        }
        for name, version, lang, format, body, at, method, user_id, record_id, result in MAKE_CASES
    ]
    check = [
        {"name": name, "record": rec, "with_feed": with_feed, "error": None}
        for name, rec, with_feed in ACCEPTED_RECORDS
    ]
    check += [
        {
            "name": name,
            "rule": rule,
            "record": changed(base, *changes),
            "with_feed": with_feed,
            "error": {"kind": "record", "at": at},
        }
        for rule, name, base, changes, with_feed, at in CHECK_CASES
    ]
    withdraw = [
        {"name": name, "record": rec, "at": at, "method": method, "expect": outcome(result)}
        for name, rec, at, method, result in WITHDRAW_CASES
    ]
    receive = [
        {"name": name, "record": rec, "at": moment, "expect": outcome(result)}
        for name, rec, moment, result in RECEIVE_CASES
    ]
    covers = [
        {
            "name": name,
            "record": rec,
            "at": at,
            "expect": {"covers": result} if isinstance(result, bool) else outcome(result),
        }
        for name, rec, at, result in COVER_CASES
    ]
    return {
        "description": (
            "feed_base64: the feed's exact bytes (feed parsed), which records name by their SHA-256 (feed.integrity; "
            "feed.kid null: read unsigned). make: parse feed_base64 as published at url, verify body_base64 as the "
            "text of version in language lang (after fallback) and format (as texts.json does), then make the consent"
            " record of its acceptance at the instant at, by method, for the user user_id (null: none yet), with the "
            "record id record_id (null: derived from the record's content). expect.record: the record, field for "
            "field; or expect.error. check: check record, and with_feed, against feed too; error null: it is sound, "
            "else the error (kind record, at the JSON Pointer of the field to blame); rule: the schema's keyword (by "
            "location in consent-record.schema.json) or the rule it breaks. withdraw: the record with the user's "
            "withdrawal at the instant at, by method, added. receive: what a server does with a record an app sends: "
            "check it against the feed (the one it names by feed.integrity; schema_version 1 records name none) and "
            "add received_at, the server's instant at in UTC to the millisecond. covers: whether record covers the "
            "version in force in feeds.ids of decisions.json at the instant at (the consent rule, from the record): "
            "only if that feed lists the record's integrity for its version, language and format (a record binds to "
            "the exact text accepted). Records write instants in UTC to the millisecond."
        ),
        "url": URL,
        "feed": RECORD_FEED,
        "feed_base64": base64.b64encode(RECORD_FEED_BYTES).decode(),
        "make": make,
        "check": check,
        "withdraw": withdraw,
        "receive": receive,
        "covers": covers,
    }


# --- freshness.json: timestamps, no rollback, and the largest file of each kind --------------------

MAX_BYTES = {"feed": 2_097_152, "version": 262_144, "signature": 16_384, "timestamp": 4_096}
STAMPED = SIGNED  # the feed the timestamps name: signatures.json's


def timestamp_body(issued: str = "2026-12-10T00:00:00+06:00", expires: str = "2026-12-17T00:00:00+06:00") -> bytes:
    """A timestamp.json as the build writes it, naming STAMPED."""
    content = {
        "schema_version": 2,
        "feed": {"path": "policy.json", "integrity": integrity(STAMPED), "bytes": len(STAMPED)},
        "issued": issued,
        "expires": expires,
    }
    return json.dumps(content, separators=(",", ":")).encode() + b"\n"


def changed_stamp(*changes: tuple[str, Any]) -> bytes:
    return json.dumps(changed(json.loads(STAMP), *changes), separators=(",", ":")).encode() + b"\n"


STAMP = timestamp_body()
OLDER_STAMP = timestamp_body("2026-12-09T00:00:00+06:00", "2026-12-16T00:00:00+06:00")
SIGNED_STAMP = signature_file(signature("A", STAMP))
FRESH = "2026-12-12T09:00:00+06:00"


@dataclasses.dataclass(frozen=True)
class StampCase:
    """A timestamp checked at an instant: signed (by default by A, A pinned; pinned None: unsigned feeds
    accepted), with the timestamp held, against the feed fetched."""

    name: str
    expect: tuple[str, str | None] | None
    body: bytes = STAMP
    signature: bytes | None = SIGNED_STAMP
    pinned: list[str] | None = dataclasses.field(default_factory=lambda: ["A"])
    at: str = FRESH
    grace_seconds: int = 0
    kept: bytes | None = None
    feed: bytes = STAMPED


def unsigned(name: str, body: bytes, expect: tuple[str, str | None] | None, at: str = FRESH) -> StampCase:
    return StampCase(name, expect, body, None, None, at)


TIMESTAMP_CASES = [
    StampCase("fresh, signed by A", None),
    StampCase("at the instant it expires", None, at="2026-12-17T00:00:00+06:00"),
    StampCase("one second past expiry", ("expired", None), at="2026-12-17T00:00:01+06:00"),
    StampCase("one second past expiry, from UTC", ("expired", None), at="2026-12-16T18:00:01Z"),
    StampCase(
        "past expiry, within the grace the app allows", None, at="2026-12-18T00:00:00+06:00", grace_seconds=86400
    ),
    StampCase("past expiry and the grace", ("expired", None), at="2026-12-18T00:00:01+06:00", grace_seconds=86400),
    unsigned("unsigned, accepted explicitly", STAMP, None),
    unsigned(
        "unsigned and expired, accepted explicitly: still expired", STAMP, ("expired", None), "2026-12-20T00:00:00Z"
    ),
    StampCase("unsigned, A pinned", ("signature", None), signature=None),
    StampCase("signed by B, A pinned", ("signature", None), signature=signature_file(signature("B", STAMP))),
    StampCase(
        "A's signature of the older one", ("signature", None), signature=signature_file(signature("A", OLDER_STAMP))
    ),
    StampCase("the same as the one held", None, kept=STAMP),
    StampCase("newer than the one held", None, kept=OLDER_STAMP),
    StampCase(
        "older than the one held: a replay",
        ("rollback", None),
        OLDER_STAMP,
        signature_file(signature("A", OLDER_STAMP)),
        kept=STAMP,
    ),
    StampCase("a feed one byte different from the one named", ("timestamp", None), feed=FLIPPED),
    StampCase("a feed without its final newline", ("timestamp", None), feed=COMPACT),
    StampCase("the feed gzipped", ("timestamp", None), feed=gzip.compress(STAMPED, mtime=0)),
    unsigned("not JSON", b"<html>maintenance</html>", ("timestamp", None)),
    unsigned("no expiry", changed_stamp(("/expires", DELETE)), ("timestamp", "/expires")),
    unsigned(
        "an expiry that is no real date",
        changed_stamp(("/expires", "2026-02-30T00:00:00+06:00")),
        ("timestamp", "/expires"),
    ),
    unsigned(
        "an expiry without its offset", changed_stamp(("/expires", "2026-12-17T00:00:00")), ("timestamp", "/expires")
    ),
    unsigned(
        "an expiry before its issue",
        changed_stamp(("/expires", "2026-12-09T00:00:00+06:00")),
        ("timestamp", "/expires"),
    ),
    unsigned(
        "an integrity in hexadecimal", changed_stamp(("/feed/integrity", HEX_DIGEST)), ("timestamp", "/feed/integrity")
    ),
    unsigned("another file named", changed_stamp(("/feed/path", "versions/1.1.json")), ("timestamp", "/feed/path")),
    unsigned("a size of 0", changed_stamp(("/feed/bytes", 0)), ("timestamp", "/feed/bytes")),
    unsigned("another schema_version", changed_stamp(("/schema_version", 3)), ("timestamp", "/schema_version")),
    unsigned("a field added later is ignored", changed_stamp(("/snapshot", "x")), None),
    unsigned(
        f"{MAX_BYTES['timestamp']} bytes, spaces after the JSON",
        STAMP + b" " * (MAX_BYTES["timestamp"] - len(STAMP)),
        None,
    ),
    unsigned(
        f"{MAX_BYTES['timestamp'] + 1} bytes: refused before it is parsed",
        STAMP + b" " * (MAX_BYTES["timestamp"] + 1 - len(STAMP)),
        ("size", None),
    ),
]


UPDATE_KEPT = make_feed([("2.0", "2027-03-01", "2.0"), ("1.1", "2026-12-15", "1.0"), ("1.0", "2026-11-24", "1.0")])
AT_1_1 = "2027-01-20T12:00:00+06:00"
# (what it shows, the feed fetched, the instant) -> None (accepted) or the JSON Pointer in the kept feed
UPDATE_CASES: list[tuple[str, Any, str, str | None]] = [
    ("the same feed", UPDATE_KEPT, AT_1_1, None),
    (
        "a version added",
        changed(
            UPDATE_KEPT,
            ("/versions", [make_feed([("2.1", "2027-04-01", "2.0")])["versions"][0], *UPDATE_KEPT["versions"]]),
        ),
        AT_1_1,
        None,
    ),
    (
        "the upcoming 2.0 corrected before its date",
        changed(UPDATE_KEPT, ("/versions/0/documents/ru/markdown", described(b"2.0, corrected\n"))),
        AT_1_1,
        None,
    ),
    (
        "the upcoming 2.0 put off",
        changed(UPDATE_KEPT, ("/versions/0/effective_from", midnight("2027-04-01"))),
        AT_1_1,
        None,
    ),
    ("the upcoming 2.0 withdrawn", changed(UPDATE_KEPT, ("/versions", UPDATE_KEPT["versions"][1:])), AT_1_1, None),
    (
        "the HTML of 1.1 rendered anew",
        changed(UPDATE_KEPT, ("/versions/1/documents/ru/html", described(b"<p>1.1</p>\n"))),
        AT_1_1,
        None,
    ),
    (
        "a replayed feed without 2.0, once 2.0 is in force",
        changed(UPDATE_KEPT, ("/versions", UPDATE_KEPT["versions"][1:])),
        "2027-03-01T00:00:00+06:00",
        "/versions/0",
    ),
    (
        "1.1, in force, dropped",
        changed(UPDATE_KEPT, ("/versions", [UPDATE_KEPT["versions"][0], UPDATE_KEPT["versions"][2]])),
        AT_1_1,
        "/versions/1",
    ),
    (
        "1.1's date moved",
        changed(UPDATE_KEPT, ("/versions/1/effective_from", midnight("2026-12-16"))),
        AT_1_1,
        "/versions/1/effective_from",
    ),
    (
        "1.1's consent_baseline raised",
        changed(UPDATE_KEPT, ("/versions/1/consent_baseline", "1.1")),
        AT_1_1,
        "/versions/1/consent_baseline",
    ),
    (
        "1.0's Kyrgyz text changed",
        changed(UPDATE_KEPT, ("/versions/2/documents/ky/markdown", described(b"1.0, changed\n"))),
        AT_1_1,
        "/versions/2/documents/ky/markdown/integrity",
    ),
    (
        "1.0 without its Russian text",
        changed(UPDATE_KEPT, ("/versions/2/documents/ru", DELETE), ("/languages", ["uz", "ky"])),
        AT_1_1,
        "/versions/2/documents/ru/markdown/integrity",
    ),
]


VERSION_FILE = (
    json.dumps(
        {"schema_version": 2, "id": "1.1", "material": False, "previous": "1.0", "summary": {"ru": "Правки."}},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    + b"\n"
)
# (what it shows, the file, its signature file, the keys pinned (None: unsigned accepted), the id asked for)
#   -> None (accepted) or (kind, at)
VERSION_FILE_CASES: list[tuple[str, bytes, bytes | None, list[str] | None, str, tuple[str, str | None] | None]] = [
    (
        "1.1's file, signed by A, asked for 1.1",
        VERSION_FILE,
        signature_file(signature("A", VERSION_FILE)),
        ["A"],
        "1.1",
        None,
    ),
    ("1.1's file, unsigned, accepted explicitly", VERSION_FILE, None, None, "1.1", None),
    (
        "1.1's file served for 1.0",
        VERSION_FILE,
        signature_file(signature("A", VERSION_FILE)),
        ["A"],
        "1.0",
        ("version", None),
    ),
    (
        "1.1's file with the signature of another",
        VERSION_FILE,
        signature_file(signature("A", STAMPED)),
        ["A"],
        "1.1",
        ("signature", None),
    ),
    ("not JSON", b"<html>", None, None, "1.1", ("json", None)),
    ("a list", b"[]", None, None, "1.1", ("malformed", "")),
    (
        "schema_version 1",
        VERSION_FILE.replace(b'"schema_version":2', b'"schema_version":1'),
        None,
        None,
        "1.1",
        ("malformed", "/schema_version"),
    ),
    (
        f"{MAX_BYTES['version'] + 1} bytes: refused before it is parsed",
        VERSION_FILE + b" " * (MAX_BYTES["version"] + 1 - len(VERSION_FILE)),
        None,
        None,
        "1.1",
        ("size", None),
    ),
]


def freshness() -> dict[str, Any]:
    def error(expect: tuple[str, str | None] | None) -> dict[str, Any] | None:
        return None if expect is None else {"kind": expect[0], "at": expect[1]}

    def b64(content: bytes | None) -> str | None:
        return None if content is None else base64.b64encode(content).decode()

    return {
        "description": (
            "timestamps: parse the timestamp body_base64 with its signature file signature_base64 (null: none), the "
            "keys named in pinned pinned (from signatures.json's keys; pinned null: no keys, unsigned feeds "
            "accepted explicitly); its size is checked first (at most max_bytes.timestamp), then its signature, "
            "then its content; then at the instant at, refuse it past expires by more than grace_seconds (kind "
            "expired) or issued before the timestamp held, kept_base64 (null: none; kind rollback); then refuse the "
            "feed fetched, feed_base64, unless its size and integrity are those it names (kind timestamp). error: "
            "null, or its kind and at, the JSON Pointer in the timestamp (null for none). updates: with kept the "
            "last good feed and fetched the feed fetched (both published at url), at the instant at: refuse "
            "fetched (kind rollback, at the JSON Pointer of the field in kept) if a version of kept in force at "
            "that instant is missing from it, or has another effective_from or consent_baseline, or another "
            "integrity for its Markdown in a language; a version not yet in force may change or go, and HTML "
            "may be rendered anew. version_files: parse versions/<id>.json body_base64 with its signature file "
            "(as timestamps), asked for the version id: size, signature, JSON, schema_version 2 (kind malformed), "
            "then the id must be the one asked for (kind version). max_bytes: the largest file of each kind a "
            "client reads; a feed, a signature "
            "file or a timestamp one byte larger is refused, kind size, before it is parsed (sizes)."
        ),
        "url": URL,
        "max_bytes": MAX_BYTES,
        "timestamps": [
            {
                "name": case.name,
                "body_base64": b64(case.body),
                "signature_base64": b64(case.signature),
                "pinned": case.pinned,
                "at": case.at,
                "grace_seconds": case.grace_seconds,
                "kept_base64": b64(case.kept),
                "feed_base64": b64(case.feed),
                "error": error(case.expect),
            }
            for case in TIMESTAMP_CASES
        ],
        "version_files": [
            {
                "name": name,
                "body_base64": b64(body),
                "signature_base64": b64(signed),
                "pinned": pinned,
                "id": version_id,
                "error": error(expect),
            }
            for name, body, signed, pinned, version_id, expect in VERSION_FILE_CASES
        ],
        "kept": UPDATE_KEPT,
        "updates": [
            {
                "name": name,
                "fetched": fetched,
                "at": moment,
                "error": None if where is None else {"kind": "rollback", "at": where},
            }
            for name, fetched, moment, where in UPDATE_CASES
        ],
        "sizes": [
            {
                "name": f"a feed of {MAX_BYTES['feed']} bytes, spaces after the JSON",
                "kind": "feed",
                "base64": b64(COMPACT),
                "pad_to": MAX_BYTES["feed"],
                "error": None,
            },
            {
                "name": f"a feed of {MAX_BYTES['feed'] + 1} bytes",
                "kind": "feed",
                "base64": b64(COMPACT),
                "pad_to": MAX_BYTES["feed"] + 1,
                "error": {"kind": "size", "at": None},
            },
            {
                "name": f"a feed of {MAX_BYTES['feed'] + 1} bytes that is not JSON: size, not json",
                "kind": "feed",
                "base64": b64(b"<html>"),
                "pad_to": MAX_BYTES["feed"] + 1,
                "error": {"kind": "size", "at": None},
            },
            {
                "name": f"a signature file of {MAX_BYTES['signature']} bytes",
                "kind": "signature",
                "base64": b64(signature_file(GOOD_A)),
                "pad_to": MAX_BYTES["signature"],
                "error": None,
            },
            {
                "name": f"a signature file of {MAX_BYTES['signature'] + 1} bytes",
                "kind": "signature",
                "base64": b64(signature_file(GOOD_A)),
                "pad_to": MAX_BYTES["signature"] + 1,
                "error": {"kind": "size", "at": None},
            },
        ],
    }
