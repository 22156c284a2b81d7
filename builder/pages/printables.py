"""Pages made to be printed: the trainee's workbook and record of learning (in
every edition), and the facilitator's session notes, handout and session pack a
module (with the session's kit, builder/pages/session_kit.py, and the role-play
cards of the module's practice, builder/pages/practice.py)."""

from __future__ import annotations

import json
import re

from builder.checks.language import strip_markers
from builder.content.model import Course, Module
from builder.pages.course_version import course_version
from builder.pages.practice import PRACTISED, roleplay_cards, with_roleplay_line
from builder.pages.session_kit import handout_texts, materials_page, with_kit, without_kit
from builder.pages.templating import Page, front_matter, render, render_page, section

__all__ = ["printable_pages", "session_notes", "session_pack", "handout", "answer_key"]

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{1,5}) ", re.M)
PRINT_HINT = re.compile(r'^<p class="ps-print-hint">.*</p>\n?', re.M)


def printable_pages(course: Course, edition: str) -> list[Page]:
    pages = [render_page("workbook.md", "workbook.md", modules=course.modules),
             Page("record.md", render("record.md", course_json=_record_json(course),
                                      practised_means=PRACTISED,
                                      version=course_version(course.root).text))]
    if edition == "facilitator":
        pages += [session_pack(m) for m in course.modules]
    return pages


def _record_json(course: Course) -> str:
    return json.dumps({"modules": [{"id": m.id, "label": m.label, "minutes": m.minutes or 0,
                                    "questions": len(m.quiz.questions) if m.quiz else 0}
                                   for m in course.modules]}, ensure_ascii=False)


def session_notes(module: Module) -> str:
    """A module's facilitator notes, titled with the module (the navigation
    calls every one of them "Session notes")."""
    assert module.facilitator is not None
    return (front_matter(title=f"Session notes: {module.label}") + "\n\n"
            + with_roleplay_line(strip_markers(with_kit(module.facilitator.markdown)), module))


def handout(module: Module, prefix: str = "") -> Page:
    return render_page(f"facilitator/{module.id}-handout.md", "handout.md", prefix=prefix,
                       module=module, texts=strip_markers(handout_texts(module)),
                       takeaways=strip_markers(section(module.body, "Key takeaways")))


def answer_key(module: Module, prefix: str = "", in_pack: bool = False) -> Page:
    """In a pack, each question is headed by its number alone: its prompt follows in full."""
    return render_page(f"facilitator/{module.id}-answers.md", "answer_key.md", prefix=prefix,
                       module=module, notes_uri=f"{module.id}.md", in_pack=in_pack)


def _part(markdown: str) -> str:
    """A page as part of a pack: no front matter or print hint, headings a level down."""
    body = PRINT_HINT.sub("", FRONT_MATTER.sub("", markdown))
    return HEADING.sub(lambda m: "#" + m.group(1) + " ", body).strip()


def session_pack(module: Module) -> Page:
    """Everything for one session, to print together: the notes, the materials, the
    handout, the role-play cards and the answer key, each starting on a new page (the
    handout's and the answer key's HTML kept apart, their placeholders numbered apart)."""
    materials = materials_page(module)
    cards = roleplay_cards(module)
    kept = [handout(module, "handout-")] + (
        [answer_key(module, "key-", in_pack=True)] if module.quiz else [])
    parts = [_part(without_kit(session_notes(module))) if module.facilitator else "",
             _part(materials) if materials else "", _part(kept[0].markdown),
             _part(cards) if cards else "", *(_part(page.markdown) for page in kept[1:])]
    return Page(f"facilitator/{module.id}-pack.md",
                render("session_pack.md", module=module, parts=[p for p in parts if p],
                       materials=bool(materials), roleplay=bool(cards)),
                tuple(fragment for page in kept for fragment in page.html))
