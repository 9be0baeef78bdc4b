"""The clients' test vectors: the files are what tests/vectors.py makes, every rule of the feed's
schema and of the contract has a malformed feed, and the Python client passes every case.

The JavaScript client runs the same files (tests/test_js_client.py).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from qlever_policy_client import (
    MAX_BYTES,
    Feed,
    FeedError,
    check_consent_record,
    check_feed_bytes,
    check_fresh,
    check_update,
    choose_document,
    compare_ids,
    consent_record,
    must_accept,
    next_change,
    parse_feed,
    parse_signed_feed,
    parse_timestamp,
    parse_version_file,
    receive_consent_record,
    record_covers,
    verify_signature,
    verify_text,
    version_in_force,
    withdraw_consent,
)
from support import REPO, Golden
from vectors import CONTRACT_RULES, RECORD_RULES, vector_files

FOLDER = REPO / "clients" / "vectors"
CONTRACT = REPO / "clients/python/qlever_policy_client/schemas"
VALIDATOR = Draft202012Validator(json.loads((CONTRACT / "policy.schema.json").read_bytes()))
RECORD_VALIDATOR = Draft202012Validator(json.loads((CONTRACT / "consent-record.schema.json").read_bytes()))
MADE = {name: json.loads(content) for name, content in vector_files().items()}
DECISIONS, IDS, FEEDS, TEXTS = (MADE[f"{name}.json"] for name in ("decisions", "ids", "feeds", "texts"))
SIGNATURES, RECORDS, FRESHNESS = MADE["signatures.json"], MADE["records.json"], MADE["freshness.json"]
ASSERTIONS = {"type", "const", "enum", "required", "pattern", "minLength", "minimum", "minItems", "uniqueItems"}
ASSERTIONS |= {"minProperties", "anyOf", "maxLength"}


def names(cases: list[dict[str, Any]]) -> list[str]:
    return [case["name"] for case in cases]


def parsed(url: str, feed: Any = None, body_base64: str | None = None) -> Feed:
    body = base64.b64decode(body_base64) if body_base64 is not None else json.dumps(feed).encode()
    return parse_feed(body, url)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_the_vectors_are_what_vectors_py_makes(golden: Golden) -> None:
    for name, content in vector_files().items():
        golden.check(name, content, FOLDER)
    assert sorted(path.name for path in FOLDER.glob("*.json")) == sorted(vector_files())


def decide(feed: Feed, case: dict[str, Any]) -> dict[str, Any]:
    """What a client answers for a case of decisions.json, in the vectors' terms."""
    moment = at(case["at"])
    shown = version_in_force(feed, moment)
    change = next_change(feed, moment)
    must = must_accept(feed, case["accepted"], moment)
    document = dataclasses.asdict(choose_document(feed, shown["id"], case["lang"])) if shown else None
    if document:
        del document["version_id"]
    return {
        "in_force": shown["id"] if shown else None,
        "next_change": change,
        "must_accept": must,
        "document": document,
    }


@pytest.mark.parametrize("case", DECISIONS["cases"], ids=names(DECISIONS["cases"]))
def test_decisions(case: dict[str, Any]) -> None:
    source = DECISIONS["feeds"][case["feed"]]
    feed = parsed(source["url"], source["feed"])
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(FeedError) as refusal:
            decide(feed, case)
        assert refusal.value.kind == expect["error"]["kind"]
        return
    expected_change = at(expect["next_change"]) if expect["next_change"] else None
    assert decide(feed, case) == {**expect, "next_change": expected_change}


@pytest.mark.parametrize("case", IDS["compare"], ids=[f"{c['a']} vs {c['b']}" for c in IDS["compare"]])
def test_ids_compare_as_pairs_of_integers(case: dict[str, Any]) -> None:
    assert compare_ids(case["a"], case["b"]) == case["order"]


@pytest.mark.parametrize("value", IDS["invalid"], ids=[repr(value) for value in IDS["invalid"]])
def test_what_is_not_an_id(value: Any) -> None:
    feed = parsed(DECISIONS["feeds"]["ids"]["url"], DECISIONS["feeds"]["ids"]["feed"])
    attempts: list[Callable[[], Any]] = [
        lambda: compare_ids(value, "1.0"),
        lambda: must_accept(feed, value, at("2027-03-01T00:00:00Z")),
    ]
    for attempt in attempts:
        with pytest.raises(FeedError) as refusal:
            attempt()
        assert refusal.value.kind == "id"


@pytest.mark.parametrize("case", FEEDS["cases"], ids=names(FEEDS["cases"]))
def test_feeds(case: dict[str, Any]) -> None:
    if case["error"] is None:
        assert parsed(FEEDS["url"], case.get("feed"), case.get("body_base64")).url == FEEDS["url"]
        return
    with pytest.raises(FeedError) as refusal:
        parsed(FEEDS["url"], case.get("feed"), case.get("body_base64"))
    assert {"kind": refusal.value.kind, "at": refusal.value.at} == {"at": None, **case["error"]}


@pytest.mark.parametrize("case", TEXTS["cases"], ids=names(TEXTS["cases"]))
def test_texts(case: dict[str, Any]) -> None:
    feed = parsed(TEXTS["url"], TEXTS["feeds"][case["feed"]])
    body = base64.b64decode(case["body_base64"])
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(FeedError) as refusal:
            verify_text(feed, case["version"], case["lang"], case["format"], body)
        assert refusal.value.kind == expect["error"]["kind"]
        return
    text = verify_text(feed, case["version"], case["lang"], case["format"], body)
    assert {"lang": text.lang, "integrity": text.integrity, "text": text.text} == expect


# Every rule has its malformed feed, and its malformed record.


def assertion_locations(node: dict[str, Any], where: str = "#") -> set[str]:
    """Where the schema asserts anything, as `#/$defs/lang/pattern`; an anyOf counts as one rule, and so
    does `items: false`."""
    found = {f"{where}/{key}" for key in node if key in ASSERTIONS or (key == "items" and node[key] is False)}
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for name, child in value.items():
                found |= assertion_locations(child, f"{where}/{key}/{name}")
        elif isinstance(value, dict) and key not in ("anyOf", "if"):  # an if's keywords assert nothing
            found |= assertion_locations(value, f"{where}/{key}")
    return found


def location(schema: dict[str, Any], schema_path: list[str | int]) -> str:
    """The location of the keyword an error comes from, following each $ref to its definition."""
    node: Any = schema
    where = "#"
    for key in schema_path:
        while isinstance(node, dict) and key not in node and "$ref" in node:
            where = node["$ref"]
            node = schema
            for part in where.removeprefix("#/").split("/"):
                node = node[part]
        node = node[key]
        where += f"/{key}"
    return where


def broken_rules(validator: Draft202012Validator, document: Any) -> set[str]:
    return {location(validator.schema, list(error.absolute_schema_path)) for error in validator.iter_errors(document)}


def test_each_malformed_feed_breaks_the_one_rule_it_names() -> None:
    for case in FEEDS["cases"]:
        if "rule" in case:
            expected = {case["rule"]} if case["rule"].startswith("#") else set()
            assert broken_rules(VALIDATOR, case["feed"]) == expected, case["name"]


def test_every_rule_of_the_schema_and_the_contract_has_a_malformed_feed() -> None:
    named = {case["rule"] for case in FEEDS["cases"] if "rule" in case}
    assert {rule for rule in named if rule.startswith("#")} == assertion_locations(VALIDATOR.schema)
    assert {rule for rule in named if not rule.startswith("#")} == set(CONTRACT_RULES)
    assert len(assertion_locations(VALIDATOR.schema)) > 30


def test_each_malformed_record_breaks_the_one_rule_it_names() -> None:
    for case in RECORDS["check"]:
        if "rule" in case:
            expected = {case["rule"]} if case["rule"].startswith("#") else set()
            assert broken_rules(RECORD_VALIDATOR, case["record"]) == expected, case["name"]


def test_every_rule_of_the_record_schema_and_its_rules_has_a_malformed_record() -> None:
    named = {case["rule"] for case in RECORDS["check"] if "rule" in case}
    assert {rule for rule in named if rule.startswith("#")} == assertion_locations(RECORD_VALIDATOR.schema)
    assert {rule for rule in named if not rule.startswith("#")} == set(RECORD_RULES)


# signatures.json and records.json.


def signed_feed(case: dict[str, Any], keys: list[Any]) -> Feed:
    signature = case["signature_base64"]
    body = base64.b64decode(case["body_base64"])
    return parse_signed_feed(body, base64.b64decode(signature) if signature else None, SIGNATURES["url"], keys)


@pytest.mark.parametrize("case", SIGNATURES["cases"], ids=names(SIGNATURES["cases"]))
def test_signatures(case: dict[str, Any]) -> None:
    keys = [SIGNATURES["keys"][name] for name in case["pinned"]]
    if "error" in case["expect"]:
        with pytest.raises(FeedError) as refusal:
            signed_feed(case, keys)
        assert {"kind": refusal.value.kind, "at": refusal.value.at} == case["expect"]["error"]
        return
    assert list(signed_feed(case, keys).verified_by) == case["expect"]["verified_by"]


@pytest.mark.parametrize("case", SIGNATURES["pinned_keys"], ids=names(SIGNATURES["pinned_keys"]))
def test_what_is_not_a_key_to_pin(case: dict[str, Any]) -> None:
    with pytest.raises(FeedError) as refusal:
        signed_feed(SIGNATURES["cases"][0], case["keys"])
    assert {"kind": refusal.value.kind, "at": refusal.value.at} == case["error"]


def record_feed() -> Feed:
    feed = parsed(RECORDS["url"], body_base64=RECORDS["feed_base64"])
    assert feed.data == RECORDS["feed"]
    return feed


def outcome(attempt: Callable[[], Any]) -> dict[str, Any]:
    try:
        return {"record": attempt()}
    except FeedError as error:
        return {"error": {"kind": error.kind, "at": error.at}}


@pytest.mark.parametrize("case", RECORDS["make"], ids=names(RECORDS["make"]))
def test_records_made(case: dict[str, Any]) -> None:
    feed = record_feed()
    text = verify_text(feed, case["version"], case["lang"], case["format"], base64.b64decode(case["body_base64"]))
    made = outcome(
        lambda: consent_record(feed, text, at(case["at"]), case["method"], case["user_id"], case["record_id"])
    )
    assert made == case["expect"]


@pytest.mark.parametrize("case", RECORDS["check"], ids=names(RECORDS["check"]))
def test_records_checked(case: dict[str, Any]) -> None:
    feed = record_feed() if case["with_feed"] else None
    checked = outcome(lambda: check_consent_record(case["record"], feed))
    assert checked == ({"record": case["record"]} if case["error"] is None else {"error": case["error"]})


@pytest.mark.parametrize("case", RECORDS["withdraw"], ids=names(RECORDS["withdraw"]))
def test_records_withdrawn(case: dict[str, Any]) -> None:
    assert outcome(lambda: withdraw_consent(case["record"], at(case["at"]), case["method"])) == case["expect"]


@pytest.mark.parametrize("case", RECORDS["receive"], ids=names(RECORDS["receive"]))
def test_records_received_by_a_server(case: dict[str, Any]) -> None:
    assert outcome(lambda: receive_consent_record(case["record"], record_feed(), at(case["at"]))) == case["expect"]


@pytest.mark.parametrize("case", RECORDS["covers"], ids=names(RECORDS["covers"]))
def test_the_consent_rule_from_a_record(case: dict[str, Any]) -> None:
    source = DECISIONS["feeds"]["ids"]
    feed = parsed(source["url"], source["feed"])
    result = outcome(lambda: record_covers(feed, case["record"], at(case["at"])))
    expected = {"record": case["expect"]["covers"]} if "covers" in case["expect"] else case["expect"]
    assert result == expected


# freshness.json.


def checked_timestamp(case: dict[str, Any]) -> None:
    keys = None if case["pinned"] is None else [SIGNATURES["keys"][name] for name in case["pinned"]]
    signature = base64.b64decode(case["signature_base64"]) if case["signature_base64"] else None
    body = base64.b64decode(case["body_base64"])
    timestamp = parse_timestamp(body, signature, keys, insecure_accept_unsigned=keys is None)
    kept = case["kept_base64"]
    held = parse_timestamp(base64.b64decode(kept), None, None, insecure_accept_unsigned=True) if kept else None
    check_fresh(timestamp, at(case["at"]), held, dt.timedelta(seconds=case["grace_seconds"]))
    check_feed_bytes(timestamp, base64.b64decode(case["feed_base64"]), FRESHNESS["url"])


@pytest.mark.parametrize("case", FRESHNESS["timestamps"], ids=names(FRESHNESS["timestamps"]))
def test_timestamps(case: dict[str, Any]) -> None:
    assert outcome(lambda: checked_timestamp(case)) == (
        {"record": None} if case["error"] is None else {"error": case["error"]}
    )


@pytest.mark.parametrize("case", FRESHNESS["updates"], ids=names(FRESHNESS["updates"]))
def test_no_rollback(case: dict[str, Any]) -> None:
    kept, fetched = parsed(FRESHNESS["url"], FRESHNESS["kept"]), parsed(FRESHNESS["url"], case["fetched"])
    expected = {"record": fetched} if case["error"] is None else {"error": case["error"]}
    assert outcome(lambda: check_update(kept, fetched, at(case["at"]))) == expected


@pytest.mark.parametrize("case", FRESHNESS["version_files"], ids=names(FRESHNESS["version_files"]))
def test_version_files(case: dict[str, Any]) -> None:
    keys = None if case["pinned"] is None else [SIGNATURES["keys"][name] for name in case["pinned"]]
    signature = base64.b64decode(case["signature_base64"]) if case["signature_base64"] else None
    body = base64.b64decode(case["body_base64"])
    url = FRESHNESS["url"].replace("policy.json", f"versions/{case['id']}.json")
    result = outcome(lambda: parse_version_file(body, signature, url, case["id"], keys, insecure_accept_unsigned=True))
    assert result.get("error") == case["error"]
    if case["error"] is None:
        assert result["record"] == json.loads(body)


def sized(case: dict[str, Any]) -> Any:
    content = base64.b64decode(case["base64"])
    padded = content + b" " * (case["pad_to"] - len(content))
    if case["kind"] == "feed":
        return parse_feed(padded, FRESHNESS["url"])
    return verify_signature(base64.b64decode(SIGNATURES["cases"][0]["body_base64"]), padded, [SIGNATURES["keys"]["A"]])


@pytest.mark.parametrize("case", FRESHNESS["sizes"], ids=names(FRESHNESS["sizes"]))
def test_the_largest_file_of_each_kind(case: dict[str, Any]) -> None:
    result = outcome(lambda: sized(case))
    assert result.get("error") == case["error"]
    assert FRESHNESS["max_bytes"] == MAX_BYTES
