"""The live site builds, as of the day of the last commit and the day the latest version takes effect,
and every page of it is valid HTML with no broken link; the app's fragments can run nothing."""

from __future__ import annotations

import json
from pathlib import Path

from policy.sources.versions import Policy
from site_checks import assert_valid_html, broken_links, unsafe_in_fragments
from support import LANG_PREFIXES, LiveSite


def test_every_version_has_its_page_in_every_language_and_its_place_in_the_feed(
    live_policy: Policy, live_sites: list[LiveSite]
) -> None:
    for site in live_sites:
        missing = [
            f"{prefix}versions/{version.id}/"
            for version in live_policy.versions
            for lang, prefix in LANG_PREFIXES.items()
            if lang in live_policy.settings.languages
            and not (site.folder / prefix / "versions" / version.id / "index.html").is_file()
        ]
        assert missing == [], f"as of {site.as_of}"
        for api in ("v1", "v2"):
            feed = json.loads((site.folder / "api" / api / "policy.json").read_text(encoding="utf-8"))
            assert [v["id"] for v in feed["versions"]] == [v.id for v in reversed(live_policy.versions)]


def test_every_page_and_fragment_is_valid_html(live_sites: list[LiveSite], tmp_path: Path) -> None:
    assert_valid_html({f"as of {site.as_of}": site.folder for site in live_sites}, tmp_path)


def test_no_internal_link_or_anchor_is_broken(live_sites: list[LiveSite]) -> None:
    broken = [f"as of {site.as_of}: {link}" for site in live_sites for link in broken_links(site.folder, site.url)]
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken)


def test_the_apps_fragments_can_run_or_load_nothing(live_sites: list[LiveSite]) -> None:
    assert [f"as of {site.as_of}: {found}" for site in live_sites for found in unsafe_in_fragments(site.folder)] == []
