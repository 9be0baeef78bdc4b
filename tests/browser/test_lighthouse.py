"""Lighthouse on one page of each kind, in the languages in turn, as `make audit` does on all of
them (scripts/audit.py): accessibility, best practices and SEO at 100, at most 100 KiB transferred,
and nothing asked of another host. The performance score is a measurement of timings, which vary
with the machine's load: `make audit` reports it, no test asserts it."""

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
    with audit.serving(root / "site") as base:
        audit.build_fixture(root, base)
        yield base


@pytest.mark.parametrize(
    ("kind", "lang", "url"),
    audit.one_page_of_each_kind(),
    ids=[f"{k} ({lang})" for k, lang, _ in audit.one_page_of_each_kind()],
)
def test_lighthouse_finds_nothing_to_fix(audited_site: str, kind: str, lang: str, url: str) -> None:
    found = audit.audit(audited_site + url, audited_site, runs=1)
    assert found.problems == [], f"/{url}: {found.scores}, {found.kib:.1f} KiB"


def test_the_server_sends_text_compressed_and_the_redirects_of_folders(tmp_path: Path) -> None:
    import urllib.request

    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "index.html").write_text("<p>" + "text " * 200 + "</p>", encoding="utf-8")
    with audit.serving(tmp_path) as base:
        request = urllib.request.Request(base + "versions/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert int(response.headers["Content-Length"]) < 200
        with urllib.request.urlopen(base + "versions") as response:  # followed to the folder's URL
            assert response.url == base + "versions/"
            assert response.headers["Content-Encoding"] is None


def test_a_slow_run_is_reported_by_make_audit_and_not_asserted() -> None:
    scores = {"performance": 91, "accessibility": 100, "best-practices": 100, "seo": 100}
    slow = audit.Audit(url="/", scores=scores, kib=70.0, elsewhere=(), failed=())
    assert slow.problems == []
    assert slow.missed == slow.slow == ["performance 91 (under 98)"]
    heavy = audit.Audit(
        url="/", scores={**scores, "seo": 92}, kib=120.5, elsewhere=("https://cdn.example/x.js",), failed=()
    )
    assert heavy.problems == [
        "seo 92 (under 100)",
        "120.5 KiB transferred (over 100)",
        "asked another host for https://cdn.example/x.js",
    ]
