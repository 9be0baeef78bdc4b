from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import REPO
from policy.errors import PolicyError
from policy.sources.versions import find_root, load_policy, resolve_as_of


def statuses_on(day: str) -> dict[str, str]:
    policy, _ = load_policy(REPO)
    return {vid: status.value for vid, status in policy.statuses(dt.date.fromisoformat(day)).items()}


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-11-23", {"1.0": "upcoming", "1.1": "upcoming"}),
    ("2026-11-24", {"1.0": "current", "1.1": "upcoming"}),
    ("2026-12-14", {"1.0": "current", "1.1": "upcoming"}),
    ("2026-12-15", {"1.0": "superseded", "1.1": "current"}),
    ("2030-01-01", {"1.0": "superseded", "1.1": "current"}),
])
def test_status_of_each_version_on_a_date(day: str, expected: dict[str, str]) -> None:
    assert statuses_on(day) == expected


def test_real_versions_metadata() -> None:
    policy, problems = load_policy(REPO)
    assert problems == []
    assert [(v.id, v.effective, v.material) for v in policy.versions] == [
        ("1.0", dt.date(2026, 11, 24), True),
        ("1.1", dt.date(2026, 12, 15), False),
    ]
    assert policy.settings.languages == ("uz", "ky", "ru")
    assert policy.settings.default_language == policy.settings.authoritative_language == "uz"


def test_effective_moment_is_midnight_in_bishkek() -> None:
    policy, _ = load_policy(REPO)
    start = policy.version("1.1").effective_from(policy.settings)
    assert start.isoformat() == "2026-12-15T00:00:00+06:00"


def test_versions_sort_by_number_not_by_text(policy_copy: Path) -> None:
    for vid, day in [("2.0", "2027-01-10"), ("10.0", "2028-01-10"), ("1.10", "2026-12-20")]:
        folder = policy_copy / "versions" / vid
        folder.mkdir()
        (folder / "version.toml").write_text(f'effective = {day}\nmaterial = false\n[summary]\nuz = "a"\nky = "b"\nru = "c"\n')
    policy, _ = load_policy(policy_copy)
    assert [v.id for v in policy.versions] == ["1.0", "1.1", "1.10", "2.0", "10.0"]


def test_as_of_comes_from_the_environment_or_the_override() -> None:
    policy, _ = load_policy(REPO)
    assert resolve_as_of({"POLICY_AS_OF": "2026-12-15"}, policy.settings) == dt.date(2026, 12, 15)
    assert resolve_as_of({"POLICY_AS_OF": "2026-12-15"}, policy.settings, "2027-01-01") == dt.date(2027, 1, 1)


def test_a_malformed_as_of_date_is_refused_with_the_format() -> None:
    policy, _ = load_policy(REPO)
    with pytest.raises(PolicyError, match=r"POLICY_AS_OF '15.12.2026' is not a date: write it as YYYY-MM-DD"):
        resolve_as_of({"POLICY_AS_OF": "15.12.2026"}, policy.settings)


def test_root_is_found_from_a_subfolder_as_git_does() -> None:
    assert find_root(REPO / "versions" / "1.0") == REPO


def test_no_root_outside_a_policy(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no policy found"):
        find_root(tmp_path)
