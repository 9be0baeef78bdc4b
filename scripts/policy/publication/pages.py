"""The site's generated pages, as Markdown, built from the versions folder.

Pure functions: given the policy, the as-of date and a language, they return page sources.
The MkDocs plugin (site/plugin.py) only hands these to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..sources.history import Commit
from ..sources.redline import Kind, Redline, compare_texts
from ..sources.versions import Policy, Status, Version
from .labels import Day, change_kind, label, language_name, plain
from .redline_views import anchor_of, clause_name, redline_html
from .urls import (
    ARCHIVE,
    ARCHIVE_ZIP,
    ATOM,
    CHANGELOG,
    COMPARE,
    HOME,
    Page,
    changes_path,
    compare_url,
    comparison_with_current,
    comparisons_with_current,
    file_url,
    link,
    page_url,
    pdf_file,
    url_between,
    version_path,
)

# What the pages borrow from the theme (mkdocs-material): its button style, and the attribute its
# search leaves out. The one place outside site/ that knows the theme.
BUTTON = 'class="md-button"'
NOT_SEARCHED = "data-search-exclude"


@dataclass(frozen=True)
class Context:
    """What every page of one build in one language needs."""

    policy: Policy
    as_of: dt.date
    lang: str
    provenance: Mapping[str, Commit] = field(default_factory=dict)
    """The commit that last changed each text, by its path as a string: every task of the build's worker
    carries the context, and strings travel ten times faster than paths."""
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
        "atom_path": file_url(ATOM, ctx.lang, settings.default_language),
        "atom_title": ctx.t("changelog_title"),
        "compare": path == COMPARE,
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
    if page.path == COMPARE:
        return render_compare(ctx)
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
        parts.append(translation_note(path, ctx))
    parts.append(body.strip())
    parts += provenance_note(version, ctx)
    return "\n\n".join(parts) + "\n"


def provenance_note(version: Version, ctx: Context) -> list[str]:
    """Which commit last changed this text, and when, linking to its history when repo_url is set."""
    path = version.text_path(ctx.lang)
    commit = ctx.provenance.get(str(path))
    if commit is None:
        return []
    short = commit.sha[:10]
    relative = path.relative_to(ctx.policy.root).as_posix()
    shown = f"[`{short}`]({ctx.repo_url.rstrip('/')}/commits/{commit.sha}/{relative})" if ctx.repo_url else f"`{short}`"
    day = commit.when.astimezone(ctx.policy.settings.timezone).date()
    note = ctx.t(provenance_key(version, commit, ctx), date=ctx.day(day), commit=shown)
    return [f'<p class="policy-provenance" markdown>{note}</p>']


def provenance_key(version: Version, commit: Commit, ctx: Context) -> str:
    """A text in force is frozen: its last change came before its date, or (a text recorded as it was
    already published) it was added after it; an upcoming text may still change."""
    if ctx.statuses[version.id] is Status.UPCOMING:
        return "provenance"
    return "provenance_before" if commit.when < version.effective_from(ctx.policy.settings) else "provenance_after"


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
    links += compare_links(version, path, ctx)
    links.append(f"[{ctx.t('download_pdf')}]({ctx.site_url}{pdf_file(version.id, ctx.lang)})")
    if home:
        # The one link of the box that leads away from the texts: it does not carry a clause's anchor.
        links.append(f"[{ctx.t('versions_title')}]({link(path, ARCHIVE)}){{: .policy-away }}")
    lines.append(" · ".join(links))
    body = "\n".join(f"<p markdown>{line}</p>" for line in lines)
    # Left out of search: its clause-like "1.0 versiyasi" would read as clause 1.0 (search.py).
    return (
        f'<div class="policy-status policy-status--{status.value}" role="note" {NOT_SEARCHED} markdown>\n{body}\n</div>'
    )


def compare_links(version: Version, path: str, ctx: Context) -> list[str]:
    """A link comparing this version with the one before it (the first: after it) in the browser."""
    previous, following = ctx.policy.previous(version), ctx.policy.next(version)
    if previous is None and following is None:
        return []
    base, new = (previous, version) if previous else (version, following)
    assert base is not None and new is not None
    return [f"[{ctx.t('compare_any')}]({compare_url(path, base.id, new.id)})"]


def changes_link_text(version: Version, ctx: Context) -> str:
    """ "What changed" for a version in force or past, "what will change" for one to come."""
    return ctx.t("what_will_change" if ctx.statuses[version.id] is Status.UPCOMING else "what_changed")


def upcoming_notices(path: str, ctx: Context) -> list[str]:
    return [
        ctx.t("next_takes_effect", id=v.id, url=link(path, version_path(v.id)), date=ctx.day(v.effective))
        + f" [{ctx.t('what_will_change')}]({link(path, changes_path(v.id))})"
        for v in ctx.policy.upcoming(ctx.as_of)
    ]


def translation_note(path: str, ctx: Context) -> str:
    authority = ctx.policy.settings.authoritative_language
    default = ctx.policy.settings.default_language
    here, there = page_url(path, ctx.lang, default), page_url(path, authority, default)
    target = posixpath.relpath(there or ".", here or ".") + "/"
    note = ctx.t("translation_note", language=language_name(authority, ctx.lang), url=target)
    return f'<p class="policy-translation" markdown>{note}</p>'


def render_archive(ctx: Context) -> str:
    title = ctx.t("versions_title")
    intro = ctx.t("versions_intro")
    parts = [front_matter(title=title, description=intro), f"# {title}", intro]
    if len(ctx.policy.versions) > 1:
        parts.append(f"[{ctx.t('compare_any')}]({link(ARCHIVE, COMPARE)})")
    parts += [date_lookup(ctx), versions_table(ctx), f"[{ctx.t('download_archive')}]({ctx.site_url}{ARCHIVE_ZIP})"]
    return "\n\n".join(parts) + "\n"


def versions_table(ctx: Context) -> str:
    """Every version, newest first: a table, which narrow screens show as a list (each cell labelled)."""
    keys = ("col_version", "col_effective", "col_status", "col_summary", "col_changes", "col_pdf")
    header = "".join(f'<th scope="col">{html.escape(ctx.t(key))}</th>' for key in keys)
    rows = []
    for v in reversed(ctx.policy.versions):
        changes = (
            f'<a href="{url_between(ARCHIVE, changes_path(v.id))}">{html.escape(changes_link_text(v, ctx))}</a>'
            if ctx.policy.previous(v)
            else html.escape(ctx.t("first_version"))
        )
        cells = (
            f'<a href="{url_between(ARCHIVE, version_path(v.id))}">{v.id}</a>',
            html.escape(str(ctx.day(v.effective))),
            html.escape(ctx.t(f"status_{ctx.statuses[v.id].value}")),
            html.escape(v.summary[ctx.lang]),
            changes,
            f'<a href="{ctx.site_url}{pdf_file(v.id, ctx.lang)}">PDF</a>',
        )
        row = "".join(
            f'<td data-label="{html.escape(ctx.t(key))}">{cell}</td>' for key, cell in zip(keys, cells, strict=True)
        )
        effective_from = v.effective_from(ctx.policy.settings).isoformat()
        rows.append(f'<tr data-version="{v.id}" data-effective-from="{effective_from}">{row}</tr>')
    body = "\n".join(rows)
    return f'<table class="policy-versions">\n<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def date_lookup(ctx: Context) -> str:
    """Which version applied on a date (`versions/?on=2026-12-20`), answered in the browser by the
    app's rule (policy.js): the latest to take effect at or before that day's start in the policy's
    time zone. Each answer is written here; without JavaScript the page says the field needs it."""
    first = ctx.policy.versions[0]
    answers = [
        f'<p data-version="{v.id}" markdown>'
        + ctx.t("on_date_version", id=v.id, url=link(ARCHIVE, version_path(v.id)), date=ctx.day(v.effective))
        + "</p>"
        for v in ctx.policy.versions
    ]
    answers.append(f'<p data-version="" markdown>{ctx.t("on_date_none", date=ctx.day(first.effective))}</p>')
    timezone = ctx.policy.settings.timezone.key
    return "\n".join(
        [
            f'<form class="policy-on-date" method="get" data-timezone="{timezone}" hidden {NOT_SEARCHED}>',
            f'<p><label for="policy-on">{html.escape(ctx.t("on_date_label"))}</label>',
            '<input type="date" id="policy-on" name="on" required>',
            f'<button type="submit" {BUTTON}>{html.escape(ctx.t("on_date_button"))}</button></p>',
            '<p class="policy-on-date__answer" role="status"></p>',
            "</form>",
            f"<noscript {NOT_SEARCHED}><p>{html.escape(ctx.t('on_date_needs_js'))}</p></noscript>",
            f'<div class="policy-on-date__answers" hidden {NOT_SEARCHED} markdown>',
            *answers,
            "</div>",
        ]
    )


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


def render_compare(ctx: Context) -> str:
    """Any two versions, compared in the browser from the published texts (theme/assets/compare.js).

    The choices and every text the comparison shows are written here; without JavaScript the page
    says so and lists the comparisons the build made.
    """
    title, intro = ctx.t("compare_any_title"), ctx.t("compare_any_intro")
    current = ctx.policy.current(ctx.as_of) or ctx.policy.versions[-1]
    base = ctx.policy.previous(current) or ctx.policy.next(current)
    assert base is not None  # the page exists when there are two versions
    base, current = sorted((base, current), key=lambda v: v.key)
    form = [
        '<form class="policy-compare" method="get" hidden>',
        compare_select(ctx, "from", "compare_from", base),
        compare_select(ctx, "to", "compare_to", current),
        f'<p><button type="submit" {BUTTON}>{html.escape(ctx.t("compare_button"))}</button></p>',
        "</form>",
    ]
    prebuilt = "".join(f'<li><a href="{url}">{html.escape(name)}</a></li>' for name, url in prebuilt_redlines(ctx))
    parts = [
        front_matter(title=title, description=intro, search_exclude=True),
        f"# {title}",
        intro,
        "\n".join(form),
        f"<noscript><p>{html.escape(ctx.t('compare_needs_js'))}</p>\n<ul>{prebuilt}</ul></noscript>",
        '<p class="policy-compare__status" role="status"></p>',
        '<div class="policy-compare__result"></div>',
        compare_texts_json(ctx),
    ]
    return "\n\n".join(parts) + "\n"


def compare_select(ctx: Context, name: str, key: str, chosen: Version) -> str:
    options = "".join(
        f'<option value="{v.id}" data-url="{url_between(COMPARE, version_path(v.id))}" '
        f'data-date="{html.escape(str(ctx.day(v.effective)))}"{" selected" if v is chosen else ""}>'
        f"{html.escape(ctx.version_name(v))} — {html.escape(str(ctx.day(v.effective)))}</option>"
        for v in reversed(ctx.policy.versions)
    )
    field = f"compare-{name}"
    label = html.escape(ctx.t(key))
    return f'<p><label for="{field}">{label}</label> <select id="{field}" name="{name}">{options}</select></p>'


def prebuilt_redlines(ctx: Context) -> list[tuple[str, str]]:
    """The comparisons the build made, newest first: each version's changes, then those with the version in force."""
    pages = [
        (ctx.t("changes_title", id=v.id), changes_path(v.id))
        for v in reversed(ctx.policy.versions)
        if ctx.policy.previous(v)
    ]
    pages += [
        (ctx.t("compare_title", old=page.base_id, new=page.version_id), page.path)
        for page in comparisons_with_current(ctx.policy, ctx.as_of)
    ]
    return [(name, url_between(COMPARE, path)) for name, path in pages]


# What compare.js says, in the page's language; {placeholders} are filled in the browser.
COMPARE_TEXTS = {
    "compares": ("old", "old_url", "old_date", "new", "new_url", "new_date"),
    "changed_clauses": (),
    "added_clauses": (),
    "removed_clauses": (),
    "renumbered_from": ("number",),
    "title_block": (),
    "unnumbered_block": (),
    "no_changes": (),
    "text_with_changes": (),
    "legend": (),
    "unchanged_fold": ("clauses",),
    "unchanged_fold_plain": (),
    "show_all": (),
    "fold_unchanged": (),
    "deleted": (),
    "inserted": (),
    "full_text_of": ("id",),
    "compare_same": (),
    "compare_failed": (),
}


def compare_texts_json(ctx: Context) -> str:
    texts = {key: ctx.t(key, **{name: f"{{{name}}}" for name in names}) for key, names in COMPARE_TEXTS.items()}
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="policy-compare-texts">{data}</script>'


def changelog_entry(version: Version, ctx: Context) -> str:
    status = ctx.statuses[version.id]
    kind = change_kind(ctx.policy, version, ctx.lang)
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
    controls = f'<button type="button" {BUTTON} data-show="{show}" data-fold="{fold}">{show}</button>'
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
