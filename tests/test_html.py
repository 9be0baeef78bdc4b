"""The built pages and the feed's HTML fragments are valid HTML, by the Nu Html Checker (vnu.jar).

vnu has no mode for fragments: `--html` only chooses the HTML parser, and a bare `<article>` would
be reported for its missing doctype and title. So each fragment is checked inside the smallest
document an app's web view could give it (doctype, the fragment's own language, charset, title),
which adds nothing else: every message left is about the fragment itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import AFTER_1_1, AS_OF, REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FRAGMENT_PAGE = '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>{fragment}</body></html>\n'
# A known error, checked with the site: proves the checker ran and read the files it was given.
CANARY = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head><body><span><div>block in inline</div></span></body></html>\n'
CANARY_MESSAGE = "Element “div” not allowed as child of element “span” in this context. (Suppressing further errors from this subtree.)"
# What mkdocs-material's own base.html causes, and the markup it is about; the README says why.
THEME_MESSAGES = {
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
        '<input class="md-toggle" data-md-toggle=',
    ),
}


def run_vnu(files: dict[str, Path]) -> list[tuple[str, dict[str, object]]]:
    """Check the files in one run of the checker; each error with the name its file was given."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test`, which installs Debian's default-jre-headless")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make test`, which installs it with npm ci")
    command = [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always", "--stdout"]
    result = subprocess.run([*command, *map(str, files.values())], capture_output=True, text=True, check=True, timeout=300)
    names = {path.resolve().as_uri(): name for name, path in files.items()}
    messages = json.loads(result.stdout)["messages"]
    return [(names.get(str(m.get("url", "")).replace("file:/", "file:///", 1), str(m.get("url"))), m) for m in messages]


def site_pages(site: Path, label: str) -> dict[str, Path]:
    return {f"{label}/{p.relative_to(site)}": p for p in sorted(site.rglob("*.html")) if "api" not in p.relative_to(site).parts}


def wrapped_fragments(site: Path, folder: Path) -> dict[str, Path]:
    """Each fragment of the feed inside a minimal document, written to folder."""
    files = {}
    for fragment in sorted((site / "api" / "v1" / "versions").glob("*/*.html")):
        text = fragment.read_text(encoding="utf-8")
        article = BeautifulSoup(text, "html.parser").article
        assert article is not None, fragment
        name = f"api/v1/versions/{fragment.parent.name}/{fragment.name}"
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(FRAGMENT_PAGE.format(lang=article["lang"], title=name, fragment=text), encoding="utf-8")
        files[name] = target
    return files


def from_the_theme(message: dict[str, object]) -> bool:
    return any(message["message"] == text and markup in str(message.get("extract", "")) for text, markup in THEME_MESSAGES)


def describe(name: str, message: dict[str, object]) -> str:
    extract = " ".join(str(message.get("extract", "")).split())
    return f"{name}:{message.get('lastLine')}: {message['message']} [{extract}]"


def test_pages_and_fragments_are_valid_html(site_before_1_1: Path, site_after_1_1: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = {
        **site_pages(site_before_1_1, str(AS_OF)),
        **site_pages(site_after_1_1, str(AFTER_1_1)),
        **wrapped_fragments(site_before_1_1, tmp_path / "fragments"),
        "canary": canary,
    }
    assert len(files) > 30
    errors = run_vnu(files)
    assert [m["message"] for name, m in errors if name == "canary"] == [CANARY_MESSAGE]
    site_errors = [(name, m) for name, m in errors if name != "canary"]
    problems = [describe(name, m) for name, m in site_errors if not from_the_theme(m)]
    assert not problems, "\n".join(problems)
    seen = {(str(m["message"])) for _, m in site_errors if from_the_theme(m)}
    assert seen == {text for text, _ in THEME_MESSAGES}, "a theme message listed in THEME_MESSAGES (and the README) no longer occurs: remove it"
