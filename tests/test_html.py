"""The pages and the feed's HTML fragments the code writes are valid HTML, by the Nu Html Checker.

Built from the policies of tests/data, in every state a page can show: a version upcoming, in
force and superseded, a renumbering, an added and a removed clause. The live site passes the same
check among the gates (tests/live/).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_checks import assert_valid_html

pytestmark = pytest.mark.slow


def test_pages_and_fragments_are_valid_html(
    two_versions_before_1_1: Path, two_versions_after_1_1: Path, chain_after_2_0: Path, tmp_path: Path
) -> None:
    sites = {
        "two-versions-before-1.1": two_versions_before_1_1,
        "two-versions-after-1.1": two_versions_after_1_1,
        "chain-after-2.0": chain_after_2_0,
    }
    assert_valid_html(sites, tmp_path)
