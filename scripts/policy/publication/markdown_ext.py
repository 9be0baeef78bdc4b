"""A Python-Markdown extension giving every numbered clause and heading a stable anchor, and reading
Markdown in a <template> as in a <div>.

Clause 5.2 gets `id="5-2"` and section 5 `id="5"`, in every language and version, so the app
and readers can link to a clause. A generated page names a heading's anchor itself, as
`## 1.1 tahriri {#v1-1}`: an id and nothing else, where attr_list (which the site does not load)
would set any attribute, an event handler too. Use it as `markdown_extensions: [policy.markdown_ext]`.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..sources.clauses import NUMBER, clause_anchor

# Not h1: it is a page's title, and a title starting with a number ("1.1 versiyasidagi
# o‘zgarishlar") is not clause 1.1.
TAGGED = {"p", "h2", "h3", "h4", "h5", "h6"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
NAMED_ANCHOR = re.compile(r"\s*\{#([a-z][a-z0-9-]*)\}\s*$")


class NamedAnchors(Treeprocessor):
    """`## Title {#name}`: the heading's id is name, and the braces are not shown."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag not in HEADINGS:
                continue
            last = element[-1] if len(element) else None
            text = (last.tail if last is not None else element.text) or ""
            match = NAMED_ANCHOR.search(text)
            if match:
                element.set("id", match.group(1))
                trimmed = text[: match.start()]
                if last is not None:
                    last.tail = trimmed
                else:
                    element.text = trimmed


class ClauseAnchors(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in TAGGED and "id" not in element.attrib:
                match = NUMBER.match((element.text or "").lstrip())
                if match:
                    element.set("id", clause_anchor(match.group(1)))
                    element.set("class", " ".join(filter(None, [element.get("class"), "clause"])))


class ClauseAnchorExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # A page's parts as of a later day are <template>s of Markdown (context.dated), which
        # md_in_html reads only in an element it knows to be a block.
        if "template" not in md.block_level_elements:
            md.block_level_elements.append("template")
        # Before toc (priority 5), which then keeps these ids instead of slugging the heading.
        md.treeprocessors.register(NamedAnchors(md), "named_anchors", 21)
        md.treeprocessors.register(ClauseAnchors(md), "clause_anchors", 20)


def makeExtension(**kwargs: object) -> ClauseAnchorExtension:  # noqa: N802 (Python-Markdown's name)
    return ClauseAnchorExtension(**kwargs)
