"""The content model: one definition of every field, used by the loader, the
renderers, the exporters and the tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from builder.content.schema import Field

if TYPE_CHECKING:
    from builder.content.practice import PracticeSet

__all__ = [
    "Area", "Competency", "CoreValue", "Course", "FacilitatorNotes", "Field",
    "GlossaryTerm", "Module", "Option", "Question", "QuizBank",
    "ReflectionPrompt", "ReflectionSet", "SupportLine",
    "MODULE_FIELDS", "BANK_FIELDS", "QUESTION_FIELDS", "OPTION_FIELDS",
    "REFLECTION_SET_FIELDS", "PROMPT_FIELDS", "GLOSSARY_FIELDS", "SUPPORT_LINE_FIELDS",
    "MAX_OPTIONS", "MAX_STEPS",
    "SafetyPoint", "SAFETY_POINT_FIELDS", "SAFETY_POINT_IDS",
    "QUESTION_TYPES", "QUESTION_KINDS", "MODULE_STATUSES", "FACILITATOR_SECTIONS",
]

QUESTION_TYPES = ("single", "multiple", "true-false", "ordering")
QUESTION_KINDS = ("scenario", "recall")
MODULE_STATUSES = ("complete", "coming")
FACILITATOR_SECTIONS = ("Prep checklist", "Session plan", "Check-in", "Discussion questions", "Activities",
                        "What to watch for")


MODULE_FIELDS = (
    Field("id", str, hint="the file name without .md, such as 06-boundaries"),
    Field("number", int, hint="its place in the course, such as 6"),
    Field("title", str),
    Field("status", str, hint="complete, or coming for a stub"),
    Field("purpose", str, hint="one sentence a trainee reads first"),
    Field("minutes", int, required=False, hint="estimated minutes"),
    Field("objectives", list, required=False, hint="3 to 6 learning objectives"),
    Field("values", list, required=False, hint="core value ids from data/core-values.yml"),
    Field("competencies", list, required=False, hint="competency ids such as SP-2.4"),
    Field("content_note", str, required=False),
)
# Keys a complete module must have on top of the always-required ones.
COMPLETE_MODULE_KEYS = ("minutes", "objectives", "values", "competencies")

BANK_FIELDS = (Field("module", str), Field("questions", list))
QUESTION_FIELDS = (
    Field("id", str),
    Field("type", str, hint="single, multiple, true-false or ordering"),
    Field("kind", str, hint="scenario or recall"),
    Field("competencies", list),
    Field("prompt", str),
    Field("options", list, required=False),
    Field("steps", list, required=False),
    Field("explanation", str),
    Field("shuffle", bool, required=False,
          hint="false keeps the options in the order written, such as a scale"),
)
OPTION_FIELDS = (
    Field("text", str),
    Field("correct", bool, required=False),
    Field("feedback", str, hint="why it fits, or what it would do to the relationship"),
)
REFLECTION_SET_FIELDS = (Field("module", str), Field("prompts", list))
PROMPT_FIELDS = (Field("id", str), Field("text", str), Field("self_care", bool, required=False))
GLOSSARY_FIELDS = (
    Field("term", str),
    Field("definition", str),
    Field("also", list, required=False, hint="other forms to match, such as plurals"),
    Field("hover", bool, required=False, hint="false for words too common to mark on every page"),
)
SAFETY_POINT_IDS = ("danger", "suicide", "child", "confidentiality", "gifts", "out-of-hours")
SAFETY_POINT_FIELDS = (
    Field("id", str, hint="one of " + ", ".join(SAFETY_POINT_IDS)),
    Field("label", str, hint='the short name, shown as "What to do: <label>"'),
    Field("text", str, hint="the full point, in plain words with the numbers"),
    Field("touches", list, hint="words that show a passage touches the point"),
)
SUPPORT_LINE_FIELDS = (
    Field("name", str),
    Field("contact", str, hint='how to reach it, such as "Call or text 9-8-8"'),
    Field("tel", str, required=False, hint="digits to dial, for the call link"),
    Field("sms", str, required=False, hint="digits to text, for the text link"),
    Field("when", str, required=False, hint="hours, such as 24/7"),
    Field("for", str, hint="who it is for"),
    Field("region", str, hint="B.C. or Canada-wide, or your area"),
    Field("checked", date, required=False,
          hint="the day someone last confirmed the number and hours, as YYYY-MM-DD"),
)


@dataclass(frozen=True)
class Competency:
    id: str
    area: int
    text: str
    line: int


@dataclass(frozen=True)
class Area:
    number: int
    title: str
    competencies: tuple[Competency, ...]


@dataclass(frozen=True)
class CoreValue:
    id: str
    name: str
    summary: str


# What a learner's saved answer can hold (builder/site/assets/transfer.js: an option's key
# is a letter, CHOICE; an answer chooses at most MAX_CHOICES); `check` refuses more.
MAX_OPTIONS = 26  # keys a to z
MAX_STEPS = 30    # an ordering answer chooses every step


@dataclass(frozen=True)
class Option:
    key: str  # a, b, c ... in the order written
    text: str
    correct: bool
    feedback: str
    line: int = 0


@dataclass(frozen=True)
class Question:
    id: str
    module: str
    type: str
    kind: str
    competencies: tuple[str, ...]
    prompt: str
    explanation: str
    options: tuple[Option, ...] = ()
    steps: tuple[str, ...] = ()  # ordering questions: in the right order
    line: int = 0
    shuffle: bool = True  # the browser shows the options of single and multiple in a mixed order

    @property
    def correct_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options if o.correct)

    @property
    def revision(self) -> str:
        """Changes whenever the question a learner answers changes (prompt,
        options, right answers, steps): a saved answer counts only for the
        revision it answered."""
        parts = [self.prompt, *(f"{o.correct}:{o.text}" for o in self.options), *self.steps]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]


@dataclass(frozen=True)
class QuizBank:
    module: str
    questions: tuple[Question, ...]
    path: Path
    line: int = 1  # the line of `questions:`


@dataclass(frozen=True)
class ReflectionPrompt:
    id: str
    text: str
    self_care: bool = False
    line: int = field(default=0, compare=False)  # of its text, for problems


@dataclass(frozen=True)
class ReflectionSet:
    module: str
    prompts: tuple[ReflectionPrompt, ...]
    path: Path


@dataclass(frozen=True)
class FacilitatorNotes:
    module: str
    path: Path
    markdown: str


@dataclass
class Module:
    id: str
    number: int
    title: str
    status: str
    purpose: str
    path: Path
    body: str  # the Markdown after the front matter
    body_line: int  # the file line the body starts on
    minutes: int | None = None
    objectives: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    content_note: str | None = None
    quiz: QuizBank | None = None
    reflections: ReflectionSet | None = None
    facilitator: FacilitatorNotes | None = None
    practice: PracticeSet | None = None  # practice/<id>.yml (builder/content/practice.py)
    numbered: bool = True  # false where a site hides module numbers (the plugin's numbering)

    @property
    def label(self) -> str:
        """How pages name the module: "6. Understanding boundaries", or the title alone."""
        return f"{self.number}. {self.title}" if self.numbered else self.title

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    @property
    def src_uri(self) -> str:
        return f"modules/{self.id}.md"


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    also: tuple[str, ...] = ()
    hover: bool = True

    @property
    def anchor(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.term.lower()).strip("-")


@dataclass(frozen=True)
class SupportLine:
    name: str
    contact: str
    for_: str
    region: str
    tel: str | None = None
    sms: str | None = None
    when: str | None = None
    checked: date | None = None  # for the people who publish; never shown to learners


@dataclass(frozen=True)
class SafetyPoint:
    """One of the six points the course says the same way everywhere
    (data/safety-points.yml)."""

    id: str
    label: str
    text: str
    touches: tuple[str, ...]


@dataclass
class Course:
    """Everything the site is built from, in course order."""

    root: Path
    modules: list[Module]
    areas: list[Area]
    core_values: dict[str, CoreValue]
    glossary: list[GlossaryTerm]
    support_lines: list[SupportLine]
    pages: dict[str, Path] = field(default_factory=dict)  # standards, code of conduct
    safety_points: list[SafetyPoint] = field(default_factory=list)

    @property
    def competencies(self) -> dict[str, Competency]:
        return {c.id: c for a in self.areas for c in a.competencies}

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)
