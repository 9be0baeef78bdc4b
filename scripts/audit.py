"""Lighthouse on every kind of page in every language; `make audit` runs it and prints a table.

The site of the `chain` policy of tests/data, built as of 2027-01-20, has every kind of page: 1.1
in force, 1.0 superseded, 2.0 upcoming, the archive, the changelog, a redline, the comparison of
any two versions and the 404 page. It is built for a loopback address, served there gzipped (as
any host serves it), and each page is audited by Lighthouse (node_modules, pinned in
package-lock.json) in Debian's Chromium, with Lighthouse's defaults: a phone on a slow 4G
network, its processor slowed fourfold (simulated).

A page passes with accessibility, best practices and SEO at 100, performance at 98 or more, at
most 100 KiB transferred, and no request to any other host. Performance varies with the load on
the machine; as Lighthouse advises, a page is audited up to three times and its best run kept.
Exits 1 when a page misses. No test runs Lighthouse: a score of timings is measured here, never
asserted (docs/testing.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_KIB = 100
RUNS = 3

POLICY = REPO / "tests" / "data" / "chain"
AS_OF = dt.date(2027, 1, 20)
LANG_PREFIXES = {"uz": "", "ky": "ky/", "ru": "ru/"}
PAGE_KINDS = {
    "home": "",
    "version in force": "versions/1.1/",
    "upcoming version": "versions/2.0/",
    "superseded version": "versions/1.0/",
    "archive": "versions/",
    "changelog": "changelog/",
    "changes": "changes/1.1/",
    "compare": "compare/?from=1.0&to=2.0",
}
NOT_FOUND = "404.html"
"""One page in every language; a host serves it for any missing page."""
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".md", ".svg", ".txt"}
TYPES = {".js": "text/javascript", ".md": "text/markdown; charset=utf-8", ".json": "application/json"}


@dataclass(frozen=True)
class Audit:
    """What Lighthouse found on one page: each category's score (0-100), bytes, and what failed."""

    url: str
    scores: dict[str, int]
    kib: float
    elsewhere: tuple[str, ...]
    failed: tuple[str, ...]

    @property
    def problems(self) -> list[str]:
        """What fails whatever the machine's load: every category but performance, the bytes, other hosts."""
        found = [
            f"{category} {self.scores[category]} (under {target})"
            for category, target in TARGETS.items()
            if category != "performance" and self.scores[category] < target
        ]
        if self.kib > MAX_KIB:
            found.append(f"{self.kib:.1f} KiB transferred (over {MAX_KIB})")
        found += [f"asked another host for {url}" for url in self.elsewhere]
        return found + list(self.failed)

    @property
    def slow(self) -> list[str]:
        """The performance score under its target: a measurement of timings, so `make audit` reports it
        and the tests do not assert it."""
        score, target = self.scores["performance"], TARGETS["performance"]
        return [f"performance {score} (under {target})"] if score < target else []

    @property
    def missed(self) -> list[str]:
        return self.problems + self.slow


def every_page() -> list[tuple[str, str, str]]:
    """(kind, language, site-relative URL) of every page audited: each kind in each language."""
    pages = [(kind, lang, prefix + path) for kind, path in PAGE_KINDS.items() for lang, prefix in LANG_PREFIXES.items()]
    return [*pages, ("404", "all", NOT_FOUND)]


def lighthouse(url: str) -> dict[str, Any]:
    """Lighthouse's report on a page, in Debian's Chromium with Lighthouse's mobile defaults."""
    for needed, how in ((LIGHTHOUSE, "run `npm ci` (make audit and make test do)"), (Path(CHROMIUM), "make audit")):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: {how} installs it")
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=180, env={**os.environ, "CHROME_PATH": CHROMIUM}
    )
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not audit {url}: {report['runtimeError']}")
    return report


def summarize(report: dict[str, Any], origin: str) -> Audit:
    categories = report["categories"]
    audits = report["audits"]
    scores = {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}
    requests = audits["network-requests"]["details"]["items"]
    failed = [
        f"{category}: {audits[ref['id']]['title']}"
        for category in CATEGORIES
        if category != "performance"
        for ref in categories[category]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]
    return Audit(
        url=report["finalDisplayedUrl"],
        scores=scores,
        kib=audits["total-byte-weight"]["numericValue"] / 1024,
        elsewhere=tuple(
            sorted({r["url"] for r in requests if r["url"].startswith("http") and not r["url"].startswith(origin)})
        ),
        failed=tuple(failed),
    )


def audit(url: str, origin: str, runs: int = RUNS) -> Audit:
    """A page's audit; performance is the best of up to `runs`, stopping once it reaches its target."""
    best: Audit | None = None
    for _ in range(runs):
        found = summarize(lighthouse(url), origin)
        if best is None or found.scores["performance"] > best.scores["performance"]:
            best = found
        if best.scores["performance"] >= TARGETS["performance"]:
            break
    assert best is not None
    return best


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host serves them: text compressed with gzip when the browser accepts it."""

    protocol_version = "HTTP/1.1"

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix) or self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:  # the base class's name
        pass


class _Body:
    """What send_head returns for do_GET to copy: the compressed bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serving(site: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = GzipHandler) -> Iterator[str]:
    """Serve a folder on loopback (compressed, unless another handler is given) for the duration of a
    block; yields its address, ending in /."""
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_fixture(root: Path, site_url: str) -> Path:
    """The chain policy of tests/data, committed to git and built for site_url into root/site."""
    from policy.commands import build
    from policy.site.build import environment
    from policy.sources.versions import load_policy

    shutil.copytree(POLICY / "versions", root / "versions")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "scripts").symlink_to(REPO / "scripts")
    # What a build reads beside the policy: the browser libraries it serves, the clients' test vectors.
    (root / "node_modules").symlink_to(REPO / "node_modules")
    (root / "clients").symlink_to(REPO / "clients")
    git = ["git", "-C", str(root), "-c", "user.name=Audit", "-c", "user.email=audit@qlever.invalid"]
    stamp = {"GIT_AUTHOR_DATE": "2026-11-25T09:00:00+06:00", "GIT_COMMITTER_DATE": "2026-11-25T09:00:00+06:00"}
    subprocess.run([*git, "init", "--quiet", "--initial-branch=main"], check=True)
    subprocess.run([*git, "add", "--all"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "Publish"], check=True, env={**os.environ, **stamp})
    with environment(POLICY_SITE_URL=site_url):
        return build(load_policy(root), AS_OF, root / "site")


def table(results: list[tuple[str, str, Audit]]) -> str:
    lines = [
        "| page | language | performance | accessibility | best practices | SEO | KiB | verdict |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for kind, lang, found in results:
        scores = " | ".join(str(found.scores[name]) for name in CATEGORIES)
        verdict = "PASS" if not found.missed else "FAIL: " + "; ".join(found.missed)
        lines.append(f"| {kind} | {lang} | {scores} | {found.kib:.1f} | {verdict} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"most runs per page for performance ({RUNS})")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="policy-audit-") as scratch:
        root = Path(scratch)
        with serving(root / "site") as base:
            build_fixture(root, base)
            for kind, lang, url in every_page():
                results.append((kind, lang, audit(base + url, base, args.runs)))
                print(f"{kind} ({lang}): {results[-1][2].scores}", file=sys.stderr, flush=True)
    print(f"Lighthouse on the site of tests/data/chain as of {AS_OF}, served gzipped on loopback:\n")
    print(table(results))
    return 1 if any(found.missed for _, _, found in results) else 0


if __name__ == "__main__":
    sys.exit(main())
