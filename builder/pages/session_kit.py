"""A session's kit, from its facilitator notes (issue 27): the materials to print and
the texts trainees work from in the session.

- `## Materials`: each `### ` subsection is one printed sheet, starting on its own
  page in the session pack; one titled "Cards: ..." prints its list items as cards
  to cut apart. `<!-- crisis-pathway-card -->` in it becomes the one crisis-pathway
  card, whose steps are the safety points' own words (its markers).
- `## Handout texts`: each `### ` subsection is printed on the module's handout.

The notes page shows both sections where they are; the session pack prints the
notes without them, then the materials, then the handout."""

from __future__ import annotations

import re

from builder.checks.language import strip_markers
from builder.content.model import Module
from builder.pages.templating import render, section

__all__ = ["MATERIALS", "HANDOUT_TEXTS", "CRISIS_CARD", "with_kit", "without_kit",
           "materials_page", "handout_texts"]

MATERIALS = "Materials"
HANDOUT_TEXTS = "Handout texts"
CRISIS_CARD = "<!-- crisis-pathway-card -->"
KIT_SECTION = re.compile(rf"^## (?:{MATERIALS}|{HANDOUT_TEXTS})[ \t]*$.*?(?=^## |\Z)", re.M | re.S)
SUBSECTION = re.compile(r"^### ", re.M)


def _sheets(body: str) -> str:
    """A Materials section's body with each `### ` subsection in a box of its own: a
    sheet, or cards to cut apart when its title starts with "Cards"."""
    intro, *items = SUBSECTION.split(body)
    boxed = []
    for item in items:
        kind = "ps-kit-cards" if item.startswith("Cards") else "ps-kit-sheet"
        boxed.append(f'<div class="ps-kit {kind}" markdown>\n\n### {item.strip()}\n\n</div>')
    return "\n\n".join([intro.strip(), *boxed]).strip().replace(CRISIS_CARD,
                                                                render("crisis_pathway_card.md"))


def with_kit(notes: str) -> str:
    """The notes as their page shows them: the materials boxed, the crisis card in place."""
    found = re.search(rf"^## {MATERIALS}[ \t]*\n(.*?)(?=^## |\Z)", notes, re.M | re.S)
    if not found:
        return notes
    return notes[:found.start(1)] + "\n" + _sheets(found.group(1)) + "\n\n" + notes[found.end(1):]


def without_kit(notes: str) -> str:
    """The notes without their materials and handout texts (printed apart in the pack)."""
    return KIT_SECTION.sub("", notes).rstrip() + "\n"


def _up_a_level(markdown: str) -> str:
    return SUBSECTION.sub("## ", markdown)


def materials_page(module: Module) -> str:
    """The materials to print for a session, each sheet on its own page; "" when none."""
    body = section(module.facilitator.markdown, MATERIALS) if module.facilitator else ""
    if not body:
        return ""
    return render("materials.md", module=module, body=_up_a_level(_sheets(strip_markers(body))))


def handout_texts(module: Module) -> str:
    """The texts the session reads aloud or works from, for the handout; "" when none."""
    body = section(module.facilitator.markdown, HANDOUT_TEXTS) if module.facilitator else ""
    return _up_a_level(body)
