"""Sitemaps: the language versions of each page for search engines, and one sitemap per language.

The hreflang alternates are given here rather than in each page's <head>: the theme fetches a
`sitemap.xml` beside every `<link rel="alternate">` of a page, so per-page alternates cost every
reader a handful of requests that fail. The theme also fetches the sitemap of its `base`, which
is each language's root (see site/plugin.rebase_search), so each root gets its own sitemap.
"""

from __future__ import annotations

import copy
import gzip
import xml.etree.ElementTree as ET

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NS = {"s": SITEMAP_NS, "x": XHTML_NS}


def split_sitemap(sitemap: bytes, languages: tuple[str, ...], default: str, site_url: str) -> dict[str, bytes]:
    """Sitemaps by site-relative path: the whole site at the root, each other language's pages in its folder.

    Every page also gets an `x-default` alternate: its version in the default language.
    """
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.fromstring(sitemap)
    for url in urlset.findall("s:url", NS):
        add_x_default(url, default)
    outputs = {"sitemap.xml": encode(urlset)}
    for lang in languages:
        if lang != default:
            root = f"{site_url}{lang}/"
            outputs[f"{lang}/sitemap.xml"] = encode(subset(urlset, root))
    return outputs


def add_x_default(url: ET.Element, default: str) -> None:
    default_link = next((link for link in url.findall("x:link", NS) if link.get("hreflang") == default), None)
    if default_link is not None:
        ET.SubElement(
            url,
            f"{{{XHTML_NS}}}link",
            {"rel": "alternate", "hreflang": "x-default", "href": default_link.get("href", "")},
        )


def subset(urlset: ET.Element, root: str) -> ET.Element:
    """The pages under one root URL."""
    chosen = ET.Element(urlset.tag, urlset.attrib)
    chosen.extend(
        copy.deepcopy(url)
        for url in urlset.findall("s:url", NS)
        if url.findtext("s:loc", default="", namespaces=NS).startswith(root)
    )
    return chosen


def encode(urlset: ET.Element) -> bytes:
    ET.indent(urlset)
    return bytes(ET.tostring(urlset, encoding="utf-8", xml_declaration=True)) + b"\n"


def gzipped(data: bytes) -> bytes:
    """The same bytes for the same sitemap: no timestamp in the header."""
    return gzip.compress(data, mtime=0)
