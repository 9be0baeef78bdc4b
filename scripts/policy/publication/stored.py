"""A file the site publishes that is kept elsewhere until it is copied in: a PDF or the archive, in the cache."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoredFile:
    """A file the site publishes, kept elsewhere (in the cache), with its hash and size."""

    path: Path
    sha256: str
    size: int

    @classmethod
    def of(cls, path: Path) -> StoredFile:
        data = path.read_bytes()
        return cls(path, hashlib.sha256(data).hexdigest(), len(data))
