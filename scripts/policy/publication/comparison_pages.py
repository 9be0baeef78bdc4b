"""The pages that compare versions: a redline between two versions (the "what changed" pages), and the page
comparing any two in the browser (theme/assets/compare.js), with every text it shows."""

from __future__ import annotations

import html
import json
from dataclasses import replace

from ..sources.redline import Kind, Redline, compare_texts
from ..sources.versions import Version
from .context import BUTTON, DATED, Context, dated, front_matter, status_line
from .labels import plain
from .redline_views import anchor_of, clause_name, redline_html
from .urls import COMPARE, changes_path, comparisons_with_current, link, url_between, version_path


def render_changes(base: Version, version: Version, path: str, ctx: Context) -> str:
    """The redline from one version to a later one, in the context's language."""
    redline = compare_texts(base.read_text(ctx.lang), version.read_text(ctx.lang))
    consecutive = ctx.policy.previous(version) is base
    title = (
        ctx.t("changes_title", id=version.id) if consecutive else ctx.t("compare_title", old=base.id, new=version.id)
    )
    parts = [
        front_matter(title=title, description=plain(comparing(base, version, path, ctx)), search_exclude=True),
        f"# {title}",
        dated(lambda at: changes_status_box(base, version, path, at), ctx),
    ]
    if consecutive:
        parts.append(html.escape(version.summary[ctx.lang], quote=False))
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


def changes_status_box(base: Version, version: Version, path: str, ctx: Context) -> str:
    status = f"**{ctx.version_name(version)}** · {status_line(version, path, ctx)}"
    return (
        f'<div class="policy-status policy-status--{ctx.statuses[version.id].value}" role="note" {DATED} markdown>\n'
        f"<p markdown>{comparing(base, version, path, ctx)}</p>\n<p markdown>{status}</p>\n</div>"
    )


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
    """The changed clauses, those whose typography alone changed, the added and the removed, each
    linking to its place in the redline."""
    sections = []
    for kind, key in (
        (Kind.CHANGED, "changed_clauses"),
        (Kind.TYPOGRAPHY, "typography_clauses"),
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


def render_compare(ctx: Context) -> str:
    """Any two versions, compared in the browser from the published texts (theme/assets/compare.js).

    The choices and every text the comparison shows are written here; without JavaScript the page
    says so and lists the comparisons the build made.
    """
    title, intro = ctx.t("compare_any_title"), ctx.t("compare_any_intro")
    base, current = default_pair(ctx)
    later = later_pairs(ctx)
    choices = f' data-later="{later}"' if later else ""
    form = [
        f'<form class="policy-compare" method="get" hidden{choices}>',
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


def default_pair(ctx: Context) -> tuple[Version, Version]:
    """What the page compares unless asked: the version in force and the one before it."""
    current = ctx.policy.current(ctx.as_of) or ctx.policy.versions[-1]
    base = ctx.policy.previous(current) or ctx.policy.next(current)
    assert base is not None  # the page exists when there are two versions
    older, newer = sorted((base, current), key=lambda v: v.key)
    return older, newer


def later_pairs(ctx: Context) -> str:
    """The default pair from each later day a version takes effect, where it changes, for compare.js to
    choose from by the reader's clock (as policy.js chooses a dated part): `<start> <from> <to>`, by commas."""
    pairs, chosen = [], default_pair(ctx)
    for version in ctx.policy.upcoming(ctx.as_of):
        later = default_pair(replace(ctx, as_of=version.effective))
        if later != chosen:
            pairs.append(f"{version.effective_from(ctx.policy.settings).isoformat()} {later[0].id} {later[1].id}")
        chosen = later
    return ",".join(pairs)


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
    "typography_clauses": (),
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
    "typography_fold": ("clauses",),
    "typography_fold_plain": (),
    "show_all": (),
    "fold_unchanged": (),
    "deleted": (),
    "inserted": (),
    "full_text_of": ("id",),
    "compare_same": (),
    "compare_failed": (),
    "compare_unknown": ("id",),
}


def compare_texts_json(ctx: Context) -> str:
    texts = {key: ctx.t(key, **{name: f"{{{name}}}" for name in names}) for key, names in COMPARE_TEXTS.items()}
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="policy-compare-texts">{data}</script>'
