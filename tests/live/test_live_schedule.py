"""The publishing schedule follows the policy's time zone, where it is stated (versions/policy.toml):
a cron line cannot read it, so this gate holds the hour to it, on every day of a year."""

from __future__ import annotations

import datetime as dt

import yaml

from policy.sources.settings import Settings
from policy.sources.versions import Policy
from support import REPO

LATEST_MINUTE = 60
"""The daily build runs in the first hour of the day: a version comes into force within the hour of its date."""


def scheduled_times(settings: Settings) -> list[dt.datetime]:
    """Each day of a year, the instant the publishing workflow's cron line fires, in the policy's time zone."""
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    (schedule,) = workflow[True]["schedule"]  # YAML 1.1 reads the key `on` as true
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"], f"{schedule['cron']} does not fire every day"
    first = dt.datetime(2027, 1, 1, int(hour), int(minute), tzinfo=dt.UTC)
    return [(first + dt.timedelta(days=day)).astimezone(settings.timezone) for day in range(365)]


def test_the_daily_build_runs_just_after_midnight_in_the_policys_time_zone(live_policy: Policy) -> None:
    late = [
        moment.isoformat()
        for moment in scheduled_times(live_policy.settings)
        if moment.hour * 60 + moment.minute >= LATEST_MINUTE
    ]
    assert late == [], f"the daily build runs later than the first hour in {live_policy.settings.timezone_name}"
