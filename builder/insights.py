"""Cohort insights: what a group of trainees found hard, from the self-check
results files they chose to hand in (scores and chosen options only; never
reflections). Used by facilitator/cohort-insights.ipynb."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from builder.model import Course

__all__ = ["RESULTS_FORMAT", "QuestionRow", "CompetencyRow", "read_results", "by_question",
           "by_competency"]

RESULTS_FORMAT = "peer-support-self-check-results"  # written by the progress page


@dataclass(frozen=True)
class QuestionRow:
    module: str
    question: str
    answered: int
    correct: int
    common_wrong: str  # the wrong option chosen most often, or ""

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


@dataclass(frozen=True)
class CompetencyRow:
    competency: str
    questions: int
    answered: int
    correct: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


def read_results(folder: Path) -> tuple[list[dict], list[str]]:
    """Every results file in `folder`, and a note for each file that is not one."""
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


def _answers(results: list[dict]):
    for data in results:
        for module_id, record in (data.get("modules") or {}).items():
            for qid, answer in ((record or {}).get("answers") or {}).items():
                if isinstance(answer, dict) and isinstance(answer.get("correct"), bool):
                    yield module_id, qid, answer


def by_question(course: Course, results: list[dict]) -> list[QuestionRow]:
    """Each question someone answered, hardest first."""
    questions = {q.id: q for m in course.modules if m.quiz for q in m.quiz.questions}
    answered, correct, wrong = Counter[str](), Counter[str](), dict[str, Counter[str]]()
    for _module, qid, answer in _answers(results):
        if qid not in questions:
            continue
        answered[qid] += 1
        correct[qid] += answer["correct"]
        if not answer["correct"]:
            wrong.setdefault(qid, Counter()).update(map(str, answer.get("chosen") or []))
    rows = []
    for qid in answered:
        q = questions[qid]
        texts = {o.key: o.text for o in q.options}
        common = wrong.get(qid, Counter()).most_common(1)
        rows.append(QuestionRow(q.module, qid, answered[qid], correct[qid],
                                texts.get(common[0][0], "") if common and q.options else ""))
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
