"""The pages' Content-Security-Policy: every page carries it first in its head, it allows exactly the
theme's inline scripts, a page it would break fails the build, and the hosting guide gives the
headers the build writes. That a browser enforces it: tests/browser/test_content_security.py."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.livereload import LiveReloadServer

from policy.errors import PolicyError
from policy.site.csp import ContentSecurityPolicy, inline_scripts, script_hash
from policy.site.plugin import PolicyPlugin
from site_checks import site_pages
from support import BEFORE_1_1, PUBLISHED, REPO, build, init_repo, tree_digest

SiteCopy = Callable[[str], Path]
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
THEME = ContentSecurityPolicy(("sha256-theme",))


def policy_of(page: str) -> dict[str, list[str]]:
    match = CSP_META.search(page)
    assert match, "no Content-Security-Policy"
    return {name: values for name, *values in (part.split() for part in match.group(1).split("; "))}


def test_every_page_carries_the_policy_before_anything_it_governs(two_versions_before_1_1: Path) -> None:
    pages = site_pages(two_versions_before_1_1, "site")
    assert {"site/404.html", "site/ky/404.html", "site/ru/404.html"} <= pages.keys()
    assert len(pages) > 20
    for name, path in pages.items():
        html = path.read_text(encoding="utf-8")
        head = BeautifulSoup(html, "html.parser").head
        assert head is not None
        first = [(tag.name, tag.get("charset") or tag.get("http-equiv")) for tag in head.find_all(True)[:2]]
        assert first == [("meta", "utf-8"), ("meta", "Content-Security-Policy")], name
        directives = policy_of(html)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'none'"]
        assert "'unsafe-inline'" not in str(directives)
        allowed = {value.strip("'") for value in directives["script-src"][1:]}
        scripts = inline_scripts(html)
        assert scripts, f"{name} has none of the theme's inline scripts"
        assert {script_hash(script) for script in scripts} <= allowed, name


def test_every_page_has_the_same_policy_as_the_headers_file(two_versions_before_1_1: Path) -> None:
    headers = (two_versions_before_1_1 / "_headers").read_text(encoding="utf-8")
    header = re.search(r"^  Content-Security-Policy: (.*)$", headers, re.MULTILINE)
    assert header
    pages = site_pages(two_versions_before_1_1, "").values()
    meta = {match.group(1) for path in pages if (match := CSP_META.search(path.read_text(encoding="utf-8")))}
    assert meta == {header.group(1).removesuffix("; frame-ancestors 'none'")}


def test_the_hosting_guide_gives_the_headers_the_build_writes(two_versions_before_1_1: Path) -> None:
    written = (two_versions_before_1_1 / "_headers").read_text(encoding="utf-8")
    guide = (REPO / "docs" / "hosting.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", guide, re.DOTALL)
    assert written in blocks, "docs/hosting.md does not show site/_headers as the build writes it"
    value = re.search(r"^  Content-Security-Policy: (.*)$", written, re.MULTILINE)
    assert value
    assert f'add_header Content-Security-Policy "{value.group(1)}" always;' in guide


@pytest.mark.parametrize(
    ("markup", "blocked"),
    [
        ('<p class="clause" id="3-2" onmouseover="alert(2)">', 'an inline event handler: <p onmouseover="alert(2)">'),
        ("<img src=x ONERROR=alert(1)>", 'an inline event handler: <img onerror="alert(1)">'),
        ("<script>alert(1)</script>", "an inline script the theme does not write: <script>alert(1)</script>"),
        (
            '<script type="module">alert(1)</script>',
            "an inline script the theme does not write: <script>alert(1)</script>",
        ),
        ('<a href=" java\tscript:alert(1)">', 'a javascript: URL: <a href="java script:alert(1)">'),
        ('<form action="JavaScript:x">', 'a javascript: URL: <form action="JavaScript:x">'),
        ('<p style="color:red">', 'an inline style attribute: <p style="color:red">'),
        ("<style>p{}</style>", "an inline <style> element"),
    ],
)
def test_what_the_policy_would_block_is_found(markup: str, blocked: str) -> None:
    assert THEME.blocked(f"<p>text</p>{markup}") == [blocked]


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="javascript:alert(1)">',
        "<a href='JAVA\nSCRIPT:alert(1)'>",
        '<a href="&#106;avascript:alert(1)">',
        '<a href="&#x6A;avascript:alert(1)">',
        '<a href="java&Tab;script:alert(1)">',
        '<a href="javascript&colon;alert(1)">',
        "<img/onerror=alert(1)>",
        '<p title="x"onclick="alert(1)">',
        "<p\nOnClick=alert(1)>",
        "<p style>",
        "<script src>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        "<script>var a=1</scriptx>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
    ],
)
def test_what_hides_from_a_quick_look_is_still_found(markup: str) -> None:
    """A page is parsed unless a quick look vouches for it: what the parse refuses, the look never passes."""
    allowed = ContentSecurityPolicy((script_hash("var a=1"),))
    page = f"<p>text</p><script>var a=1</script>{markup}"
    assert allowed.blocked(page)
    assert not allowed.plainly_clean(page)


SEPARATORS = st.sampled_from([" ", "\t", "\n", "\x0c", "\r", "\x0b", "/", "  ", " /"])
HARMLESS_NAMES = ["href", "src", "action", "type", "title", "data-on", "x"]
NAMES = st.sampled_from([*HARMLESS_NAMES * 3, "ONclick", "on", "Style", "style"])
VALUE_PIECES = st.sampled_from(
    [
        *("java", "JavaScript", "script", ":", "&colon;", "&#106;", "&#x6A;", "&Tab;", "\t", "x", " javascript:"),
        *("&#106;avascript:", "java&Tab;script:", "javascript&colon;", "JAVA\nSCRIPT:"),
    ]
)
VALUES = st.lists(VALUE_PIECES, max_size=5).map("".join)
ATTRIBUTES = st.tuples(SEPARATORS, NAMES, st.sampled_from(["", "=", '="', "='"]), VALUES).map(
    lambda parts: f"{parts[0]}{parts[1]}{parts[2]}{parts[3]}{parts[2][1:]}"
)
TAGS = st.tuples(
    st.sampled_from(["p", "a", "img", "script", "SCRIPT", "style", "form"]),
    st.lists(ATTRIBUTES, max_size=3).map("".join),
    st.sampled_from([">", "/>", " >"]),
).map("<{0[0]}{0[1]}{0[2]}".format)
PAGES = st.lists(
    st.one_of(TAGS, st.sampled_from(["text", "var a=1", "alert(1)", "</script>", "</script >", "</p>"])),
    max_size=6,
).map("".join)
"""Pages of tags with attributes, for Hypothesis to find one the look and the parse judge apart."""


@settings(max_examples=500, deadline=None)
@given(PAGES)
def test_the_quick_look_vouches_only_for_what_the_parse_finds_clean(markup: str) -> None:
    allowed = ContentSecurityPolicy((script_hash("var a=1"),))
    page = f"<p>text</p><script>var a=1</script>{markup}"
    if allowed.plainly_clean(page):
        assert allowed.found_by_parsing(page) == []


def test_most_built_pages_are_vouched_for_without_parsing(two_versions_before_1_1: Path) -> None:
    """What the quick look is for: parsing every page took a quarter of a build (docs/performance.md)."""
    pages = [path.read_text(encoding="utf-8") for path in site_pages(two_versions_before_1_1, "site").values()]
    allowed = {value.strip("'") for value in policy_of(pages[0])["script-src"][1:]}
    policy = ContentSecurityPolicy(tuple(sorted(allowed)))
    vouched = [page for page in pages if policy.plainly_clean(page)]
    assert len(vouched) >= 0.8 * len(pages)


def test_what_it_allows_is_not_blocked() -> None:
    theme_script = f"<script>{'var a=1'}</script>"
    allowed = ContentSecurityPolicy((script_hash("var a=1"),))
    page = (
        f'<p>on onclick="x" style=""</p>{theme_script}<script src="assets/policy.js"></script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
        '<a href="https://example.org/javascript:">x</a><a data-onclick="x" title="javascript:">y</a>'
    )
    assert allowed.blocked(page) == []


def test_the_hash_is_of_the_script_as_csp_hashes_it() -> None:
    # CSP's own example (CSP Level 3, §8.3): alert('Hello, world.');
    assert script_hash("alert('Hello, world.');") == "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="


def test_the_preview_allows_the_script_that_reloads_it_and_no_other(two_versions_before_1_1: Path) -> None:
    page = (two_versions_before_1_1 / "versions/1.0/index.html").read_bytes()
    # MkDocs' own injection, which uses nothing of its server.
    inject = partial(LiveReloadServer._inject_js_into_html, None)  # type: ignore[arg-type]
    server = SimpleNamespace(_inject_js_into_html=inject)
    PolicyPlugin().on_serve(server, config=None, builder=print)  # type: ignore[arg-type]
    served = server._inject_js_into_html(page, 42).decode("utf-8")
    assert "livereload(42, " in served
    built = ContentSecurityPolicy(tuple(v.strip("'") for v in policy_of(page.decode("utf-8"))["script-src"][1:]))
    assert len(built.blocked(served)) == 1  # the built page's policy would refuse it
    allowed = ContentSecurityPolicy(tuple(v.strip("'") for v in policy_of(served)["script-src"][1:]))
    assert allowed.blocked(served) == []
    assert allowed.script_hashes[1:] == built.script_hashes


@pytest.mark.parametrize(
    ("injected", "said"),
    [
        ('<link rel="preload" href="." onload="alert(1)">', 'an inline event handler: <link onload="alert(1)">'),
        ("<script>alert(1)</script>", "an inline script the theme does not write: <script>alert(1)</script>"),
    ],
)
def test_a_page_the_policy_would_break_fails_the_build_and_leaves_the_site(
    site_copy: SiteCopy, injected: str, said: str
) -> None:
    root = site_copy("two-versions")
    init_repo(root, PUBLISHED).close()
    site = build(root, BEFORE_1_1)
    before = tree_digest(site)
    main = shutil.copytree(REPO / "scripts/policy/site/theme", root / "theme") / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}" + injected)
    )
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir: scripts/policy/site/theme\n" in config
    (root / "mkdocs.yml").write_text(config.replace("custom_dir: scripts/policy/site/theme", "custom_dir: theme"))
    with pytest.raises(PolicyError) as refusal:
        build(root, BEFORE_1_1)
    assert str(refusal.value) == (
        "the site was not built, site/ is unchanged:\npolicy: 404.html has what its Content-Security-Policy blocks, "
        f"so a reader's browser would refuse it:\n  {said}\nMove scripts into files under "
        "scripts/policy/site/theme/assets/ and load them with src, handlers into addEventListener there, and styles "
        "into assets/policy.css (docs/decisions/0011-content-security-policy.md)"
    )
    assert tree_digest(site) == before
