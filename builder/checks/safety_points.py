"""One voice on safety: every passage that touches one of the six safety
points (data/safety-points.yml) carries a marker for it, `<!-- safety: id -->`,
and the site shows the point's full text there. A passage is a paragraph of a
module or of facilitator notes, an option's feedback, a question's
explanation, a reflection prompt, or a text field of a practice exercise.

- a passage that touches a point and has no marker for it: a warning, an
  error under `check --strict` (`<!-- safety: none -->` says a passage only
  names a word in passing, such as a gift that is a talent);
- a marker naming no point: an error;
- a passage that states a different fact (another child-protection number,
  9-8-8 offered as company or a chat line): an error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.content.model import Course, SafetyPoint
from builder.content.practice import PracticeSet
from builder.content.problems import Problems

__all__ = ["MARKER", "check_safety_points", "passages", "practice_passages", "markers", "touched"]

MARKER = re.compile(r"<!--\s*safety:\s*([a-z-]+)\s*-->")
PHONE = re.compile(r"(?<![\d-])1-\d{3}-\d{3}-\d{4}(?![\d-])")
# 9-8-8 offered for company or a chat, which the non-crisis lines are for.
CRISIS_LINE_AS_COMPANY = re.compile(
    r"9-8-8[^.?!]{0,80}\b(company|chat|chatting|lonely|bored|for a talk)\b|"
    r"\b(company|chat|chatting|lonely|bored)\b[^.?!]{0,80}9-8-8", re.IGNORECASE)
FENCE = re.compile(r"^\s*(```|~~~)")

Report = Callable[[Path, int, str], None]


@dataclass(frozen=True)
class Passage:
    path: Path
    line: int
    text: str
    what: str  # "this paragraph", 'the feedback of an option of "m06-q05"'


def markers(text: str) -> list[str]:
    return MARKER.findall(text)


def without_comments(text: str) -> str:
    """`text` with each <!-- comment --> a space (an unclosed one left as it is): as
    re.sub(r"<!--.*?-->", " ", text, flags=re.S), in one pass on any text (the
    pattern reads to the end once for every "<!--" when no "-->" follows)."""
    parts, at = [], 0
    while (start := text.find("<!--", at)) != -1 and (end := text.find("-->", start + 4)) != -1:
        parts += [text[at:start], " "]
        at = end + 3
    return "".join(parts) + text[at:]


@lru_cache(maxsize=64)  # a point's words, once a run (touched is called for every passage)
def _pattern(touches: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted(touches, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
                      re.IGNORECASE)


def touched(text: str, points: list[SafetyPoint]) -> list[tuple[SafetyPoint, str]]:
    """The points a text touches, each with the first word that shows it. Words a
    marked point's own text uses ("9-8-8" in the out-of-hours point) do not count
    for another point: a passage saying that point touches only it."""
    marked = [p for p in points if p.id in markers(text)]
    text = without_comments(text)
    found = []
    lowered = text.lower()
    for point in points:  # (str.find first: most passages touch no point, and it is fast)
        if not any(word.lower() in lowered for word in point.touches):
            continue
        for hit in _pattern(point.touches).finditer(text):
            word = hit.group(0).lower()
            if point in marked or not any(word in m.text.lower() for m in marked):
                found.append((point, hit.group(0)))
                break
    return found


def _paragraphs(markdown: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Paragraphs of prose with their first line: headings, tables and code left out."""
    block: list[str] = []
    start = first_line
    fenced = False
    for n, line in enumerate(markdown.split("\n"), start=first_line):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if not line.strip() or line.lstrip().startswith(("#", "|")):
            if block:
                yield start, "\n".join(block)
            block = []
            continue
        if not block:
            start = n
        block.append(line)
    if block:
        yield start, "\n".join(block)


def _leads_in(paragraphs: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """A paragraph that ends with a colon is one passage with the list after it."""
    held: tuple[int, str] | None = None
    for line, text in paragraphs:
        if held:
            line, text = held[0], held[1] + "\n" + text
        held = (line, text) if text.rstrip().endswith(":") else None
        if not held:
            yield line, text
    if held:
        yield held


def passages(course: Course) -> Iterator[Passage]:
    for module in course.modules:
        for line, text in _leads_in(_paragraphs(module.body, module.body_line)):
            yield Passage(module.path, line, text, "this paragraph")
        if module.facilitator:
            notes = module.facilitator
            for line, text in _leads_in(_paragraphs(notes.markdown, 1)):
                yield Passage(notes.path, line, text, "this paragraph")
        if module.quiz:
            for q in module.quiz.questions:
                for option in q.options:
                    yield Passage(module.quiz.path, option.line, option.feedback,
                                  f'the feedback of an option of "{q.id}"')
                yield Passage(module.quiz.path, q.line, q.explanation,
                              f'the explanation of "{q.id}"')
        if module.reflections:
            for prompt in module.reflections.prompts:
                yield Passage(module.reflections.path, prompt.line, prompt.text,
                              f'reflection prompt "{prompt.id}"')
        if module.practice:
            yield from practice_passages(module.practice)


def practice_passages(practice: PracticeSet) -> Iterator[Passage]:
    """Every text field of a practice file, each a passage."""
    path = practice.path
    for ex in practice.exercises:
        what = f'exercise "{ex.id}"'
        for key in ("situation", "peer", "debrief"):
            if getattr(ex, key):
                yield Passage(path, ex.lines.get(key, ex.line), getattr(ex, key), f"the {key} of {what}")
        for point, line in zip(ex.review, ex.review_lines):
            yield Passage(path, line, point, f"a review point of {what}")
        for model in ex.models:
            for key in ("text", "why"):
                yield Passage(path, model.lines.get(key, ex.line), getattr(model, key),
                              f"the {key} of a model reply of {what}")
        for turn in ex.turns:
            where = f'turn "{turn.id}" of {what}'
            yield Passage(path, turn.lines.get("peer", turn.line), turn.peer, f"the peer's words at {where}")
            if turn.end:
                yield Passage(path, turn.lines.get("end", turn.line), turn.end, f"the end of {where}")
            for choice in turn.choices:
                for key in ("text", "note"):
                    yield Passage(path, choice.lines.get(key, turn.line), getattr(choice, key),
                                  f"the {key} of a choice at {where}")


def check_safety_points(course: Course, problems: Problems, strict: bool = False) -> None:
    points = course.safety_points
    if not points:
        return
    report = problems.error if strict else problems.warn
    known = {p.id for p in points}
    child = next((p for p in points if p.id == "child"), None)
    child_numbers = set(PHONE.findall(child.text)) if child else set()
    for passage in passages(course):
        marked = markers(passage.text)
        for name in marked:
            if name not in known and name != "none":
                problems.error(passage.path, passage.line, f'{passage.what}: "<!-- safety: {name} '
                               f'-->" names no safety point; use one of {", ".join(sorted(known))}')
        for point, word in touched(passage.text, points) if "none" not in marked else ():
            if point.id not in marked:
                report(passage.path, passage.line, f'{passage.what} touches "{point.label}" '
                       f'("{word}") without its marker: say it as the canon does (AUTHORING.md, '
                       f'"One voice on safety") and add <!-- safety: {point.id} -->')
        plain = without_comments(passage.text)
        if child and any(p.id == "child" for p, _ in touched(plain, points)):
            for number in sorted(set(PHONE.findall(plain)) - child_numbers):
                problems.error(passage.path, passage.line, f"{passage.what} gives {number} where a "
                               f"child who may need protection is reported; the number is "
                               f"{', '.join(sorted(child_numbers))}")
        if found := CRISIS_LINE_AS_COMPANY.search(plain):
            problems.error(passage.path, passage.line, f'{passage.what} offers 9-8-8 for '
                           f'"{found.group(1) or found.group(2)}": it is a crisis line; for company '
                           "or a chat, name the non-crisis lines on the support lines page")
