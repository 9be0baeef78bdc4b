"""A version's page, and the home page, which shows the version in force: its text, the box saying where it
stands among the versions, the note on a translation and the commit that last changed it."""

from __future__ import annotations

import posixpath

from ..sources.history import Commit
from ..sources.versions import Status, Version
from .context import DATED, NOT_SEARCHED, Context, changes_link_text, dated, front_matter, status_line
from .labels import language_name, plain
from .urls import (
    ARCHIVE,
    HOME,
    changes_path,
    compare_url,
    comparison_with_current,
    link,
    page_url,
    pdf_file,
    version_path,
)


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
    parts = [front, title_line, dated(lambda at: status_box(version, path, at, home), ctx)]
    if ctx.lang != ctx.policy.settings.authoritative_language:
        parts.append(translation_note(path, ctx))
    parts.append(body.strip())
    if str(version.text_path(ctx.lang)) in ctx.provenance:
        parts.append(dated(lambda at: provenance_note(version, at), ctx))
    return "\n\n".join(parts) + "\n"


def provenance_note(version: Version, ctx: Context) -> str:
    """Which commit last changed this text, and when, linking to its history when repo_url is set."""
    path = version.text_path(ctx.lang)
    commit = ctx.provenance[str(path)]
    short = commit.sha[:10]
    relative = path.relative_to(ctx.policy.root).as_posix()
    shown = f"[`{short}`]({ctx.repo_url.rstrip('/')}/commits/{commit.sha}/{relative})" if ctx.repo_url else f"`{short}`"
    day = commit.when.astimezone(ctx.policy.settings.timezone).date()
    note = ctx.t(provenance_key(version, commit, ctx), date=ctx.day(day), commit=shown)
    return f'<p class="policy-provenance" {NOT_SEARCHED} {DATED} markdown>{note}</p>'


def provenance_key(version: Version, commit: Commit, ctx: Context) -> str:
    """A text in force is frozen: its last change came before its date, or (a text recorded as it was
    already published) it was added after it; an upcoming text may still change."""
    if ctx.statuses[version.id] is Status.UPCOMING:
        return "provenance"
    return "provenance_before" if commit.when < version.effective_from(ctx.policy.settings) else "provenance_after"


def status_box(version: Version, path: str, ctx: Context, home: bool) -> str:
    status = ctx.statuses[version.id]
    lines = [f"**{ctx.version_name(version)}** · {status_line(version, path, ctx)}"]
    if status is Status.SUPERSEDED:
        current = ctx.policy.current(ctx.as_of)
        assert current is not None
        # The home page superseded is a copy read after the day its successor took effect.
        current_page = version_path(current.id) if home else HOME
        lines.append(
            f"{ctx.t('not_current')} [{ctx.t('read_current')}]({link(path, current_page)}) · "
            f"[{ctx.t('compare_with_current')}]({comparison_url(version, current, path, ctx)})"
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
        links.append(f'<span class="policy-away">[{ctx.t("versions_title")}]({link(path, ARCHIVE)})</span>')
    lines.append(" · ".join(links))
    body = "\n".join(f"<p markdown>{line}</p>" for line in lines)
    # Left out of search: its clause-like "1.0 versiyasi" would read as clause 1.0 (search.py).
    opening = f'<div class="policy-status policy-status--{status.value}" role="note" {NOT_SEARCHED} {DATED} markdown>'
    return f"{opening}\n{body}\n</div>"


def comparison_url(version: Version, current: Version, path: str, ctx: Context) -> str:
    """The page comparing a superseded version with the version in force; in a part written as of a later
    day, whose version in force this build makes no comparison pages with, the comparison in the browser."""
    comparison = comparison_with_current(ctx.policy, version, ctx.as_of)
    assert comparison is not None
    if comparison == changes_path(current.id) or ctx.policy.current(ctx.build_day) is current:
        return link(path, comparison)
    return compare_url(path, version.id, current.id)


def compare_links(version: Version, path: str, ctx: Context) -> list[str]:
    """A link comparing this version with the one before it (the first: after it) in the browser."""
    previous, following = ctx.policy.previous(version), ctx.policy.next(version)
    if previous is None and following is None:
        return []
    base, new = (previous, version) if previous else (version, following)
    assert base is not None
    assert new is not None
    return [f"[{ctx.t('compare_any')}]({compare_url(path, base.id, new.id)})"]


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
