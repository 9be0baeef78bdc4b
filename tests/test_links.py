"""No internal link of a built site is broken: pages, anchors, feeds, sitemap and search results.

A link is internal when it is relative or starts with the site's `site_url`. It must name a built
file (a folder means its index.html), and its fragment an id in that file. Every URL in the JSON
feed must be internal too: the app follows them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_checks import broken_links, every_link
from support import SITE_URL


@pytest.mark.parametrize("site", ["two_versions_before_1_1", "two_versions_after_1_1", "chain_after_2_0"])
def test_no_internal_link_or_anchor_is_broken(request: pytest.FixtureRequest, site: str) -> None:
    built: Path = request.getfixturevalue(site)
    sources = {link.source for link in every_link(built, SITE_URL)}
    assert {
        "index.html",
        "ky/versions/1.0/index.html",
        "404.html",
        "ru/404.html",
        "api/v1/policy.json",
        "api/v2/policy.json",
        "api/v2/versions/1.0.json",
        "ru/changelog.xml",
        "sitemap.xml",
        "ky/search/search_index.json",
    } <= sources
    broken = broken_links(built, SITE_URL)
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken)


def test_broken_links_and_anchors_are_named(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">X</h2>', encoding="utf-8")
    links = [
        "a/",
        "a/#x",
        "a/#y",
        "b/",
        "https://example.org/",
        f"{SITE_URL}a/#x",
        "javascript:alert(1)",
        "mailto:x@example.org",
        "#top",
    ]
    (tmp_path / "index.html").write_text("".join(f'<a href="{url}">.</a>' for url in links), encoding="utf-8")
    (tmp_path / "api" / "v1").mkdir(parents=True)
    (tmp_path / "api" / "v1" / "policy.json").write_text(
        json.dumps({"page": f"{SITE_URL}a/", "elsewhere": "https://example.org/"}), encoding="utf-8"
    )
    assert broken_links(tmp_path, SITE_URL) == [
        "index.html: a/#y (no id 'y' in a/index.html)",
        "index.html: b/ (no file b/index.html)",
        "index.html: javascript:alert(1) (unexpected javascript: URL)",
        "index.html: #top (no id 'top' in index.html)",
        "api/v1/policy.json: https://example.org/ (leads off the site)",
    ]
