"""The build's downloads: every version's PDF in every language, and the whole archive, from a cache.

Each PDF is kept in `.cache/pdf/` under the policy's root, named by the hash of what it depends on
(`PdfInput.key`: its text, metadata, renderer, fonts and our code), and the archive by the hash of its
members. A build renders only what the cache lacks, in typesetter processes beside MkDocs
(site/typesetting.py), then copies the files into the site and removes from the cache what it no longer
uses. The workflows keep the folder between runs (actions/cache), so the daily build renders nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..api.feed import Pdfs
from ..publication.archive import archive_key, archive_members, build_archive
from ..publication.pdf import PdfInput
from ..publication.stored import StoredFile
from ..publication.urls import API_V1, ARCHIVE_ZIP, pdf_file
from ..sources.versions import Policy
from .typesetting import Job, store

CACHE_DIR = ".cache/pdf"


@dataclass(frozen=True)
class Downloads:
    pdfs: Pdfs
    archive: StoredFile
    since: float
    """When the build began looking in the cache (the clock, for the cache's housekeeping only)."""


def cache_dir(policy: Policy) -> Path:
    return policy.root / CACHE_DIR


def cache_files(
    inputs: Mapping[tuple[str, str], PdfInput], cache: Path, renderer: str
) -> tuple[dict[tuple[str, str], Path], list[Job]]:
    """Each PDF's file in the cache, by (version id, lang), and the PDFs to render into it first."""
    paths, missing = {}, []
    for key, source in inputs.items():
        paths[key] = path = cache / f"{source.key(renderer)}.pdf"
        if path.is_file():
            path.touch()  # used now: another build pruning the cache meanwhile keeps it
        else:
            missing.append((source, path))
    return paths, missing


def cached_archive(policy: Policy, texts: Mapping[tuple[str, str], bytes], pdfs: Pdfs, cache: Path) -> StoredFile:
    """The archive of every version, from the cache, built into it first when it is not there."""
    members = archive_members(policy, texts, pdfs)
    path = cache / f"archive-{archive_key(members)}.zip"
    if path.is_file():
        path.touch()
    else:
        store(path, build_archive(policy.settings.policy_id, members))
    return StoredFile.of(path)


def write_downloads(api_folder: Path, downloads: Downloads) -> None:
    """Put the PDFs and the archive into a (staged) api/v1 folder: hard links to the cache's files, which
    never change once written (store replaces an entry whole), so the site takes no room of its own for them
    (86 MB at 200 versions) and no time to copy; copies where the site is on another file system."""
    files = {pdf_file(version_id, lang): pdf for (version_id, lang), pdf in downloads.pdfs.items()}
    files[ARCHIVE_ZIP] = downloads.archive
    for name, stored in sorted(files.items()):
        target = api_folder / name.removeprefix(f"{API_V1}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(stored.path, target)
        except OSError:
            shutil.copyfile(stored.path, target)


def prune_cache(cache: Path, downloads: Downloads) -> None:
    """Remove from the cache what this build did not use, what an edit or a new renderer replaced, unless
    another build running meanwhile has used it since this one began."""
    used = {pdf.path.name for pdf in downloads.pdfs.values()} | {downloads.archive.path.name}
    for entry in cache.iterdir():
        if entry.name in used or entry.name.endswith(".partial"):
            continue
        with contextlib.suppress(FileNotFoundError):
            if entry.stat().st_mtime < downloads.since:
                entry.unlink()
