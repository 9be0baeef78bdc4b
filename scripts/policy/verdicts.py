"""Clean verdicts kept between runs: a check that found nothing wrong in some bytes is not run on them again.

The checker's rules over one version and the feeds' schemas are pure: what they find depends on the bytes
they read and on the code that reads them, nothing else. Each input found clean is kept as one SHA-256
digest, of its bytes, of every Python file of this package and of the versions of the libraries that parse
it, in `.cache/clean/<kind>` under the policy's root; a later run finding the digest there skips the check.
The workflows keep `.cache/` between runs (actions/cache), as they keep the PDFs.

Verdicts are kept only within `verdicts_kept_under(root)`, which the build and `policy check` open: a
check called elsewhere (a test on a policy of its own) judges every input and writes nothing.

Only clean verdicts are kept: an input with problems is checked on every run, so its messages are always
those of the code at hand. A run keeps the digests it used or added and drops the others, so the file
holds about one digest per version and never grows with the runs.
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
        self.known = read_digests(path) if path else set()
        self.kept: set[str] = set()

    def digest(self, *parts: bytes | str | None) -> str:
        """The digest of an input given as the parts it is read from (None for a part that is missing)."""
        hashed = hashlib.sha256(code_fingerprint().encode())
        for part in parts:
            data = b"\x00missing" if part is None else part.encode() if isinstance(part, str) else b"\x01" + part
            hashed.update(len(data).to_bytes(8, "big") + data)
        return hashed.hexdigest()

    def found_clean_before(self, digest: str) -> bool:
        if digest in self.known:
            self.kept.add(digest)
            return True
        return False

    def found_clean(self, digest: str) -> None:
        self.kept.add(digest)

    def save(self) -> None:
        """Keep this run's clean digests for the next run; a folder that cannot be written keeps nothing."""
        if self.path is None or self.kept == self.known:
            return
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text("".join(f"{digest}\n" for digest in sorted(self.kept)), encoding="ascii")
            partial.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)


def read_digests(path: Path) -> set[str]:
    try:
        return set(path.read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return set()


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
