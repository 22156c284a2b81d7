"""A module's practice (issue 26) rendered: the section on the module page
(`practice.html`, which practice.js brings to life), the role-play cards of
the facilitator's session pack (`roleplay_cards.md`), the line in the session
notes that says where to use each card, and what the browser needs to know
of each exercise (config.js)."""

from __future__ import annotations

import re

from builder.content.model import Course, Module
from builder.content.practice import Exercise, PracticeSet, Turn
from builder.pages.templating import render, render_once

__all__ = ["PRACTISED", "practice_section", "roleplay_cards", "with_roleplay_line", "browser_config",
           "unmarked", "marker_only"]

# What "practised" means, as status.js counts it, on the progress page and the record.
PRACTISED = ("a module is practised when every practice exercise is done: a reply written and "
             "its model replies opened, a conversation followed to an end")
MARKERS = re.compile(r"\s*<!--\s*safety:\s*[a-z-]+\s*-->")
NOTES_END = re.compile(r"^## What to watch for\s*$", re.MULTILINE)
ROLEPLAY_MINUTES = 20  # a card's role-play and its talk afterwards, in the session plan

def unmarked(text: str) -> str:
    """Text without its safety markers: for a button or a checkbox label, where a
    "What to do" box cannot go. The markers go with the text beside it."""
    return MARKERS.sub("", text)


def marker_only(text: str) -> str:
    """The safety markers of a text, to follow another text that has room for the boxes."""
    return "".join(" " + m.strip() for m in MARKERS.findall(text))


def practice_section(practice: PracticeSet) -> str:
    """The practice section of a module page: a Markdown heading and privacy line,
    then the HTML (builder/pages/render.py keeps it apart, as for the self-check)."""
    return render_once("practice.html", practice=practice, unmarked=unmarked,
                       marker_only=marker_only)


def _card_path(exercise: Exercise) -> list[tuple[Turn, list[tuple[str, Turn | None]]]]:
    """The turns a peer's card follows (the longest path), each with its choices as
    (the supporter's words, the turn they lead to)."""
    return [(turn, [(c.text, exercise.turn(c.next)) for c in turn.choices])
            for turn in exercise.longest_path()]


def roleplay_cards(module: Module) -> str:
    """The module's conversations as role-play cards for three people; "" when it has none."""
    if not module.practice or not module.practice.conversations:
        return ""
    return render("roleplay_cards.md", module=module, minutes=ROLEPLAY_MINUTES,
                  cards=[(ex, _card_path(ex)) for ex in module.practice.conversations],
                  unmarked=unmarked, marker_only=marker_only)


def with_roleplay_line(markdown: str, module: Module) -> str:
    """Facilitator notes with a line for each role-play card, where to use it: at the
    end of their Activities (before "## What to watch for")."""
    if not module.practice or not module.practice.conversations:
        return markdown
    lines = render("roleplay_line.md", module=module, minutes=ROLEPLAY_MINUTES,
                   conversations=module.practice.conversations).strip()
    found = NOTES_END.search(markdown)
    if not found:
        return markdown.rstrip("\n") + "\n\n" + lines + "\n"
    return markdown[:found.start()] + lines + "\n\n" + markdown[found.start():]


def browser_config(course: Course) -> dict:
    """What config.js tells the browser of the practice: each module's exercises as
    [id, type, review points], in order (status.js counts them; transfer.js checks a
    file's records against them)."""
    return {"practice": {m.id: [[e.id, e.type, len(e.review)] for e in m.practice.exercises]
                         for m in course.modules if m.practice}}
