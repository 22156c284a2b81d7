"""Pages made to be printed: the trainee's workbook and record of learning (in
every edition), and the facilitator's session notes and session pack a module."""

from __future__ import annotations

import json
import re

from builder.checks.language import strip_markers
from builder.content.model import Course, Module
from builder.pages.templating import Page, front_matter, render, section

__all__ = ["printable_pages", "session_notes", "session_pack"]

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{1,5}) ", re.M)
PRINT_HINT = re.compile(r'^<p class="ps-print-hint">.*</p>\n?', re.M)


def printable_pages(course: Course, edition: str) -> list[Page]:
    pages = [Page("workbook.md", render("workbook.md", modules=course.modules)),
             Page("record.md", render("record.md", course_json=_record_json(course)))]
    if edition == "facilitator":
        pages += [Page(f"facilitator/{m.id}-pack.md", session_pack(m)) for m in course.modules]
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
            + strip_markers(module.facilitator.markdown))


def _handout(module: Module) -> str:
    return render("handout.md", module=module,
                   takeaways=strip_markers(section(module.body, "Key takeaways")))


def _answer_key(module: Module, in_pack: bool = False) -> str:
    """In a pack, each question is headed by its number alone: its prompt follows in full."""
    return render("answer_key.md", module=module, notes_uri=f"{module.id}.md", in_pack=in_pack)


def _part(markdown: str) -> str:
    """A page as part of a pack: no front matter or print hint, headings a level down."""
    body = PRINT_HINT.sub("", FRONT_MATTER.sub("", markdown))
    return HEADING.sub(lambda m: "#" + m.group(1) + " ", body).strip()


def session_pack(module: Module) -> str:
    """Everything for one session, to print together: the notes, the handout
    and the answer key, each starting on a new page."""
    parts = [_part(session_notes(module)) if module.facilitator else "",
             _part(_handout(module)), _part(_answer_key(module, in_pack=True)) if module.quiz else ""]
    return render("session_pack.md", module=module, parts=[p for p in parts if p])
