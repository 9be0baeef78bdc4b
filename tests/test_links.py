"""No internal link of the built site is broken: pages, anchors, feeds, sitemap and search results.

A link is internal when it is relative or starts with the site's `site_url`. It must name a built
file (a folder means its index.html), and its fragment an id in that file. Every URL in the JSON
feed must be internal too: the app follows them.
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

SITE_URL = "https://privacy.qlever.asia/"
LINK_ATTRIBUTES = ("href", "src", "data-feed")
NOT_FETCHED = ("mailto:", "tel:")
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
SITEMAP_URLS = ("{http://www.sitemaps.org/schemas/sitemap/0.9}loc", "{http://www.w3.org/1999/xhtml}link")


@dataclass(frozen=True)
class Link:
    """A URL as written in a file of the site (site-relative path), and whether it may lead elsewhere."""

    source: str
    url: str
    may_leave: bool = True


def relative(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def html_links(site: Path) -> Iterator[Link]:
    """Every href, src and data-feed of every HTML file: pages, the 404 page, the feed's fragments."""
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for attribute in LINK_ATTRIBUTES:
            for tag in soup.find_all(attrs={attribute: True}):
                yield Link(relative(site, path), str(tag[attribute]))


def feed_links(site: Path) -> Iterator[Link]:
    """Every URL in the JSON feed, which must all be on this site."""
    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str) and value.startswith(("http:", "https:")):
            yield value

    feed = site / "api" / "v1" / "policy.json"
    for url in strings(json.loads(feed.read_text(encoding="utf-8"))):
        yield Link(relative(site, feed), url, may_leave=False)


def xml_links(site: Path) -> Iterator[Link]:
    """The links of each language's Atom feed, and the sitemap's pages and their alternates."""
    for path in sorted(site.rglob("*.xml")):
        for element in ET.parse(path).iter():
            if element.tag == ATOM_LINK or element.tag in SITEMAP_URLS:
                yield Link(relative(site, path), element.get("href") or (element.text or "").strip(), may_leave=False)


def search_links(site: Path, site_url: str) -> Iterator[Link]:
    """Where each search result leads: locations are relative to the index's language root."""
    for index in sorted(site.rglob("search/search_index.json")):
        root = relative(site, index.parent.parent)
        base = site_url if root == "." else f"{site_url}{root}/"
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            yield Link(relative(site, index), base + doc["location"], may_leave=False)


class BuiltSite:
    """A built site, answering whether a link in it leads to something that exists."""

    def __init__(self, root: Path, site_url: str) -> None:
        self.root = root
        self.site_url = site_url

    def problem(self, link: Link) -> str | None:
        """Why the link is broken, or None when it works or leads off the site."""
        if link.url.startswith(NOT_FETCHED):
            return None
        absolute = urljoin(self.site_url + link.source, link.url)
        if not absolute.startswith(self.site_url):
            scheme = urlsplit(absolute).scheme
            if link.may_leave and scheme in ("http", "https"):
                return None
            return "leads off the site" if scheme in ("http", "https") else f"unexpected {scheme}: URL"
        parts = urlsplit(absolute[len(self.site_url):])
        target = self.root / unquote(parts.path)
        if parts.path == "" or parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"no file {relative(self.root, target)}"
        if parts.fragment and unquote(parts.fragment) not in self.ids(target):
            return f"no id {unquote(parts.fragment)!r} in {relative(self.root, target)}"
        return None

    @functools.cache  # noqa: B019 (one instance per test)
    def ids(self, page: Path) -> frozenset[str]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        return frozenset(str(tag["id"]) for tag in soup.find_all(id=True)) | {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}


def every_link(site: Path, site_url: str) -> Iterator[Link]:
    yield from html_links(site)
    yield from feed_links(site)
    yield from xml_links(site)
    yield from search_links(site, site_url)


def broken_links(site: Path, site_url: str) -> list[str]:
    built = BuiltSite(site, site_url)
    found = {link: built.problem(link) for link in every_link(site, site_url)}
    return [f"{link.source}: {link.url} ({problem})" for link, problem in found.items() if problem]


@pytest.mark.parametrize("build", ["site_before_1_1", "site_after_1_1"])
def test_no_internal_link_or_anchor_is_broken(request: pytest.FixtureRequest, build: str) -> None:
    site: Path = request.getfixturevalue(build)
    sources = {link.source for link in every_link(site, SITE_URL)}
    assert {"index.html", "ky/versions/1.0/index.html", "404.html", "api/v1/policy.json",
            "ru/changelog.xml", "sitemap.xml", "ky/search/search_index.json"} <= sources
    broken = broken_links(site, SITE_URL)
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken)


def test_broken_links_and_anchors_are_named(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">X</h2>', encoding="utf-8")
    links = ["a/", "a/#x", "a/#y", "b/", "https://example.org/", f"{SITE_URL}a/#x", "javascript:alert(1)", "mailto:x@example.org", "#top"]
    (tmp_path / "index.html").write_text("".join(f'<a href="{url}">.</a>' for url in links), encoding="utf-8")
    (tmp_path / "api" / "v1").mkdir(parents=True)
    (tmp_path / "api" / "v1" / "policy.json").write_text(json.dumps({"page": f"{SITE_URL}a/", "elsewhere": "https://example.org/"}), encoding="utf-8")
    assert broken_links(tmp_path, SITE_URL) == [
        "index.html: a/#y (no id 'y' in a/index.html)",
        "index.html: b/ (no file b/index.html)",
        "index.html: javascript:alert(1) (unexpected javascript: URL)",
        "index.html: #top (no id 'top' in index.html)",
        "api/v1/policy.json: https://example.org/ (leads off the site)",
    ]
