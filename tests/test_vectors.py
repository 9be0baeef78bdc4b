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

from policy.api.client import (
    VALIDATOR,
    Feed,
    FeedError,
    choose_document,
    compare_ids,
    must_accept,
    next_change,
    parse_feed,
    verify_text,
    version_in_force,
)
from support import REPO, Golden
from vectors import CONTRACT_RULES, vector_files

FOLDER = REPO / "clients" / "vectors"
MADE = {name: json.loads(content) for name, content in vector_files().items()}
DECISIONS, IDS, FEEDS, TEXTS = (MADE[f"{name}.json"] for name in ("decisions", "ids", "feeds", "texts"))
SCHEMA: dict[str, Any] = VALIDATOR.schema
ASSERTIONS = {"type", "const", "enum", "required", "pattern", "minLength", "minimum", "minItems", "uniqueItems"}
ASSERTIONS |= {"minProperties", "anyOf"}


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


# Every rule has its malformed feed.


def assertion_locations(node: dict[str, Any], where: str = "#") -> set[str]:
    """Where the schema asserts anything, as `#/$defs/lang/pattern`; an anyOf counts as one rule."""
    found = {f"{where}/{key}" for key in node if key in ASSERTIONS}
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for name, child in value.items():
                found |= assertion_locations(child, f"{where}/{key}/{name}")
        elif isinstance(value, dict) and key != "anyOf":
            found |= assertion_locations(value, f"{where}/{key}")
    return found


def location(schema_path: list[str | int]) -> str:
    """The location of the keyword an error comes from, following each $ref to its definition."""
    node: Any = SCHEMA
    where = "#"
    for key in schema_path:
        while isinstance(node, dict) and key not in node and "$ref" in node:
            where = node["$ref"]
            node = SCHEMA
            for part in where.removeprefix("#/").split("/"):
                node = node[part]
        node = node[key]
        where += f"/{key}"
    return where


def broken_rules(feed: Any) -> set[str]:
    return {location(list(error.absolute_schema_path)) for error in VALIDATOR.iter_errors(feed)}


def test_each_malformed_feed_breaks_the_one_rule_it_names() -> None:
    for case in FEEDS["cases"]:
        if "rule" in case:
            expected = {case["rule"]} if case["rule"].startswith("#") else set()
            assert broken_rules(case["feed"]) == expected, case["name"]


def test_every_rule_of_the_schema_and_the_contract_has_a_malformed_feed() -> None:
    named = {case["rule"] for case in FEEDS["cases"] if "rule" in case}
    assert {rule for rule in named if rule.startswith("#")} == assertion_locations(SCHEMA)
    assert {rule for rule in named if not rule.startswith("#")} == set(CONTRACT_RULES)
    assert len(assertion_locations(SCHEMA)) > 30
