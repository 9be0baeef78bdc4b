"""The files a build writes beside MkDocs' pages, once every language's pages are built.

The app's API (api/v1 with the PDFs and the archive, and api/v2, whose bytes do not depend on the
as-of date but for timestamp.json's), and per language a search index, a sitemap (the theme and static-i18n write one of
each for all languages) and an Atom feed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..api import feed_v2
from ..api.feed import api_files
from ..api.signing import SigningKey, signatures
from ..api.timestamp import timestamp_files
from ..publication.atom import build_atom
from ..publication.search import split_index
from ..publication.sitemap import gzipped, split_sitemap
from ..publication.urls import API_V1, API_V2, ATOM, file_url
from ..sources.versions import Policy
from ..verdicts import verdicts_kept_under
from .downloads import Downloads, write_downloads
from .staging import staged
from .worker import Prerender


def write_outputs(
    policy: Policy,
    as_of: dt.date,
    site_url: str,
    site_dir: Path,
    rendered: Prerender,
    signing_keys: tuple[SigningKey, ...] = (),
) -> None:
    """Everything below, into a site whose pages MkDocs has written, from the texts, fragments and downloads
    rendered beside the pages; api/v2 signed with signing_keys, if any.

    Both APIs are built and validated before either is written.
    """
    languages, default = policy.settings.languages, policy.settings.default_language
    texts, fragments, downloads = rendered.texts, rendered.fragments(), rendered.downloads()
    pdfs = downloads.pdfs if downloads else None  # none when the benchmark builds without PDFs
    with verdicts_kept_under(policy.root):
        v1 = api_files(policy, as_of, site_url, texts, fragments, pdfs)
        v2 = feed_v2.api_files(policy, site_url, texts, fragments, pdfs, signing_keys)
    v2 |= timestamp_files(v2, as_of, policy.settings, signing_keys)
    write_folder(site_dir / API_V1, v1, downloads)
    write_folder(site_dir / API_V2, v2)
    write_search_indexes(site_dir, policy)
    write_sitemaps(site_dir, languages, default, site_url)
    for lang in languages:
        (site_dir / file_url(ATOM, lang, default)).write_bytes(build_atom(policy, lang, site_url))


def sign_api(site_dir: Path, signing_keys: tuple[SigningKey, ...]) -> Path:
    """Sign the api/v2 of a site built unsigned, with the bytes a build given the keys writes; the folder
    is replaced whole. The keys must be among those the site publishes (api/v2/keys.json)."""
    folder = site_dir / API_V2
    files = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".sig.json")
    }
    published = json.loads(files.get(feed_v2.KEYS_FILE, b'{"keys": []}'))
    return write_folder(folder, files | signatures(files, feed_v2.signed_files(files), signing_keys, published))


def write_folder(folder: Path, files: dict[str, bytes], downloads: Downloads | None = None) -> Path:
    """Files by their path inside folder, and the downloads copied from the cache, with the folder
    replaced whole: readers see the old folder or the new one."""
    with staged(folder) as staging:
        for name, content in sorted(files.items()):
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if downloads:
            write_downloads(staging, downloads)
    return folder


def write_search_indexes(site_dir: Path, policy: Policy) -> None:
    """Replace the theme's merged search index with one per language, under each language's root."""
    languages, default = policy.settings.languages, policy.settings.default_language
    merged = site_dir / "search" / "search_index.json"
    if not merged.is_file():
        return
    indexes = split_index(json.loads(merged.read_text(encoding="utf-8")), languages, default, policy)
    for lang, index in indexes.items():
        target = site_dir / ("" if lang == default else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_sitemaps(site_dir: Path, languages: tuple[str, ...], default: str, site_url: str) -> None:
    """Add x-default to the sitemap static-i18n wrote, and give each language root its own."""
    merged = site_dir / "sitemap.xml"
    if not merged.is_file():
        return
    for name, content in split_sitemap(merged.read_bytes(), languages, default, site_url).items():
        (site_dir / name).write_bytes(content)
        (site_dir / f"{name}.gz").write_bytes(gzipped(content))
