"""The pages' Content-Security-Policy: scripts only from the site's own files, and the theme's few
inline scripts, each allowed by its hash. A page carrying anything else the policy would block (an
inline script of another origin, an inline event handler, a `javascript:` URL, inline style) fails
the build, so that a reader never meets what the browser refuses. Why it is this policy:
docs/decisions/0011-content-security-policy.md.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

THEME_SCRIPTS = "partials/javascripts/"
"""Where mkdocs-material keeps every inline script it writes into a page."""
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
"""A <script> of these types is data, which no browser runs (the theme's `__config`)."""
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
C0_AND_SPACE = "".join(map(chr, range(0x21)))
ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
NAME_STARTS = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \"'/"
"""Where an attribute's name may start: after ASCII whitespace (all that html.parser counts as such;
browsers count fewer), a slash, or a closing quote."""
LOOKING_GLASS = bytes.maketrans(ASCII_UPPER + NAME_STARTS, ASCII_UPPER.lower() + b"\0" * len(NAME_STARTS))
"""A page as the quick look reads it, as long as the page: names in lower case, as browsers match them,
and each place a name may start marked with a NUL (a NUL in the page only makes the look warier)."""
NAMES_REFUSED = re.compile(rb"\0style(?:[\0=>]|\Z)")
"""An attribute named style (`rel="stylesheet"` is not one)."""
REFERENCES = re.compile(rb"&(?:#|fjlig|tab|newline)")
"""A character reference that could hide a letter of `javascript:` in a URL."""
JAVASCRIPT_URL = re.compile(rb"\0*".join(bytes([letter]) for letter in b"javascript") + rb"\0*(?::|&colon)")
"""`javascript:` with what a browser drops inside a URL (tabs and newlines) anywhere."""
SCRIPT_START = b"<script"
PLAIN_SCRIPT = re.compile(rb'<script((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>', re.IGNORECASE)
SCRIPT_END = re.compile(rb"</script\s*>", re.IGNORECASE)

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # the theme's stylesheet draws its icons from data: SVGs (masks)
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
}
"""Every directive is named, though default-src would cover most: a reader of a page sees the whole rule."""
HEADER_ONLY = {"frame-ancestors": "'none'"}
"""What a <meta> policy cannot say (browsers ignore it there): a host sends it as a header."""
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""The other headers a host sends with every file (docs/hosting.md)."""


@dataclass(frozen=True)
class ContentSecurityPolicy:
    script_hashes: tuple[str, ...]
    """'sha256-…' of each inline script the theme writes, in the order it writes them."""

    def directives(self) -> dict[str, str]:
        hashes = " ".join(f"'{digest}'" for digest in self.script_hashes)
        return {**DIRECTIVES, "script-src": f"{DIRECTIVES['script-src']} {hashes}".strip()}

    @functools.cached_property  # compared with every page
    def meta(self) -> str:
        """The policy of every page's <meta http-equiv>."""
        return join(self.directives())

    @property
    def header(self) -> str:
        """The same policy as an HTTP header, with what only a header can say."""
        return join({**self.directives(), **HEADER_ONLY})

    def headers_file(self) -> str:
        """Every header, for every path, as Netlify and Cloudflare Pages read a site's `_headers`."""
        lines = [f"  {name}: {value}" for name, value in {"Content-Security-Policy": self.header, **HEADERS}.items()]
        return "\n".join(["/*", *lines, ""])

    def blocked(self, html: str, encoded: bytes | None = None) -> list[str]:
        """What in a page the policy would block, each said in a sentence; none when it is clean.
        encoded: the page in UTF-8, when the caller has it already."""
        return [] if self.plainly_clean(html, encoded) else self.found_by_parsing(html)

    def found_by_parsing(self, html: str) -> list[str]:
        page = PageScan()
        page.feed(html)
        page.close()
        unknown = [script for script in page.scripts if script_hash(script) not in self.allowed]
        return [
            *(f"an inline script the theme does not write: <script>{shorten(script)}</script>" for script in unknown),
            *page.refused,
        ]

    def plainly_clean(self, html: str, encoded: bytes | None = None) -> bool:
        """Whether a page is clean without parsing it: no attribute the policy may refuse, and every
        inline script written plainly and allowed. Parsing every page took a quarter of a build
        (docs/performance.md); a page this does not vouch for is parsed. It reads bytes: a search of
        a few bytes is many times quicker than a regular expression tried at every space."""
        page = html.encode("utf-8") if encoded is None else encoded
        seen = page.translate(LOOKING_GLASS)
        if (
            b"\0on" in seen
            or b"<style" in seen
            or NAMES_REFUSED.search(seen)
            or REFERENCES.search(seen)
            or JAVASCRIPT_URL.search(seen)
        ):
            return False
        allowed = self.allowed
        start = seen.find(SCRIPT_START)
        while start >= 0:
            tag = PLAIN_SCRIPT.match(page, start)
            end = SCRIPT_END.search(page, tag.end()) if tag else None
            if tag is None or end is None or b"</" in page[tag.end() : end.start()]:
                return False
            attributes = dict(ATTRIBUTE.findall(tag[1]))
            external = bool(attributes.get(b"src")) or is_data(attributes.get(b"type", b"").strip(b'"').decode())
            if not external and bytes_hash(page[tag.end() : end.start()]) not in allowed:
                return False
            start = seen.find(SCRIPT_START, end.end())
        return True

    @functools.cached_property
    def allowed(self) -> frozenset[str]:
        return frozenset(self.script_hashes)


ATTRIBUTE = re.compile(rb'([a-z-]+)(?:=("[^"<>]*"))?', re.IGNORECASE)


def allow_added_script(page: bytes, added: bytes) -> bytes:
    """A page with one more inline script allowed by its policy: the `<script>…</script>` added to it
    (`mkdocs serve` adds one that reloads the page when the site is rebuilt)."""
    script = added.removeprefix(b"<script>").removesuffix(b"</script>").decode("utf-8")
    return page.replace(b"script-src 'self'", f"script-src 'self' '{script_hash(script)}'".encode("ascii"), 1)


def join(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def theme_policy(env: Environment, context: dict[str, object]) -> ContentSecurityPolicy:
    """The policy allowing the inline scripts of every template in the theme's partials/javascripts/,
    rendered as the theme renders them into a page (its `config`, `base_url` and `features`)."""
    names = script_templates(env)
    scripts = [script for name in names for script in inline_scripts(env.get_template(name).render(context))]
    return ContentSecurityPolicy(tuple(dict.fromkeys(script_hash(script) for script in scripts)))


def script_templates(env: Environment) -> list[str]:
    """The templates under THEME_SCRIPTS, in every folder of the theme. Listing them from MkDocs' loader's
    folders: jinja2's list_templates walks every file of the theme (thousands of icons) to filter them."""
    loader = env.loader
    assert isinstance(loader, FileSystemLoader), "MkDocs' themes load their templates from folders"
    folders = [Path(folder) / THEME_SCRIPTS for folder in loader.searchpath]
    found = {path.relative_to(folder).as_posix() for folder in folders for path in folder.rglob("*") if path.is_file()}
    return sorted(THEME_SCRIPTS + name for name in found)


def inline_scripts(html: str) -> list[str]:
    page = PageScan()
    page.feed(html)
    page.close()
    return page.scripts


def script_hash(script: str) -> str:
    """The source expression CSP matches an inline script by: the hash of its text, as UTF-8."""
    return bytes_hash(script.encode("utf-8"))


def bytes_hash(script: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode("ascii")


def shorten(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


class PageScan(HTMLParser):
    """The inline scripts of a page, and each attribute a script-src without 'unsafe-inline', or a
    style-src without it, would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.refused: list[str] = []
        self.in_script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refused += refused_attributes(tag, attrs)
        if tag == "style":
            self.refused.append("an inline <style> element")
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src") is None and not is_data(attributes.get("type")):
            self.in_script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refused += refused_attributes(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.in_script is not None:
            self.in_script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.in_script is not None:
            self.scripts.append("".join(self.in_script))
            self.in_script = None


def is_data(script_type: str | None) -> bool:
    return (script_type or "").strip().lower() in DATA_SCRIPT_TYPES


def refused_attributes(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[str]:
    refused = []
    for name, value in attrs:
        if name.startswith("on"):
            refused.append(f'an inline event handler: <{tag} {name}="{shorten(value or "")}">')
        elif name == "style":
            refused.append(f'an inline style attribute: <{tag} style="{shorten(value or "")}">')
        elif name in URL_ATTRIBUTES and is_javascript_url(value or ""):
            refused.append(f'a javascript: URL: <{tag} {name}="{shorten(value or "")}">')
    return refused


def is_javascript_url(value: str) -> bool:
    """As a browser parses a URL: leading spaces and control characters, and tabs and newlines
    anywhere, do not count."""
    cleaned = "".join(char for char in value.lstrip(C0_AND_SPACE) if char not in "\t\n\r")
    return cleaned.lower().startswith("javascript:")
