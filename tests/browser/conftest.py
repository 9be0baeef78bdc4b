"""Browser fixtures for the tests of the code that drive a built site of tests/data in Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from browser_support import browser, page  # noqa: F401 (fixtures)
from policy.site.build import environment
from support import (
    BEFORE_1_1,
    PUBLISHED,
    build,
    copy_scenario,
    copy_site_sources,
    init_repo,
    serving,
)

Served = Callable[[str, dt.date], str]


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The address of a policy of tests/data built as of a date for a loopback address and served
    there; each is built once per session."""

    with ExitStack() as stack:
        bases: dict[tuple[str, dt.date], str] = {}

        def base_for(name: str, as_of: dt.date) -> str:
            if (name, as_of) not in bases:
                root = copy_site_sources(copy_scenario(name, tmp_path_factory.mktemp(f"served-{name}-{as_of}")))
                init_repo(root, PUBLISHED).close()
                base = stack.enter_context(serving(root / "site"))
                with environment(POLICY_SITE_URL=base):
                    build(root, as_of)
                bases[name, as_of] = base
            return bases[name, as_of]

        yield base_for


@pytest.fixture(scope="session")
def served_site(served: Served) -> str:
    """two-versions, built as of 2026-11-25 (1.0 in force, 1.1 upcoming), served on loopback."""
    return served("two-versions", BEFORE_1_1)
