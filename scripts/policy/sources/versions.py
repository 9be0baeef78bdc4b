"""The versions of the policy: one folder each under `versions/`, the source of truth."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import PolicyError, Problem, SourcesRefusedError
from .clauses import number_key
from .settings import SETTINGS_FILE, Settings, line_of, load_settings, read_toml, unknown_or_missing
from .texts import read_text

VERSIONS_DIR = "versions"
METADATA_FILE = "version.toml"
# MAJOR.MINOR, without leading zeros: one id per version, compared as a pair of numbers (1.9 < 1.10).
VERSION_ID = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
METADATA_FIELDS = {
    "effective": "the date the version takes effect, e.g. effective = 2026-12-15",
    "material": "whether users must accept the version again, e.g. material = false",
    "summary": "a table with a one-line summary of the change per language",
    "mixed_script_words": "words of the published text allowed to mix Latin and Cyrillic letters",
    "needs_no_translation": "the clauses whose change in the authoritative text needs no translation, by language, "
    'e.g. needs_no_translation = { ru = ["5.2"] }',
}
REQUIRED_FIELDS = ("effective", "material", "summary")


class Status(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Version:
    """One version of the policy: its metadata, and where its texts are."""

    id: str
    effective: dt.date
    material: bool
    summary: Mapping[str, str]
    mixed_script_words: frozenset[str]
    needs_no_translation: Mapping[str, tuple[str, ...]]
    folder: Path

    @property
    def key(self) -> tuple[int, ...]:
        return number_key(self.id)

    def text_path(self, lang: str) -> Path:
        return self.folder / f"{lang}.md"

    def read_text(self, lang: str) -> str:
        """The text in a language; SourcesRefusedError unless it is a plain UTF-8 text file."""
        return read_text(self.text_path(lang))

    def effective_from(self, settings: Settings) -> dt.datetime:
        """The moment the version takes effect: midnight of its date in the policy's time zone."""
        return dt.datetime.combine(self.effective, dt.time(), tzinfo=settings.timezone)


@dataclass(frozen=True)
class Policy:
    """The settings and every well-formed version, oldest first."""

    root: Path
    settings: Settings
    versions: tuple[Version, ...]

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each version's index in versions, by id: pages ask for neighbours thousands of times."""
        return {version.id: index for index, version in enumerate(self.versions)}

    def relative(self, path: Path) -> Path:
        """A path as messages name it: relative to the repository when it is inside it."""
        return path.relative_to(self.root) if path.is_absolute() and path.is_relative_to(self.root) else path

    def version(self, version_id: str) -> Version:
        if version_id in self.positions:
            return self.versions[self.positions[version_id]]
        known = ", ".join(v.id for v in self.versions) or "none"
        raise PolicyError(f"there is no version {version_id!r} (versions: {known})")

    def statuses(self, as_of: dt.date) -> Mapping[str, Status]:
        """Each version's status on the as-of date: the latest whose date has come is current."""
        return self.on_day(as_of).statuses

    def current(self, as_of: dt.date) -> Version | None:
        return self.on_day(as_of).current

    def upcoming(self, as_of: dt.date) -> tuple[Version, ...]:
        return self.on_day(as_of).upcoming

    def on_day(self, as_of: dt.date) -> PolicyOnDay:
        """The versions' statuses on a day, worked out once per day: every part of every page asks."""
        if as_of not in self.days:
            started = [v for v in self.versions if v.effective <= as_of]
            current = started[-1] if started else None
            statuses = {v.id: Status.SUPERSEDED if v.effective <= as_of else Status.UPCOMING for v in self.versions}
            if current:
                statuses[current.id] = Status.CURRENT
            upcoming = tuple(v for v in self.versions if v.effective > as_of)
            self.days[as_of] = PolicyOnDay(statuses, current, upcoming)
        return self.days[as_of]

    @cached_property
    def days(self) -> dict[dt.date, PolicyOnDay]:
        """on_day's answers, by day."""
        return {}

    def previous(self, version: Version) -> Version | None:
        index = self.positions[version.id]
        return self.versions[index - 1] if index else None

    def next(self, version: Version) -> Version | None:
        index = self.positions[version.id]
        return self.versions[index + 1] if index + 1 < len(self.versions) else None


class PolicyOnDay(NamedTuple):
    statuses: Mapping[str, Status]
    """Read-only (shared by every caller), as Mapping says."""
    current: Version | None
    upcoming: tuple[Version, ...]


class Loaded(NamedTuple):
    """A policy as load_policy read it, with the problems found reading it: loaded once per command."""

    policy: Policy
    problems: list[Problem]


def read_texts(policy: Policy) -> dict[tuple[str, str], bytes]:
    """Every version's text in every language, as bytes, by (version id, lang): read once per build, so that the
    feeds, the files they list and the PDFs agree."""
    texts = {}
    for version in policy.versions:
        for lang in policy.settings.languages:
            path = version.text_path(lang)
            try:
                texts[version.id, lang] = path.read_bytes()
            except FileNotFoundError:
                raise PolicyError(
                    f"{policy.relative(path)}: version {version.id} has no text in {lang!r}, "
                    "so the feed cannot list it. "
                    f"Add {lang}.md, then run `policy check`"
                ) from None
    return texts


def find_root(start: Path) -> Path:
    """The repository holding `versions/policy.toml`, searched upwards from start, as git does."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / VERSIONS_DIR / SETTINGS_FILE).is_file():
            return folder
    raise PolicyError(
        f"no policy found in {start} or above it (looked for {VERSIONS_DIR}/{SETTINGS_FILE}). "
        "Run this inside the policy repository, or pass -C DIR"
    )


def load_policy(root: Path) -> Loaded:
    """Read the settings and every version; broken versions are left out and reported."""
    versions_dir = root / VERSIONS_DIR
    settings = load_settings(versions_dir)
    versions: list[Version] = []
    problems: list[Problem] = []
    for folder in sorted(p for p in versions_dir.iterdir() if p.is_dir()):
        if not VERSION_ID.match(folder.name):
            problems.append(
                Problem(
                    folder,
                    None,
                    f"{folder.name!r} is not a version id",
                    "Name version folders MAJOR.MINOR, without leading zeros, like 1.0, 1.10, 2.0",
                )
            )
            continue
        if folder.is_symlink():
            problems.append(
                Problem(
                    folder,
                    None,
                    "the version folder is a symbolic link",
                    "Put the folder itself here: every version is a folder inside the repository",
                )
            )
            continue
        try:
            versions.append(load_version(folder, settings))
        except SourcesRefusedError as refusal:
            problems += refusal.problems
    versions.sort(key=lambda v: v.key)
    return Loaded(Policy(root, settings, tuple(versions)), problems)


def load_version(folder: Path, settings: Settings) -> Version:
    """Read one version's metadata; raise SourcesRefusedError naming every problem in it."""
    path = folder / METADATA_FILE
    if not path.is_file():
        raise SourcesRefusedError(
            [
                Problem(
                    path,
                    None,
                    "metadata file is missing",
                    f"Create it with: {', '.join(REQUIRED_FIELDS)} (run `policy new` to start a version)",
                )
            ]
        )
    data = read_toml(path)
    problems = unknown_or_missing(path, data, METADATA_FIELDS, REQUIRED_FIELDS, "field")
    problems += validate_fields(path, data, settings)
    if problems:
        raise SourcesRefusedError(problems)
    return Version(
        id=folder.name,
        effective=data["effective"],
        material=data["material"],
        summary={lang: data["summary"][lang].strip() for lang in settings.languages},
        mixed_script_words=frozenset(data.get("mixed_script_words", ())),
        needs_no_translation={lang: tuple(numbers) for lang, numbers in data.get("needs_no_translation", {}).items()},
        folder=folder,
    )


def validate_fields(path: Path, data: dict[str, Any], settings: Settings) -> list[Problem]:
    problems = []
    effective = data.get("effective")
    if isinstance(effective, dt.datetime):
        problems.append(
            Problem(
                path,
                line_of(path, "effective"),
                f"effective is {effective.isoformat()}, a date with a time",
                f"Write the date alone, e.g. effective = {effective.date().isoformat()}: "
                f"a version takes effect at midnight in {settings.timezone_name}",
            )
        )
    elif "effective" in data and not isinstance(effective, dt.date):
        problems.append(
            Problem(
                path,
                line_of(path, "effective"),
                f"effective is not a date: {effective!r}",
                "Write a bare date, e.g. effective = 2026-12-15 (no quotes, no time)",
            )
        )
    if "material" in data and not isinstance(data["material"], bool):
        problems.append(
            Problem(
                path,
                line_of(path, "material"),
                f"material must be true or false, not {data['material']!r}",
                METADATA_FIELDS["material"],
            )
        )
    summary = data.get("summary", {})
    if "summary" in data and not isinstance(summary, dict):
        problems.append(
            Problem(
                path,
                line_of(path, "summary"),
                "summary must be a table of texts per language",
                'Write [summary] then uz = "...", ky = "...", ru = "..."',
            )
        )
        summary = {}
    problems += [
        Problem(
            path,
            line_of(path, lang) or line_of(path, r"\[summary\]"),
            f"the summary in {lang!r} is missing or empty",
            f'Write one sentence saying what changed, under [summary]: {lang} = "..."',
        )
        for lang in (settings.languages if "summary" in data else ())
        if not isinstance(summary.get(lang), str) or not summary[lang].strip()
    ]
    problems += [
        Problem(
            path,
            line_of(path, lang),
            f"summary in unknown language {lang!r}",
            f"Use the policy's languages: {', '.join(settings.languages)}",
        )
        for lang in summary
        if lang not in settings.languages
    ]
    problems += acknowledgement_problems(path, data.get("needs_no_translation", {}), settings)
    words = data.get("mixed_script_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        problems.append(
            Problem(
                path,
                line_of(path, "mixed_script_words"),
                "mixed_script_words must be a list of words",
                'e.g. mixed_script_words = ["Тaraflarning"]',
            )
        )
    return problems


def acknowledgement_problems(path: Path, acknowledged: Any, settings: Settings) -> list[Problem]:
    """needs_no_translation: a table of translations' languages, each a list of clause numbers."""
    translations = [lang for lang in settings.languages if lang != settings.authoritative_language]
    sound = isinstance(acknowledged, dict) and all(
        lang in translations and isinstance(numbers, list) and all(isinstance(n, str) for n in numbers)
        for lang, numbers in acknowledged.items()
    )
    if sound:
        return []
    example = ", ".join(f'{lang} = ["5.2"]' for lang in translations)
    return [
        Problem(
            path,
            line_of(path, "needs_no_translation"),
            "needs_no_translation must list clause numbers per translation",
            f"Write, e.g., needs_no_translation = {{ {example} }}",
        )
    ]


def parse_date(text: str, what: str) -> dt.date:
    """A YYYY-MM-DD date from the command line or environment, or a clear error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PolicyError(f"{what} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-12-15") from None


def resolve_as_of(environ: Mapping[str, str], settings: Settings, override: str | None = None) -> dt.date:
    """The as-of date: the override, else POLICY_AS_OF, else today in the policy's time zone."""
    if override:
        return parse_date(override, "--as-of")
    if environ.get("POLICY_AS_OF"):
        return parse_date(environ["POLICY_AS_OF"], "POLICY_AS_OF")
    return dt.datetime.now(settings.timezone).date()
