"""Where every page and file of the site is, in each language: the site's URL and page scheme.

A page is a path inside a language's folder (`versions/1.0.md`); the default language is served
at the site's root, the others under their code (`ky/versions/1.0/`). The pages, the feed and the
Atom feeds all link by these functions, so a page's address is decided here alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from dataclasses import dataclass

from ..sources.versions import Policy, Version

HOME = "index.md"
ARCHIVE = "versions/index.md"
CHANGELOG = "changelog.md"
COMPARE = "compare.md"
"""Any two versions compared in the browser (`compare/?from=1.0&to=1.1`); there when there are two."""
ATOM = "changelog.xml"
API_V1 = "api/v1"
"""The app's first feed, with its texts, the PDFs and the archive (api/feed.py)."""
API_V2 = "api/v2"
"""The feed whose bytes change only with the policy, signed (api/feed_v2.py)."""
FEED_FILE = "policy.json"
"""Each feed's file in its folder: what an app fetches."""
ARCHIVE_ZIP = f"{API_V1}/archive.zip"
"""Every version's texts, metadata and PDFs in one file (publication/archive.py)."""


def version_path(version_id: str) -> str:
    return f"versions/{version_id}.md"


def changes_path(version_id: str) -> str:
    """The page comparing a version with the one before it."""
    return f"changes/{version_id}.md"


def comparison_path(base_id: str, version_id: str) -> str:
    """The page comparing a superseded version with a later one, usually the one in force."""
    return f"changes/{base_id}-{version_id}.md"


def pdf_file(version_id: str, lang: str) -> str:
    """The site-relative path of a version's PDF in a language, beside its text in the API."""
    return f"{API_V1}/versions/{version_id}/{lang}.pdf"


@dataclass(frozen=True)
class Page:
    """A generated page: its path inside a language's folder, and what it shows."""

    path: str
    version_id: str | None = None
    base_id: str | None = None
    """For a comparison: the version compared with version_id."""
    in_nav: bool = False

    def src_uri(self, lang: str) -> str:
        return f"{lang}/{self.path}"


def list_pages(policy: Policy, as_of: dt.date) -> list[Page]:
    """Every generated page, the same in each language; the navigation shows the first three."""
    pages = [Page(HOME, in_nav=True), Page(ARCHIVE, in_nav=True), Page(CHANGELOG, in_nav=True)]
    pages += [Page(version_path(v.id), v.id) for v in policy.versions]
    pages += [Page(changes_path(v.id), v.id, previous.id) for v in policy.versions if (previous := policy.previous(v))]
    if len(policy.versions) > 1:
        pages.append(Page(COMPARE))
    return pages + comparisons_with_current(policy, as_of)


def comparisons_with_current(policy: Policy, as_of: dt.date) -> list[Page]:
    """The pages comparing superseded versions with the version in force that are not changes pages."""
    current = policy.current(as_of)
    if current is None:
        return []
    paths = {v.id: comparison_with_current(policy, v, as_of) for v in policy.versions}
    return [
        Page(path, current.id, base_id) for base_id, path in paths.items() if path and path != changes_path(current.id)
    ]


def comparison_with_current(policy: Policy, version: Version, as_of: dt.date) -> str | None:
    """The page comparing a superseded version with the version in force: for the one just before
    it, the changes page of the version in force; for older ones, a comparison page of their own."""
    current = policy.current(as_of)
    if current is None or version.key >= current.key:
        return None
    return changes_path(current.id) if policy.previous(current) is version else comparison_path(version.id, current.id)


def page_url(path: str, lang: str, default_lang: str) -> str:
    """The site-relative URL of a page in a language: `ky/versions/1.0/`, `versions/1.0/`."""
    folder = path.removesuffix(".md").removesuffix("index").rstrip("/")
    url = f"{folder}/" if folder else ""
    return url if lang == default_lang else f"{lang}/{url}"


@functools.lru_cache(maxsize=65536)  # every page links its neighbours in each language; relpath asks for the cwd
def url_between(from_path: str, to_path: str) -> str:
    """The URL of a page relative to another of the same language, for links in raw HTML: `../1.1/`."""
    return posixpath.relpath(page_url(to_path, "", "") or ".", page_url(from_path, "", "") or ".") + "/"


def compare_url(from_path: str, base_id: str, version_id: str) -> str:
    """A relative Markdown link to the comparison of two versions in the browser."""
    return f"{link(from_path, COMPARE)}?from={base_id}&to={version_id}"


def file_url(name: str, lang: str, default_lang: str) -> str:
    """The site-relative URL of a file the build writes for a language: `ky/changelog.xml`."""
    return name if lang == default_lang else f"{lang}/{name}"


@functools.lru_cache(maxsize=65536)
def link(from_path: str, to_path: str) -> str:
    """A relative Markdown link between two pages of one language, for MkDocs to resolve."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
