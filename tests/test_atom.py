"""The Atom feed of changes, per language: one entry per version, dated by effective dates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from policy.publication.atom import build_atom
from policy.sources.versions import load_policy
from support import SITE_URL, Golden, scenario

NS = {"a": "http://www.w3.org/2005/Atom"}


def feed(lang: str, name: str = "chain") -> ET.Element:
    policy, _ = load_policy(scenario(name))
    return ET.fromstring(build_atom(policy, lang, SITE_URL))


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
def test_the_feed_of_a_chain_of_versions(golden: Golden, lang: str) -> None:
    policy, _ = load_policy(scenario("chain"))
    golden.check(f"atom/chain-{lang}.xml", build_atom(policy, lang, SITE_URL))


def test_one_entry_per_version_newest_first_with_effective_dates() -> None:
    entries = feed("ru").findall("a:entry", NS)
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == [
        "Редакция 2.0 — 1 марта 2027\u202fг.",
        "Редакция 1.1 — 10 января 2027\u202fг.",
        "Редакция 1.0 — 24 ноября 2026\u202fг.",
    ]
    assert [e.findtext("a:updated", namespaces=NS) for e in entries] == [
        "2027-03-01T00:00:00+06:00",
        "2027-01-10T00:00:00+06:00",
        "2026-11-24T00:00:00+06:00",
    ]


def test_entries_link_to_the_text_and_its_changes_in_the_feeds_language() -> None:
    newest, _, first = feed("ky").findall("a:entry", NS)
    links = {link.get("rel"): link.get("href") for link in newest.findall("a:link", NS)}
    assert links == {"alternate": SITE_URL + "ky/versions/2.0/", "related": SITE_URL + "ky/changes/2.0/"}
    assert [link.get("rel") for link in first.findall("a:link", NS)] == ["alternate"]


def test_summary_says_whether_the_change_is_material() -> None:
    newest, middle, _ = feed("uz").findall("a:entry", NS)
    assert newest.findtext("a:summary", namespaces=NS) == (
        "Muhim oʻzgarish: foydalanuvchilar qayta rozilik beradi. Maʼlumotlar kuryerlik xizmatlariga beriladi "
        "(1.3-band); 2.2-band olib tashlandi."
    )
    assert (
        middle.findtext("a:summary", namespaces=NS) == "Tahririy oʻzgarish. 2.1-bandda muddat raqam bilan ham yozildi."
    )


def test_feed_is_dated_by_the_latest_version_not_the_clock() -> None:
    root = feed("uz")
    assert root.findtext("a:updated", namespaces=NS) == "2027-03-01T00:00:00+06:00"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "uz"
    assert {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}[
        "self"
    ] == SITE_URL + "changelog.xml"
