"""The guides and decision records name only what exists: every relative link, every anchor into
another guide, and every repository path written in backquotes, so that moving a file fails here
rather than leaving a reader at a dead end."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from support import REPO

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
QUOTED = re.compile(r"`([^`\s]+)`")
# A path written in a guide starts with a folder of the repository, or of the code's package
# (`site/worker.py` is scripts/policy/site/worker.py).
TOP_FOLDERS = {"scripts", "tests", "clients", "docs", "requirements", "sources", ".github", ".ci"}
PACKAGES = {"api", "publication", "site", "sources"}
# What the build writes into site/, which is no file of the repository.
BUILT = re.compile(r"site/((assets|api|search|ky|ru|versions|changes|compare)/|_headers$)")
# Not paths of the repository: placeholders, URLs, the site's own addresses (`/ru/`, `api/v2/keys.json`).
NOT_PATHS = re.compile(r"[<>*{}…$~=]|://|^/|^\.\.?/?$|^api/v\d")


def guides() -> list[Path]:
    """Every Markdown file of the repository but the policy's texts and the tests' policies."""
    tracked = subprocess.run(["git", "ls-files", "*.md"], cwd=REPO, capture_output=True, text=True, check=True)
    return sorted(REPO / name for name in tracked.stdout.split() if not name.startswith(("versions/", "tests/data/")))


def slugs(markdown: str) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings."""
    headings = re.findall(r"^#+ (.+)$", markdown, flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def broken_links(guide: Path) -> list[str]:
    broken = []
    for target in LINK.findall(guide.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path, _, anchor = target.partition("#")
        linked = (guide.parent / path).resolve()
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in slugs(linked.read_text(encoding="utf-8")):
            broken.append(f"{target}: no such heading")
    return broken


def named_paths(text: str) -> list[str]:
    """The backquoted words that are paths in the repository: `tests/support.py`, `site/worker.py:40`."""
    paths = []
    for word in QUOTED.findall(text):
        path = re.sub(r"(::\w+|:\d+|#[\w-]+)$", "", word)
        first = path.split("/")[0]
        if "/" in path and not NOT_PATHS.search(path) and first in TOP_FOLDERS | PACKAGES:
            paths.append(path)
    return paths


def tracked() -> set[str]:
    """The repository's files and folders as git has them (`tests/data`, `tests/data/`): a built
    site/ or .venv/ is not among them."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    folders = {str(Path(name).parents[depth]) for name in files for depth in range(name.count("/"))}
    return set(files) | folders | {folder + "/" for folder in folders}


def missing_paths(guide: Path) -> list[str]:
    known = tracked()
    prefixes = ["", "scripts/policy/"]
    return [
        path
        for path in named_paths(guide.read_text(encoding="utf-8"))
        if not BUILT.match(path) and not any(prefix + path in known for prefix in prefixes)
    ]


@pytest.mark.parametrize("guide", guides(), ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_link_of_a_guide_leads_somewhere(guide: Path) -> None:
    assert broken_links(guide) == []


@pytest.mark.parametrize("guide", guides(), ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_path_a_guide_names_exists(guide: Path) -> None:
    assert missing_paths(guide) == []


def test_the_checks_catch_a_moved_file_and_a_renamed_heading(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text(
        "# Guide\n\n[gone](gone.md), [here](guide.md#guide), [renamed](guide.md#old-name), "
        "`scripts/policy/sources/check.py`, `site/worker.py`, `tests/nothing.py`, `versions/1.2/uz.md`\n",
        encoding="utf-8",
    )
    assert broken_links(guide) == ["gone.md: no such file", "guide.md#old-name: no such heading"]
    assert missing_paths(guide) == ["tests/nothing.py"]


def test_the_readme_is_a_first_page_and_links_every_guide() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 8 * 1024
    for guide in sorted((REPO / "docs").glob("*.md")):
        assert f"(docs/{guide.name})" in readme, guide.name
    for guide in sorted((REPO / "docs").glob("*.md")):
        assert guide.read_text(encoding="utf-8").split("\n")[2].startswith("For "), f"{guide.name}: say who it is for"
