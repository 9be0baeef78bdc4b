"""Policy-wide settings, stated once in `versions/policy.toml`."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import PolicyError, Problem, SourcesRefusedError

SETTINGS_FILE = "policy.toml"
FIELDS = {
    "id": "a short id of the policy, e.g. \"qlever-privacy\"",
    "languages": "the languages, default first, e.g. [\"uz\", \"ky\", \"ru\"]",
    "authoritative_language": "the language that prevails where translations differ, e.g. \"uz\"",
    "timezone": "the IANA time zone in which effective dates begin, e.g. \"Asia/Bishkek\"",
    "notice_days": "days of notice before a material change takes effect, e.g. 30",
    "title": "a table of the policy's title per language",
}


@dataclass(frozen=True)
class Settings:
    """What is true of every version of the policy."""

    policy_id: str
    languages: tuple[str, ...]
    authoritative_language: str
    timezone_name: str
    notice_days: int
    title: Mapping[str, str]

    @property
    def default_language(self) -> str:
        """The language served at the site's root: the first one listed."""
        return self.languages[0]

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)


def load_settings(versions_dir: Path) -> Settings:
    """Read `policy.toml`; raise SourcesRefusedError naming every problem in it."""
    path = versions_dir / SETTINGS_FILE
    data = read_toml(path)
    problems = [
        Problem(path, None, f"unknown setting {key!r}", f"Remove it; the settings are: {', '.join(FIELDS)}")
        for key in data
        if key not in FIELDS
    ]
    problems += [
        Problem(path, None, f"missing setting {key!r}", f"Add {key} = ..., {hint}")
        for key, hint in FIELDS.items()
        if key not in data
    ]
    if problems:
        raise SourcesRefusedError(problems)
    settings = Settings(
        policy_id=data["id"],
        languages=tuple(data["languages"]),
        authoritative_language=data["authoritative_language"],
        timezone_name=data["timezone"],
        notice_days=data["notice_days"],
        title=dict(data["title"]),
    )
    problems = validate_settings(settings, path)
    if problems:
        raise SourcesRefusedError(problems)
    return settings


def validate_settings(settings: Settings, path: Path) -> list[Problem]:
    problems = []
    if not settings.languages or len(set(settings.languages)) != len(settings.languages):
        problems.append(Problem(path, None, "languages must list each language once", FIELDS["languages"]))
    if settings.authoritative_language not in settings.languages:
        problems.append(Problem(path, None, f"authoritative_language {settings.authoritative_language!r} is not one of the languages", "Name one of: " + ", ".join(settings.languages)))
    missing_titles = [lang for lang in settings.languages if not settings.title.get(lang)]
    if missing_titles:
        problems.append(Problem(path, None, f"title has no text for {', '.join(missing_titles)}", "Add it under [title]"))
    try:
        ZoneInfo(settings.timezone_name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(path, None, f"unknown time zone {settings.timezone_name!r}", FIELDS["timezone"]))
    if not isinstance(settings.notice_days, int) or settings.notice_days < 0:
        problems.append(Problem(path, None, "notice_days must be a whole number of days", FIELDS["notice_days"]))
    return problems


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning its syntax errors into a clear PolicyError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise PolicyError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"at line (\d+)", str(err))
        line = int(where.group(1)) if where else None
        raise SourcesRefusedError([explain_toml_error(path, line, err)]) from None


def explain_toml_error(path: Path, line: int | None, err: tomllib.TOMLDecodeError) -> Problem:
    """The parser's complaint, or plainer words when the line holds a date that does not exist."""
    text = path.read_text(encoding="utf-8").splitlines()[line - 1] if line else ""
    for written in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text):
        try:
            dt.date.fromisoformat(written)
        except ValueError:
            return Problem(path, line, f"{written} is not a date on the calendar", "Write a real date as YYYY-MM-DD, e.g. effective = 2026-12-15")
    return Problem(path, line, f"not valid TOML: {err}", "Fix the syntax (see https://toml.io)")
