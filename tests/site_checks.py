"""Checks that hold for any built site: valid HTML (the Nu Html Checker), no broken internal link or
anchor, and feed fragments that can run or load nothing. Used on the sites of tests/data by the
tests of the code, and on the live site by the gates in tests/live/.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from support import REPO

# --- Valid HTML --------------------------------------------------------------------------------

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# vnu has no mode for fragments (`--html` only chooses the parser; a bare `<article>` is reported
# for its missing doctype and title), so each fragment is checked inside the smallest document a
# web view gives it, which adds nothing else: every message left is about the fragment itself.
FRAGMENT_PAGE = (
    '<!DOCTYPE html><html lang="{lang}"><head><meta '
    'charset="utf-8"><title>{title}</title></head><body>{fragment}</body></html>\n'
)
# A known error, checked with the site: proves the checker ran and read the files it was given.
CANARY = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head><body><span><div>block in '
    "inline</div></span></body></html>\n"
)
CANARY_MESSAGE = (
    "Element “div” not allowed as child of element “span” in this context. (Suppressing further errors from this "
    "subtree.)"
)
# What mkdocs-material's own base.html causes, and the markup it is about; the README says why.
THEME_MESSAGES = {
    (
        (
            "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
            "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or "
            "“week”."
        ),
        '<input class="md-toggle" data-md-toggle=',
    ),
}


def run_vnu(files: dict[str, Path]) -> list[tuple[str, dict[str, object]]]:
    """Check the files in one run of the checker; each error with the name its file was given."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test`, which installs Debian's default-jre-headless")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make test`, which installs it with npm ci")
    command = [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always", "--stdout"]
    result = subprocess.run(
        [*command, *map(str, files.values())], capture_output=True, text=True, check=True, timeout=1800
    )
    names = {path.resolve().as_uri(): name for name, path in files.items()}
    messages = json.loads(result.stdout)["messages"]
    return [(names.get(str(m.get("url", "")).replace("file:/", "file:///", 1), str(m.get("url"))), m) for m in messages]


def site_pages(site: Path, label: str) -> dict[str, Path]:
    """Every HTML page of a built site but the feed's fragments, named `label/path`."""
    return {
        f"{label}/{p.relative_to(site)}": p
        for p in sorted(site.rglob("*.html"))
        if "api" not in p.relative_to(site).parts
    }


def fragment_files(site: Path) -> list[Path]:
    """The feeds' HTML fragments, as published under each version of the API."""
    return [path for api in ("v1", "v2") for path in sorted((site / "api" / api / "versions").glob("*/*.html"))]


def wrapped_fragments(site: Path, folder: Path) -> dict[str, Path]:
    """Each fragment of the feeds inside a minimal document, written to folder."""
    files = {}
    for fragment in fragment_files(site):
        text = fragment.read_text(encoding="utf-8")
        article = BeautifulSoup(text, "html.parser").article
        assert article is not None, fragment
        name = relative(site, fragment)
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(FRAGMENT_PAGE.format(lang=article["lang"], title=name, fragment=text), encoding="utf-8")
        files[name] = target
    return files


def from_the_theme(message: dict[str, object]) -> bool:
    return any(
        message["message"] == text and markup in str(message.get("extract", "")) for text, markup in THEME_MESSAGES
    )


def describe_message(name: str, message: dict[str, object]) -> str:
    extract = " ".join(str(message.get("extract", "")).split())
    return f"{name}:{message.get('lastLine')}: {message['message']} [{extract}]"


def assert_valid_html(sites: dict[str, Path], scratch: Path) -> None:
    """Every page and fragment of the sites passes vnu, but for the theme's listed messages."""
    canary = scratch / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files: dict[str, Path] = {"canary": canary}
    for label, site in sites.items():
        files |= site_pages(site, label)
        files |= {f"{label}/{name}": path for name, path in wrapped_fragments(site, scratch / label).items()}
    errors = run_vnu(files)
    assert [m["message"] for name, m in errors if name == "canary"] == [CANARY_MESSAGE]
    site_errors = [(name, m) for name, m in errors if name != "canary"]
    problems = [describe_message(name, m) for name, m in site_errors if not from_the_theme(m)]
    assert not problems, "\n".join(problems)
    seen = {str(m["message"]) for _, m in site_errors if from_the_theme(m)}
    assert seen == {text for text, _ in THEME_MESSAGES}, (
        "a theme message listed in THEME_MESSAGES (and the README) no longer occurs: remove it"
    )


# --- Links ---------------------------------------------------------------------------------------

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
    """Every URL in the JSON feeds, which must all be on this site: v1's, each v2 version's pages, and
    the texts v2 lists, at their addresses relative to the feed."""

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str) and value.startswith(("http:", "https:")):
            yield value

    v2 = site / "api" / "v2"
    for feed in [site / "api" / "v1" / "policy.json", *sorted((v2 / "versions").glob("*.json"))]:
        for url in strings(json.loads(feed.read_text(encoding="utf-8"))):
            yield Link(relative(site, feed), url, may_leave=False)
    if (v2 / "policy.json").is_file():
        for version in json.loads((v2 / "policy.json").read_text(encoding="utf-8"))["versions"]:
            for lang in version["documents"]:
                for extension in ("md", "html"):
                    yield Link("api/v2/policy.json", f"versions/{version['id']}/{lang}.{extension}", may_leave=False)


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
        parts = urlsplit(absolute[len(self.site_url) :])
        target = self.root / unquote(parts.path)
        if parts.path == "" or parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"no file {relative(self.root, target)}"
        if parts.fragment and unquote(parts.fragment) not in self.ids(target):
            return f"no id {unquote(parts.fragment)!r} in {relative(self.root, target)}"
        return None

    @functools.cache  # noqa: B019 (one instance per check)
    def ids(self, page: Path) -> frozenset[str]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        return frozenset(str(tag["id"]) for tag in soup.find_all(id=True)) | {
            str(a["name"]) for a in soup.find_all("a", attrs={"name": True})
        }


def every_link(site: Path, site_url: str) -> Iterator[Link]:
    yield from html_links(site)
    yield from feed_links(site)
    yield from xml_links(site)
    yield from search_links(site, site_url)


def broken_links(site: Path, site_url: str) -> list[str]:
    built = BuiltSite(site, site_url)
    found = {link: built.problem(link) for link in every_link(site, site_url)}
    return [f"{link.source}: {link.url} ({problem})" for link, problem in found.items() if problem]


# --- Safe fragments ------------------------------------------------------------------------------

# What could run code or load anything in a web view: elements, and attributes besides on*.
ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "noscript",
        "style",
        "link",
        "meta",
        "base",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "portal",
        "img",
        "picture",
        "source",
        "track",
        "video",
        "audio",
        "svg",
        "math",
        "canvas",
        "form",
        "input",
        "button",
        "template",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "src",
        "srcset",
        "srcdoc",
        "style",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "ping",
        "xlink:href",
        "lowsrc",
        "manifest",
        "codebase",
        "archive",
        "longdesc",
    }
)


def unsafe_in_fragments(site: Path) -> list[str]:
    """In each of the feeds' fragments, whatever could run or load something, or lead off the page."""
    found = []
    for path in fragment_files(site):
        fragment = path.read_text(encoding="utf-8")
        tags = BeautifulSoup(fragment, "html.parser").find_all(True)
        name = relative(site, path)
        found += [f"{name}: <{tag.name}>" for tag in tags if tag.name in ACTIVE_ELEMENTS]
        found += [
            f"{name}: {attr}= on <{tag.name}>"
            for tag in tags
            for attr in tag.attrs
            if attr.startswith("on") or attr in URL_ATTRIBUTES
        ]
        found += [
            f"{name}: a link to {tag['href']!r}"
            for tag in tags
            if tag.has_attr("href") and (tag.name != "a" or not str(tag["href"]).startswith(("#", "mailto:")))
        ]
        if "<script" in fragment.lower():
            found.append(f"{name}: <script")
    return found
