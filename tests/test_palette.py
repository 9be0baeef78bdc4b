"""The names of the theme's toggles between the system's scheme, light and dark (site/palette.py)."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from policy.publication.labels import label
from policy.site.palette import name_toggles

SYSTEM, LIGHT, DARK = "(prefers-color-scheme)", "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"


def palette(*media: str) -> list[dict[str, Any]]:
    return [{"media": query, "toggle": {"icon": "material/brightness-auto"}} for query in media]


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
def test_each_toggle_is_named_for_the_palette_it_switches_to(lang: str) -> None:
    options = palette(SYSTEM, LIGHT, DARK)
    name_toggles(options, lang)
    assert [option["toggle"]["name"] for option in options] == [
        label("to_light_scheme", lang),
        label("to_dark_scheme", lang),
        label("to_system_scheme", lang),
    ]


def test_a_palette_with_no_name_is_refused_naming_mkdocs_yml() -> None:
    with pytest.raises(PluginError, match=r"mkdocs\.yml: theme\.palette has a palette for the media 'print'"):
        name_toggles(palette(LIGHT, "print"), "ru")
