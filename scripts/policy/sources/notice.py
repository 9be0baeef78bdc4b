"""The notice rule: users get notice of a material change before it takes effect.

A material version must take effect at least `notice_days` after the day it first reached the
published branch (read from git history), or, while it is not merged yet, after the as-of date.
The first version is exempt: it changes nothing users had accepted.
"""

from __future__ import annotations

import datetime as dt

from ..errors import Problem
from .history import PublishedHistory
from .versions import METADATA_FILE, Policy, Version


def find_short_notices(policy: Policy, as_of: dt.date, history: PublishedHistory | None) -> list[Problem]:
    """Material versions announced less than the notice period before they take effect."""
    notice = dt.timedelta(days=policy.settings.notice_days)
    problems = []
    for version in policy.versions[1:]:
        if not version.material:
            continue
        announced, where = announcement(policy, version, as_of, history)
        earliest = announced + notice
        if version.effective < earliest:
            problems.append(
                Problem(
                    version.folder / METADATA_FILE,
                    None,
                    (
                        f"version {version.id} is a material change taking effect on {version.effective}, "
                        f"{(version.effective - announced).days} day(s) after {where} ({announced}); "
                        f"users must get {notice.days} days' notice"
                    ),
                    f"Set effective = {earliest} or later; or, if users need not accept it again, set material = false",
                )
            )
    return problems


def announcement(
    policy: Policy, version: Version, as_of: dt.date, history: PublishedHistory | None
) -> tuple[dt.date, str]:
    """When users could first learn of a version: the day it reached the published branch, else the as-of date."""
    first = history.first_published(version.folder) if history else None
    if first is None:
        return as_of, "today, as it is not published yet"
    return first.when.astimezone(policy.settings.timezone).date(), f"it was first published in commit {first.sha[:10]}"
