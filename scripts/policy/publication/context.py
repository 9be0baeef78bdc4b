"""What every generated page shares: the context of one build in one language, its front matter, the
status line of a version, and what the pages borrow from the theme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..sources.history import Commit
from ..sources.versions import Policy, Status, Version
from .labels import Day, label
from .urls import link, version_path

# What the pages borrow from the theme (mkdocs-material): its button style, and the attribute its
# search leaves out. The one place outside site/ that knows the theme.
BUTTON = 'class="md-button"'
NOT_SEARCHED = "data-search-exclude"
# The mark of an element that depends on the day a page is read (see dated).
DATED = "data-dated"


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
    built_as_of: dt.date | None = None
    """In a part of a page written as of a later day (dated, as_of that day), the build's as-of date."""

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def day(self, day: dt.date) -> Day:
        return Day(day, self.lang)

    def version_name(self, version: Version) -> str:
        return self.t("version", id=version.id)

    @property
    def build_day(self) -> dt.date:
        return self.built_as_of or self.as_of

    @cached_property
    def statuses(self) -> Mapping[str, Status]:
        return self.policy.statuses(self.as_of)


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


def dated(part: Callable[[Context], str], ctx: Context, markdown: bool = True) -> str:
    """A part of a page that depends on the day it is read, one element marked DATED: as built, then as
    the build would write it on each later day a version takes effect, where it differs, in a <template>
    that policy.js puts in its place once the reader's clock has reached the start of that day in the
    policy's time zone (the app's rule: the latest effective_from at or before now). Without
    JavaScript, or on a day before, the part stands as built. markdown: the part is Markdown, not HTML."""
    written = part(ctx)
    parts = [written]
    for version in ctx.policy.upcoming(ctx.as_of):
        later = part(replace(ctx, as_of=version.effective, built_as_of=ctx.build_day))
        if later != written:
            start = version.effective_from(ctx.policy.settings).isoformat()
            opening = f'<template data-from="{start}" {NOT_SEARCHED}{" markdown" if markdown else ""}>'
            parts.append(f"{opening}\n{later}\n</template>")
        written = later
    return "\n".join(parts)


def changes_link_text(version: Version, ctx: Context) -> str:
    """ "What changed" for a version in force or past, "what will change" for one to come."""
    return ctx.t("what_will_change" if ctx.statuses[version.id] is Status.UPCOMING else "what_changed")


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
