"""The PDFs missing from the cache, laid out by Typst in processes of their own while MkDocs builds the site.

Typst runs threads of its own, and a process forked from one that has run Typst hangs the first time
it runs Typst again. The build's process forks its worker (site/worker.py), so Typst never runs in
it: each typesetter is a fresh Python (`python -m policy.site.typesetting`), started at the start
of the build with its share of the PDFs in a file on its standard input, and writes each PDF into
the cache. One per CPU, at a lower priority than the build: the pages MkDocs and the worker render
come first, and the PDFs take what CPU is left, then every CPU once MkDocs is done.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import PolicyError
from ..publication.pdf import PdfInput, render_pdf

Job = tuple[PdfInput, Path]
"""A PDF to render, and the cache file to write it to."""
NICENESS = 10
"""How far below the build a typesetter runs (os.nice): MkDocs' pages come first."""


class Typesetters:
    """Typesetter processes rendering PDFs into the cache, started now, waited for when the PDFs are needed."""

    def __init__(self, jobs: Sequence[Job], processes: int) -> None:
        shares = [list(jobs[start::processes]) for start in range(min(processes, len(jobs)))]
        self.running = [start_typesetter(share) for share in shares]

    def wait(self) -> None:
        """Wait until every PDF is in the cache; PolicyError with the first refusal of any typesetter."""
        errors = [error for process in self.running if (error := finished(process))]
        self.running = []
        if errors:
            raise PolicyError(errors[0])

    def stop(self) -> None:
        """Stop the typesetters still running (after a failed build): their PDFs are not needed."""
        for process in self.running:
            process.kill()
            process.communicate()
        self.running = []


def start_typesetter(jobs: list[Job]) -> subprocess.Popen[bytes]:
    with tempfile.TemporaryFile() as given:  # a file, not a pipe: nothing waits for the typesetter to read it
        pickle.dump(jobs, given)
        given.seek(0)
        return subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=given,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=with_this_code(os.environ),
        )


def with_this_code(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment, with the folder this code is imported from first on PYTHONPATH: the typesetter
    runs the build's own code, installed or not."""
    code = str(Path(__file__).resolve().parents[2])
    return {**environ, "PYTHONPATH": os.pathsep.join(filter(None, [code, environ.get("PYTHONPATH")]))}


def finished(process: subprocess.Popen[bytes]) -> str | None:
    """Why a typesetter failed, or None once it has written all its PDFs."""
    out, err = process.communicate()
    if process.returncode == 0:
        return None
    try:
        refusal: str = json.loads(out)["refused"]
        return refusal
    except (ValueError, KeyError, TypeError):
        return f"a PDF typesetter failed (exit status {process.returncode}):\n{err.decode(errors='replace')}"


def store(path: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all: a build killed meanwhile leaves no half file under its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def typeset(jobs: list[Job]) -> None:
    """Render each PDF into its cache file (in a typesetter's process)."""
    for source, path in jobs:
        store(path, render_pdf(source))


def main() -> int:
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    jobs: list[Job] = pickle.load(sys.stdin.buffer)
    try:
        typeset(jobs)
    except PolicyError as refusal:
        print(json.dumps({"refused": str(refusal)}))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
