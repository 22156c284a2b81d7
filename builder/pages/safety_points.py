"""The six safety points shown where a page touches them: each marker
`<!-- safety: id -->` in a page's HTML becomes a collapsed "What to do" box
with the point's full text (and the same text in print), after the paragraph
that holds it. The safety page lists all six (`<!-- safety-points -->`)."""

from __future__ import annotations

import re

from builder.content.model import SafetyPoint
from builder.pages.templating import render

__all__ = ["LIST_MARKER", "place_safety_points", "safety_points_list"]

LIST_MARKER = "<!-- safety-points -->"
MARKER = r"<!--\s*safety:\s*([a-z-]+)\s*-->"
# Markers that end a paragraph: the boxes go after it, as a <details> cannot sit in a <p>.
ENDING = re.compile(r"((?:\s*" + MARKER + r")+)\s*</p>")
ANY = re.compile(MARKER)


def place_safety_points(html: str, points: list[SafetyPoint]) -> str:
    if "safety:" not in html:
        return html
    by_id = {p.id: p for p in points}

    def boxes(ids: list[str]) -> str:
        return "".join(render("safety_point.html", point=by_id[i]) for i in ids if i in by_id)

    html = ENDING.sub(lambda m: "</p>\n" + boxes(ANY.findall(m.group(1))), html)
    return ANY.sub(lambda m: boxes([m.group(1)]), html)


def safety_points_list(points: list[SafetyPoint]) -> str:
    return render("safety_points.md", points=points)
