"""The names of the theme's light and dark toggles (site/palette.py), in each language."""

from __future__ import annotations

from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from policy.publication.labels import label
from policy.site.palette import name_toggles


def palette(*schemes: str) -> list[dict[str, Any]]:
    return [{"scheme": scheme, "toggle": {"icon": "material/weather-night"}} for scheme in schemes]


@pytest.mark.parametrize("lang", ["uz", "ky", "ru"])
def test_each_toggle_is_named_for_the_scheme_it_switches_to(lang: str) -> None:
    options = palette("default", "slate")
    name_toggles(options, lang)
    assert [option["toggle"]["name"] for option in options] == [
        label("to_dark_scheme", lang),
        label("to_light_scheme", lang),
    ]


def test_a_scheme_with_no_name_is_refused_naming_mkdocs_yml() -> None:
    with pytest.raises(PluginError, match=r"mkdocs\.yml: theme\.palette has the scheme 'sepia'.*default or slate"):
        name_toggles(palette("default", "sepia"), "ru")
