from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import REPO
from policy.publication.atom import build_atom
from policy.sources.versions import load_policy

NS = {"a": "http://www.w3.org/2005/Atom"}
SITE = "https://privacy.qlever.asia/"


def feed(lang: str) -> ET.Element:
    policy, _ = load_policy(REPO)
    return ET.fromstring(build_atom(policy, lang, SITE))


def test_one_entry_per_version_newest_first_with_effective_dates() -> None:
    entries = feed("ru").findall("a:entry", NS)
    assert [e.findtext("a:title", namespaces=NS) for e in entries] == [
        "Редакция 1.1 — 15 декабря 2026\u202fг.", "Редакция 1.0 — 24 ноября 2026\u202fг.",  # CLDR: a narrow no-break space
    ]
    assert [e.findtext("a:updated", namespaces=NS) for e in entries] == ["2026-12-15T00:00:00+06:00", "2026-11-24T00:00:00+06:00"]


def test_entries_link_to_the_text_and_its_changes_in_the_feeds_language() -> None:
    newest, first = feed("ky").findall("a:entry", NS)
    links = {link.get("rel"): link.get("href") for link in newest.findall("a:link", NS)}
    assert links == {"alternate": SITE + "ky/versions/1.1/", "related": SITE + "ky/changes/1.1/"}
    assert [link.get("rel") for link in first.findall("a:link", NS)] == ["alternate"]


def test_summary_says_whether_the_change_is_material() -> None:
    newest, first = feed("uz").findall("a:entry", NS)
    assert newest.findtext("a:summary", namespaces=NS).startswith("Tahririy oʻzgarish. Tahririy tuzatishlar")
    assert first.findtext("a:summary", namespaces=NS).startswith("Muhim oʻzgarish")


def test_feed_is_dated_by_the_latest_version_not_the_clock() -> None:
    root = feed("uz")
    assert root.findtext("a:updated", namespaces=NS) == "2026-12-15T00:00:00+06:00"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "uz"
    assert {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}["self"] == SITE + "changelog.xml"
