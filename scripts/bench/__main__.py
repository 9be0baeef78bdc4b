"""`python -m bench` (make bench): see the package's docstring, or --help."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .builds import (
    CHILD_ENVIRONMENT,
    build_again,
    child_command,
    measure_plain_build,
    measure_policy_build,
    profile_policy_build,
    without_pdfs,
)
from .history import SIZES, write_history
from .report import print_report, targets
from .sizes import measure_size, time_compare_texts

SHORT_HISTORY = 50
"""Histories of fewer versions are built more times: 10 versions, five times as often."""


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


def repeats(count: int, repeat: int) -> int:
    """More builds for a short history: a build of 10 versions takes under two seconds, which a tenth of a
    second of the machine's own work disturbs by 5%; the fastest of more of them is nearer the truth."""
    return repeat * max(1, SHORT_HISTORY // count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark the site build on synthetic policy histories (the method: scripts/bench/__init__.py).",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of versions (default: 10 50 200)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="builds of each kind per size, more for short builds; the fastest counts (default: 3)",
    )
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
            subprocess.run(child_command("profile", root, as_of), check=True, env=CHILD_ENVIRONMENT)
        return 0
    results = {count: measure_size(count, repeats(count, args.repeat)) for count in sorted(args.sizes)}
    compare = time_compare_texts()
    checks = targets(results, compare[1])
    print_report(results, compare, checks)
    return 0 if all(check.met for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
