"""The figures as tables, the machine they were measured on, and the targets they are held to."""

from __future__ import annotations

import os
import platform
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .sizes import SizeResult


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
            "v2 files byte-identical when built on two days (but the timestamp, which changes)",
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
    print(
        f"{'versions':>8} {'v2 feed KB':>10} {'gzip KB':>8} {'gzip B/version':>14} {'v2 on two days':>15} "
        f"{'timestamp B':>11}"
    )
    for r in results.values():
        print(
            f"{r.versions:>8} {r.v2_bytes / 1024:>10.1f} {r.v2_gzip / 1024:>8.1f} {r.v2_gzip / r.versions:>14.0f} "
            f"{'identical' if r.v2_identical else 'DIFFERENT':>15} {r.timestamp_bytes:>11}"
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
