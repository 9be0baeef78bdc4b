"""All MkDocs glue in one place: hands the generated pages to MkDocs (and to static-i18n).

static-i18n localizes only files it finds under docs_dir, and rebuilds File objects without
their content; so each generated page is added in `on_files` as a placeholder path inside
docs_dir (`ky/versions/1.0.md`) and its Markdown is supplied when MkDocs reads the page.
See docs/decisions/0003-generated-pages.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from .commands import require_sound
from .errors import PolicyError
from .site import Context, Page, list_pages, render_page
from .versions import VERSIONS_DIR, Policy, load_policy, resolve_as_of


class PolicyPluginConfig(Config):
    as_of = config_options.Optional(config_options.Type(str))
    """The date deciding which version is in force (YYYY-MM-DD); default $POLICY_AS_OF, else today."""


class PolicyPlugin(BasePlugin[PolicyPluginConfig]):
    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.fingerprint: tuple[Any, ...] = ()
        self.pages: dict[str, tuple[Page, str]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        fingerprint = sources_fingerprint(root)
        if fingerprint != self.fingerprint:  # static-i18n runs a whole build per language
            try:
                settings = load_policy(root)[0].settings
                self.as_of = resolve_as_of(os.environ, settings, self.config.as_of)
                self.policy = require_sound(root, self.as_of)
            except PolicyError as err:
                raise PluginError(f"policy: {err}") from None
            self.fingerprint = fingerprint
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.policy is not None
        self.pages = {}
        for page in list_pages(self.policy):
            for lang in self.policy.settings.languages:
                src_uri = page.src_uri(lang)
                if files.get_file_from_path(src_uri):
                    raise PluginError(f"policy: docs/{src_uri} is generated from {VERSIONS_DIR}/; remove it from docs/")
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
                self.pages[src_uri] = (page, lang)
        return files

    def on_page_read_source(self, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return None
        assert self.policy is not None
        source, lang = generated
        return render_page(source, Context(self.policy, self.as_of, lang))


def sources_fingerprint(root: Path) -> tuple[Any, ...]:
    """Changes when any file under versions/ changes, so `mkdocs serve` re-checks edits."""
    return tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for path in sorted((root / VERSIONS_DIR).rglob("*"))
        if (stat := path.stat())
    )
