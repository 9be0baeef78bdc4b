"""Policy-wide settings, stated once in `versions/policy.toml`."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import Problem, SourcesRefusedError
from .texts import encoding_problems

SETTINGS_FILE = "policy.toml"
FIELDS = {
    "id": 'a short id of the policy, e.g. id = "qlever-privacy"',
    "languages": 'the languages, the default first, e.g. languages = ["uz", "ky", "ru"]',
    "authoritative_language": (
        'the language that prevails where translations differ, e.g. authoritative_language = "uz"'
    ),
    "timezone": 'the IANA time zone in which effective dates begin, e.g. timezone = "Asia/Bishkek"',
    "notice_days": "the days of notice before a material change takes effect, e.g. notice_days = 30",
    "title": 'a table of the policy\'s title per language: [title] then uz = "..."',
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
    problems = unknown_or_missing(path, data, FIELDS, FIELDS, "setting")
    problems += [problem for key in FIELDS if key in data and (problem := wrong_type(path, key, data[key]))]
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


def unknown_or_missing(
    path: Path, data: Mapping[str, Any], known: Mapping[str, str], required: Iterable[str], noun: str
) -> list[Problem]:
    """The keys of a TOML file that are not known, and the required ones it lacks, each with its fix;
    known: each key with how to write it."""
    problems = [
        Problem(path, line_of(path, key), f"unknown {noun} {key!r}", f"Remove it; the {noun}s are: {', '.join(known)}")
        for key in data
        if key not in known
    ]
    return problems + [
        Problem(path, None, f"missing {noun} {key!r}", f"Add {known[key]}") for key in required if key not in data
    ]


def wrong_type(path: Path, key: str, value: Any) -> Problem | None:
    """A setting that is not of its kind: a text, a list of texts, a whole number, a table of texts."""
    sound = {
        "languages": isinstance(value, list) and all(isinstance(item, str) for item in value),
        "notice_days": isinstance(value, int) and not isinstance(value, bool),
        "title": isinstance(value, dict) and all(isinstance(item, str) for item in value.values()),
    }.get(key, isinstance(value, str))
    return (
        None
        if sound
        else Problem(
            path,
            line_of(path, key),
            f"{key} is {value!r}, which is not {KINDS.get(key, 'a text in quotes')}",
            f"Write {FIELDS[key]}",
        )
    )


KINDS = {"languages": "a list of language codes", "notice_days": "a whole number", "title": "a table of texts"}


def validate_settings(settings: Settings, path: Path) -> list[Problem]:
    problems = []
    if not settings.languages or len(set(settings.languages)) != len(settings.languages):
        problems.append(
            Problem(
                path,
                line_of(path, "languages"),
                "languages must list each language once",
                f"Write {FIELDS['languages']}",
            )
        )
    if settings.authoritative_language not in settings.languages:
        problems.append(
            Problem(
                path,
                line_of(path, "authoritative_language"),
                f"authoritative_language {settings.authoritative_language!r} is not one of the languages",
                "Name one of: " + ", ".join(settings.languages),
            )
        )
    missing_titles = [lang for lang in settings.languages if not settings.title.get(lang)]
    if missing_titles:
        problems.append(
            Problem(
                path,
                line_of(path, r"\[title\]"),
                f"title has no text for {', '.join(missing_titles)}",
                "Add it under [title]",
            )
        )
    try:
        ZoneInfo(settings.timezone_name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            Problem(
                path,
                line_of(path, "timezone"),
                f"unknown time zone {settings.timezone_name!r}",
                f"Write {FIELDS['timezone']}",
            )
        )
    if settings.notice_days < 0:
        problems.append(
            Problem(
                path,
                line_of(path, "notice_days"),
                f"notice_days is {settings.notice_days}, fewer than none",
                f"Write {FIELDS['notice_days']}",
            )
        )
    return problems


def line_of(path: Path, key: str) -> int | None:
    """The line where `key = ...` (or a line matching the pattern key) stands in a TOML file."""
    pattern = re.compile(rf"^\s*(?:{key})\s*(=|$)")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning what is wrong with it into SourcesRefusedError naming the line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourcesRefusedError([Problem(path, None, "file not found", "Restore it from git")]) from None
    problems = encoding_problems(path, data)
    if problems:
        raise SourcesRefusedError(problems)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"at line (\d+)", str(err))
        line = int(where.group(1)) if where else None
        raise SourcesRefusedError([explain_toml_error(path, line, err)]) from None


def explain_toml_error(path: Path, line: int | None, err: tomllib.TOMLDecodeError) -> Problem:
    """The parser's complaint, or plainer words when the line holds a date that does not exist."""
    lines = path.read_text(encoding="utf-8").splitlines()
    text = lines[line - 1] if line else ""
    twice = repeated_key(lines, line) if "Cannot overwrite" in str(err) or "twice" in str(err) else None
    if twice:
        key, first = twice
        return Problem(path, line, f"{key} is set twice, on lines {first} and {line}", "Keep one of them")
    for written in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text):
        try:
            dt.date.fromisoformat(written)
        except ValueError:
            return Problem(
                path,
                line,
                f"{written} is not a date on the calendar",
                "Write a real date as YYYY-MM-DD, e.g. effective = 2026-12-15",
            )
    return Problem(path, line, f"not valid TOML: {err}", "Fix the syntax (see https://toml.io)")


def repeated_key(lines: list[str], line: int | None) -> tuple[str, int] | None:
    """The key or table a line declares, and the earlier line that declared it first."""
    if not line:
        return None
    declared = re.match(r"^\s*(\[[^\]]+\]|[A-Za-z0-9_-]+)\s*(=|$)", lines[line - 1])
    if not declared:
        return None
    key = declared.group(1)
    first = next(
        (n for n, text in enumerate(lines[: line - 1], start=1) if re.match(rf"^\s*{re.escape(key)}\s*(=|$)", text)),
        None,
    )
    return (key, first) if first else None
