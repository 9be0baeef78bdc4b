"""The languages are stated once, in versions/policy.toml: a language added there and missing from the
interface's texts, the theme or mkdocs.yml is named with everything it lacks, never a KeyError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from policy.cli import main
from policy.errors import PolicyError
from policy.publication.labels import interface
from support import BEFORE_1_1, build

SiteCopy = Callable[[str], Path]


def add_tajik(root: Path) -> None:
    """Tajik in policy.toml, with its title and a text in every version: as an editor would add it."""
    settings = root / "versions/policy.toml"
    text = settings.read_text(encoding="utf-8").replace(
        'languages = ["uz", "ky", "ru"]', 'languages = ["uz", "ky", "ru", "tg"]'
    )
    settings.write_text(text + 'tg = "Сиёсати махфият"\n', encoding="utf-8")
    for folder in (root / "versions").iterdir():
        if folder.is_dir():
            (folder / "tg.md").write_text((folder / "ru.md").read_text(encoding="utf-8"), encoding="utf-8")
            metadata = folder / "version.toml"
            metadata.write_text(metadata.read_text(encoding="utf-8") + 'tg = "Таҳрири аввал."\n', encoding="utf-8")


def test_policy_check_lists_what_a_new_language_lacks(site_copy: SiteCopy, capsys: pytest.CaptureFixture[str]) -> None:
    root = site_copy("one-version")
    add_tajik(root)
    assert main(["-C", str(root), "check", "--as-of", BEFORE_1_1.isoformat()]) == 1
    labels = ", ".join(interface("uz")["labels"])
    assert capsys.readouterr().err.splitlines() == [
        (
            "versions/policy.toml: error: the site's interface in 'uz' has no name for the language(s) tg. Add each "
            "under [language_names] in scripts/policy/publication/labels/uz.toml, as the translation note writes it "
            "in that language"
        ),
        (
            "versions/policy.toml: error: the site's interface in 'ky' has no name for the language(s) tg. Add each "
            "under [language_names] in scripts/policy/publication/labels/ky.toml, as the translation note writes it "
            "in that language"
        ),
        (
            "versions/policy.toml: error: the site's interface in 'ru' has no name for the language(s) tg. Add each "
            "under [language_names] in scripts/policy/publication/labels/ru.toml, as the translation note writes it "
            "in that language"
        ),
        (
            f"versions/policy.toml: error: the site's interface has no text in 'tg' for: {labels}. Translate them "
            "into scripts/policy/publication/labels/tg.toml from scripts/policy/publication/labels/uz.toml"
        ),
        (
            "versions/policy.toml: error: the site's interface in 'tg' has no name for the language(s) uz, ky, ru, "
            "tg. Add each under [language_names] in scripts/policy/publication/labels/tg.toml, as the translation "
            "note writes it in that language"
        ),
        (
            "versions/policy.toml: error: the theme has no interface texts in 'tg'. Add "
            "scripts/policy/site/theme/partials/languages/tg.html, translating every key of the theme's en.html, as "
            "ky.html does"
        ),
        (
            "mkdocs.yml: error: the i18n plugin builds the languages uz, ky, ru, but versions/policy.toml lists uz, "
            "ky, ru, tg. List the same languages in the same order under plugins: i18n: languages, the first with "
            "default: true"
        ),
        "policy check: 7 error(s), 1 warning(s) in 1 version(s). Fix the errors above, then run `policy check` again.",
    ]


def test_the_build_refuses_a_language_the_site_cannot_speak(site_copy: SiteCopy) -> None:
    root = site_copy("one-version")
    add_tajik(root)
    with pytest.raises(
        PolicyError, match=r"versions/policy.toml: error: the site's interface has no text in 'tg' for: version, "
    ):
        build(root, BEFORE_1_1)
    assert not (root / "site").exists()


def test_mkdocs_yml_must_list_the_languages_of_policy_toml(
    site_copy: SiteCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_copy("one-version")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  language: uz\n", "  language: ru\n"), encoding="utf-8"
    )
    assert main(["-C", str(root), "check", "--as-of", BEFORE_1_1.isoformat()]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "mkdocs.yml: error: theme: language is 'ru', not the policy's default language 'uz'. Set language: uz "
        "under theme"
    )


def test_the_theme_is_known_to_have_texts_for_our_languages_and_not_for_others() -> None:
    from policy.site.languages import theme_has_language

    assert theme_has_language("ky")
    assert theme_has_language("ru")
    assert theme_has_language("uz")
    assert not theme_has_language("xx")
