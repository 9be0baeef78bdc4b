"""The checker: every rule that keeps the versions folder sound, reported all at once."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import markdown

from ..errors import Problem, SourcesRefusedError
from ..verdicts import CleanVerdicts, clean_verdicts
from .clauses import Block, find_gaps, numbered
from .frozen import find_frozen_changes
from .history import PublishedHistory, load_published_history
from .markup import find_attribute_lists, find_unsafe_markup
from .notice import find_short_notices
from .redline import blocks_of
from .settings import SETTINGS_FILE, line_of
from .structure import find_shape_problems
from .texts import invisible_characters, read_checked
from .translations import find_stale_translations
from .versions import METADATA_FILE, VERSIONS_DIR, Loaded, Policy, Version

LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
CYRILLIC = re.compile(r"[\u0400-\u052F]")
WORD = re.compile(r"\w+")
SCRIPTS_MEET = re.compile(r"[A-Za-z\u00C0-\u024F][\u0400-\u052F]|[\u0400-\u052F][A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True)
class CheckReport:
    """The policy as loaded, and every problem the checker found in it."""

    policy: Policy
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def sound_policy(self) -> Policy:
        """The policy, or SourcesRefusedError naming every error: the gate of every build."""
        if self.errors:
            raise SourcesRefusedError(self.problems, self.policy.root)
        return self.policy


def check_policy(loaded: Loaded, as_of: dt.date, base_ref: str | None = None) -> CheckReport:
    """Every rule over a loaded policy (load_policy's result), errors and warnings."""
    policy, problems = loaded.policy, list(loaded.problems)
    if not policy.versions:
        problems.append(
            Problem(
                policy.root / VERSIONS_DIR,
                None,
                "there is no version of the policy to publish",
                "Start the first with `policy new`, then write its texts and summary",
            )
        )
    problems += check_folder_contents(policy)
    problems += check_dates(policy)
    previous: tuple[Version, dict[str, str]] | None = None
    with clean_verdicts("versions") as clean:
        settings = read_or_none(policy.root / VERSIONS_DIR / SETTINGS_FILE)
        for version in policy.versions:
            texts, found = check_version(policy, version, previous, clean, settings)
            problems += found
            previous = version, texts
    history: PublishedHistory | None = None
    match load_published_history(policy.root, base_ref):
        case PublishedHistory() as history:
            problems += find_frozen_changes(policy, as_of, history)
        case Problem() as unreadable:
            problems.append(unreadable)
    problems += find_short_notices(policy, as_of, history)
    return CheckReport(policy, problems)


def check_version(
    policy: Policy,
    version: Version,
    previous: tuple[Version, dict[str, str]] | None,
    clean: CleanVerdicts,
    settings: bytes | None,
) -> tuple[dict[str, str], list[Problem]]:
    """A version's readable texts, and what the rules of one version find in it and in its translations
    against the version before; the same bytes found clean before (with settings, policy.toml's) are not
    checked again."""
    files = regular_texts(policy, version)
    digest = version_digest(version, files, previous, clean, settings) if files is not None else None
    if files is not None and digest and clean.found_clean_before(digest):
        return {lang: data.decode("utf-8") for lang, data in files.items()}, []
    texts, problems = readable_texts(policy, version)
    problems += check_texts(policy, version, texts)
    if previous:
        authority = policy.settings.authoritative_language
        problems += find_stale_translations(version, previous[0], authority, previous[1], texts)
    if digest and not problems:
        clean.found_clean(digest)
    return texts, problems


def regular_texts(policy: Policy, version: Version) -> dict[str, bytes] | None:
    """The bytes of each text the version's folder has, by language; None when one is not a regular file."""
    files = {}
    for lang in policy.settings.languages:
        path = version.text_path(lang)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            return None
        if path.exists():
            files[lang] = path.read_bytes()
    return files


def version_digest(
    version: Version,
    files: dict[str, bytes],
    previous: tuple[Version, dict[str, str]] | None,
    clean: CleanVerdicts,
    settings: bytes | None,
) -> str:
    """The digest of every byte the rules of one version read: its files, policy.toml's (settings), and the
    texts of the version before."""
    parts: list[bytes | str | None] = [settings, version.id, read_or_none(version.folder / METADATA_FILE)]
    for lang, data in sorted(files.items()):
        parts += [lang, data]
    if previous:
        parts += [previous[0].id, *(part for lang, text in sorted(previous[1].items()) for part in (lang, text))]
    return clean.digest(*parts)


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def readable_texts(policy: Policy, version: Version) -> tuple[dict[str, str], list[Problem]]:
    """A version's texts that are plain UTF-8 text files, by language, and why the others are not."""
    texts, problems = {}, []
    for lang in policy.settings.languages:
        path = version.text_path(lang)
        if not path.exists() and not path.is_symlink():
            continue  # check_folder_contents names it
        text, found = read_checked(path)
        problems += found
        if text is not None:
            texts[lang] = text
    return texts, problems


def check_texts(policy: Policy, version: Version, texts: dict[str, str]) -> list[Problem]:
    """The rules of each text's shape and words, and of the clause numbers across its languages."""
    problems = check_clause_numbers(policy, version, texts)
    for lang, text in texts.items():
        path = version.text_path(lang)
        problems += find_shape_problems(path, list(blocks_of(text)), policy.settings.title[lang])
        problems += find_raw_html(path, text)
        problems += find_unsafe_markup(path, text)
        problems += find_attribute_lists(path, text)
        problems += find_mixed_script_words(version, path, text)
    return problems + find_unused_allowances(version, texts) + check_summaries(version)


def check_summaries(version: Version) -> list[Problem]:
    """A summary is shown on the changelog and in the feed: the texts' rules of markup hold for it."""
    metadata = version.folder / METADATA_FILE
    problems = []
    for lang, summary in version.summary.items():
        found = find_raw_html(metadata, summary) + find_unsafe_markup(metadata, summary)
        found += find_attribute_lists(metadata, summary) + invisible_characters(metadata, summary)
        line = line_of(metadata, lang)
        problems += [replace(p, line=line, message=f"the {lang} summary: {p.message}") for p in found]
    return problems


def check_folder_contents(policy: Policy) -> list[Problem]:
    """Every version folder holds one text per language and nothing else that looks like one."""
    languages = policy.settings.languages
    problems = []
    for folder in sorted((policy.root / VERSIONS_DIR).iterdir()):
        if not folder.is_dir() or folder.name not in {v.id for v in policy.versions}:
            continue
        problems += [
            Problem(
                folder / f"{lang}.md",
                None,
                f"version {folder.name} has no text in {lang!r}",
                (
                    f"Add {lang}.md: a translation of the {policy.settings.authoritative_language}.md text, "
                    "clause by clause"
                ),
            )
            for lang in languages
            if not (folder / f"{lang}.md").is_file()
        ]
        problems += [
            Problem(
                extra,
                None,
                f"{extra.name!r} is not a text in one of the policy's languages ({', '.join(languages)})",
                "Rename or remove it",
            )
            for extra in sorted(folder.glob("*.md"))
            if extra.stem not in languages
        ]
    return problems


def check_dates(policy: Policy) -> list[Problem]:
    """Effective dates are unique and increase with the version ids."""
    problems = []
    seen: dict[dt.date, Version] = {}
    for version in policy.versions:
        metadata = version.folder / "version.toml"
        if version.effective in seen:
            problems.append(
                Problem(
                    metadata,
                    None,
                    f"versions {seen[version.effective].id} and {version.id} "
                    f"take effect on the same date {version.effective}",
                    "Give each version its own effective date",
                )
            )
        seen.setdefault(version.effective, version)
    for earlier, later in zip(policy.versions, policy.versions[1:], strict=False):
        if later.effective < earlier.effective:
            problems.append(
                Problem(
                    later.folder / "version.toml",
                    None,
                    f"version {later.id} takes effect on {later.effective}, "
                    f"before version {earlier.id} ({earlier.effective})",
                    (
                        f"Effective dates must increase with the version ids: move the date after {earlier.effective}, "
                        "or renumber the version"
                    ),
                )
            )
    return problems


def check_clause_numbers(policy: Policy, version: Version, texts: dict[str, str]) -> list[Problem]:
    """Every translation has exactly the clause numbers of the authoritative text, in its order."""
    authority = policy.settings.authoritative_language
    if authority not in texts:
        return []
    reference = numbered(list(blocks_of(texts[authority])))
    reference_numbers = [b.number for b in reference if b.number]
    problems = duplicated_numbers(version.text_path(authority), reference)
    problems += [
        Problem(
            version.text_path(authority),
            line_of_number(reference, following),
            f"clause numbering skips {missing} (the next clause is {following})",
            "Renumber the clauses in a new version, or ignore this if the published text has the gap",
            "warning",
        )
        for missing, following in find_gaps(reference_numbers)
    ]
    for lang, text in texts.items():
        if lang == authority:
            continue
        path = version.text_path(lang)
        blocks = numbered(list(blocks_of(text)))
        numbers = [b.number for b in blocks if b.number]
        problems += duplicated_numbers(path, blocks)
        missing = [n for n in reference_numbers if n not in numbers]
        extra = [n for n in numbers if n not in reference_numbers]
        if missing:
            problems.append(
                Problem(
                    path,
                    None,
                    f"clause(s) {', '.join(missing)} of {authority}.md are missing",
                    f"Translate them, with the same numbers as in {authority}.md",
                )
            )
        for number in extra:
            problems.append(
                Problem(
                    path,
                    line_of_number(blocks, number),
                    f"clause {number} is not in {authority}.md",
                    f"Use the clause numbers of {authority}.md, the authoritative text",
                )
            )
        if not missing and not extra and numbers != reference_numbers:
            first = next(n for n, r in zip(numbers, reference_numbers, strict=True) if n != r)
            problems.append(
                Problem(
                    path,
                    line_of_number(blocks, first),
                    f"clause {first} is out of the order of {authority}.md",
                    f"Order the clauses as in {authority}.md",
                )
            )
    return problems


def duplicated_numbers(path: Path, blocks: list[Block]) -> list[Problem]:
    counts = Counter(b.number for b in blocks if b.number)
    return [
        Problem(
            path,
            line_of_number(blocks, number, nth=2),
            f"clause number {number} is used {count} times",
            "Give each clause its own number",
        )
        for number, count in counts.items()
        if count > 1
    ]


def line_of_number(blocks: list[Block], number: str, nth: int = 1) -> int | None:
    lines = [b.line for b in blocks if b.number == number]
    return lines[nth - 1] if len(lines) >= nth else None


def find_raw_html(path: Path, text: str) -> list[Problem]:
    """Raw HTML, which Python-Markdown would pass through to the app's web view."""
    # Markdown stashes raw HTML only from tags and entities: without < or & there is none to find,
    # and converting every text of every version made this most of the checker's time.
    if "<" not in text and "&" not in text:
        return []
    md = markdown.Markdown()
    md.convert(text)
    problems = []
    for snippet in md.htmlStash.rawHtmlBlocks:
        snippet = str(snippet).strip()
        problems.append(
            Problem(
                path,
                line_containing(text, snippet),
                f"raw HTML {shorten(snippet)!r} in a policy text",
                "Write plain Markdown: the texts go into the app's web view, where no HTML is allowed",
            )
        )
    return problems


def find_mixed_script_words(version: Version, path: Path, text: str) -> list[Problem]:
    """Words mixing Latin and Cyrillic letters, as `Тaraflarning` with a Cyrillic Т."""
    if not SCRIPTS_MEET.search(text):  # no Latin letter next to a Cyrillic one: most texts, at once
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        problems += [
            Problem(
                path,
                number,
                f"the word {word!r} mixes Latin and Cyrillic letters ({describe_scripts(word)})",
                (
                    "Retype it in one alphabet. If a published text has it, list it in mixed_script_words in "
                    "version.toml"
                ),
            )
            for word in WORD.findall(line)
            if LATIN.search(word) and CYRILLIC.search(word) and word not in version.mixed_script_words
        ]
    return problems


def find_unused_allowances(version: Version, texts: dict[str, str]) -> list[Problem]:
    if not version.mixed_script_words:  # most versions allow none: their words need not be listed
        return []
    words = {word for text in texts.values() for word in WORD.findall(text)}
    return [
        Problem(
            version.folder / "version.toml",
            None,
            f"mixed_script_words allows {word!r}, which none of the texts contains",
            "Remove it from the list",
            "warning",
        )
        for word in sorted(version.mixed_script_words - words)
    ]


def describe_scripts(word: str) -> str:
    cyrillic = [c for c in word if CYRILLIC.match(c)]
    latin = [c for c in word if LATIN.match(c)]
    minority = cyrillic if len(cyrillic) <= len(latin) else latin
    script = "Cyrillic" if minority is cyrillic else "Latin"
    return f"{script} {', '.join(repr(c) for c in dict.fromkeys(minority))}"


def line_containing(text: str, snippet: str) -> int | None:
    first_line = snippet.splitlines()[0] if snippet else ""
    for number, line in enumerate(text.splitlines(), start=1):
        if first_line and first_line in line:
            return number
    return None


def shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
