"""Every refusal of the checker, each on a policy of tests/data broken once (tests/data/broken/).

Each case's case.toml says how it breaks its base policy, and the exact lines `policy check`
prints for it: its errors, and the warnings beyond those the sound base policy has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from policy.sources.check import check_policy
from policy.sources.versions import load_policy
from support import BEFORE_1_1, BROKEN, Golden, broken_cases, read_case


def problems(root: Path, severity: str) -> list[str]:
    report = check_policy(load_policy(root), BEFORE_1_1)
    return [p.describe(root) for p in report.problems if p.severity == severity]


@pytest.mark.parametrize("case", broken_cases())
def test_each_broken_case_is_refused_with_its_message(
    broken: Callable[[str], Path], policy_copy: Callable[[str], Path], golden: Golden, case: str
) -> None:
    expected = read_case(case)
    root = broken(case)
    base_warnings = problems(policy_copy(expected["base"]), "warning")
    errors = problems(root, "error")
    warnings = [w for w in problems(root, "warning") if w not in base_warnings]
    if golden.update:
        rewrite_expectations(BROKEN / case / "case.toml", errors, warnings)
        return
    assert errors == expected["errors"]
    assert warnings == expected.get("warnings", [])


def rewrite_expectations(path: Path, errors: list[str], warnings: list[str]) -> None:
    """`make golden` for a broken case: its lines as the checker prints them now, to review."""

    def block(key: str, lines: list[str]) -> str:
        return (
            f"{key} = [\n" + "".join(f"    {json.dumps(line, ensure_ascii=False)},\n" for line in lines) + "]\n"
            if lines
            else f"{key} = []\n"
        )

    text = re.sub(r"(?ms)^(errors|warnings) = \[(\]|\n.*?^\])\n", "", path.read_text(encoding="utf-8"))
    head, _, rest = text.partition("\n[")
    expectations = block("errors", errors) + (block("warnings", warnings) if warnings else "")
    path.write_text(head.rstrip("\n") + "\n" + expectations + ("\n[" + rest if rest else ""), encoding="utf-8")


def test_a_sound_policy_has_no_error(policy_copy: Callable[[str], Path]) -> None:
    for name in ("one-version", "two-versions", "chain"):
        assert problems(policy_copy(name), "error") == [], name


def test_a_published_gap_in_the_numbering_is_a_warning_only(policy_copy: Callable[[str], Path]) -> None:
    assert [w for w in problems(policy_copy("two-versions"), "warning") if "skips" in w] == [
        (
            "versions/1.0/uz.md:13: warning: clause numbering skips 2.2 (the next clause is 2.3). Renumber the "
            "clauses in a new version, or ignore this if the published text has the gap"
        ),
    ]


def test_outside_git_the_rules_of_history_are_not_checked_and_say_so(policy_copy: Callable[[str], Path]) -> None:
    root = policy_copy("one-version")
    assert problems(root, "warning") == [
        (
            "policy: warning: the policy is not in a git repository, so the rules that read git history (frozen "
            "texts, notice period) were not checked. Run the checker in a clone of the policy repository"
        ),
    ]


INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u061c": "ARABIC LETTER MARK",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
@pytest.mark.parametrize("character", INVISIBLE, ids=lambda character: f"U+{ord(character):04X}")
def test_an_invisible_character_in_a_clause_number_is_refused_in_its_own_file_alone(
    policy_copy: Callable[[str], Path], character: str, lang: str
) -> None:
    root = policy_copy("two-versions")
    path = root / "versions" / "1.1" / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n3.1. ", f"\n3.{character}1. "), encoding="utf-8")
    assert problems(root, "error") == [
        f"versions/1.1/{lang}.md:17: error: the text holds U+{ord(character):04X} {INVISIBLE[character]}, a "
        "character no reader can see, which can hide a clause number or reorder the words. Delete it: retype the "
        "words around it, or paste them as plain text"
    ]
