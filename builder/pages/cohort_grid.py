"""The cohort's trainee x module grid: for each trainee (one a learner, see
results_files.py) and each module with a self-check, whether the module is
complete by the course's completion model and its first-try score; and the
grid and the item statistics as CSV, as the cohort page downloads them.

The completion model is builder/site/assets/status.js's, step for step (the
cohort page runs status.js itself; which answers count is results_files.py's
current(), which the figures use too); tests/test_insights.py holds the page,
this module and the notebook together on the sample.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.content.model import Course, Module
from builder.pages.insights import QuestionRow, two_places
from builder.pages.plain import plain, short
from builder.pages.results_files import Trainee, answers_in, current

__all__ = ["ModuleStatus", "module_status", "grid", "grid_csv", "questions_csv", "csv_text"]

DAY = re.compile(r"\d{4}-\d\d-\d\d")
FORMULA = re.compile(r"[=+\-@\t\r]")  # a spreadsheet would run a cell that starts so
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class ModuleStatus:
    handed_in: bool
    total: int = 0
    answered: int = 0
    first: int = 0  # answers right at the first try
    first_known: bool = True  # False for a module complete before first tries were kept
    complete: bool = False
    completed: str = ""  # the day it became complete, when the file says

    @property
    def score(self) -> str:
        """The first-try score as status.js's score() says it."""
        if not self.first_known:
            return f"{self.total} of {self.total} right (first-try score not recorded)"
        return f"{self.first} of {self.total} right first time"

    @property
    def text(self) -> str:
        """The grid's cell."""
        if not self.handed_in:
            return "Not handed in"
        if not self.complete:
            return f"In progress: {self.answered} of {self.total} answered"
        return f"Complete: {self.score}"

    @property
    def csv(self) -> list[str]:
        status = "complete" if self.complete else "in progress" if self.handed_in else "not handed in"
        first = str(self.first) if self.complete and self.first_known else ""
        return [status, first, self.completed]


def _number(value: object) -> float | None:
    """A JSON number as JavaScript compares it (true is not 1)."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def module_status(module: Module, record: object) -> ModuleStatus:
    """status.js's of() for a module a trainee handed in (a module in the file was opened)."""
    if not isinstance(record, dict) or not module.quiz:
        return ModuleStatus(False)
    questions, answers = module.quiz.questions, answers_in(record)
    total = len(questions)
    answered = first = right = 0
    for q in questions:
        a = current(q, answers[q.id]) if q.id in answers else None
        if a is None:
            continue
        answered += 1
        right += a["correct"]
        first += a.get("first", a["correct"])
    best = record.get("best")
    score, out_of = (best.get("score"), best.get("total")) if isinstance(best, dict) else (None, None)
    earlier = answered < total and _number(score) == total and _number(out_of) == total
    complete = answered == total or earlier
    given = record.get("completed")
    completed = given[:10] if complete and isinstance(given, str) and DAY.match(given) else ""
    return ModuleStatus(True, total, answered, first, not earlier, complete, completed)


@dataclass(frozen=True)
class GridRow:
    trainee: Trainee
    cells: list[ModuleStatus]


def _columns(course: Course, module: str | None) -> list[Module]:
    return [m for m in course.modules if m.quiz and module in (None, m.id)]


def grid(course: Course, trainees: list[Trainee], module: str | None = None) -> list[GridRow]:
    """One row a trainee, one cell a module with a self-check (or only `module`)."""
    columns = _columns(course, module)
    rows = []
    for t in trainees:
        modules = t.data.get("modules")
        records = modules if isinstance(modules, dict) else {}
        rows.append(GridRow(t, [module_status(m, records.get(m.id)) for m in columns]))
    return rows


def grid_csv(course: Course, trainees: list[Trainee], module: str | None = None) -> str:
    head = ["Trainee", "Code", "File"]
    for m in _columns(course, module):
        n = len(m.quiz.questions) if m.quiz else 0
        head += [f"{m.label}: status", f"{m.label}: right first time (of {n})",
                 f"{m.label}: completed on"]
    body = [[r.trainee.label, r.trainee.code, r.trainee.file, *(v for c in r.cells for v in c.csv)]
            for r in grid(course, trainees, module)]
    return csv_text([head, *body])


def questions_csv(course: Course, rows: list[QuestionRow]) -> str:
    """The item statistics, a row a question, as the cohort page shows them."""
    where = {q.id: (m, n, q) for m in course.modules if m.quiz
             for n, q in enumerate(m.quiz.questions, start=1)}
    head = ["Module", "Question", "Question id", "Answered", "Fitted", "Share right (%)",
            "Discrimination", "Look again", "Wrong option chosen most", "Times chosen"]
    body = []
    for r in rows:
        m, n, q = where[r.question]
        body.append([m.label, f"Question {n}: {short(q.prompt, 90)}", q.id, str(r.answered),
                     str(r.correct), str(r.percent), two_places(r.discrimination),
                     "yes" if r.flagged else "", plain(r.common_wrong) if r.common_wrong else "",
                     str(r.common_wrong_count) if r.common_wrong else ""])
    return csv_text([head, *body])


def _field(value: str) -> str:
    if FORMULA.match(value) and not NUMBER.fullmatch(value):
        value = "'" + value  # shown as text, never run
    if any(ch in value for ch in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def csv_text(rows: list[list[str]]) -> str:
    """CSV as a spreadsheet reads it: a byte-order mark (so names keep their accents),
    fields quoted where they must be, CRLF line ends."""
    return "\ufeff" + "".join(",".join(_field(v) for v in row) + "\r\n" for row in rows)
