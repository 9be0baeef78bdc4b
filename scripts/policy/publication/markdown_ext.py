"""A Python-Markdown extension giving every numbered clause and heading a stable anchor.

Clause 5.2 gets `id="5-2"` and section 5 `id="5"`, in every language and version, so the app
and readers can link to a clause. Use it as `markdown_extensions: [policy.markdown_ext]`.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..sources.clauses import NUMBER, clause_anchor

# Not h1: it is a page's title, and a title starting with a number ("1.1 versiyasidagi
# o‘zgarishlar") is not clause 1.1.
TAGGED = {"p", "h2", "h3", "h4", "h5", "h6"}


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
        # Before toc (priority 5), which then keeps these ids instead of slugging the heading.
        md.treeprocessors.register(ClauseAnchors(md), "clause_anchors", 20)


def makeExtension(**kwargs: object) -> ClauseAnchorExtension:  # noqa: N802 (Python-Markdown's name)
    return ClauseAnchorExtension(**kwargs)
