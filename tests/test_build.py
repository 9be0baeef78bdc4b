"""The site build end to end: gated by the checker, atomic, reproducible."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import AS_OF, tree_digest
from policy.errors import PolicyError
from policy.site import plugin as mkdocs_plugin
from policy.site.build import build_site


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(("page", "lang"), [
    ("index.html", "uz"), ("ky/index.html", "ky"), ("ru/index.html", "ru"),
    ("versions/1.0/index.html", "uz"), ("ky/versions/1.1/index.html", "ky"), ("ru/versions/index.html", "ru"),
])
def test_every_language_has_its_pages_with_the_right_html_lang(site_before_1_1: Path, page: str, lang: str) -> None:
    assert parse(site_before_1_1 / page).html["lang"] == lang


def test_a_failed_build_leaves_the_last_good_site_untouched(site_copy: Path) -> None:
    site = build_site(site_copy, AS_OF, site_copy / "site")
    before = tree_digest(site)
    (site_copy / "versions/1.1/ru.md").unlink()
    with pytest.raises(PolicyError, match=r"versions/1.1/ru.md: error: version 1.1 has no text in 'ru'") as refusal:
        build_site(site_copy, AS_OF, site)
    assert "the site was not built" in str(refusal.value)
    assert tree_digest(site) == before
    assert sorted(p.name for p in site_copy.iterdir()) == ["docs", "mkdocs.yml", "scripts", "site", "versions"]


def test_the_same_sources_build_byte_identical_sites(site_copy: Path, site_before_1_1: Path) -> None:
    again = build_site(site_copy, AS_OF, site_copy / "site")
    assert tree_digest(again) == tree_digest(site_before_1_1)


def test_the_feed_is_written_once_per_build_not_once_per_language(site_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    original = mkdocs_plugin.write_api

    def counted(*args: Any) -> Path:
        calls.append(args[3])
        return original(*args)

    monkeypatch.setattr(mkdocs_plugin, "write_api", counted)
    site = build_site(site_copy, AS_OF, site_copy / "site")
    assert len(calls) == 1
    assert (site / "api/v1/policy.json").is_file()
