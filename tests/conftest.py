"""The fixtures every test shares; what they are made of is in support.py.

Tests of the code use small policies of their own (tests/data) and never read the live
`versions/` folder (support.LiveFolderGuard fails a test that does); the gates in tests/live/
read it, and hold for any sound policy.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import git
import pytest

from policy.site.build import build_site, environment
from policy.sources.versions import Policy, load_policy
from support import (
    AFTER_1_1,
    BEFORE_1_1,
    CHAIN_AFTER_2_0,
    LIVE_FOLDER_GUARD,
    PUBLISHED,
    REPO,
    Golden,
    LiveSite,
    apply_case,
    build,
    copy_scenario,
    copy_site_sources,
    init_repo,
    read_case,
    serving,
)

# Typst starts threads of its own, and a process forked from one that has run Typst hangs when it runs
# Typst again. Builds fork their worker from this process, so Typst never runs here: the PDFs are made
# by typesetter processes (policy/site/typesetting.py), and an import of typst here fails at once.
sys.modules["typst"] = None  # type: ignore[assignment]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test's folder says what it is: tests/browser drive Chromium, tests/live read the live policy."""
    for item in items:
        folder = item.path.parent.name
        if folder in ("browser", "live"):
            item.add_marker(folder)


@pytest.fixture(autouse=True)
def fixed_as_of(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the clock: the as-of date is always explicit. Nor a signing key of the machine's:
    a test that signs makes its own."""
    monkeypatch.setenv("POLICY_AS_OF", BEFORE_1_1.isoformat())
    monkeypatch.delenv("POLICY_SIGNING_KEY", raising=False)


@pytest.fixture
def policy_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of a policy of tests/data, outside git: `policy_copy("chain")`."""
    return lambda name: copy_scenario(name, tmp_path / name)


@pytest.fixture
def site_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of a policy of tests/data with what its site build reads."""
    return lambda name: copy_site_sources(copy_scenario(name, tmp_path / name))


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of a case's base policy, broken as tests/data/broken/<case>/case.toml says."""

    def make(name: str) -> Path:
        case = read_case(name)
        root = copy_scenario(case["base"], tmp_path / name)
        apply_case(case, root)
        return root

    return make


@pytest.fixture
def git_policy(tmp_path: Path) -> Iterator[Callable[[str], git.Repo]]:
    """A copy of a policy of tests/data as a git repository, committed on 2026-11-25 in Bishkek."""
    repos: list[git.Repo] = []

    def make(name: str) -> git.Repo:
        repos.append(init_repo(copy_scenario(name, tmp_path / name), PUBLISHED))
        return repos[-1]

    yield make
    for repo in repos:
        repo.close()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, dt.date], Path]:
    """The site of a policy of tests/data as of a date; each is built once per session.

    The policy is committed to git on 2026-11-25, as published policies are: its pages name that
    commit, and its material versions have their notice counted from that day.
    """
    sites: dict[tuple[str, dt.date], Path] = {}

    def site(name: str, as_of: dt.date) -> Path:
        if (name, as_of) not in sites:
            root = copy_site_sources(copy_scenario(name, tmp_path_factory.mktemp(f"{name}-{as_of}")))
            init_repo(root, PUBLISHED).close()
            sites[name, as_of] = build(root, as_of)
        return sites[name, as_of]

    return site


@pytest.fixture(scope="session")
def two_versions_before_1_1(built: Callable[[str, dt.date], Path]) -> Path:
    """two-versions built as of 2026-11-25: 1.0 in force, 1.1 upcoming."""
    return built("two-versions", BEFORE_1_1)


@pytest.fixture(scope="session")
def two_versions_after_1_1(built: Callable[[str, dt.date], Path]) -> Path:
    """two-versions built as of 2026-12-15: 1.1 in force, 1.0 superseded."""
    return built("two-versions", AFTER_1_1)


@pytest.fixture(scope="session")
def chain_after_2_0(built: Callable[[str, dt.date], Path]) -> Path:
    """chain built as of 2027-03-01: the material 2.0 in force, 1.0 and 1.1 superseded."""
    return built("chain", CHAIN_AFTER_2_0)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what the code gives now (review the diff)",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


# The live policy, for the gates (tests/live/, tests/browser/test_live_pages.py) only.


@pytest.fixture(scope="session")
def live_policy() -> Policy:
    """The live policy, loaded; a gate fails here first if it cannot even be read."""
    with LIVE_FOLDER_GUARD.allowing():
        policy, problems = load_policy(REPO)
    assert problems == [], "\n".join(p.describe(REPO) for p in problems)
    return policy


@pytest.fixture(scope="session")
def last_commit_day(live_policy: Policy) -> dt.date:
    """The day of the last commit, in the policy's time zone: the day the live policy is judged on."""
    with git.Repo(REPO) as repo:
        return repo.head.commit.committed_datetime.astimezone(live_policy.settings.timezone).date()


@pytest.fixture(scope="session")
def live_sites(
    live_policy: Policy, last_commit_day: dt.date, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[LiveSite]]:
    """The live site as of the day of the last commit (what is in force and coming then) and as of
    the day the latest version takes effect (it in force with its redline, every other superseded).

    Built from the sources as they stand, checked or not: whether they pass the checker is a gate
    of its own (live/test_live_sources.py).
    """
    days = sorted({last_commit_day, live_policy.versions[-1].effective})
    with ExitStack() as stack:
        sites = []
        for day in days:
            folder = tmp_path_factory.mktemp(f"live-{day}") / "site"
            url = stack.enter_context(serving(folder))
            with environment(POLICY_SITE_URL=url), LIVE_FOLDER_GUARD.allowing():
                build_site(live_policy, day, folder)
            sites.append(LiveSite(day, folder, url))
        yield sites
