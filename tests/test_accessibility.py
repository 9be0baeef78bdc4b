"""Every kind of page, in every language, passes axe-core's WCAG 2.1 A and AA rules in Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from conftest import REPO, every_page, search

pytestmark = pytest.mark.browser
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (from node_modules) on the loaded page, limited to WCAG 2.1 A and AA."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm ci")
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG_21_A_AA}}
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return list(results["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    """Each violation's rule, what it asks, and the selectors of the elements breaking it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']} ({violation['helpUrl']})")
        lines += [f"    {' > '.join(node['target'])}: {node['failureSummary']}".replace("\n", " ") for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize(("as_of", "url"), every_page())
def test_no_wcag_2_1_a_or_aa_violations(page: Page, served_builds: Callable[[dt.date], str], as_of: dt.date, url: str) -> None:
    response = page.goto(served_builds(as_of) + url)
    assert response is not None and response.status == 200, f"/{url} answered {response and response.status}"
    page.wait_for_load_state("networkidle")
    violations = axe_violations(page)
    assert not violations, f"/{url} as built on {as_of}:\n{describe(violations)}"


def test_no_violations_with_search_results_and_the_newer_version_notice_showing(page: Page, served_site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 12, 16, 12, tzinfo=dt.UTC))  # 1.1 in force, built before
    assert search(page, served_site + "ru/versions/1.0/", "персональных")
    page.locator(".policy-newer").wait_for(state="visible", timeout=10_000)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_axe_does_report_violations(page: Page) -> None:
    page.set_content('<html><head><title>t</title></head><body><main><p style="color:#aaa;background:#fff">faint</p><img src="data:,"></main></body></html>')
    assert sorted(v["id"] for v in axe_violations(page)) == ["color-contrast", "html-has-lang", "image-alt"]
