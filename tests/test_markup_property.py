"""Whatever an editor types into a clause, the checker refuses it naming the file, or the site's
Markdown makes of it only what a policy text may become: the allowed elements, an anchor's id and
class, and links within the page. Hypothesis types arbitrary Unicode and Markdown punctuation."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy.cli import main
from policy.publication.markdown_ext import ClauseAnchorExtension
from policy.sources.markup import PAGE_EXTENSIONS, audit, to_html
from support import BEFORE_1_1, REPO, scenario

MARKDOWN = "{}:#.=*_[]()<>!\"'`~&;/\\-|+^@ \n\t"
INVISIBLE = "\u200b\u200d\u202e\u2066\ufeff"
LETTERS = "aoʻgʻʼтңөү5"


class IgnoringTags(yaml.SafeLoader):
    """mkdocs.yml as data: its !ENV values read as their fallback lists."""


IgnoringTags.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_sequence(node))


def site_extensions() -> list[Any]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoringTags)
    extensions: list[Any] = config["markdown_extensions"]
    return extensions


def test_the_checker_reads_a_text_with_the_extensions_the_site_loads() -> None:
    assert site_extensions() == ["policy.publication.markdown_ext", *PAGE_EXTENSIONS]


def as_the_site_renders(text: str) -> str:
    return to_html(text, [ClauseAnchorExtension(), *PAGE_EXTENSIONS])


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    lang=st.sampled_from(["uz", "ky", "ru"]),
    typed=st.text(alphabet=st.sampled_from(MARKDOWN + INVISIBLE + LETTERS), max_size=40) | st.text(max_size=12),
)
def test_a_typed_clause_is_refused_by_name_or_rendered_safe(
    tmp_path_factory: pytest.TempPathFactory, lang: str, typed: str
) -> None:
    root = tmp_path_factory.mktemp("typed")
    shutil.copytree(scenario("two-versions") / "versions", root / "versions")
    path = root / "versions" / "1.1" / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    clause = text.index("\n2.1. ") + len("\n2.1. ")
    path.write_text(text[:clause] + typed + text[clause:], encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(root), "check", "--as-of", BEFORE_1_1.isoformat()])
    errors = [line for line in (out.getvalue() + err.getvalue()).splitlines() if ": error: " in line]
    if code == 1:
        assert errors
        assert all(line.startswith("versions/1.1/") for line in errors), errors
        return
    assert code == 0
    assert errors == []
    html = as_the_site_renders(path.read_text(encoding="utf-8"))
    assert audit(html) == [], html
    assert 'class="' not in html.replace('class="clause"', ""), html


def test_what_the_property_guards_against_is_seen(tmp_path: Path) -> None:
    assert audit(as_the_site_renders('2.1. *word*{: onclick="alert(1)" }')) == []  # attr_list is not loaded
    assert audit(to_html('2.1. *word*{: onclick="alert(1)" }', ["attr_list"])) == ["onclick= on <em>"]
    assert audit(as_the_site_renders("[TOC]")) == ["<div>"]
