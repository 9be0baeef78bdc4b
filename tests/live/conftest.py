"""The gates on the live policy (versions/), which hold for any sound policy: they may read it.

Their fixtures (the live policy and its sites) are in tests/conftest.py, as the browser's gate
(tests/browser/test_live_pages.py) shares them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support import LIVE_FOLDER_GUARD


@pytest.fixture(autouse=True)
def live_folder_allowed() -> Iterator[None]:
    with LIVE_FOLDER_GUARD.allowing():
        yield
