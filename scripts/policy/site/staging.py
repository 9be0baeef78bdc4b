"""Replace a published folder whole: whoever reads it sees the old folder or the new one, never half."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A staging folder beside target to write into, swapped in for target when the block succeeds.

    When the block fails, the staging folder is removed and target is left as it was.
    """
    staging = target.with_name(f".{target.name}-staging")
    retired = target.with_name(f".{target.name}-retired")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
