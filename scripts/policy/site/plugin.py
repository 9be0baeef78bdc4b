"""The MkDocs plugin: hands the generated pages to MkDocs (and to static-i18n).

static-i18n localizes only files it finds under docs_dir, and rebuilds File objects without
their content; so each generated page is added in `on_files` as a placeholder path inside
docs_dir (`ky/versions/1.0.md`) and its Markdown is supplied when MkDocs reads the page.
See docs/decisions/0003-generated-pages.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from ..api.signing import SIGNING_KEY_VARIABLE, SigningKey, read_signing_keys
from ..errors import PolicyError, SourcesRefusedError
from ..publication.context import Context
from ..publication.pages import not_found_texts, render_page, template_context
from ..publication.urls import ARCHIVE, Page, list_pages
from ..sources.check import check_policy
from ..sources.history import last_changes
from ..sources.versions import VERSIONS_DIR, Policy, load_policy, read_texts, resolve_as_of
from ..verdicts import CleanVerdicts, kept_under, verdicts_kept_under
from .csp import ContentSecurityPolicy, allow_added_script, theme_policy
from .downloads import cache_dir, prune_cache
from .languages import compare_languages
from .outputs import write_outputs
from .palette import name_toggles
from .vendor import copy_vendor_scripts, vendor_scripts
from .worker import Prerender, can_fork_a_worker


class PolicyPluginConfig(Config):
    as_of = config_options.Optional(config_options.Type(str))
    """The date deciding which version is in force (YYYY-MM-DD); default $POLICY_AS_OF, else today."""


@dataclass(frozen=True)
class Build:
    """Everything a build of the site needs, made once when MkDocs reads its configuration."""

    policy: Policy
    as_of: dt.date
    site_url: str
    contexts: Mapping[str, Context]
    """One per language, the default language first: the order static-i18n builds them in."""
    pages: Mapping[str, tuple[Page, str]]
    """Each generated page by its path under docs_dir (`ky/versions/1.0.md`), with its language."""
    prerender: Prerender
    fingerprint: tuple[Any, ...]
    clean_pages: CleanVerdicts
    """The pages found clean of what their Content-Security-Policy blocks (by builds before, too)."""
    signing_keys: tuple[SigningKey, ...] = ()
    """The keys api/v2 is signed with: none, and nothing is signed."""

    @property
    def default_language(self) -> str:
        return self.policy.settings.default_language

    def lang_of(self, page: MkDocsPage) -> str:
        first = page.file.src_uri.split("/", 1)[0]
        return first if first in self.policy.settings.languages else self.default_language


class PolicyPlugin(BasePlugin[PolicyPluginConfig]):
    def __init__(self) -> None:
        self.checked: tuple[Policy, dt.date] | None = None
        """Set by site.build.build_site: the policy it has checked, and the as-of date."""
        self.signing_keys: tuple[SigningKey, ...] | None = None
        """Set by site.build.build_site; otherwise read from $POLICY_SIGNING_KEY."""
        self.current: Build | None = None
        self.csp: ContentSecurityPolicy | None = None
        """The pages' Content-Security-Policy, made from the theme's templates in on_env."""

    @property
    def build(self) -> Build:
        if self.current is None:
            raise PluginError("policy: the plugin has no build: MkDocs did not call on_config")
        return self.current

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        fingerprint = sources_fingerprint(root)
        if self.current is None or fingerprint != self.current.fingerprint:  # static-i18n runs a build per language
            try:
                policy, as_of = self.checked or self.check(root)
                refuse_untranslated(root, policy, config)
                vendor_scripts(policy.root)
                self.start(policy, as_of, config, fingerprint)
            except SourcesRefusedError as refusal:  # named relative to the policy's folder
                raise PluginError(f"policy: {SourcesRefusedError(refusal.problems, root)}") from None
            except PolicyError as err:
                raise PluginError(f"policy: {err}") from None
        config.extra["scope"] = storage_scope(config)
        return config

    def check(self, root: Path) -> tuple[Policy, dt.date]:
        """The sources under root, checked as of the configured date (a build MkDocs started itself)."""
        loaded = load_policy(root)
        as_of = resolve_as_of(os.environ, loaded.policy.settings, self.config.as_of)
        with verdicts_kept_under(root):
            return check_policy(loaded, as_of).sound_policy(), as_of

    def start(self, policy: Policy, as_of: dt.date, config: MkDocsConfig, fingerprint: tuple[Any, ...]) -> None:
        if self.current is not None:
            self.current.prerender.close()
        settings = policy.settings
        url = site_url(config)
        texts = [v.text_path(lang) for v in policy.versions for lang in settings.languages]
        provenance = {str(path): commit for path, commit in last_changes(policy.root, texts).items()}
        in_build_order = [
            settings.default_language,
            *(lang for lang in settings.languages if lang != settings.default_language),
        ]
        contexts = {lang: Context(policy, as_of, lang, provenance, config.repo_url, url) for lang in in_build_order}
        pages = list_pages(policy, as_of)
        prerender = Prerender(
            list(contexts.values()), pages, read_texts(policy), can_fork_a_worker(), cache_dir(policy)
        )
        by_src_uri = {page.src_uri(lang): (page, lang) for page in pages for lang in settings.languages}
        keys = self.signing_keys
        if keys is None:
            keys = read_signing_keys(os.environ.get(SIGNING_KEY_VARIABLE))
        clean_pages = kept_under(policy.root, "pages")
        self.current = Build(policy, as_of, url, contexts, by_src_uri, prerender, fingerprint, clean_pages, keys)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for src_uri in self.build.pages:
            if files.get_file_from_path(src_uri):
                raise PluginError(f"policy: docs/{src_uri} is generated from {VERSIONS_DIR}/; remove it from docs/")
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files

    # After static-i18n (-100), which rebuilds the navigation of each language.
    @event_priority(-200)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Only the home page, the archive and the changelog: a nav listing every version grows with each."""
        in_nav = [src_uri for src_uri, (page, _) in self.build.pages.items() if page.in_nav]
        return prune_navigation(
            nav, lambda page: in_nav.index(page.file.src_uri) if page.file.src_uri in in_nav else None
        )

    def on_page_read_source(self, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        generated = self.build.pages.get(page.file.src_uri)
        if generated is None:
            return None
        source, lang = generated
        ahead = self.build.prerender.page(source, lang)
        return ahead if ahead is not None else render_page(source, self.build.contexts[lang])

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # The theme's scripts, whose hashes make the policy, are rendered with the default language's context.
        build = self.build
        config.site_name = build.policy.settings.title[build.default_language]
        name_toggles(config.theme.get("palette") or [], build.default_language)
        env.globals["policy"] = template_context(build.contexts[build.default_language], None, site_url(config))
        scope = config.extra["scope"]
        self.csp = theme_policy(env, {"config": config, "base_url": scope, "features": config.theme.get("features")})
        env.globals["policy_csp"] = self.csp.meta
        env.filters["searched_in_language"] = self.searched_in_language
        return env

    def searched_in_language(self, config_script: str, page: MkDocsPage | None, config: MkDocsConfig) -> Markup:
        """The theme's configuration script (main.html's block config), with search in the page's
        language, by our worker. A page's index is found relative to it; the 404 page's from the site's
        root, as a host serves that page at any depth."""
        build = self.build
        if isinstance(page, MkDocsPage):
            root = language_root(build.lang_of(page), build.default_language)
            base = posixpath.relpath(root or ".", page.url.rstrip("/") or ".")
        else:
            base = site_path(config) + language_root(language_built(config, build), build.default_language)
        return Markup(rebase_search(config_script, base))

    def on_template_context(
        self, context: TemplateContext, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page in the language static-i18n is building, its language menu linking to each home page."""
        if template_name != NOT_FOUND:
            return context
        build = self.build
        lang = language_built(config, build)
        texts = not_found_texts(build.policy, site_path(config))
        config.site_name = build.policy.settings.title[lang]
        # An attribute, as static-i18n sets it on each page: the templates read it before the key.
        config.extra.alternate = home_alternates(config.extra["alternate"], texts)  # type: ignore[attr-defined]
        context["policy"] = template_context(build.contexts[lang], None, site_url(config))  # type: ignore[typeddict-unknown-key]
        # The root 404 page holds every language: hosts with one 404 page serve it at every path.
        shown = texts if lang == build.default_language else [text for text in texts if text["lang"] == lang]
        context["policy_not_found"] = shown  # type: ignore[typeddict-unknown-key]
        return context

    def on_page_context(
        self, context: TemplateContext, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        build = self.build
        generated = build.pages.get(page.file.src_uri)
        lang = build.lang_of(page)
        values = template_context(build.contexts[lang], generated[0].path if generated else None, site_url(config))
        config.site_name = build.policy.settings.title[lang]  # read by the templates as the page renders
        name_toggles(config.theme.get("palette") or [], lang)
        context["policy"] = values  # type: ignore[typeddict-unknown-key]
        context["nav"] = navigation_of(page, nav, build.pages)
        return context

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        refuse_blocked(output, page.file.dest_uri, self.csp, self.build.clean_pages)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page of the language being built: MkDocs writes 404.html at the root, in every build of
        static-i18n, so another language's is written into its own folder and MkDocs is given nothing."""
        if template_name != NOT_FOUND:  # sitemap.xml
            return output_content
        refuse_blocked(output_content, template_name, self.csp, self.build.clean_pages)
        build = self.build
        root = language_root(language_built(config, build), build.default_language)
        if not root:
            return output_content
        folder = Path(config.site_dir) / root
        folder.mkdir(parents=True, exist_ok=True)  # before the language's pages
        (folder / NOT_FOUND).write_text(output_content, encoding="utf-8")
        return ""

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """`mkdocs serve` adds an inline script to every page it serves, which reloads the page when the
        site is rebuilt; the page's policy would refuse it, so each page served allows its own."""
        add_script = server._inject_js_into_html

        def add_allowed_script(content: bytes, epoch: int) -> bytes:
            served: bytes = add_script(content, epoch)
            end = content.rfind(b"</body>")
            at = len(content) if end < 0 else end
            return allow_added_script(served, served[at : at + len(served) - len(content)])

        server._inject_js_into_html = add_allowed_script  # type: ignore[method-assign]
        return server

    # After static-i18n (-100), which builds the other languages inside its own on_post_build and
    # merges their search indexes: ours runs after each of those builds too, but only the last one,
    # outside them, sees the whole site.
    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if getattr(config.plugins.get("i18n"), "building", False):
            return
        build = self.build
        try:
            site_dir = Path(config.site_dir)
            write_outputs(build.policy, build.as_of, build.site_url, site_dir, build.prerender, build.signing_keys)
            copy_vendor_scripts(build.policy.root, site_dir)
            if self.csp is not None:
                (site_dir / HEADERS_FILE).write_text(self.csp.headers_file(), encoding="utf-8")
            prune_cache(cache_dir(build.policy), build.prerender.downloads())
            build.clean_pages.save()
        except PolicyError as err:
            raise PluginError(f"policy: {err}") from None
        finally:
            build.prerender.close()

    def on_build_error(self, error: Exception) -> None:
        if self.current is not None:
            self.current.prerender.close()


def storage_scope(config: MkDocsConfig) -> str:
    """Where the theme keeps a reader's choices (localStorage): the site's root, written the same on
    every page, so that the theme's inline scripts, and so the pages' policy, are the same on all."""
    return site_path(config)


def site_path(config: MkDocsConfig) -> str:
    """The path of the site's root on its host: `/`, or `/policy/` for a site served from a folder."""
    return urlsplit(site_url(config)).path or "/"


def refuse_blocked(output: str, name: str, csp: ContentSecurityPolicy | None, clean: CleanVerdicts) -> None:
    """Refuse a page the Content-Security-Policy would break: a reader would meet a script that
    does not run, or a page whose policy is missing. A page found clean before, in the same bytes
    under the same policy, is not looked at again: a daily build writes most pages as the day before."""
    if csp is None or f'<meta http-equiv="Content-Security-Policy" content="{csp.meta}">' not in output:
        raise PluginError(
            f"policy: {name} has no Content-Security-Policy: its template must extend main.html "
            "(scripts/policy/site/theme/main.html), which writes it"
        )
    page = output.encode("utf-8")
    digest = clean.digest(csp.meta, page)
    if clean.found_clean_before(digest):
        return
    blocked = csp.blocked(output, page)
    if blocked:
        raise PluginError(
            f"policy: {name} has what its Content-Security-Policy blocks, so a reader's browser would refuse it:\n"
            + "\n".join(f"  {what}" for what in blocked)
            + "\nMove scripts into files under scripts/policy/site/theme/assets/ and load them with src, "
            "handlers into addEventListener there, and styles into assets/policy.css "
            "(docs/decisions/0011-content-security-policy.md)"
        )
    clean.found_clean(digest)


def language_built(config: MkDocsConfig, build: Build) -> str:
    """The language of the build under way: static-i18n sets the theme's language to it in each."""
    lang = str(config.theme.get("language"))
    return lang if lang in build.contexts else build.default_language


def language_root(lang: str, default: str) -> str:
    """The folder of a language's pages: `ky/`, and none for the default language."""
    return "" if lang == default else f"{lang}/"


def home_alternates(alternates: list[dict[str, str]], texts: list[dict[str, str]]) -> list[dict[str, str]]:
    """The theme's language menu (extra.alternate) linking to each language's home page."""
    homes = {text["lang"]: text["home_url"] for text in texts}
    return [alternate | {"link": homes[alternate["lang"]]} for alternate in alternates if alternate["lang"] in homes]


def refuse_untranslated(root: Path, policy: Policy, config: MkDocsConfig) -> None:
    """Refuse a site configured for other languages than policy.toml, or lacking texts in one."""
    i18n = config.plugins.get("i18n")
    locales = [language.locale for language in i18n.config.languages] if i18n else []
    problems = compare_languages(root, policy.settings, locales, config.theme.get("language"))
    if problems:
        raise PolicyError(
            "the site does not speak every language of the policy:\n" + "\n".join(p.describe(root) for p in problems)
        )


def prune_navigation(nav: Navigation, position: Callable[[MkDocsPage], int | None]) -> Navigation:
    """A flat navigation of the pages that have a position, in that order, linked to each other only."""
    pages = sorted((page for page in nav.pages if position(page) is not None), key=lambda page: position(page) or 0)
    for page in nav.pages:
        page.parent = page.previous_page = page.next_page = None
    for earlier, later in itertools.pairwise(pages):
        earlier.next_page, later.previous_page = later, earlier
    pruned = Navigation(list(pages), list(pages))
    pruned.homepage = nav.homepage
    return pruned


def navigation_of(page: MkDocsPage, nav: Navigation, generated: Mapping[str, tuple[Page, str]]) -> Navigation:
    """The navigation, showing a page outside it after the archive that lists it.

    The theme puts the page's table of contents in the navigation on phones, and its `__toc`
    toggle there too: a page missing from the navigation would lose both.
    """
    if page in nav.pages:
        return nav
    after = next(i for i, p in enumerate(nav.pages) if generated[p.file.src_uri][0].path == ARCHIVE) + 1
    pages = [*nav.pages[:after], page, *nav.pages[after:]]
    navigation = Navigation(pages, pages)
    navigation.homepage = nav.homepage
    return navigation


def site_url(config: MkDocsConfig) -> str:
    url = config.site_url or ""
    return url if url.endswith("/") else url + "/"


CONFIG_START, CONFIG_END = '<script id="__config" type="application/json">', "</script>"
NOT_FOUND = "404.html"
"""The theme's template of the page a host serves for a missing path; one per language."""
HEADERS_FILE = "_headers"
"""The headers every file is served with, as Netlify and Cloudflare Pages read them (docs/hosting.md)."""
SEARCH_WORKER = "policy-search.js"
"""Beside the theme's search worker, which it loads (theme/assets/javascripts/workers/policy-search.js)."""


def rebase_search(output: str, base: str) -> str:
    """Point the theme's `base` at the page's language root, so search loads that language's index,
    and its search at our worker, which runs the theme's and puts a clause asked for by number first."""
    start = output.find(CONFIG_START)
    end = output.find(CONFIG_END, start)
    if start < 0 or end < 0:
        return output
    start += len(CONFIG_START)
    return output[:start] + rebased(output[start:end], base) + output[end:]


@functools.lru_cache(maxsize=256)  # pages at the same depth in one language carry the same configuration
def rebased(config_json: str, base: str) -> str:
    config = json.loads(config_json)
    config["base"] = base
    folder, theme_worker = posixpath.split(config["search"])
    config["search"] = f"{folder}/{SEARCH_WORKER}?theme={theme_worker}"
    return str(htmlsafe_json_dumps(config))


def sources_fingerprint(root: Path) -> tuple[Any, ...]:
    """Changes when any file under versions/ changes, so `mkdocs serve` re-checks edits."""
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted((root / VERSIONS_DIR).rglob("*"))
        if (stat := path.stat())
    )
