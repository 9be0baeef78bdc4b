"""Clean verdicts kept between runs: a check that found nothing wrong in some bytes is not run on them again.

The checker's rules over one version, the feeds' schemas and the pages' Content-Security-Policy check are
pure: what they find depends on the bytes they read and on the code that reads them, nothing else. Each
input found clean is kept as one SHA-256 digest, of its bytes, of every Python file of this package and of
the versions of the libraries that parse it, in `.cache/clean/<kind>` under the policy's root; a later run
finding the digest there skips the check.
The workflows keep `.cache/` between runs (actions/cache), as they keep the PDFs.

Verdicts are kept only within `verdicts_kept_under(root)`, which the build and `policy check` open: a
check called elsewhere (a test on a policy of its own) judges every input and writes nothing.

Only clean verdicts are kept: an input with problems is checked on every run, so its messages are always
those of the code at hand. A digest no run has used for RUNS_KEPT runs in a row is dropped, so the file
holds the inputs of the last few runs, never more: runs that alternate (a build with PDFs and one without,
the pull requests' and the daily build sharing one cache) each find their own.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import platform
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

CACHE_DIR = ".cache/clean"
LIBRARIES = ("markdown", "jsonschema", "rfc3339-validator")
"""The libraries the rules and schemas parse with: a new version may judge the same bytes otherwise."""
RUNS_KEPT = 3
"""Runs in a row a digest may go unused before it is dropped."""
KEPT_UNDER: ContextVar[Path | None] = ContextVar("KEPT_UNDER", default=None)


@contextmanager
def verdicts_kept_under(root: Path) -> Iterator[None]:
    """Within the block, checks keep their clean verdicts in the cache of the policy under root."""
    token = KEPT_UNDER.set(root)
    try:
        yield
    finally:
        KEPT_UNDER.reset(token)


@contextmanager
def clean_verdicts(kind: str) -> Iterator[CleanVerdicts]:
    """The clean verdicts of one kind of check, saved when the block succeeds; outside verdicts_kept_under,
    none are read or kept."""
    root = KEPT_UNDER.get()
    verdicts = kept_under(root, kind) if root else CleanVerdicts(None)
    yield verdicts
    verdicts.save()


def kept_under(root: Path, kind: str) -> CleanVerdicts:
    """The clean verdicts of one kind kept under a policy's root, for a caller that saves them itself."""
    return CleanVerdicts(root / CACHE_DIR / kind)


class CleanVerdicts:
    """The digests of the inputs of one kind of check found clean, as a run reads and keeps them in a file
    (with none, every input is judged and nothing is kept)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.unused_for = read_digests(path) if path else {}
        """Each digest known, with the number of runs in a row that have not used it."""
        self.used: set[str] = set()

    def digest(self, *parts: bytes | str | None) -> str:
        """The digest of an input given as the parts it is read from (None for a part that is missing)."""
        hashed = hashlib.sha256(code_fingerprint().encode())
        for part in parts:
            data = b"\x00missing" if part is None else part.encode() if isinstance(part, str) else b"\x01" + part
            hashed.update(len(data).to_bytes(8, "big") + data)
        return hashed.hexdigest()

    def found_clean_before(self, digest: str) -> bool:
        if digest in self.unused_for:
            self.used.add(digest)
            return True
        return False

    def found_clean(self, digest: str) -> None:
        self.used.add(digest)

    def save(self) -> None:
        """Keep the clean digests for the next run; a folder that cannot be written keeps nothing."""
        kept = {digest: runs + 1 for digest, runs in self.unused_for.items() if runs + 1 < RUNS_KEPT}
        kept |= dict.fromkeys(self.used, 0)
        if self.path is None or kept == self.unused_for:
            return
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text("".join(f"{kept[digest]} {digest}\n" for digest in sorted(kept)), encoding="ascii")
            partial.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)


def read_digests(path: Path) -> dict[str, int]:
    """The digests a file keeps, with the runs since each was last used; none from a file unreadable."""
    try:
        lines = [line.split() for line in path.read_text(encoding="ascii").splitlines()]
        return {digest: int(runs) for runs, digest in lines}
    except (OSError, UnicodeDecodeError, ValueError):
        return {}


@functools.cache
def code_fingerprint() -> str:
    """Every Python file of the package and the libraries' versions: a change to either judges anew."""
    package = Path(__file__).parent
    hashed = hashlib.sha256(platform.python_version().encode())
    for name in LIBRARIES:
        try:
            hashed.update(f"\n{name} {version(name)}".encode())
        except PackageNotFoundError:
            hashed.update(f"\n{name} none".encode())
    for path in sorted(package.rglob("*.py")):
        hashed.update(f"\n{path.relative_to(package).as_posix()}\n".encode() + path.read_bytes())
    return hashed.hexdigest()
