"""The versions folder read into the model: statuses on a date, ids in number order, the as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from policy.errors import PolicyError
from policy.sources.versions import find_root, load_policy, resolve_as_of
from support import scenario


def statuses_on(day: str) -> dict[str, str]:
    policy, _ = load_policy(scenario("chain"))
    return {vid: status.value for vid, status in policy.statuses(dt.date.fromisoformat(day)).items()}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-11-23", {"1.0": "upcoming", "1.1": "upcoming", "2.0": "upcoming"}),
        ("2026-11-24", {"1.0": "current", "1.1": "upcoming", "2.0": "upcoming"}),
        ("2027-01-09", {"1.0": "current", "1.1": "upcoming", "2.0": "upcoming"}),
        ("2027-01-10", {"1.0": "superseded", "1.1": "current", "2.0": "upcoming"}),
        ("2027-03-01", {"1.0": "superseded", "1.1": "superseded", "2.0": "current"}),
        ("2040-01-01", {"1.0": "superseded", "1.1": "superseded", "2.0": "current"}),
    ],
)
def test_status_of_each_version_on_a_date(day: str, expected: dict[str, str]) -> None:
    assert statuses_on(day) == expected


def test_metadata_is_read_from_each_folder() -> None:
    policy, problems = load_policy(scenario("chain"))
    assert problems == []
    assert [(v.id, v.effective, v.material) for v in policy.versions] == [
        ("1.0", dt.date(2026, 11, 24), True),
        ("1.1", dt.date(2027, 1, 10), False),
        ("2.0", dt.date(2027, 3, 1), True),
    ]
    assert (
        policy.version("2.0").summary["ru"] == "Данные передаются курьерским службам (пункт 1.3); пункт 2.2 исключён."
    )
    assert policy.settings.languages == ("uz", "ky", "ru")
    assert policy.settings.default_language == policy.settings.authoritative_language == "uz"


def test_neighbours_and_the_version_in_force() -> None:
    policy, _ = load_policy(scenario("chain"))
    first, middle, last = policy.versions
    assert (policy.previous(first), policy.previous(middle), policy.next(middle), policy.next(last)) == (
        None,
        first,
        last,
        None,
    )
    assert policy.current(dt.date(2027, 1, 20)) is middle
    assert policy.upcoming(dt.date(2027, 1, 20)) == (last,)


def test_effective_moment_is_midnight_in_the_policys_time_zone() -> None:
    policy, _ = load_policy(scenario("chain"))
    assert policy.version("2.0").effective_from(policy.settings).isoformat() == "2027-03-01T00:00:00+06:00"


def test_an_unknown_version_names_those_that_exist() -> None:
    policy, _ = load_policy(scenario("chain"))
    with pytest.raises(PolicyError, match=r"^there is no version '1.7' \(versions: 1.0, 1.1, 2.0\)$"):
        policy.version("1.7")


def test_versions_sort_by_number_not_by_text(policy_copy: Callable[[str], Path]) -> None:
    root = policy_copy("one-version")
    for vid, day in [("2.0", "2027-01-10"), ("10.0", "2028-01-10"), ("1.10", "2026-12-20"), ("1.9", "2026-12-10")]:
        folder = root / "versions" / vid
        folder.mkdir()
        (folder / "version.toml").write_text(
            f'effective = {day}\nmaterial = false\n[summary]\nuz = "a"\nky = "b"\nru = "c"\n'
        )
    policy, _ = load_policy(root)
    assert [v.id for v in policy.versions] == ["1.0", "1.9", "1.10", "2.0", "10.0"]


def test_as_of_comes_from_the_override_else_the_environment() -> None:
    settings = load_policy(scenario("one-version"))[0].settings
    assert resolve_as_of({"POLICY_AS_OF": "2026-12-15"}, settings) == dt.date(2026, 12, 15)
    assert resolve_as_of({"POLICY_AS_OF": "2026-12-15"}, settings, "2027-01-01") == dt.date(2027, 1, 1)


def test_a_malformed_as_of_date_is_refused_with_the_format() -> None:
    settings = load_policy(scenario("one-version"))[0].settings
    with pytest.raises(PolicyError, match=r"POLICY_AS_OF '15.12.2026' is not a date: write it as YYYY-MM-DD"):
        resolve_as_of({"POLICY_AS_OF": "15.12.2026"}, settings)


def test_root_is_found_from_a_subfolder_as_git_does() -> None:
    assert find_root(scenario("chain") / "versions" / "1.0") == scenario("chain")


def test_no_root_outside_a_policy(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no policy found"):
        find_root(tmp_path)
