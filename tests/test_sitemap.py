"""Sitemaps: x-default for every page, and a sitemap of its own for each language's root."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from policy.publication.sitemap import gzipped, split_sitemap

SITE = "https://privacy.qlever.asia/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def url_entry(path: str) -> str:
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{SITE}{prefix}{path}"/>'
        for lang, prefix in (("uz", ""), ("ky", "ky/"), ("ru", "ru/"))
    )
    return "".join(f"<url><loc>{SITE}{prefix}{path}</loc>{links}</url>" for prefix in ("", "ky/", "ru/"))


MERGED = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    + url_entry("")
    + url_entry("versions/1.0/")
    + "</urlset>"
).encode()


def locations(sitemap: bytes) -> list[str]:
    return [url.findtext("s:loc", namespaces=NS) or "" for url in ET.fromstring(sitemap).findall("s:url", NS)]


def test_the_whole_site_at_the_root_and_each_language_in_its_folder() -> None:
    sitemaps = split_sitemap(MERGED, ("uz", "ky", "ru"), "uz", SITE)
    assert sorted(sitemaps) == ["ky/sitemap.xml", "ru/sitemap.xml", "sitemap.xml"]
    assert len(locations(sitemaps["sitemap.xml"])) == 6
    assert locations(sitemaps["ky/sitemap.xml"]) == [SITE + "ky/", SITE + "ky/versions/1.0/"]
    assert locations(sitemaps["ru/sitemap.xml"]) == [SITE + "ru/", SITE + "ru/versions/1.0/"]


def test_every_page_gets_its_default_language_page_as_x_default() -> None:
    sitemap = split_sitemap(MERGED, ("uz", "ky", "ru"), "uz", SITE)["ru/sitemap.xml"]
    for url in ET.fromstring(sitemap).findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert alternates["x-default"] == alternates["uz"]
        assert list(alternates) == ["uz", "ky", "ru", "x-default"]


def test_the_same_sitemap_gives_the_same_bytes_gzipped_or_not() -> None:
    first, again = (
        split_sitemap(MERGED, ("uz", "ky", "ru"), "uz", SITE),
        split_sitemap(MERGED, ("uz", "ky", "ru"), "uz", SITE),
    )
    assert first == again
    assert first["sitemap.xml"].startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<urlset")
    packed = gzipped(first["sitemap.xml"])
    assert packed[4:8] == bytes(4), "the gzip header keeps the time it was made (MTIME)"
    assert gzip.decompress(gzipped(first["sitemap.xml"])) == first["sitemap.xml"]
