"""One test per refusal of the checker, each on a copy of the real versions folder broken once."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import AS_OF, REPO
from policy.sources.check import check_policy


def errors(root: Path) -> list[str]:
    _, problems = check_policy(root, AS_OF)
    return [p.describe(root) for p in problems if p.severity == "error"]


def warnings(root: Path) -> list[str]:
    _, problems = check_policy(root, AS_OF)
    return [p.describe(root) for p in problems if p.severity == "warning"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_policy_is_sound() -> None:
    assert errors(REPO) == []


def test_the_published_gaps_of_1_0_are_warnings_only() -> None:
    assert [w for w in warnings(REPO) if "skips" in w] == [
        "versions/1.0/uz.md:45: warning: clause numbering skips 4.1.5 (the next clause is 4.1.6). Renumber the clauses in a new version, or ignore this if the published text has the gap",
        "versions/1.0/uz.md:47: warning: clause numbering skips 4.1.7 (the next clause is 4.1.8). Renumber the clauses in a new version, or ignore this if the published text has the gap",
    ]


def test_missing_language_file(policy_copy: Path) -> None:
    (policy_copy / "versions/1.1/ru.md").unlink()
    assert errors(policy_copy) == ["versions/1.1/ru.md: error: version 1.1 has no text in 'ru'. Add ru.md: a translation of the uz.md text, clause by clause"]


def test_text_in_an_unknown_language(policy_copy: Path) -> None:
    (policy_copy / "versions/1.1/en.md").write_text("# Privacy policy\n")
    assert errors(policy_copy) == ["versions/1.1/en.md: error: 'en.md' is not a text in one of the policy's languages (uz, ky, ru). Rename or remove it"]


def test_folder_that_is_not_a_version_id(policy_copy: Path) -> None:
    (policy_copy / "versions/next").mkdir()
    assert errors(policy_copy) == ["versions/next: error: 'next' is not a version id. Name version folders by number, like 1.0, 1.1, 2.0"]


def test_missing_summary(policy_copy: Path) -> None:
    metadata = policy_copy / "versions/1.1/version.toml"
    metadata.write_text(re.sub(r"(?m)^ru = .*\n", "", metadata.read_text(encoding="utf-8")), encoding="utf-8")
    assert errors(policy_copy) == ["versions/1.1/version.toml:5: error: the summary in 'ru' is missing or empty. Write one sentence saying what changed, under [summary]: ru = \"...\""]


def test_empty_summary(policy_copy: Path) -> None:
    metadata = policy_copy / "versions/1.1/version.toml"
    metadata.write_text(re.sub(r"(?m)^ky = .*$", 'ky = "  "', metadata.read_text(encoding="utf-8")), encoding="utf-8")
    assert errors(policy_copy) == ["versions/1.1/version.toml:7: error: the summary in 'ky' is missing or empty. Write one sentence saying what changed, under [summary]: ky = \"...\""]


def test_unreadable_metadata(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "material = false", "material = no")
    assert errors(policy_copy) == ["versions/1.1/version.toml:3: error: not valid TOML: Invalid value (at line 3, column 12). Fix the syntax (see https://toml.io)"]


def test_impossible_date(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "effective = 2026-12-15", "effective = 2026-12-32")
    assert errors(policy_copy) == ["versions/1.1/version.toml:2: error: 2026-12-32 is not a date on the calendar. Write a real date as YYYY-MM-DD, e.g. effective = 2026-12-15"]


def test_date_written_as_text(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "effective = 2026-12-15", 'effective = "15.12.2026"')
    assert errors(policy_copy) == ["versions/1.1/version.toml:2: error: effective is not a date: '15.12.2026'. Write a bare date, e.g. effective = 2026-12-15 (no quotes, no time)"]


def test_unknown_key(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "material = false", "material = false\nmaterail = true")
    assert errors(policy_copy) == ["versions/1.1/version.toml:4: error: unknown key 'materail'. Remove it; the keys are: effective, material, summary, mixed_script_words"]


def test_missing_field(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "material = false\n", "")
    assert errors(policy_copy) == ["versions/1.1/version.toml: error: missing field 'material'. Add whether users must accept the version again, e.g. material = false"]


def test_missing_metadata_file(policy_copy: Path) -> None:
    (policy_copy / "versions/1.1/version.toml").unlink()
    assert errors(policy_copy) == ["versions/1.1/version.toml: error: metadata file is missing. Create it with: effective, material, summary (run `policy new` to start a version)"]


def test_two_versions_on_the_same_date(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "effective = 2026-12-15", "effective = 2026-11-24")
    assert errors(policy_copy) == ["versions/1.1/version.toml: error: versions 1.0 and 1.1 take effect on the same date 2026-11-24. Give each version its own effective date"]


def test_dates_must_increase_with_ids(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "effective = 2026-12-15", "effective = 2026-11-01")
    assert errors(policy_copy) == ["versions/1.1/version.toml: error: version 1.1 takes effect on 2026-11-01, before version 1.0 (2026-11-24). Effective dates must increase with the version ids: move the date after 2026-11-24, or renumber the version"]


def remove_clause(path: Path, number: str) -> None:
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    path.write_text("\n\n".join(b for b in blocks if not b.startswith(f"{number}. ")), encoding="utf-8")


def test_clause_missing_in_a_translation(policy_copy: Path) -> None:
    remove_clause(policy_copy / "versions/1.1/ky.md", "5.4")
    assert errors(policy_copy) == ["versions/1.1/ky.md: error: clause(s) 5.4 of uz.md are missing. Translate them, with the same numbers as in uz.md"]


def test_clause_added_in_a_translation(policy_copy: Path) -> None:
    path = policy_copy / "versions/1.1/ru.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n9.3. Лишний пункт.\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert errors(policy_copy) == [f"versions/1.1/ru.md:{line}: error: clause 9.3 is not in uz.md. Use the clause numbers of uz.md, the authoritative text"]


def test_clause_numbers_of_1_0_translations_keep_the_gaps(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.0/ru.md", "\n4.1.6. ", "\n4.1.5. ")
    found = errors(policy_copy)
    assert "versions/1.0/ru.md: error: clause(s) 4.1.6 of uz.md are missing. Translate them, with the same numbers as in uz.md" in found
    assert any(e.startswith("versions/1.0/ru.md:") and "clause 4.1.5 is not in uz.md" in e for e in found)


def test_raw_html_block(policy_copy: Path) -> None:
    path = policy_copy / "versions/1.1/uz.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert errors(policy_copy) == [f"versions/1.1/uz.md:{line}: error: raw HTML '<script>alert(1)</script>' in a policy text. Write plain Markdown: the texts go into the app's web view, where no HTML is allowed"]


def test_inline_html(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/ru.md", "\n2.1. ", '\n2.1. <b onclick="x()">')
    found = errors(policy_copy)
    assert len(found) == 1
    assert found[0].startswith("versions/1.1/ru.md:") and "raw HTML '<b onclick=\"x()\">' in a policy text" in found[0]


def test_word_mixing_latin_and_cyrillic(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/uz.md", "Umumiy qoidalar", "Umumiy qоidalar")  # Cyrillic о
    assert errors(policy_copy) == ["versions/1.1/uz.md:17: error: the word 'qоidalar' mixes Latin and Cyrillic letters (Cyrillic 'о'). Retype it in one alphabet. If a published text has it, list it in mixed_script_words in version.toml"]


def test_published_mixed_words_need_their_allowance(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.0/version.toml", 'mixed_script_words = ["Тaraflarning"]', "")
    assert errors(policy_copy) == [
        f"versions/1.0/uz.md:{line}: error: the word 'Тaraflarning' mixes Latin and Cyrillic letters (Cyrillic 'Т'). Retype it in one alphabet. If a published text has it, list it in mixed_script_words in version.toml"
        for line in (63, 81)
    ]


def test_an_allowance_no_text_needs_is_a_warning(policy_copy: Path) -> None:
    edit(policy_copy / "versions/1.1/version.toml", "material = false", 'material = false\nmixed_script_words = ["Тest"]')
    assert errors(policy_copy) == []
    assert "versions/1.1/version.toml: warning: mixed_script_words allows 'Тest', which none of the texts contains. Remove it from the list" in warnings(policy_copy)


def test_outside_git_frozen_texts_are_not_checked_and_say_so(policy_copy: Path) -> None:
    assert any("is not a git repository, so the rules that read git history (frozen texts, notice period) were not checked" in w for w in warnings(policy_copy))
