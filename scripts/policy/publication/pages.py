"""The site's generated pages, as Markdown, built from the versions folder.

Pure functions: given the policy, the as-of date and a language, they return page sources.
The MkDocs plugin (site/plugin.py) only hands these to MkDocs.
"""

from __future__ import annotations

from ..sources.versions import Policy
from .comparison_pages import render_changes, render_compare
from .context import Context
from .history_pages import render_archive, render_changelog
from .labels import label
from .urls import API_V1, ARCHIVE, ATOM, CHANGELOG, COMPARE, FEED_FILE, HOME, Page, file_url, page_url
from .version_page import render_home, render_version


def template_context(ctx: Context, path: str | None, site_url: str) -> dict[str, object]:
    """What the theme override (theme/main.html) shows on a page, in the page's language."""
    settings = ctx.policy.settings
    current = ctx.policy.current(ctx.as_of)
    values: dict[str, object] = {
        "lang": ctx.lang,
        "built_current": current.id if current else None,
        "newer_text": ctx.t("newer_in_force", id="{id}", url="{url}"),
        "share_url": None,
        "atom_path": file_url(ATOM, ctx.lang, settings.default_language),
        "atom_title": ctx.t("changelog_title"),
        "compare": path == COMPARE,
        "feed": f"{API_V1}/{FEED_FILE}",
    }
    if path is not None:
        values["share_url"] = site_url + page_url(path, ctx.lang, settings.default_language)
    return values


def not_found_texts(policy: Policy, site_path: str) -> list[dict[str, str]]:
    """What the 404 page says in each language, the default language first, with links to that
    language's home page and archive as absolute paths under site_path (`/`): a 404 page is served
    at whatever path was missing."""
    settings = policy.settings
    default = settings.default_language
    languages = [default, *(lang for lang in settings.languages if lang != default)]
    return [
        {
            "lang": lang,
            "title": f"404 – {label('not_found_title', lang)} – {settings.title[lang]}",
            "heading": label("not_found_title", lang),
            "text": label("not_found", lang),
            "home_url": site_path + page_url(HOME, lang, default),
            "home": label("not_found_link", lang),
            "archive_url": site_path + page_url(ARCHIVE, lang, default),
            "archive": label("versions_title", lang),
        }
        for lang in languages
    ]


def render_page(page: Page, ctx: Context) -> str:
    """The Markdown source of a generated page in the context's language."""
    if page.path == HOME:
        return render_home(ctx)
    if page.path == ARCHIVE:
        return render_archive(ctx)
    if page.path == CHANGELOG:
        return render_changelog(ctx)
    if page.path == COMPARE:
        return render_compare(ctx)
    assert page.version_id is not None
    version = ctx.policy.version(page.version_id)
    if page.base_id is not None:
        return render_changes(ctx.policy.version(page.base_id), version, page.path, ctx)
    return render_version(version, page.path, ctx, home=False)
