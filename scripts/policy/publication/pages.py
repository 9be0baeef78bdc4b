"""The site's generated pages, as Markdown, built from the versions folder.

Pure functions: given the policy, the as-of date and a language, they return page sources.
The MkDocs plugin (site/plugin.py) only hands these to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..sources.history import Commit
from ..sources.redline import Kind, Redline, compare_texts
from ..sources.versions import Policy, Status, Version
from .labels import Day, label, language_name, plain
from .redline_views import anchor_of, clause_name, redline_html
from .urls import (
    ARCHIVE,
    ARCHIVE_ZIP,
    ATOM,
    CHANGELOG,
    HOME,
    Page,
    changes_path,
    comparison_with_current,
    file_url,
    link,
    page_url,
    pdf_file,
    version_path,
)


@dataclass(frozen=True)
class Context:
    """What every page of one build in one language needs."""

    policy: Policy
    as_of: dt.date
    lang: str
    provenance: Mapping[Path, Commit] = field(default_factory=dict)
    repo_url: str | None = None
    site_url: str = "/"

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def day(self, day: dt.date) -> Day:
        return Day(day, self.lang)

    def version_name(self, version: Version) -> str:
        return self.t("version", id=version.id)

    @cached_property
    def statuses(self) -> dict[str, Status]:
        return self.policy.statuses(self.as_of)


def template_context(ctx: Context, path: str | None, site_url: str) -> dict[str, object]:
    """What the theme override (theme/main.html) shows on a page, in the page's language."""
    settings = ctx.policy.settings
    current = ctx.policy.current(ctx.as_of)
    values: dict[str, object] = {
        "lang": ctx.lang,
        "built_current": current.id if current else None,
        "newer_text": ctx.t("newer_in_force", id="{id}", url="{url}"),
        "share_url": None,
        "atom_url": ctx.site_url + file_url(ATOM, ctx.lang, settings.default_language),
        "atom_title": ctx.t("changelog_title"),
    }
    if path is not None:
        values["share_url"] = site_url + page_url(path, ctx.lang, settings.default_language)
    return values


def not_found_texts(policy: Policy, site_url: str) -> list[dict[str, str]]:
    """What the one 404 page says in each language, with a link to the text in force in it."""
    default = policy.settings.default_language
    return [
        {
            "lang": lang,
            "text": label("not_found", lang),
            "link": label("not_found_link", lang),
            "url": site_url + page_url(HOME, lang, default),
        }
        for lang in policy.settings.languages
    ]


def render_page(page: Page, ctx: Context) -> str:
    """The Markdown source of a generated page in the context's language."""
    if page.path == HOME:
        return render_home(ctx)
    if page.path == ARCHIVE:
        return render_archive(ctx)
    if page.path == CHANGELOG:
        return render_changelog(ctx)
    assert page.version_id is not None
    version = ctx.policy.version(page.version_id)
    if page.base_id is not None:
        return render_changes(ctx.policy.version(page.base_id), version, page.path, ctx)
    return render_version(version, page.path, ctx, home=False)


def render_home(ctx: Context) -> str:
    shown = ctx.policy.current(ctx.as_of) or ctx.policy.upcoming(ctx.as_of)[0]
    return render_version(shown, HOME, ctx, home=True)


def render_version(version: Version, path: str, ctx: Context, home: bool) -> str:
    title_line, _, body = version.read_text(ctx.lang).partition("\n")
    front = front_matter(
        title=ctx.t("home_title") if home else ctx.version_name(version),
        description=plain(
            ctx.t(
                "description",
                title=ctx.policy.settings.title[ctx.lang],
                id=version.id,
                status=status_line(version, path, ctx),
            )
        ),
        search_exclude=home or ctx.statuses[version.id] is Status.SUPERSEDED,
    )
    parts = [front, title_line, status_box(version, path, ctx, home)]
    if ctx.lang != ctx.policy.settings.authoritative_language:
        parts.append(translation_note(path, ctx, version))
    parts.append(body.strip())
    parts += provenance_note(version, ctx)
    return "\n\n".join(parts) + "\n"


def provenance_note(version: Version, ctx: Context) -> list[str]:
    """Which commit last changed this text, and when, linking to its history when repo_url is set."""
    path = version.text_path(ctx.lang)
    commit = ctx.provenance.get(path)
    if commit is None:
        return []
    short = commit.sha[:10]
    relative = path.relative_to(ctx.policy.root).as_posix()
    shown = f"[`{short}`]({ctx.repo_url.rstrip('/')}/commits/{commit.sha}/{relative})" if ctx.repo_url else f"`{short}`"
    day = commit.when.astimezone(ctx.policy.settings.timezone).date()
    note = ctx.t("provenance", date=ctx.day(day), commit=shown)
    return [f'<p class="policy-provenance" markdown>{note}</p>']


def status_line(version: Version, path: str, ctx: Context) -> str:
    """Since when a version is in force, when it will be, or since when another replaced it (linked from path)."""
    status = ctx.statuses[version.id]
    if status is Status.UPCOMING:
        return ctx.t("takes_effect_on", date=ctx.day(version.effective))
    if status is Status.CURRENT:
        return ctx.t("in_force_since", date=ctx.day(version.effective))
    successor = ctx.policy.next(version)
    assert successor is not None
    return ctx.t(
        "superseded_on", date=ctx.day(successor.effective), id=successor.id, url=link(path, version_path(successor.id))
    )


def status_box(version: Version, path: str, ctx: Context, home: bool) -> str:
    status = ctx.statuses[version.id]
    lines = [f"**{ctx.version_name(version)}** · {status_line(version, path, ctx)}"]
    if status is Status.SUPERSEDED:
        comparison = comparison_with_current(ctx.policy, version, ctx.as_of)
        assert comparison is not None
        lines.append(
            f"{ctx.t('not_current')} [{ctx.t('read_current')}]({link(path, HOME)}) · "
            f"[{ctx.t('compare_with_current')}]({link(path, comparison)})"
        )
    elif status is Status.UPCOMING:
        lines.append(f"{ctx.t('not_yet')} [{ctx.t('read_current')}]({link(path, HOME)})")
    else:
        lines += upcoming_notices(path, ctx)
    links = (
        [f"[{changes_link_text(version, ctx)}]({link(path, changes_path(version.id))})"]
        if ctx.policy.previous(version)
        else []
    )
    links.append(f"[{ctx.t('download_pdf')}]({ctx.site_url}{pdf_file(version.id, ctx.lang)})")
    if home:
        links.append(f"[{ctx.t('versions_title')}]({link(path, ARCHIVE)})")
    lines.append(" · ".join(links))
    body = "\n".join(f"<p markdown>{line}</p>" for line in lines)
    return f'<div class="policy-status policy-status--{status.value}" role="note" markdown>\n{body}\n</div>'


def changes_link_text(version: Version, ctx: Context) -> str:
    """ "What changed" for a version in force or past, "what will change" for one to come."""
    return ctx.t("what_will_change" if ctx.statuses[version.id] is Status.UPCOMING else "what_changed")


def upcoming_notices(path: str, ctx: Context) -> list[str]:
    return [
        ctx.t("next_takes_effect", id=v.id, url=link(path, version_path(v.id)), date=ctx.day(v.effective))
        + f" [{ctx.t('what_will_change')}]({link(path, changes_path(v.id))})"
        for v in ctx.policy.upcoming(ctx.as_of)
    ]


def translation_note(path: str, ctx: Context, version: Version) -> str:
    authority = ctx.policy.settings.authoritative_language
    default = ctx.policy.settings.default_language
    here, there = page_url(path, ctx.lang, default), page_url(path, authority, default)
    target = posixpath.relpath(there or ".", here or ".") + "/"
    note = ctx.t("translation_note", language=language_name(authority, ctx.lang), url=target)
    return f'<p class="policy-translation" markdown>{note}</p>'


def render_archive(ctx: Context) -> str:
    header = [
        ctx.t(key) for key in ("col_version", "col_effective", "col_status", "col_summary", "col_changes", "col_pdf")
    ]
    rows = [
        [
            f"[{v.id}]({link(ARCHIVE, version_path(v.id))})",
            str(ctx.day(v.effective)),
            ctx.t(f"status_{ctx.statuses[v.id].value}"),
            v.summary[ctx.lang].replace("|", "\\|"),
            f"[{changes_link_text(v, ctx)}]({link(ARCHIVE, changes_path(v.id))})"
            if ctx.policy.previous(v)
            else ctx.t("first_version"),
            f"[PDF]({ctx.site_url}{pdf_file(v.id, ctx.lang)})",
        ]
        for v in reversed(ctx.policy.versions)
    ]
    table = "\n".join("| " + " | ".join(row) + " |" for row in [header, ["---"] * len(header), *rows])
    title = ctx.t("versions_title")
    intro = ctx.t("versions_intro")
    archive = f"[{ctx.t('download_archive')}]({ctx.site_url}{ARCHIVE_ZIP})"
    return f"{front_matter(title=title, description=intro)}\n\n# {title}\n\n{intro}\n\n{table}\n\n{archive}\n"


def render_changelog(ctx: Context) -> str:
    title = ctx.t("changelog_title")
    entries = [changelog_entry(v, ctx) for v in reversed(ctx.policy.versions)]
    atom = ctx.site_url + file_url(ATOM, ctx.lang, ctx.policy.settings.default_language)
    subscribe = f"[{ctx.t('subscribe')}]({atom})"
    return (
        "\n\n".join(
            [
                front_matter(title=title, description=ctx.t("changelog_intro")),
                f"# {title}",
                ctx.t("changelog_intro"),
                subscribe,
                *entries,
            ]
        )
        + "\n"
    )


def changelog_entry(version: Version, ctx: Context) -> str:
    status = ctx.statuses[version.id]
    kind = ctx.t("material") if version.material else ctx.t("editorial")
    links = [f"[{ctx.t('read_text')}]({link(CHANGELOG, version_path(version.id))})"]
    if ctx.policy.previous(version):
        links.append(f"[{changes_link_text(version, ctx)}]({link(CHANGELOG, changes_path(version.id))})")
    return "\n\n".join(
        [
            f"## {ctx.version_name(version)} — {ctx.day(version.effective)} {{#v{version.id.replace('.', '-')}}}",
            f"**{ctx.t(f'status_{status.value}')}** · {kind}",
            version.summary[ctx.lang],
            " · ".join(links),
        ]
    )


def render_changes(base: Version, version: Version, path: str, ctx: Context) -> str:
    """The redline from one version to a later one, in the context's language."""
    redline = compare_texts(base.read_text(ctx.lang), version.read_text(ctx.lang))
    consecutive = ctx.policy.previous(version) is base
    title = (
        ctx.t("changes_title", id=version.id) if consecutive else ctx.t("compare_title", old=base.id, new=version.id)
    )
    status = f"**{ctx.version_name(version)}** · {status_line(version, path, ctx)}"
    box = (
        f'<div class="policy-status policy-status--{ctx.statuses[version.id].value}" role="note" markdown>\n<p '
        f"markdown>{comparing(base, version, path, ctx)}</p>\n<p markdown>{status}</p>\n</div>"
    )
    parts = [
        front_matter(title=title, description=plain(comparing(base, version, path, ctx)), search_exclude=True),
        f"# {title}",
        box,
    ]
    if consecutive:
        parts.append(version.summary[ctx.lang])
    parts += change_lists(redline, ctx) if redline.has_changes else [ctx.t("no_changes")]
    show, fold = html.escape(ctx.t("show_all")), html.escape(ctx.t("fold_unchanged"))
    controls = f'<button type="button" class="md-button" data-show="{show}" data-fold="{fold}">{show}</button>'
    parts += [
        f"## {ctx.t('text_with_changes')} {{#redline}}",
        f'<p class="redline-legend">{ctx.t("legend")}</p>',
        f'<p class="redline-controls" hidden>{controls}</p>',
        redline_html(redline, ctx.lang),
        f"[{ctx.t('full_text_of', id=version.id)}]({link(path, version_path(version.id))})",
    ]
    return "\n\n".join(parts) + "\n"


def comparing(base: Version, version: Version, path: str, ctx: Context) -> str:
    """Which two versions a page compares, with their dates; the names link to them from path."""
    return ctx.t(
        "compares",
        old=base.id,
        old_url=link(path, version_path(base.id)),
        old_date=ctx.day(base.effective),
        new=version.id,
        new_url=link(path, version_path(version.id)),
        new_date=ctx.day(version.effective),
    )


def change_lists(redline: Redline, ctx: Context) -> list[str]:
    """The changed, added and removed clauses, each linking to its place in the redline."""
    sections = []
    for kind, key in (
        (Kind.CHANGED, "changed_clauses"),
        (Kind.ADDED, "added_clauses"),
        (Kind.REMOVED, "removed_clauses"),
    ):
        changes = redline.of_kind(kind)
        if not changes:
            continue
        items = []
        for change in changes:
            name = clause_name(change, ctx.lang)
            anchor = anchor_of(change)
            item = f"[{name}](#{anchor})" if anchor else name
            if change.renumbered_from:
                item += f" ({ctx.t('renumbered_from', number=change.renumbered_from)})"
            items.append(item)
        sections.append(f"## {ctx.t(key)} {{#{kind.value}}}\n\n" + ", ".join(items))
    return sections


def front_matter(search_exclude: bool = False, **fields: str) -> str:
    """YAML front matter; search_exclude keeps a page out of the search index.

    Search holds the texts in force and to come, on their version pages, which name the
    version. The home page repeats the text in force and a redline repeats both; superseded
    texts would answer every query with one old copy of a clause per version, and grow the
    index each reader downloads with every version; the archive lists them.
    """
    lines = [f"{key}: {yaml_string(value)}" for key, value in fields.items()]
    if search_exclude:
        lines.append("search:\n  exclude: true")
    return "---\n" + "\n".join(lines) + "\n---"


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
