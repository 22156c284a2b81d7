"""Cohort insights: what a group of trainees found hard, from the self-check
results files they chose to hand in (scores and chosen options only; never
reflections). Used by facilitator/cohort-insights.ipynb; the facilitator
edition's cohort page (builder/site/assets/cohort.js) computes the same figures in
the browser, step for step, and a test holds the two to each other.

Classical item statistics, per question: its difficulty is the share of
trainees whose answer fitted; its discrimination is the point-biserial
correlation between fitting it and the rest of the trainee's score (the share
of their other answered questions that fitted). A negative discrimination
means trainees who did well elsewhere missed this question more often than the
others did: check its wording and its key.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from builder.content.model import Course

__all__ = ["RESULTS_FORMAT", "MIN_PAIRS", "FLAG_BELOW", "QuestionRow", "CompetencyRow",
           "read_results", "by_question", "by_competency", "percent", "two_places"]

RESULTS_FORMAT = "peer-support-self-check-results"  # written by the progress page
MIN_PAIRS = 5      # trainees needed, with other answers too, for a discrimination figure
FLAG_BELOW = 0.0   # a discrimination below this is flagged: strong trainees miss the question


def percent(part: int, whole: int) -> int:
    """A share in whole percent, halves rounded up (as the browser's Math.floor(x + 0.5))."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def two_places(value: float | None) -> str:
    """A figure to two decimals, halves away from zero (as JavaScript's toFixed(2))."""
    if value is None:
        return "n/a"
    return str(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP))


@dataclass(frozen=True)
class QuestionRow:
    module: str
    question: str
    answered: int
    correct: int
    common_wrong: str  # the wrong option chosen most often, or ""
    common_wrong_count: int = 0
    discrimination: float | None = None  # point-biserial against the rest of the score

    @property
    def percent(self) -> int:
        return percent(self.correct, self.answered)

    @property
    def difficulty(self) -> float:
        """The share of trainees whose answer fitted (classical item difficulty)."""
        return self.correct / self.answered if self.answered else 0.0

    @property
    def flagged(self) -> bool:
        return self.discrimination is not None and self.discrimination < FLAG_BELOW


@dataclass(frozen=True)
class CompetencyRow:
    competency: str
    questions: int
    answered: int
    correct: int

    @property
    def percent(self) -> int:
        return percent(self.correct, self.answered)


def read_results(folder: Path) -> tuple[list[dict], list[str]]:
    """Every results file in `folder` (by name), and a note for each file that is not one."""
    results, skipped = [], []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            skipped.append(f"{path.name}: not a JSON file")
            continue
        if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
            skipped.append(f"{path.name}: not a self-check results file")
            continue
        results.append(data)
    return results, skipped


def _answers(data: dict, known: set[str]) -> dict[str, dict]:
    """One trainee's answers to questions of this course, by question id."""
    out = {}
    modules = data.get("modules")
    for record in (modules.values() if isinstance(modules, dict) else ()):
        answers = record.get("answers") if isinstance(record, dict) else None
        for qid, answer in (answers.items() if isinstance(answers, dict) else ()):
            if qid in known and isinstance(answer, dict) and isinstance(answer.get("correct"), bool):
                out[qid] = answer
    return out


def _pearson(pairs: list[tuple[float, float]]) -> float | None:
    """The correlation of the pairs, summed in order (the browser does the same
    operations in the same order, so both get the same figure)."""
    n = len(pairs)
    if n < MIN_PAIRS:
        return None
    mx = sum(x for x, _ in pairs) / n
    my = sum(y for _, y in pairs) / n
    sxy = sxx = syy = 0.0
    for x, y in pairs:
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) * (x - mx)
        syy += (y - my) * (y - my)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else None


def by_question(course: Course, results: list[dict]) -> list[QuestionRow]:
    """Each question someone answered, hardest first."""
    questions = {q.id: q for m in course.modules if m.quiz for q in m.quiz.questions}
    trainees = [_answers(data, set(questions)) for data in results]
    answered, correct, wrong = Counter[str](), Counter[str](), dict[str, Counter[str]]()
    pairs: dict[str, list[tuple[float, float]]] = {}
    for answers in trainees:
        score = sum(a["correct"] for a in answers.values())
        for qid, answer in answers.items():
            q, right = questions[qid], answer["correct"]
            answered[qid] += 1
            correct[qid] += right
            if not right:
                keys = {o.key for o in q.options if not o.correct}
                given = answer.get("chosen")
                chosen = given if isinstance(given, list) else []
                wrong.setdefault(qid, Counter()).update(str(c) for c in chosen if str(c) in keys)
            if len(answers) > 1:
                rest = (score - right) / (len(answers) - 1)
                pairs.setdefault(qid, []).append((float(right), rest))
    rows = []
    for qid in answered:
        q = questions[qid]
        texts = {o.key: o.text for o in q.options}
        common = min(wrong.get(qid, Counter()).items(), key=lambda kv: (-kv[1], kv[0]),
                     default=("", 0))
        rows.append(QuestionRow(q.module, qid, answered[qid], correct[qid],
                                texts.get(common[0], ""), common[1],
                                _pearson(pairs.get(qid, []))))
    return sorted(rows, key=lambda r: (r.percent, r.module, r.question))


def by_competency(course: Course, results: list[dict]) -> list[CompetencyRow]:
    """Each competency the answered questions check, hardest first."""
    rows = {r.question: r for r in by_question(course, results)}
    out = []
    for cid in course.competencies:
        tagged = [q.id for m in course.modules if m.quiz for q in m.quiz.questions
                  if cid in q.competencies]
        seen = [rows[q] for q in tagged if q in rows]
        if seen:
            out.append(CompetencyRow(cid, len(tagged), sum(r.answered for r in seen),
                                     sum(r.correct for r in seen)))
    return sorted(out, key=lambda r: (r.percent, r.competency))
