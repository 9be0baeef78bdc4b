"""The pages that list the versions: the archive (with the date lookup) and the changelog."""

from __future__ import annotations

import html
from functools import partial

from ..sources.versions import Version
from .context import BUTTON, DATED, NOT_SEARCHED, Context, changes_link_text, dated, front_matter
from .labels import change_kind
from .urls import (
    ARCHIVE,
    ARCHIVE_ZIP,
    ATOM,
    CHANGELOG,
    COMPARE,
    changes_path,
    file_url,
    link,
    pdf_file,
    url_between,
    version_path,
)


def render_archive(ctx: Context) -> str:
    title = ctx.t("versions_title")
    intro = ctx.t("versions_intro")
    parts = [front_matter(title=title, description=intro), f"# {title}", intro]
    if len(ctx.policy.versions) > 1:
        parts.append(f"[{ctx.t('compare_any')}]({link(ARCHIVE, COMPARE)})")
    parts += [date_lookup(ctx), versions_table(ctx), f"[{ctx.t('download_archive')}]({ctx.site_url}{ARCHIVE_ZIP})"]
    return "\n\n".join(parts) + "\n"


COLUMNS = ("col_version", "col_effective", "col_status", "col_summary", "col_changes", "col_pdf")


def versions_table(ctx: Context) -> str:
    """Every version, newest first: a table, which narrow screens show as a list (each cell labelled)."""
    header = "".join(f'<th scope="col">{html.escape(ctx.t(key))}</th>' for key in COLUMNS)
    rows = [dated(partial(version_row, v), ctx, markdown=False) for v in reversed(ctx.policy.versions)]
    body = "\n".join(rows)
    # Not searched: the search's text of a table runs its cells together, its statuses date with
    # the page, and the changelog's entries hold each version's summary and status already.
    head = f"<thead><tr>{header}</tr></thead>"
    return f'<table class="policy-versions" {NOT_SEARCHED}>\n{head}\n<tbody>\n{body}\n</tbody>\n</table>'


def version_row(v: Version, ctx: Context) -> str:
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
        f'<td data-label="{html.escape(ctx.t(key))}">{cell}</td>' for key, cell in zip(COLUMNS, cells, strict=True)
    )
    effective_from = v.effective_from(ctx.policy.settings).isoformat()
    return f'<tr data-version="{v.id}" data-effective-from="{effective_from}" {DATED}>{row}</tr>'


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
            f'<form class="policy-on-date" method="get" data-timezone="{timezone}" hidden {NOT_SEARCHED}'
            f' data-impossible="{html.escape(ctx.t("on_date_impossible", asked="{asked}"))}">',
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


def changelog_entry(version: Version, ctx: Context) -> str:
    return "\n\n".join(
        [
            f"## {ctx.version_name(version)} — {ctx.day(version.effective)} {{#v{version.id.replace('.', '-')}}}",
            dated(lambda at: changelog_status(version, at), ctx),
            html.escape(version.summary[ctx.lang], quote=False),
            dated(lambda at: changelog_links(version, at), ctx),
        ]
    )


def changelog_status(version: Version, ctx: Context) -> str:
    status = ctx.t(f"status_{ctx.statuses[version.id].value}")
    return f"<p {DATED} markdown>**{status}** · {change_kind(ctx.policy, version, ctx.lang)}</p>"


def changelog_links(version: Version, ctx: Context) -> str:
    links = [f"[{ctx.t('read_text')}]({link(CHANGELOG, version_path(version.id))})"]
    if ctx.policy.previous(version):
        links.append(f"[{changes_link_text(version, ctx)}]({link(CHANGELOG, changes_path(version.id))})")
    return f"<p {DATED} markdown>{' · '.join(links)}</p>"
