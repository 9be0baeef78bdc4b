"""Benchmark of the site build on synthetic policy histories; `make bench` runs it, the tests never do.

For 10, 50 and 200 versions it writes a policy in three languages into a temporary git
repository: texts derived from the latest real version in versions/ (10-17 KB each), each new
version changing a few clauses (words replaced, now and then a clause added or a recent one
removed), dates 14-45 days apart, every twelfth version material, each version committed 40
days before its date (so the notice period holds) and built as of the day before the last one.

How each figure is measured:

- The build runs in a child process (`build_site`, as `policy build` does), timed from the call
  to its return; peak memory is that process's maximum resident set (getrusage).
- Our own code's share is timed explicitly, not sampled: every `on_*` hook of PolicyPlugin
  (checker, git provenance, page generation and redlines, feed, Atom, search indexes) and our
  Markdown extension's tree processor are wrapped in timers that count only the outermost call,
  so nothing is counted twice (without a worker, the feed's fragments are rendered with the
  extension inside on_post_build).
  Everything else, MkDocs' reading, Markdown, templates, static-i18n and search, is MkDocs' own.
  Explicit timers add microseconds per call, where cProfile would slow every Python call and
  inflate whichever side makes more of them. `--profile N` runs cProfile to find hot spots
  (in the build's process only).
- The redline pages and the feed's fragments are rendered by a worker process while MkDocs
  renders pages (policy/site/worker.py), and the PDFs missing from their cache by typesetter
  processes (policy/site/typesetting.py). The hooks' timers count the time the build waits for
  them, which is what they add to the build. Their CPU time is measured too (getrusage of the
  child processes, git's included), and our share of all the CPU time is printed beside our share
  of the build's time, which the target is about.
- The plain build writes the Markdown our plugin generated (captured from its hook during the
  timed build) as real files into a docs folder, and builds them with the same configuration
  minus our plugin, our Markdown extension and our template overrides (only the Kyrgyz
  interface texts the theme lacks are kept, without which it cannot build Kyrgyz pages). If
  our plugin shortened the navigation, an MkDocs hook shortens it the same way.
- The feed is site/api/v1/policy.json, raw and gzipped (level 9); so is v2's daily-fetched
  site/api/v2/policy.json. The same history is built once more, untimed, as of the day its latest
  version takes effect (another version in force, other pages), and the two api/v2 folders are
  compared byte for byte.
- The PDFs (publication/pdf.py) and the archive: each size is also built without them (the PDF
  step replaced by nothing: no rendering, no cache, no archive, the feed without its `pdf` fields),
  cold (the PDF cache, .cache/pdf, emptied before each build) and warm (the cache the cold builds
  left). The warm build is the one whose figures fill the other tables: it is the daily build.
  The four kinds of build (cold, warm, without PDFs, plain) take turns, so that a change in the
  load of a shared machine falls on each alike. The build without PDFs is also compared with the
  plain build at every size: what our plugin, extension and templates cost MkDocs.
- `policy.sources.redline.compare_texts` is timed in this process (best of 3) on a ~100 KB text made of
  the latest real Russian text repeated with its sections renumbered and a few words of each
  clause replaced (a text repeated as is would pair its clauses by a whole period off), against
  a revision with five clauses changed, one added and one removed.

Exits 1 when a target is missed, so it can gate a change.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import gzip
import importlib
import json
import os
import platform
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SIZES = (10, 50, 200)
LANGUAGES = ("uz", "ky", "ru")
FIRST_DAY = dt.date(2020, 1, 6)
MATERIAL_EVERY = 12
NOTICE = dt.timedelta(days=40)
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)(\.?\s)")
WORD = re.compile(r"\b[^\W\d_]{4,}\b")
SUMMARY = {
    "uz": "{clauses}-bandlar tahrir qilindi.",
    "ky": "{clauses}-пункттар оңдолду.",
    "ru": "Изменены пункты {clauses}.",
}
FIRST_SUMMARY = {"uz": "Siyosatning birinchi matni.", "ky": "Саясаттын биринчи тексти.", "ru": "Первый текст политики."}


# --- Synthetic histories ---------------------------------------------------------------------


@dataclass
class Text:
    """One language's text as a title and blocks (headings and clauses), each with its number."""

    title: str
    blocks: list[tuple[str, str]]  # (number, Markdown of the block)

    def markdown(self) -> str:
        return "\n\n".join([self.title, *(block for _, block in self.blocks)]) + "\n"


def latest_texts(source: Path) -> dict[str, str]:
    """The texts of the latest version of the policy at source, the model for every synthetic one."""
    from policy.sources.versions import load_policy

    latest = load_policy(source)[0].versions[-1]
    return {lang: latest.read_text(lang) for lang in LANGUAGES}


def parse_text(markdown: str) -> Text:
    from policy.sources.clauses import parse_blocks

    blocks = parse_blocks(markdown)
    return Text(blocks[0].text, [(block.number or "", block.text) for block in blocks[1:]])


class HistoryWriter:
    """Writes the versions of one synthetic policy, each changing a few clauses of the one before."""

    def __init__(self, texts: dict[str, str], seed: int) -> None:
        self.texts = {lang: parse_text(markdown) for lang, markdown in texts.items()}
        self.vocabulary = {lang: sorted(set(WORD.findall(markdown))) for lang, markdown in texts.items()}
        self.random = random.Random(seed)
        self.added: list[str] = []

    def clause_numbers(self) -> list[str]:
        """The numbers of the clauses (not the headings), the same in every language."""
        first = next(iter(self.texts.values()))
        return [number for number, block in first.blocks if number.count(".") and not block.startswith("#")]

    def next_version(self, index: int) -> list[str]:
        """Change the texts into the next version; return the clause numbers it changed."""
        changed = self.random.sample(self.clause_numbers(), self.random.randint(2, 4))
        for number in changed:
            for lang, text in self.texts.items():
                text.blocks = [(n, self.reword(block, lang) if n == number else block) for n, block in text.blocks]
        if index % 7 == 0:
            changed.append(self.add_clause())
        elif index % 7 == 4 and self.added:
            changed.append(self.remove_clause(self.added.pop()))
        return sorted(changed, key=lambda n: [int(p) for p in n.split(".")])

    def reword(self, block: str, lang: str) -> str:
        """Replace one to three words of a clause with other words of the same language."""
        match = NUMBERED.match(block)
        head, body = (block[: match.end()], block[match.end() :]) if match else ("", block)
        words = list(WORD.finditer(body))
        for found in sorted(
            self.random.sample(words, min(len(words), self.random.randint(1, 3))), key=lambda m: -m.start()
        ):
            body = body[: found.start()] + self.other_word(found.group(), lang) + body[found.end() :]
        return head + body

    def other_word(self, word: str, lang: str) -> str:
        """A word of the language that reads differently, however its apostrophes are typed."""
        from policy.sources.words import fold

        choice: str = self.random.choice(self.vocabulary[lang])
        while fold(choice) == fold(word):
            choice = self.random.choice(self.vocabulary[lang])
        return choice

    def add_clause(self) -> str:
        """Add a clause at the end of a section, in every language, copied from another clause."""
        sections = sorted({number.split(".")[0] for number in self.clause_numbers()}, key=int)
        section = self.random.choice(sections)
        model = self.random.choice(self.clause_numbers())
        for text in self.texts.values():
            numbers = [n for n, _ in text.blocks]
            last = max(
                (n for n in numbers if n.split(".")[0] == section and n.count(".") == 1),
                key=lambda n: int(n.split(".")[1]),
            )
            new = f"{section}.{int(last.split('.')[1]) + 1}"
            body = NUMBERED.sub("", dict(text.blocks)[model], count=1)
            text.blocks.insert(numbers.index(last) + 1 + self.children(numbers, last), (new, f"{new}. {body}"))
        self.added.append(new)
        return new

    @staticmethod
    def children(numbers: list[str], parent: str) -> int:
        return sum(1 for n in numbers if n.startswith(parent + "."))

    def remove_clause(self, number: str) -> str:
        for text in self.texts.values():
            text.blocks = [(n, block) for n, block in text.blocks if n != number]
        return number


def write_history(
    root: Path, count: int, seed: int = 1, material_every: int = MATERIAL_EVERY, source: Path = REPO
) -> dt.date:
    """A policy of `count` versions in a new git repository at root, modelled on the latest version
    of the policy at source (the real one by default); returns the as-of date to build."""
    copy_project(root, source)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "Benchmark")
    git(root, "config", "user.email", "bench@qlever.invalid")
    writer = HistoryWriter(latest_texts(source), seed)
    effective, major, minor = FIRST_DAY, 1, 0
    for index in range(count):
        material = index > 0 and index % material_every == 0
        if index:
            changed = writer.next_version(index)
            effective += dt.timedelta(days=writer.random.randint(14, 45))
            major, minor = (major + 1, 0) if material else (major, minor + 1)
        else:
            changed = []
        version_id = f"{major}.{minor}"
        write_version(root / "versions" / version_id, writer, effective, material or index == 0, changed)
        commit(root, f"Version {version_id}", dt.datetime.combine(effective - NOTICE, dt.time(9), tzinfo=dt.UTC))
    return effective - dt.timedelta(days=1)


def copy_project(root: Path, source: Path) -> None:
    """The build's inputs besides the versions: settings (from source), MkDocs config, docs; the code linked in."""
    (root / "versions").mkdir(parents=True)
    shutil.copy(source / "versions" / "policy.toml", root / "versions" / "policy.toml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "scripts").symlink_to(REPO / "scripts")


def write_version(folder: Path, writer: HistoryWriter, effective: dt.date, material: bool, changed: list[str]) -> None:
    folder.mkdir()
    for lang, text in writer.texts.items():
        (folder / f"{lang}.md").write_text(text.markdown(), encoding="utf-8")
    summaries = (
        {lang: template.format(clauses=", ".join(changed)) for lang, template in SUMMARY.items()}
        if changed
        else FIRST_SUMMARY
    )
    summary = "\n".join(f'{lang} = "{text}"' for lang, text in summaries.items())
    metadata = f"effective = {effective.isoformat()}\nmaterial = {str(material).lower()}\n\n[summary]\n{summary}\n"
    (folder / "version.toml").write_text(metadata, encoding="utf-8")


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, env={**os.environ, **(env or {})})


def commit(root: Path, message: str, when: dt.datetime) -> None:
    stamp = when.isoformat()
    git(root, "add", "--all")
    git(
        root,
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        message,
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp},
    )


# --- Measuring a build (in a child process) ---------------------------------------------------

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
    from policy.commands import check
    from policy.site.build import build_site
    from policy.sources.versions import load_policy

    build_site(check(load_policy(root), as_of).sound_policy(), as_of, root / "site-again")
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
    from policy.commands import check
    from policy.site.build import build_site
    from policy.sources.versions import load_policy

    timer = OwnCodeTimer()
    timer.install()
    cpu_before = cpu_seconds(resource.RUSAGE_SELF)
    start = time.perf_counter()
    policy = timer.timed("checker", lambda: check(load_policy(root), as_of).sound_policy())()
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


def run_child(kind: str, root: Path, as_of: dt.date) -> dict[str, Any]:
    """Run one measurement in a fresh Python process and read its result."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(root), as_of.isoformat()], capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"the {kind} build of {root} failed:\n{result.stderr}")
    lines = result.stdout.strip().splitlines()
    measured: dict[str, Any] = json.loads(lines[-1])
    return measured


# --- The benchmark ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfResult:
    """The same history built without PDFs, with an empty PDF cache, and with the cache full."""

    versions: int
    without: float
    cold: float
    warm: float
    pdfs: int
    pdf_bytes: int
    archive_bytes: int

    @property
    def cold_ratio(self) -> float:
        return self.cold / self.without

    @property
    def warm_ratio(self) -> float:
        return self.warm / self.without


@dataclass(frozen=True)
class SizeResult:
    versions: int
    pages: int
    build: float
    own: float
    own_parts: dict[str, float]
    details: dict[str, float]
    plain: float
    peak_mb: float
    plain_peak_mb: float
    feed_bytes: int
    feed_gzip: int
    v2_bytes: int
    v2_gzip: int
    v2_identical: bool
    cpu: float
    children_cpu: float
    children_peak_mb: float
    pdf: PdfResult

    @property
    def own_share(self) -> float:
        return self.own / self.build

    @property
    def own_cpu_share(self) -> float:
        """Our code's share of the CPU time, the worker's included (git's too, a few tenths)."""
        return (self.own + self.children_cpu) / (self.cpu + self.children_cpu)

    @property
    def ratio(self) -> float:
        return self.build / self.plain

    @property
    def without_ratio(self) -> float:
        """The build without PDFs against plain MkDocs: what our plugin, extension and templates cost."""
        return self.pdf.without / self.plain


def fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda run: run["total"])


def cold_build(root: Path, as_of: dt.date) -> dict[str, Any]:
    shutil.rmtree(root / ".cache" / "pdf", ignore_errors=True)
    return run_child("build", root, as_of)


def measure_size(count: int, repeat: int) -> SizeResult:
    with tempfile.TemporaryDirectory(prefix=f"policy-bench-{count}-") as folder:
        root = Path(folder) / "policy"
        as_of = write_history(root, count)
        # Interleaved, so that a change in the machine's load falls on every kind of build alike.
        runs: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": [], "without": [], "plain": []}
        for _ in range(repeat):
            runs["cold"].append(cold_build(root, as_of))
            runs["warm"].append(run_child("build", root, as_of))
            runs["without"].append(run_child("without-pdfs", root, as_of))
            runs["plain"].append(run_child("plain", root, as_of))
        cold, build, without, plain = (fastest(runs[kind]) for kind in ("cold", "warm", "without", "plain"))
        # Built once more as of the next day, untimed, after a build with the PDFs: api/v2 must not differ.
        run_child("build", root, as_of)
        run_child("again", root, as_of + dt.timedelta(days=1))
        v2_identical = tree_bytes(root / "site" / "api" / "v2") == tree_bytes(root / "site-again" / "api" / "v2")
    pdf = PdfResult(
        count,
        without["total"],
        cold["total"],
        build["total"],
        build["pdfs"],
        build["pdf_bytes"],
        build["archive_bytes"],
    )
    return SizeResult(
        count,
        build["pages"],
        build["total"],
        build["own"],
        build["own_parts"],
        build["details"],
        plain["total"],
        build["peak_mb"],
        plain["peak_mb"],
        build["feed_bytes"],
        build["feed_gzip"],
        build["v2_bytes"],
        build["v2_gzip"],
        v2_identical,
        build["cpu"],
        build["children_cpu"],
        build["children_peak_mb"],
        pdf,
    )


def long_texts(target: int = 100_000, source: Path = REPO) -> tuple[str, str]:
    """A ~100 KB text and a revision of it with five clauses changed, one added and one removed.

    The text is the latest Russian text of the policy at source (the real one by default), its
    sections repeated with new numbers and a few words of every clause of each repetition
    replaced, so that no two clauses are the same.
    """
    writer = HistoryWriter({"ru": latest_texts(source)["ru"]}, seed=7)
    text = writer.texts["ru"]
    blocks: list[tuple[str, str]] = []
    while len(Text(text.title, blocks).markdown().encode()) < target:
        offset = len({number.split(".")[0] for number, _ in blocks})
        blocks += [renumber(number, writer.reword(block, "ru"), offset) for number, block in text.blocks if number]
    text.blocks = blocks
    old = text.markdown()
    for number in writer.random.sample(writer.clause_numbers(), 5):
        text.blocks = [(n, writer.reword(block, "ru") if n == number else block) for n, block in text.blocks]
    writer.add_clause()
    writer.remove_clause(writer.random.choice(writer.clause_numbers()))
    return old, text.markdown()


def renumber(number: str, block: str, offset: int) -> tuple[str, str]:
    first, _, rest = number.partition(".")
    new = ".".join(filter(None, [str(int(first) + offset), rest]))
    return new, block.replace(number, new, 1)


def time_compare_texts() -> tuple[int, float]:
    """Size of the longer text in bytes, and the best of three timings of compare_texts, each uncached."""
    from policy.sources import redline

    old, new = long_texts()
    timings = []
    caches = (redline.compare_texts, redline.blocks_of, redline.block_key, redline.block_body, redline.similar)
    for _ in range(3):
        for cached in (*caches, redline.diff_words):
            cached.cache_clear()
        start = time.perf_counter()
        spans = sum(len(change.spans) for change in redline.compare_texts(old, new).changes)
        timings.append(time.perf_counter() - start)
        assert spans  # every clause's words compared, as a redline page reads them
    return max(len(old.encode()), len(new.encode())), min(timings)


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in cpu_info() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    cpus = f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))})"
    return f"{cpus}, {model}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def cpu_info() -> Iterator[str]:
    try:
        yield from Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool


def targets(results: dict[int, SizeResult], compare_seconds: float) -> list[Target]:
    """The targets, measured at the largest size (linearity from 50 to 200 versions, and the build without PDFs
    against plain MkDocs at every size)."""
    largest = results[max(results)]
    gzip_per_version = largest.feed_gzip / largest.versions
    v2_per_version = largest.v2_gzip / largest.versions
    identical = [r.versions for r in results.values() if r.v2_identical]
    checks = [
        Target(
            f"our code under 10% of the build at {largest.versions} versions",
            f"{largest.own_share:.1%}",
            largest.own_share < 0.10,
        ),
        Target(
            f"feed under 1 KB gzipped per version at {largest.versions}",
            f"{gzip_per_version:.0f} B",
            gzip_per_version < 1024,
        ),
        Target(
            f"v2 daily feed at most 250 B gzipped per version at {largest.versions}",
            f"{v2_per_version:.0f} B",
            v2_per_version <= 250,
        ),
        Target(
            "v2 files byte-identical when built on two days",
            f"{len(identical)} of {len(results)}",
            len(identical) == len(results),
        ),
        Target("compare_texts on two ~100 KB texts under 1 s", f"{compare_seconds * 1000:.0f} ms", compare_seconds < 1),
    ]
    if 50 in results and 200 in results:
        growth = results[200].build / results[50].build
        checks.insert(1, Target("linear: 200 versions within 4.5x the time of 50", f"{growth:.2f}x", growth <= 4.5))
    checks += [
        Target(
            f"build without PDFs within 1.15x plain MkDocs at {r.versions}",
            f"{r.without_ratio:.2f}x",
            r.without_ratio <= 1.15,
        )
        for r in results.values()
    ]
    pdf = largest.pdf
    checks += [
        Target(
            f"warm build with PDFs within 1.03x the build without at {pdf.versions}",
            f"{pdf.warm_ratio:.2f}x",
            pdf.warm_ratio <= 1.03,
        ),
        Target(
            f"cold build with PDFs within 1.25x the build without at {pdf.versions}",
            f"{pdf.cold_ratio:.2f}x",
            pdf.cold_ratio <= 1.25,
        ),
    ]
    return checks


def print_report(results: dict[int, SizeResult], compare: tuple[int, float], checks: list[Target]) -> None:
    print(f"Machine: {machine()}")
    print()
    header = (
        f"{'versions':>8} {'pages':>6} {'build s':>8} {'ms/version':>10} {'ours':>6} {'MkDocs':>7} {'plain s':>8} "
        f"{'ratio':>6} {'no PDFs ratio':>13} {'peak MB':>8} {'feed KB':>8} {'gzip KB':>8} {'gzip B/version':>14}"
    )
    print(header)
    for r in results.values():
        print(
            f"{r.versions:>8} {r.pages:>6} {r.build:>8.2f} {r.build / r.versions * 1000:>10.1f} {r.own_share:>6.1%} "
            f"{1 - r.own_share:>7.1%} {r.plain:>8.2f} {r.ratio:>6.2f} {r.without_ratio:>13.2f} {r.peak_mb:>8.0f} "
            f"{r.feed_bytes / 1024:>8.1f} {r.feed_gzip / 1024:>8.1f} {r.feed_gzip / r.versions:>14.0f}"
        )
    print()
    print(f"{'versions':>8} {'v2 feed KB':>10} {'gzip KB':>8} {'gzip B/version':>14} {'v2 on two days':>15}")
    for r in results.values():
        print(
            f"{r.versions:>8} {r.v2_bytes / 1024:>10.1f} {r.v2_gzip / 1024:>8.1f} {r.v2_gzip / r.versions:>14.0f} "
            f"{'identical' if r.v2_identical else 'DIFFERENT':>15}"
        )
    print()
    print(
        f"{'versions':>8} {'build CPU s':>11} {'worker and git CPU s':>20} "
        f"{'ours of all CPU':>15} {'worker peak MB':>14}"
    )
    for r in results.values():
        print(
            f"{r.versions:>8} {r.cpu:>11.2f} {r.children_cpu:>20.2f} "
            f"{r.own_cpu_share:>15.1%} {r.children_peak_mb:>14.0f}"
        )
    print()
    parts = sorted(
        {part for r in results.values() for part in r.own_parts},
        key=lambda part: -results[max(results)].own_parts.get(part, 0),
    )
    print(f"{'our code, seconds':<32}" + "".join(f"{f'{r.versions} versions':>14}" for r in results.values()))
    for part in parts:
        print(f"{part:<32}" + "".join(f"{r.own_parts.get(part, 0):>14.3f}" for r in results.values()))
    details = sorted(
        {d for r in results.values() for d in r.details}, key=lambda d: -results[max(results)].details.get(d, 0)
    )
    for name in details:
        print(f"{'  of which ' + name:<32}" + "".join(f"{r.details.get(name, 0):>14.3f}" for r in results.values()))
    print()
    print(
        f"{'versions':>8} {'PDFs':>5} {'no PDFs s':>9} {'cold s':>8} {'cold/no':>8} {'warm s':>8} {'warm/no':>8} "
        f"{'PDF ms/PDF cold':>15} {'PDFs MB':>8} {'archive MB':>10}"
    )
    for r in results.values():
        p = r.pdf
        print(
            f"{p.versions:>8} {p.pdfs:>5} {p.without:>9.2f} {p.cold:>8.2f} {p.cold_ratio:>8.2f} {p.warm:>8.2f} "
            f"{p.warm_ratio:>8.2f} {(p.cold - p.without) / p.pdfs * 1000:>15.0f} {p.pdf_bytes / 2**20:>8.1f} "
            f"{p.archive_bytes / 2**20:>10.1f}"
        )
    print()
    print(f"compare_texts on {compare[0] / 1000:.0f} KB texts: {compare[1] * 1000:.0f} ms (best of 3)")
    print()
    width = max(len(check.name) for check in checks)
    for check in checks:
        print(f"{check.name:<{width}}  {check.measured:>8}  {'PASS' if check.met else 'MISS'}")


def child(kind: str, root: Path, as_of: dt.date) -> None:
    """Entry point of a measuring process: one build, its figures as JSON on the last line."""
    if kind == "profile":
        profile_policy_build(root, as_of)
        return
    if kind == "without-pdfs":
        without_pdfs()
    if kind == "plain":
        measured = measure_plain_build(root)
    elif kind == "again":
        measured = build_again(root, as_of)
    else:
        measured = measure_policy_build(root, as_of)
    print(json.dumps(measured))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of versions (default: 10 50 200)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="builds per size; the fastest counts (default: 3)")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="instead, profile one build of N versions with cProfile"
    )
    parser.add_argument("--child", nargs=3, metavar=("KIND", "ROOT", "AS_OF"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), dt.date.fromisoformat(args.child[2]))
        return 0
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="policy-bench-profile-") as folder:
            root = Path(folder) / "policy"
            as_of = write_history(root, args.profile)
            subprocess.run([sys.executable, __file__, "--child", "profile", str(root), as_of.isoformat()], check=True)
        return 0
    results = {count: measure_size(count, args.repeat) for count in sorted(args.sizes)}
    compare = time_compare_texts()
    checks = targets(results, compare[1])
    print_report(results, compare, checks)
    return 0 if all(check.met for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
