"""The theme's palettes (mkdocs.yml's `theme.palette`): the reader's system's scheme, light and dark.
Each toggle is named, in the page's language, for the palette it switches to, the next in the list.
The theme reads the names from the configuration as a page renders, so they are set before each
page is."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from ..publication.labels import label

SWITCHES_TO = {
    "(prefers-color-scheme)": "to_system_scheme",
    "(prefers-color-scheme: light)": "to_light_scheme",
    "(prefers-color-scheme: dark)": "to_dark_scheme",
}
"""The label naming a toggle, by the `media` of the palette it switches to."""


def name_toggles(palette: list[dict[str, Any]], lang: str) -> None:
    """Name each toggle of mkdocs.yml's `theme.palette`, in place, in a language."""
    for option, following in zip(palette, [*palette[1:], *palette[:1]], strict=True):
        media = following.get("media")
        if media not in SWITCHES_TO:
            raise PluginError(
                f"policy: mkdocs.yml: theme.palette has a palette for the media {media!r}, which has no name "
                f"to switch to it; use one of {', '.join(SWITCHES_TO)}"
            )
        if "toggle" in option:
            option["toggle"]["name"] = label(SWITCHES_TO[media], lang)
