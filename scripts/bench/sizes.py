"""The benchmark of one size of history (the four kinds of build, in turns), and of the redline on a long text."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .builds import run_child, tree_bytes
from .history import REPO, HistoryWriter, Text, latest_texts, write_history


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
    """Every file of api/v2 the same bytes on two days but timestamp.json (and its signature), which differs."""
    timestamp_bytes: int
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
        v2_identical = same_but_the_timestamp(root / "site" / "api" / "v2", root / "site-again" / "api" / "v2")
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
        build["timestamp_bytes"],
        build["cpu"],
        build["children_cpu"],
        build["children_peak_mb"],
        pdf,
    )


DAILY = ("timestamp.json", "timestamp.sig.json")
"""The files of api/v2 a build rewrites every day: how fresh the feed is (api/timestamp.py)."""


def same_but_the_timestamp(first: Path, second: Path) -> bool:
    one, other = tree_bytes(first), tree_bytes(second)
    dated = [(one.pop(name, None), other.pop(name, None)) for name in DAILY]
    return one == other and dated[0][0] is not None and dated[0][0] != dated[0][1]


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
