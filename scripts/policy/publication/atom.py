"""An Atom feed of policy changes per language, so people and services can subscribe."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..sources.versions import Policy, Version
from .labels import change_kind, format_day, label
from .urls import ATOM, CHANGELOG, changes_path, file_url, page_url, version_path

ATOM_NS = "http://www.w3.org/2005/Atom"


def build_atom(policy: Policy, lang: str, site_url: str) -> bytes:
    """The feed's XML: one entry per version, newest first, dated by effective dates (never the clock)."""
    ET.register_namespace("", ATOM_NS)
    default = policy.settings.default_language
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": lang})
    add(feed, "title", f"{policy.settings.title[lang]} — {label('changelog_title', lang)}")
    add(feed, "id", site_url + page_url(CHANGELOG, lang, default))
    add(feed, "updated", updated(policy.versions[-1], policy) if policy.versions else "1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", {"rel": "self", "href": site_url + file_url(ATOM, lang, default)})
    ET.SubElement(
        feed,
        f"{{{ATOM_NS}}}link",
        {"rel": "alternate", "type": "text/html", "href": site_url + page_url(CHANGELOG, lang, default)},
    )
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    add(author, "name", policy.settings.title[lang])
    for version in reversed(policy.versions):
        feed.append(entry(policy, version, lang, site_url))
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def entry(policy: Policy, version: Version, lang: str, site_url: str) -> ET.Element:
    default = policy.settings.default_language
    page = site_url + page_url(version_path(version.id), lang, default)
    item = ET.Element(f"{{{ATOM_NS}}}entry")
    name = label("version", lang, id=version.id)
    add(item, "title", f"{name} — {format_day(version.effective, lang)}")
    add(item, "id", page)
    add(item, "published", updated(version, policy))
    add(item, "updated", updated(version, policy))
    ET.SubElement(item, f"{{{ATOM_NS}}}link", {"rel": "alternate", "type": "text/html", "href": page})
    if policy.previous(version) is not None:
        changes = site_url + page_url(changes_path(version.id), lang, default)
        ET.SubElement(item, f"{{{ATOM_NS}}}link", {"rel": "related", "type": "text/html", "href": changes})
    kind = change_kind(policy, version, lang)
    add(item, "summary", f"{kind}. {version.summary[lang]}")
    return item


def updated(version: Version, policy: Policy) -> str:
    return version.effective_from(policy.settings).isoformat()


def add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    child.text = text
    return child
