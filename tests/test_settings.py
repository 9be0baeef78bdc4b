"""versions/policy.toml: what is true of every version, each problem in it named with its fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from policy.errors import SourcesRefusedError
from policy.sources.settings import load_settings
from support import LIVE_VERSIONS

SETTINGS = """id = "qlever-privacy"
languages = ["uz", "ky", "ru"]
authoritative_language = "uz"
timezone = "Asia/Bishkek"
notice_days = 30

[title]
uz = "Konfidensiallik siyosati"
ky = "Купуялык саясаты"
ru = "Политика конфиденциальности"
"""


@pytest.fixture
def versions(tmp_path: Path) -> Callable[[str], Path]:
    """A versions folder whose policy.toml is the text given."""

    def write(text: str) -> Path:
        (tmp_path / "policy.toml").write_text(text, encoding="utf-8")
        return tmp_path

    return write


def refusals(folder: Path) -> list[str]:
    with pytest.raises(SourcesRefusedError) as refusal:
        load_settings(folder)
    return [problem.describe(folder) for problem in refusal.value.problems]


def test_sound_settings(versions: Callable[[str], Path]) -> None:
    settings = load_settings(versions(SETTINGS))
    assert (settings.policy_id, settings.languages, settings.default_language) == (
        "qlever-privacy",
        ("uz", "ky", "ru"),
        "uz",
    )
    assert (settings.authoritative_language, settings.timezone.key, settings.notice_days) == ("uz", "Asia/Bishkek", 30)
    assert settings.title["ky"] == "Купуялык саясаты"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'id = "qlever-privacy"\n',
            "",
            ["policy.toml: error: missing setting 'id'. Add a short id of the policy, e.g. id = \"qlever-privacy\""],
        ),
        (
            "notice_days = 30\n",
            "notice_days = 30\nnotice = 30\n",
            [
                (
                    "policy.toml:6: error: unknown setting 'notice'. Remove it; the settings are: id, languages, "
                    "authoritative_language, timezone, notice_days, title"
                )
            ],
        ),
        (
            '["uz", "ky", "ru"]',
            '["uz", "ky", "uz"]',
            [
                (
                    "policy.toml:2: error: languages must list each language once. Write the languages, the default "
                    'first, e.g. languages = ["uz", "ky", "ru"]'
                )
            ],
        ),
        (
            '["uz", "ky", "ru"]',
            '"uz, ky, ru"',
            [
                (
                    "policy.toml:2: error: languages is 'uz, ky, ru', which is not a list of language codes. Write "
                    'the languages, the default first, e.g. languages = ["uz", "ky", "ru"]'
                )
            ],
        ),
        (
            'authoritative_language = "uz"',
            'authoritative_language = "en"',
            ["policy.toml:3: error: authoritative_language 'en' is not one of the languages. Name one of: uz, ky, ru"],
        ),
        (
            'ru = "Политика конфиденциальности"\n',
            "",
            ["policy.toml:7: error: title has no text for ru. Add it under [title]"],
        ),
        (
            '[title]\nuz = "Konfidensiallik siyosati"\nky = "Купуялык саясаты"\nru = "Политика конфиденциальности"\n',
            'title = "Konfidensiallik siyosati"\n',
            [
                (
                    "policy.toml:7: error: title is 'Konfidensiallik siyosati', which is not a table of texts. Write "
                    'a table of the policy\'s title per language: [title] then uz = "..."'
                )
            ],
        ),
        (
            '"Asia/Bishkek"',
            '"Asia/Frunze-Old"',
            [
                (
                    "policy.toml:4: error: unknown time zone 'Asia/Frunze-Old'. Write the IANA time zone in which "
                    'effective dates begin, e.g. timezone = "Asia/Bishkek"'
                )
            ],
        ),
        (
            "notice_days = 30",
            "notice_days = -1",
            [
                (
                    "policy.toml:5: error: notice_days is -1, fewer than none. Write the days of notice before a "
                    "material change takes effect, e.g. notice_days = 30"
                )
            ],
        ),
        (
            "notice_days = 30",
            'notice_days = "30"',
            [
                (
                    "policy.toml:5: error: notice_days is '30', which is not a whole number. Write the days of notice "
                    "before a material change takes effect, e.g. notice_days = 30"
                )
            ],
        ),
    ],
)
def test_each_problem_is_named_with_its_fix(
    versions: Callable[[str], Path], old: str, new: str, expected: list[str]
) -> None:
    assert old in SETTINGS
    assert refusals(versions(SETTINGS.replace(old, new))) == expected


def test_invalid_toml_names_the_line(versions: Callable[[str], Path]) -> None:
    assert refusals(versions(SETTINGS.replace("notice_days = 30", "notice_days = thirty"))) == [
        (
            "policy.toml:5: error: not valid TOML: Invalid value (at line 5, column 15). Fix the syntax (see "
            "https://toml.io)"
        ),
    ]


def test_the_live_settings_are_not_read_here() -> None:
    with pytest.raises(AssertionError, match="a test of the code read the live"):
        (LIVE_VERSIONS / "policy.toml").read_text(encoding="utf-8")
