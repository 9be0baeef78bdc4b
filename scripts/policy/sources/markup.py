"""What a policy text may become as HTML: plain structure and links within the page, nothing else.

One rule for the checker and the build: the app shows each text's HTML in a web view, so the
checker refuses a text whose HTML would hold anything that runs or loads (an image, a script, a
link to a web address, a `javascript:` or `data:` URL), and the build's fragments are audited by
the same function. Raw HTML is escaped, never passed through. Nor may a text carry an attribute
list (`{: onclick=…}`, `{#id}`): the build gives clauses their ids, and no page reads such lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension

from ..errors import Problem
from .clauses import parse_blocks

ALLOWED_TAGS = frozenset({
    "article", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li",
    "em", "strong", "code", "pre", "blockquote", "hr", "br", "a",
})  # fmt: skip
ALLOWED_ATTRIBUTES = frozenset({"id", "class", "lang", "href", "title"})
ALLOWED_LINKS = ("#", "mailto:")
FIX = "Write plain text: no images, and web addresses as text rather than links"
# What Python-Markdown's attr_list would read as attributes: `{: …}`, `{#id}`, `{.class}`, `{name=…}`.
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.]|[^\s=}]+=)[^}\n]*\}?")


# The standard extensions the site's pages convert a text with, besides the clause anchors
# (mkdocs.yml loads the same; a test holds them equal): the checker reads a text as the site does.
PAGE_EXTENSIONS = ("toc", "tables", "md_in_html")


def to_html(text: str, extensions: Sequence[Extension | str] = PAGE_EXTENSIONS) -> str:
    """A text's Markdown as HTML, raw HTML escaped rather than passed through."""
    converter = Markdown(extensions=list(extensions), output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return str(converter.convert(text))


class Audit(HTMLParser):
    """Collects whatever in HTML is outside the allowed tags, attributes and links."""

    def __init__(self) -> None:
        super().__init__()
        self.refusals: list[str] = []
        self.values: list[str] = []  # what each refusal is about, to find it in the Markdown

    def refuse(self, refusal: str, value: str) -> None:
        self.refusals.append(refusal)
        self.values.append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.refuse(f"<{tag}>", dict(attrs).get("src") or "")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.refuse(f"{name}= on <{tag}>", value or "")
            elif name == "href" and not (value or "").startswith(ALLOWED_LINKS):
                self.refuse(f"a link to {value!r}", value or "")


def audit(html: str) -> list[str]:
    """What the HTML must not contain, in order of appearance; empty when it is safe."""
    found = Audit()
    found.feed(html)
    found.close()
    return found.refusals


def find_unsafe_markup(path: Path, text: str) -> list[Problem]:
    """Each paragraph of a text whose HTML would hold what the app's web view must not show.

    Paragraphs are read one by one to name their lines; what only the whole text makes (a link
    defined in one paragraph and used in another) is named without a line.
    """
    if not any(mark in text for mark in "[<|"):  # no link, image, autolink or table: nothing to convert
        return []
    problems = []
    for block in parse_blocks(text):
        refusals = audit(to_html(block.text))
        if refusals:
            problems.append(
                Problem(
                    path,
                    block.line,
                    f"the text would put {', '.join(dict.fromkeys(refusals))} into the app's HTML",
                    FIX,
                )
            )
    if not problems:
        for refusal, value in audit_whole(text):
            problems.append(
                Problem(path, line_naming(text, value), f"the text would put {refusal} into the app's HTML", FIX)
            )
    return problems


def audit_whole(text: str) -> list[tuple[str, str]]:
    """What only the whole text makes unsafe, a link used in one paragraph and defined in another,
    each with the value to find it by: the link's address is on the line that defines it."""
    found = Audit()
    found.feed(to_html(text))
    found.close()
    return list(zip(found.refusals, found.values, strict=True))


def line_naming(text: str, value: str) -> int | None:
    """The first line of a text that holds a value, as Markdown writes it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if value and value in line:
            return number
    return None


def find_attribute_lists(path: Path, text: str) -> list[Problem]:
    """Each attribute list in a text, which would set what a page does rather than what it says."""
    if "{" not in text:
        return []
    return [
        Problem(
            path,
            number,
            f"{found.group()!r} is an attribute list, which a policy text may not carry",
            "Delete it: the build gives each clause its anchor, and a text says nothing but its words",
        )
        for number, line in enumerate(text.splitlines(), start=1)
        for found in ATTRIBUTE_LIST.finditer(line)
    ]
