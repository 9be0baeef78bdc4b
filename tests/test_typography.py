"""Typography folding: the marks written several ways map to one form, in Python and in the
browser alike (sources/typography.py, theme/assets/typography.js), from the pairs both must give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy.sources.typography import plain_typography
from support import REPO, node_json

# (written, mapped) pairs that Python's plain_typography and the browser's plainTypography both give.
VECTORS = json.loads((Path(__file__).parent / "typography.json").read_text(encoding="utf-8"))
MODULE = REPO / "scripts/policy/site/theme/assets/typography.js"


def browser_mapped(texts: list[str]) -> object:
    """Each text mapped by typography.js, run as the ES module the browser loads, in Node."""
    script = (
        f"const source = require('fs').readFileSync({json.dumps(str(MODULE))}, 'utf8');"
        "import('data:text/javascript,' + encodeURIComponent(source)).then(module => process.stdout.write("
        f"JSON.stringify({json.dumps(texts, ensure_ascii=False)}.map(module.plainTypography))));"
    )
    return node_json(script)


@pytest.mark.parametrize(("written", "mapped"), VECTORS)
def test_python_maps_each_written_form(written: str, mapped: str) -> None:
    assert plain_typography(written) == mapped


def test_the_browser_maps_each_written_form_as_python_does() -> None:
    assert browser_mapped([pair[0] for pair in VECTORS]) == [pair[1] for pair in VECTORS]


def test_an_apostrophe_is_mapped_never_dropped() -> None:
    assert plain_typography("oʻzgarish") == plain_typography("o'zgarish") != plain_typography("ozgarish")
    assert plain_typography("soʻz") != plain_typography("so‘z‘")
