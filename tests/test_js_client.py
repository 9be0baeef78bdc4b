"""The JavaScript client (clients/js/) under Node's own test runner: the vectors of clients/vectors/,
its surface, and a site of tests/data served on loopback, its api/v2 signed with a key made here
(clients/js/test/served.test.js); and its TypeScript declarations, compiled with an app's use of them
(clients/js/test/usage.ts)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from policy.api.feed import render_fragments
from policy.api.signing import new_signing_key
from policy.sources.versions import load_policy, read_texts
from support import REPO, SITE_URL, add_public_key, copy_scenario, write_api_v2

pytestmark = pytest.mark.slow

CLIENT = REPO / "clients" / "js"


def run_node_tests(site: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `make test`, which installs Debian's npm and with it Node.js")
    tests = sorted(str(path.relative_to(CLIENT)) for path in (CLIENT / "test").glob("*.test.js"))
    return subprocess.run(
        [node, "--test", "--test-reporter=tap", *tests],
        cwd=CLIENT,
        env={**os.environ, "POLICY_SITE_DIR": str(site)},
        capture_output=True,
        text=True,
    )


def signed_copy(site: Path, tmp_path: Path) -> Path:
    """A copy of a built chain site whose api/v2 is signed with a key made for the test."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    policy = load_policy(copy_scenario("chain", tmp_path / "chain"))[0]
    add_public_key(policy.root, new_signing_key()[0])
    key = new_signing_key()[0]
    add_public_key(policy.root, key)
    texts = read_texts(policy)
    write_api_v2(policy, SITE_URL, copy, texts, render_fragments(policy, texts), (key,))
    return copy


def test_the_javascript_client_passes_its_tests(chain_after_2_0: Path, tmp_path: Path) -> None:
    result = run_node_tests(signed_copy(chain_after_2_0, tmp_path))
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    counts = {name: int(count) for name, count in re.findall(r"^# (\w+) (\d+)$", result.stdout, re.MULTILINE)}
    assert (counts["fail"], counts["skipped"], counts["todo"], counts["cancelled"]) == (0, 0, 0, 0)
    assert counts["pass"] > 250
    assert "# SKIP" not in result.stdout
    assert "ok 6 - names a missing feed and one that is not JSON" in result.stdout


def test_the_type_declarations_describe_the_client_as_an_app_uses_it() -> None:
    tsc = REPO / "node_modules" / ".bin" / "tsc"
    if not tsc.is_file():
        pytest.fail(f"{tsc} is missing: run `make test`, which installs it with npm ci")
    result = subprocess.run([str(tsc), "-p", str(CLIENT / "tsconfig.json")], cwd=REPO, capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
