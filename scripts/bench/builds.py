"""Measuring one build, in a child process: our code's share of its time, its memory, its feed; the plain
build without our plugin; a profile."""

from __future__ import annotations

import cProfile
import datetime as dt
import functools
import gzip
import importlib
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .history import REPO

# Parts of our code, timed inside the hooks to show where the time goes (not added to the total).
DETAILS = (
    "policy.sources.check.check_policy",
    "policy.sources.history.last_changes",
    "policy.publication.pages.render_page",
    "policy.sources.redline.compare_texts",
    "policy.api.feed.api_files",
    "policy.api.feed_v2.api_files",
    "policy.site.outputs.write_folder",
    "policy.api.feed.render_fragment",
    "policy.publication.search.split_index",
    "policy.publication.atom.build_atom",
    "policy.site.downloads.cached_archive",
    "policy.site.downloads.write_downloads",
    "policy.site.downloads.prune_cache",
)


class OwnCodeTimer:
    """Times our plugin's hooks and our Markdown extension, counting only the outermost call."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.details: defaultdict[str, float] = defaultdict(float)
        self.depth = 0
        self.generated: dict[str, str] = {}
        self.in_nav: set[str] = set()

    def install(self) -> None:
        from policy.publication.markdown_ext import ClauseAnchors
        from policy.site.plugin import PolicyPlugin

        for name, member in list(vars(PolicyPlugin).items()):
            if name.startswith("on_") and callable(member):
                setattr(PolicyPlugin, name, self.timed(f"plugin {name}", member))
        ClauseAnchors.run = self.timed("Markdown extension", ClauseAnchors.run)  # type: ignore[method-assign]
        PolicyPlugin.on_page_read_source = self.capturing(PolicyPlugin.on_page_read_source)  # type: ignore[method-assign]
        PolicyPlugin.on_page_context = self.noting_navigation(PolicyPlugin.on_page_context)  # type: ignore[method-assign]
        for qualified in DETAILS:
            module, _, name = qualified.rpartition(".")
            function = getattr(importlib.import_module(module), name)
            replace_everywhere(function, self.detail(qualified.removeprefix("policy.")))

    def timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return function(*args, **kwargs)
            self.depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.depth -= 1

        return timed_call

    def detail(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
            active = False

            @functools.wraps(function)
            def timed_call(*args: Any, **kwargs: Any) -> Any:
                nonlocal active
                if active:
                    return function(*args, **kwargs)
                active, start = True, time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    self.details[name] += time.perf_counter() - start
                    active = False

            return timed_call

        return wrap

    def capturing(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """Keep the Markdown the plugin generates, for the plain build to use as files."""

        @functools.wraps(function)
        def capture(plugin: Any, page: Any, config: Any) -> Any:
            markdown = function(plugin, page, config)
            if markdown is not None:
                self.generated[page.file.src_uri] = markdown
            return markdown

        return capture

    def noting_navigation(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """Note which pages the navigation the pages are rendered with holds."""

        @functools.wraps(function)
        def note(plugin: Any, context: Any, page: Any, config: Any, nav: Any) -> Any:
            self.in_nav.update(p.file.src_uri for p in nav.pages)
            return function(plugin, context, page, config, nav)

        return note


def replace_everywhere(original: Callable[..., Any], wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Wrap a function in every module of the policy package that holds it under any name."""
    wrapped = wrap(original)
    for module in [m for name, m in sys.modules.items() if name == "policy" or name.startswith("policy.")]:
        for name, value in list(vars(module).items()):
            if value is original:
                setattr(module, name, wrapped)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_again(root: Path, as_of: dt.date) -> dict[str, Any]:
    """Build the site once more, untimed, into site-again/, as `policy build` does."""
    from policy.commands import check_sources
    from policy.site.build import build_site
    from policy.sources.versions import load_policy

    build_site(check_sources(load_policy(root), as_of).sound_policy(), as_of, root / "site-again")
    return {}


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def without_pdfs() -> None:
    """Make the builds of this process skip the PDFs and the archive altogether."""
    from policy.site import plugin, worker

    setattr(worker.Prerender, "downloads_ahead", lambda self, ctx, texts, cache: lambda: None)  # noqa: B010
    setattr(plugin, "prune_cache", lambda cache, downloads: None)  # noqa: B010


def measure_policy_build(root: Path, as_of: dt.date) -> dict[str, Any]:
    """Build the site as `policy build` does, timing it whole and our code within it."""
    from policy.commands import check_sources
    from policy.site.build import build_site
    from policy.sources.versions import load_policy

    timer = OwnCodeTimer()
    timer.install()
    cpu_before = cpu_seconds(resource.RUSAGE_SELF)
    start = time.perf_counter()
    policy = timer.timed("checker", lambda: check_sources(load_policy(root), as_of).sound_policy())()
    site = build_site(policy, as_of, root / "site")
    total = time.perf_counter() - start
    cpu = cpu_seconds(resource.RUSAGE_SELF) - cpu_before
    write_plain_project(root, timer.generated, timer.in_nav)
    return {
        "total": total,
        "own": sum(timer.seconds.values()),
        "own_parts": dict(timer.seconds),
        "details": dict(timer.details),
        "pages": sum(1 for _ in site.rglob("index.html")),
        "peak_mb": peak_memory_mb(),
        "cpu": cpu,
        "children_cpu": cpu_seconds(resource.RUSAGE_CHILDREN),
        "children_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        **api_sizes(site / "api"),
    }


def api_sizes(api: Path) -> dict[str, int]:
    """The feeds' sizes, raw and gzipped, the PDFs' number and size, and the archive's (0 without PDFs)."""
    feed, v2 = (api / "v1" / "policy.json").read_bytes(), (api / "v2" / "policy.json").read_bytes()
    pdfs = [path.stat().st_size for path in api.glob("v1/versions/*/*.pdf")]
    archive = api / "v1" / "archive.zip"
    return {
        "feed_bytes": len(feed),
        "feed_gzip": len(gzip.compress(feed, compresslevel=9, mtime=0)),
        "v2_bytes": len(v2),
        "v2_gzip": len(gzip.compress(v2, compresslevel=9, mtime=0)),
        "timestamp_bytes": (api / "v2" / "timestamp.json").stat().st_size,
        "pdfs": len(pdfs),
        "pdf_bytes": sum(pdfs),
        "archive_bytes": archive.stat().st_size if archive.is_file() else 0,
    }


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


# MkDocs' own hooks, for the plain build: the navigation the policy build rendered its pages with.
NAVIGATION_HOOK = """
import json, pathlib
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation

KEPT = set(json.loads((pathlib.Path(__file__).parent / "navigation.json").read_text()))

@event_priority(-200)
def on_nav(nav, config, files):
    pages = [page for page in nav.pages if page.file.src_uri in KEPT]
    for page in nav.pages:
        page.parent = page.previous_page = page.next_page = None
    for earlier, later in zip(pages, pages[1:]):
        earlier.next_page, later.previous_page = later, earlier
    kept = Navigation(pages, pages)
    kept.homepage = nav.homepage
    return kept
"""


def write_plain_project(root: Path, generated: dict[str, str], in_nav: set[str]) -> None:
    """The generated pages as real files, and a config building them without our code.

    When the policy build left pages out of the navigation, a hook of MkDocs' own leaves out
    the same ones: a navigation of every page costs each page more to render.
    """
    from mkdocs.utils.yaml import yaml_load

    plain = root / "plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(root / "docs", plain / "docs")
    for src_uri, markdown in generated.items():
        path = plain / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    languages = plain / "theme" / "partials" / "languages"
    languages.mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "policy" / "site" / "theme" / "partials" / "languages" / "ky.html", languages)
    with (root / "mkdocs.yml").open(encoding="utf-8") as source:
        config = yaml_load(source)
    config["plugins"] = [p for p in config["plugins"] if p != "policy"]
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e != "policy.publication.markdown_ext"]
    config["theme"]["custom_dir"] = "theme"
    config.update(docs_dir="docs", site_dir="site", strict=False)
    config.pop("watch", None)
    if set(generated) - in_nav:
        (plain / "navigation.json").write_text(json.dumps(sorted(in_nav)), encoding="utf-8")
        (plain / "navigation.py").write_text(NAVIGATION_HOOK, encoding="utf-8")
        config["hooks"] = ["navigation.py"]
    (plain / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")


def measure_plain_build(root: Path) -> dict[str, Any]:
    """Build the same pages with plain MkDocs: our plugin, extension and templates off."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(root / "plain" / "mkdocs.yml")))
    return {"total": time.perf_counter() - start, "peak_mb": peak_memory_mb()}


def profile_policy_build(root: Path, as_of: dt.date, lines: int = 30) -> None:
    """Print the functions taking the most cumulative time in one build."""
    from policy.commands import build
    from policy.sources.versions import load_policy

    profiler = cProfile.Profile()
    profiler.runcall(build, load_policy(root), as_of, root / "site")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(r"policy[/\\]", lines)
    stats.sort_stats("tottime").print_stats(lines)


CHILD_ENVIRONMENT = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
"""A measuring process runs `python -m bench`, found in scripts/."""


def child_command(kind: str, root: Path, as_of: dt.date) -> list[str]:
    return [sys.executable, "-m", "bench", "--child", kind, str(root), as_of.isoformat()]


def run_child(kind: str, root: Path, as_of: dt.date) -> dict[str, Any]:
    """Run one measurement in a fresh Python process and read its result."""
    result = subprocess.run(child_command(kind, root, as_of), capture_output=True, text=True, env=CHILD_ENVIRONMENT)
    if result.returncode:
        raise SystemExit(f"the {kind} build of {root} failed:\n{result.stderr}")
    lines = result.stdout.strip().splitlines()
    measured: dict[str, Any] = json.loads(lines[-1])
    return measured
