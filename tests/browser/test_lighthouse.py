"""Lighthouse on one page of each kind, in the languages in turn, as `make audit` does on all of
them (scripts/audit.py): accessibility, best practices and SEO at 100, performance at 98 or more,
at most 100 KiB transferred, and nothing asked of another host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import audit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def audited_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site `make audit` audits, served gzipped on loopback."""
    root = tmp_path_factory.mktemp("audit")
    with audit.serving_gzipped(root / "site") as base:
        audit.build_fixture(root, base)
        yield base


@pytest.mark.parametrize(
    ("kind", "lang", "url"),
    audit.one_page_of_each_kind(),
    ids=[f"{k} ({lang})" for k, lang, _ in audit.one_page_of_each_kind()],
)
def test_lighthouse_finds_nothing_to_fix(audited_site: str, kind: str, lang: str, url: str) -> None:
    found = audit.audit(audited_site + url, audited_site)
    assert found.problems == [], f"/{url}: {found.scores}, {found.kib:.1f} KiB"


def test_the_server_sends_text_compressed_and_the_redirects_of_folders(tmp_path: Path) -> None:
    import urllib.request

    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "index.html").write_text("<p>" + "text " * 200 + "</p>", encoding="utf-8")
    with audit.serving_gzipped(tmp_path) as base:
        request = urllib.request.Request(base + "versions/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert int(response.headers["Content-Length"]) < 200
        with urllib.request.urlopen(base + "versions") as response:  # followed to the folder's URL
            assert response.url == base + "versions/"
            assert response.headers["Content-Encoding"] is None
