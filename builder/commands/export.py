"""`python -m builder export`: the self-check banks as Moodle XML or GIFT, so a
learning management system can import them. One question category a module.

Moodle XML keeps every question type; the text is rendered from Markdown to
HTML as on the site. GIFT has no ordering type, so an ordering question is
written as a matching question: each step is matched to its position.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown

from builder.commands.site_course import SiteCourse, choose_modules
from builder.content.model import Module, Question
from builder.content.problems import Problems
from builder.load.course import load_course

__all__ = ["export", "moodle_xml", "gift", "gift_escape", "CATEGORY_ROOT"]

CATEGORY_ROOT = "$course$/B.C. Peer Support Training"
MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
                "ordering": "ordering"}


def export(site: SiteCourse, fmt: str, chosen: list[str] | None, output: Path) -> int:
    """Write the quiz banks of the site's modules (an agency's subset, in its order),
    or of the `chosen` ones among them, to `output`; return the exit status.
    Problems are sentences on stderr, never a traceback."""
    problems = Problems(site.root)
    course = load_course(site.root, problems, selection=site.modules,
                         check_coverage=site.modules is None)
    if problems.errors:
        for problem in sorted(set(problems.errors)):
            print(problem, file=sys.stderr)
        return 1
    every = {p.stem for p in (site.root / "modules").glob("*.md")}
    try:
        ids = choose_modules([m.id for m in course.modules], chosen, every)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    modules = [m for m in course.modules if m.id in ids and m.quiz]
    total = sum(len(m.quiz.questions) for m in modules if m.quiz)
    data = moodle_xml(modules) if fmt == "moodle-xml" else gift(modules).encode("utf-8")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        print(f"{output}: cannot write the export: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {_count(total, 'question')} from {_count(len(modules), 'module')} "
          f"to {output}", file=sys.stderr)
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _category(module: Module) -> str:
    # Moodle splits category paths on "/"; a slash inside a name is written "//".
    return f"{CATEGORY_ROOT}/{module.number}. {module.title.replace('/', '//')}"


def _share(total: int, parts: int) -> str:
    """An equal share of `total` percent, as Moodle writes grades: 100, 50,
    33.33333, -25. Moodle accepts 100/n for n up to 10 (and 20)."""
    return f"{total / parts:.5f}".rstrip("0").rstrip(".")


def _fractions(question: Question) -> list[str]:
    """Each option's grade in percent. A multiple-answer question splits 100
    among the right options and -100 among the wrong ones, so choosing every
    option scores 0 (Moodle never goes below 0 for a question)."""
    if question.type != "multiple":
        return ["100" if o.correct else "0" for o in question.options]
    right = sum(o.correct for o in question.options)
    wrong = len(question.options) - right
    return [_share(100, right) if o.correct else _share(-100, wrong) for o in question.options]


# --- Moodle XML ---------------------------------------------------------------

def _html(text: str, inline: bool = False) -> str:
    html = markdown.markdown(text.strip(), extensions=["smarty"], output_format="html")
    return re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.DOTALL) if inline else html


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "text").text = text
    return element


def moodle_xml(modules: list[Module]) -> bytes:
    """A Moodle XML `<quiz>`: a category question a module, then its questions."""
    quiz = ET.Element("quiz")
    for module in modules:
        _text(ET.SubElement(quiz, "question", type="category"), "category", _category(module))
        for question in module.quiz.questions if module.quiz else ():
            quiz.append(_moodle_question(question))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"


def _moodle_question(q: Question) -> ET.Element:
    element = ET.Element("question", type=MOODLE_TYPES[q.type])
    _text(element, "name", q.id)
    _text(element, "questiontext", _html(q.prompt), format="html")
    _text(element, "generalfeedback", _html(q.explanation), format="html")
    ET.SubElement(element, "idnumber").text = q.id
    if q.type == "ordering":
        # Moodle's ordering type (core since 4.4, before that the qtype_ordering
        # plugin) reads the <answer> items in the right order; their fraction is
        # only the position, and every item is shown (selecttype ALL).
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"),
                           ("selectcount", str(len(q.steps))),
                           ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW")):
            ET.SubElement(element, tag).text = value
        for position, step in enumerate(q.steps, start=1):
            _text(element, "answer", _html(step, inline=True), fraction=str(position),
                  format="html")
    elif q.type == "true-false":
        # Moodle knows the answers by their text, "true" and "false".
        for option in q.options:
            answer = _text(element, "answer", option.text.lower(),
                           fraction="100" if option.correct else "0", format="moodle_auto_format")
            _text(answer, "feedback", _html(option.feedback), format="html")
    else:
        ET.SubElement(element, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(element, "shuffleanswers").text = "1" if q.shuffle else "0"
        for option, fraction in zip(q.options, _fractions(q)):
            answer = _text(element, "answer", _html(option.text, inline=True),
                           fraction=fraction, format="html")
            _text(answer, "feedback", _html(option.feedback), format="html")
    tags = ET.SubElement(element, "tags")
    for competency in q.competencies:
        _text(tags, "tag", competency)
    return element


# --- GIFT -------------------------------------------------------------------------
# The text stays Markdown, marked `[markdown]` on the question text: Moodle
# gives the answers and feedback the question text's format, so emphasis and
# lists look as they do on the site. A question must not contain a blank line,
# so line breaks are written `\n`, which GIFT reads back as a new line.

def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : and backslash) and line breaks."""
    text = text.strip().replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def gift(modules: list[Module]) -> str:
    """GIFT text: a category a module, then its questions."""
    chunks: list[str] = []
    for module in modules:
        # Category names are not unescaped on import, so they are written as is.
        chunks.append(f"$CATEGORY: {_category(module)}")
        chunks.extend(_gift_question(q) for q in (module.quiz.questions if module.quiz else ()))
    return "\n\n".join(chunks) + "\n"


def _gift_question(q: Question) -> str:
    if q.type == "true-false":
        # {TRUE#feedback for a wrong answer#feedback for the right answer}
        right = next(o for o in q.options if o.correct)
        wrong = next(o for o in q.options if not o.correct)
        answers = [f"{right.text.upper()}#{gift_escape(wrong.feedback)}#"
                   f"{gift_escape(right.feedback)}"]
    elif q.type == "ordering":
        # A matching question: each step -> its position. GIFT splits a pair at
        # "->", which a step therefore cannot contain.
        answers = [f"={gift_escape(step.replace('->', '→'))} -> {position}"
                   for position, step in enumerate(q.steps, start=1)]
    else:
        answers = []
        for option, fraction in zip(q.options, _fractions(q)):
            mark = ("=" if option.correct else "~") if q.type == "single" else f"~%{fraction}%"
            feedback = f"#{gift_escape(option.feedback)}" if option.feedback else ""
            answers.append(f"{mark}{gift_escape(option.text)}{feedback}")
    body = "\n".join(answers)
    return (f"::{gift_escape(q.id)}::[markdown]{gift_escape(q.prompt)}{{\n{body}\n"
            f"####{gift_escape(q.explanation)}\n}}")
