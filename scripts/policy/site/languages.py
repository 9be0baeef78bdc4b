"""Whether the site speaks every language of `versions/policy.toml`, where the languages are stated.

The interface's texts (publication/labels/), the theme's own texts and the i18n plugin's list in
mkdocs.yml must each follow policy.toml. A language added there and missing from any of them is
named with everything it lacks, before a build can fall back to another language's words.
"""

from __future__ import annotations

from pathlib import Path

import material
from mkdocs.utils.yaml import yaml_load

from ..errors import Problem
from ..publication.labels import find_missing_texts
from ..sources.settings import SETTINGS_FILE, Settings
from ..sources.versions import VERSIONS_DIR

CONFIG_FILE = "mkdocs.yml"
LABELS = "scripts/policy/publication/labels"
THEME = "scripts/policy/site/theme"
THEME_DIR = Path(__file__).with_name("theme")


def find_untranslated(root: Path, settings: Settings) -> list[Problem]:
    """What the site lacks to speak each language of policy.toml, as configured in mkdocs.yml beside it.

    Without mkdocs.yml there is no site to configure: only the interface's texts are compared.
    """
    if not (root / CONFIG_FILE).is_file():
        return compare_languages(root, settings, list(settings.languages), settings.default_language)
    with (root / CONFIG_FILE).open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    plugins = [p for p in config.get("plugins", []) if isinstance(p, dict) and "i18n" in p]
    i18n = plugins[0]["i18n"].get("languages", []) if plugins else []
    locales = [language.get("locale") for language in i18n]
    return compare_languages(root, settings, locales, config.get("theme", {}).get("language"))


def compare_languages(root: Path, settings: Settings, locales: list[str], theme_language: str | None) -> list[Problem]:
    """The problems of a site configured for locales (i18n, in order) and theme_language."""
    settings_file = root / VERSIONS_DIR / SETTINGS_FILE
    problems = []
    reference = settings.authoritative_language
    for lang, missing in find_missing_texts(settings.languages, reference).items():
        if missing["labels"]:
            problems.append(
                Problem(
                    settings_file,
                    None,
                    f"the site's interface has no text in {lang!r} for: {', '.join(missing['labels'])}",
                    f"Translate them into {LABELS}/{lang}.toml from {LABELS}/{reference}.toml",
                )
            )
        if missing["language_names"]:
            problems.append(
                Problem(
                    settings_file,
                    None,
                    f"the site's interface in {lang!r} has no name for the language(s) "
                    f"{', '.join(missing['language_names'])}",
                    (
                        f"Add each under [language_names] in {LABELS}/{lang}.toml, as the translation note writes it "
                        "in that language"
                    ),
                )
            )
    problems += [
        Problem(
            settings_file,
            None,
            f"the theme has no interface texts in {lang!r}",
            (
                f"Add {THEME}/partials/languages/{lang}.html, translating every key of the theme's en.html, "
                "as ky.html does"
            ),
        )
        for lang in settings.languages
        if not theme_has_language(lang)
    ]
    if locales != list(settings.languages):
        problems.append(
            Problem(
                root / CONFIG_FILE,
                None,
                (
                    f"the i18n plugin builds the languages {', '.join(map(str, locales)) or 'none'}, "
                    f"but {VERSIONS_DIR}/{SETTINGS_FILE} lists {', '.join(settings.languages)}"
                ),
                (
                    "List the same languages in the same order under plugins: i18n: languages, the first with "
                    "default: true"
                ),
            )
        )
    if theme_language != settings.default_language:
        problems.append(
            Problem(
                root / CONFIG_FILE,
                None,
                f"theme: language is {theme_language!r}, "
                f"not the policy's default language {settings.default_language!r}",
                f"Set language: {settings.default_language} under theme",
            )
        )
    return problems


def theme_has_language(lang: str) -> bool:
    """Whether the theme's texts exist in a language: ours (theme/partials), else mkdocs-material's."""
    partial = Path("partials") / "languages" / f"{lang}.html"
    return (THEME_DIR / partial).is_file() or (Path(material.__file__).parent / "templates" / partial).is_file()
