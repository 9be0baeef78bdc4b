"""The theme's light and dark palettes (mkdocs.yml's `theme.palette`): each toggle is named, in the
page's language, for the scheme it switches to. The theme reads the name from the configuration as
a page renders, so it is set before each page is."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from ..publication.labels import label

SWITCHES_TO = {"default": "to_light_scheme", "slate": "to_dark_scheme"}
"""The label naming a toggle, by the scheme of the palette it switches to (the next in the list)."""


def name_toggles(palette: list[dict[str, Any]], lang: str) -> None:
    """Name each toggle of mkdocs.yml's `theme.palette`, in place, in a language."""
    for option, following in zip(palette, [*palette[1:], *palette[:1]], strict=True):
        scheme = following.get("scheme", "default")
        if scheme not in SWITCHES_TO:
            raise PluginError(
                f"policy: mkdocs.yml: theme.palette has the scheme {scheme!r}, which has no name to switch to it; "
                f"use {' or '.join(SWITCHES_TO)}"
            )
        if "toggle" in option:
            option["toggle"]["name"] = label(SWITCHES_TO[scheme], lang)
