"""The six safety points shown where a page touches them: each marker
`<!-- safety: id -->` in a page's HTML becomes a collapsed "What to do" box
with the point's full text (and the same text in print), after the paragraph
that holds it. The safety page lists all six (`<!-- safety-points -->`)."""

from __future__ import annotations

import re

from builder.content.model import SafetyPoint
from builder.pages.templating import render

__all__ = ["LIST_MARKER", "place_safety_points", "place_safety_points_markdown",
           "safety_points_list"]

LIST_MARKER = "<!-- safety-points -->"
MARKER = r"<!--\s*safety:\s*([a-z-]+)\s*-->"
# Markers that end a paragraph: the boxes go after it, as a <details> cannot sit in a <p>.
ENDING = re.compile(r"(?<!\s)((?:\s*" + MARKER + r")+)\s*</p>")  # (?<!\s): linear on spaces
ANY = re.compile(MARKER)
TAG_GAP = re.compile(r">\s+<")
BOX_PARTS = re.compile(r"(?=<details )|(?<=</details>)")
# In Markdown: markers that end a paragraph (a blank line or the end follows).
MARKDOWN_ENDING = re.compile(r"(?<=\S)((?:[ \t]*\n?[ \t]*" + MARKER + r")+)[ \t]*(?=\n[ \t]*\n|\n?\Z)")


def _boxes(ids: list[str], points: list[SafetyPoint]) -> str:
    by_id = {p.id: p for p in points}
    return "".join(render("safety_point.html", point=by_id[i]) for i in ids if i in by_id)


def place_safety_points(html: str, points: list[SafetyPoint]) -> str:
    if "safety:" not in html:
        return html
    html = ENDING.sub(lambda m: "</p>\n" + _boxes(ANY.findall(m.group(1)), points), html)
    return ANY.sub(lambda m: _boxes([m.group(1)], points), html)


def place_safety_points_markdown(markdown: str, points: list[SafetyPoint]) -> str:
    """The same boxes placed in a page's Markdown, for a site built without our
    plugin, as raw HTML: after the paragraph whose markers end it,
    at the indent of the line the markers follow (in a list item, it stays in the
    item); any other marker is replaced where it is, as place_safety_points does."""
    if "safety:" not in markdown:
        return markdown

    def lines(ids: list[str], indent: str = "") -> str:
        # Tags tight, one line a box's <details> and one its print copy: Markdown keeps
        # them whole as raw HTML, also inside a `<div markdown>` block or a list item.
        html = TAG_GAP.sub("><", " ".join(_boxes(ids, points).split("\n")).strip())
        return "\n".join(indent + line for line in BOX_PARTS.split(html) if line)

    def after(m: re.Match) -> str:
        line_start = markdown.rfind("\n", 0, m.start()) + 1
        indent = re.match(r"[ \t]*", markdown[line_start:]).group(0)  # type: ignore[union-attr]
        html = lines(ANY.findall(m.group(1)), indent)
        return f"\n\n{html}" if html else ""

    markdown = MARKDOWN_ENDING.sub(after, markdown)
    return ANY.sub(lambda m: lines([m.group(1)]), markdown)


def safety_points_list(points: list[SafetyPoint]) -> str:
    return render("safety_points.md", points=points)
