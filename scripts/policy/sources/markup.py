"""What a policy text may become as HTML: plain structure and links within the page, nothing else.

One rule for the checker and the build: the app shows each text's HTML in a web view, so the
checker refuses a text whose HTML would hold anything that runs or loads (an image, a script, a
link to a web address, a `javascript:` or `data:` URL), and the build's fragments are audited by
the same function. Raw HTML is escaped, never passed through.
"""

from __future__ import annotations

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


def to_html(text: str, extensions: Sequence[Extension] = ()) -> str:
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.refusals.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.refusals.append(f"{name}= on <{tag}>")
            elif name == "href" and not (value or "").startswith(ALLOWED_LINKS):
                self.refusals.append(f"a link to {value!r}")


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
    if "[" not in text and "<" not in text:  # no link, image or autolink: nothing to convert
        return []
    problems = []
    for block in parse_blocks(text):
        refusals = audit(to_html(block.text))
        if refusals:
            problems.append(
                Problem(path, block.line, f"the text would put {', '.join(refusals)} into the app's HTML", FIX)
            )
    if not problems:
        refusals = audit(to_html(text))
        if refusals:
            problems.append(Problem(path, None, f"the text would put {', '.join(refusals)} into the app's HTML", FIX))
    return problems
