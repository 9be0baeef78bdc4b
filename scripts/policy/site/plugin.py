"""All MkDocs glue in one place: hands the generated pages to MkDocs (and to static-i18n).

static-i18n localizes only files it finds under docs_dir, and rebuilds File objects without
their content; so each generated page is added in `on_files` as a placeholder path inside
docs_dir (`ky/versions/1.0.md`) and its Markdown is supplied when MkDocs reads the page.
See docs/decisions/0003-generated-pages.md.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from ..publication.atom import build_atom
from ..commands import require_sound
from ..errors import PolicyError
from ..api.feed import Texts, read_texts, write_api
from ..sources.history import last_changes
from .worker import Prerender, can_fork_a_worker
from ..publication.search import split_index
from ..publication.pages import Context, render_page, template_context
from ..publication.urls import ARCHIVE, ATOM, Page, file_url, list_pages
from ..publication.sitemap import gzipped, split_sitemap
from ..sources.versions import VERSIONS_DIR, Policy, load_policy, resolve_as_of


class PolicyPluginConfig(Config):
    as_of = config_options.Optional(config_options.Type(str))
    """The date deciding which version is in force (YYYY-MM-DD); default $POLICY_AS_OF, else today."""


class PolicyPlugin(BasePlugin[PolicyPluginConfig]):
    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.fingerprint: tuple[Any, ...] = ()
        self.pages: dict[str, tuple[Page, str]] = {}
        self.nav = Navigation([], [])
        self.contexts: dict[str, Context] = {}
        """One per language, the default language first: the order static-i18n builds them in."""
        self.site_url = "/"
        self.prerender: Prerender | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        fingerprint = sources_fingerprint(root)
        if fingerprint != self.fingerprint:  # static-i18n runs a whole build per language
            try:
                settings = load_policy(root)[0].settings
                self.as_of = resolve_as_of(os.environ, settings, self.config.as_of)
                self.policy = require_sound(root, self.as_of)
                provenance = last_changes(root, [v.text_path(lang) for v in self.policy.versions for lang in settings.languages])
                self.site_url = site_url(config)
                in_build_order = [self.default_language, *(lang for lang in settings.languages if lang != self.default_language)]
                self.contexts = {lang: Context(self.policy, self.as_of, lang, provenance, config.repo_url, self.site_url) for lang in in_build_order}
                self.start_prerender(read_texts(self.policy))
            except PolicyError as err:
                raise PluginError(f"policy: {err}") from None
            self.fingerprint = fingerprint
        return config

    def start_prerender(self, texts: Texts) -> None:
        assert self.policy is not None
        if self.prerender is not None:
            self.prerender.close()
        pages = list_pages(self.policy, self.as_of)
        self.prerender = Prerender(list(self.contexts.values()), pages, texts, can_fork_a_worker())

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.policy is not None
        self.pages = {}
        for page in list_pages(self.policy, self.as_of):
            for lang in self.policy.settings.languages:
                src_uri = page.src_uri(lang)
                if files.get_file_from_path(src_uri):
                    raise PluginError(f"policy: docs/{src_uri} is generated from {VERSIONS_DIR}/; remove it from docs/")
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
                self.pages[src_uri] = (page, lang)
        return files

    # After static-i18n (-100), which rebuilds the navigation of each language.
    @event_priority(-200)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Only the home page, the archive and the changelog: a nav listing every version grows with each."""
        in_nav = [src_uri for src_uri, (page, _) in self.pages.items() if page.in_nav]
        self.nav = prune_navigation(nav, lambda page: in_nav.index(page.file.src_uri) if page.file.src_uri in in_nav else None)
        return self.nav

    def on_page_read_source(self, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return None
        source, lang = generated
        assert self.prerender is not None
        ahead = self.prerender.page(source, lang)
        return ahead if ahead is not None else render_page(source, self.context(lang))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Pages rendered without a page (404.html) get the default language's context.
        assert self.policy is not None
        config.site_name = self.policy.settings.title[self.default_language]
        env.globals["policy"] = template_context(self.context(self.policy.settings.default_language), None, site_url(config))
        return env

    def on_page_context(self, context: TemplateContext, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        assert self.policy is not None
        generated = self.pages.get(page.file.src_uri)
        path = generated[0].path if generated else None
        lang = self.lang_of(page)
        values = template_context(self.context(lang), path, site_url(config))
        config.site_name = self.policy.settings.title[lang]  # read by the templates as the page renders
        context["policy"] = values  # type: ignore[typeddict-unknown-key]
        context["nav"] = self.navigation_of(page)
        return context

    def navigation_of(self, page: MkDocsPage) -> Navigation:
        """The navigation, showing a page outside it after the archive that lists it.

        The theme puts the page's table of contents in the navigation on phones, and its `__toc`
        toggle there too: a page missing from the navigation would lose both.
        """
        if page in self.nav.pages:
            return self.nav
        after = next(i for i, p in enumerate(self.nav.pages) if self.pages[p.file.src_uri][0].path == ARCHIVE) + 1
        pages = [*self.nav.pages[:after], page, *self.nav.pages[after:]]
        navigation = Navigation(pages, pages)
        navigation.homepage = self.nav.homepage
        return navigation

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        return rebase_search(output, page.url, self.lang_of(page), self.default_language)

    # After static-i18n (-100), which builds the other languages inside its own on_post_build and
    # merges their search indexes: ours runs after each of those builds too, but only the last one,
    # outside them, sees the whole site.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.policy is not None and self.prerender is not None
        if getattr(config.plugins.get("i18n"), "building", False):
            return
        site_dir = Path(config.site_dir)
        try:
            write_api(self.policy, self.as_of, self.site_url, site_dir, self.prerender.texts, self.prerender.fragments())
        except PolicyError as err:
            raise PluginError(f"policy: {err}") from None
        finally:
            self.prerender.close()
        write_search_indexes(site_dir, self.policy.settings.languages, self.default_language)
        write_sitemaps(site_dir, self.policy.settings.languages, self.default_language, self.site_url)
        for lang in self.policy.settings.languages:
            atom = site_dir / file_url(ATOM, lang, self.default_language)
            atom.write_bytes(build_atom(self.policy, lang, self.site_url))

    def on_build_error(self, error: Exception) -> None:
        if self.prerender is not None:
            self.prerender.close()

    def context(self, lang: str) -> Context:
        return self.contexts[lang]

    @property
    def default_language(self) -> str:
        assert self.policy is not None
        return self.policy.settings.default_language

    def lang_of(self, page: MkDocsPage) -> str:
        assert self.policy is not None
        first = page.file.src_uri.split("/", 1)[0]
        return first if first in self.policy.settings.languages else self.default_language


def prune_navigation(nav: Navigation, position: Callable[[MkDocsPage], int | None]) -> Navigation:
    """A flat navigation of the pages that have a position, in that order, linked to each other only."""
    pages = sorted((page for page in nav.pages if position(page) is not None), key=lambda page: position(page) or 0)
    for page in nav.pages:
        page.parent = page.previous_page = page.next_page = None
    for earlier, later in zip(pages, pages[1:], strict=False):
        earlier.next_page, later.previous_page = later, earlier
    pruned = Navigation(list(pages), list(pages))
    pruned.homepage = nav.homepage
    return pruned


def site_url(config: MkDocsConfig) -> str:
    url = config.site_url or ""
    return url if url.endswith("/") else url + "/"


CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def rebase_search(output: str, page_url: str, lang: str, default: str) -> str:
    """Point the theme's `base` at the page's language root, so search loads that language's index."""
    root = "" if lang == default else lang
    base = posixpath.relpath(root or ".", page_url.rstrip("/") or ".")

    def replace(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        config["base"] = base
        return match.group(1) + str(htmlsafe_json_dumps(config)) + match.group(3)

    return CONFIG_SCRIPT.sub(replace, output, count=1)


def write_search_indexes(site_dir: Path, languages: tuple[str, ...], default: str) -> None:
    """Replace the theme's merged search index with one per language, under each language's root."""
    merged = site_dir / "search" / "search_index.json"
    if not merged.is_file():
        return
    indexes = split_index(json.loads(merged.read_text(encoding="utf-8")), languages, default)
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


def sources_fingerprint(root: Path) -> tuple[Any, ...]:
    """Changes when any file under versions/ changes, so `mkdocs serve` re-checks edits."""
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted((root / VERSIONS_DIR).rglob("*"))
        if (stat := path.stat())
    )
