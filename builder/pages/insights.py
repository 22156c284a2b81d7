"""Cohort insights: what a group of trainees found hard, from the self-check
results files they chose to hand in (scores and chosen options only; never
reflections). Used by facilitator/cohort-insights.ipynb; the facilitator
edition's cohort page (builder/site/assets/cohort.js) computes the same figures in
the browser, step for step, and a test holds the two to each other.

Classical item statistics, per question: its difficulty is the share of
trainees whose answer fitted; its discrimination is the point-biserial
correlation between fitting it and the rest of the trainee's score (the share
of their other answered questions that fitted, in every module they handed in,
whichever module is shown). A negative discrimination means trainees who did
well elsewhere missed this question more often than the others did: check its
wording and its key. A competency is ranked only on MIN_RANK answers or more.

An answer counts only while it answered the question as it is now (status.js's
current(), as results_files.py has it): one to an earlier version, whose options
may no longer be the ones shown, counts nowhere, not even in the rest of the
trainee's score, and earlier_note says how many were set apart.

The files are read by content (builder/pages/results_files.py): one trainee a
learner, however the files are named.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from builder.content.model import Course, Question
from builder.pages.results_files import RESULTS_FORMAT, answers_in, current, read_cohort

__all__ = ["RESULTS_FORMAT", "MIN_PAIRS", "MIN_RANK", "FLAG_BELOW", "QuestionRow", "CompetencyRow",
           "read_results", "by_question", "by_competency", "look_again_note", "earlier_note",
           "percent", "two_places"]

MIN_PAIRS = 5      # trainees needed, with other answers too, for a discrimination figure
MIN_RANK = 10      # answers a competency needs before it is ranked among the hardest
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
    questions: int  # questions that check it (in the module shown, when one is)
    trainees: int  # trainees who answered one of them: the sample
    answered: int
    correct: int

    @property
    def percent(self) -> int:
        return percent(self.correct, self.answered)

    @property
    def ranked(self) -> bool:
        return self.answered >= MIN_RANK


def read_results(folder: Path) -> tuple[list[dict], list[str]]:
    """One results file a trainee in `folder` (read by content), and a note for each
    file set aside or skipped."""
    cohort = read_cohort(folder)
    return cohort.results, cohort.set_aside + cohort.skipped


def _questions(course: Course) -> dict[str, Question]:
    return {q.id: q for m in course.modules if m.quiz for q in m.quiz.questions}


def _answers(data: dict, questions: dict[str, Question]) -> tuple[dict[str, dict], int]:
    """One trainee's answers that count (to questions of this course, as they are now),
    by question id, and how many answers to an earlier version of a question were set apart."""
    out, earlier = {}, 0
    modules = data.get("modules")
    for record in (modules.values() if isinstance(modules, dict) else ()):
        for qid, answer in answers_in(record).items():
            if qid not in questions or not answer["chosen"]:
                continue
            if current(questions[qid], answer):
                out[qid] = answer
            else:
                earlier += 1
    return out, earlier


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


def by_question(course: Course, results: list[dict], module: str | None = None) -> list[QuestionRow]:
    """Each question someone answered (in `module`, when given), hardest first. The rest
    of a trainee's score spans every module they handed in, whichever is shown."""
    questions = _questions(course)
    trainees = [_answers(data, questions)[0] for data in results]
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
                wrong.setdefault(qid, Counter()).update(c for c in answer["chosen"] if c in keys)
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
    return sorted((r for r in rows if module is None or r.module == module),
                  key=lambda r: (r.percent, r.module, r.question))


def by_competency(course: Course, results: list[dict], module: str | None = None) -> list[CompetencyRow]:
    """Each competency the answered questions (of `module`, when given) check: those
    with MIN_RANK answers or more ranked hardest first, then the others in course order."""
    rows = {r.question: r for r in by_question(course, results, module)}
    questions = _questions(course)
    trainees = [_answers(data, questions)[0] for data in results]
    out = []
    for cid in course.competencies:
        tagged = [q.id for m in course.modules if m.quiz and module in (None, m.id)
                  for q in m.quiz.questions if cid in q.competencies]
        seen = [rows[q] for q in tagged if q in rows]
        if seen:
            sample = sum(any(q in answers for q in tagged) for answers in trainees)
            out.append(CompetencyRow(cid, len(tagged), sample, sum(r.answered for r in seen),
                                     sum(r.correct for r in seen)))
    ranked = sorted((r for r in out if r.ranked), key=lambda r: (r.percent, r.competency))
    return ranked + [r for r in out if not r.ranked]


def look_again_note(rows: list[QuestionRow], trainees: int) -> str:
    """What the cohort page says under "Questions to look at again" when it lists none:
    that nothing was computed, or how many questions had a figure. "" when one is listed."""
    if any(r.flagged for r in rows):
        return ""
    figures = sum(r.discrimination is not None for r in rows)
    if not figures and trainees < MIN_PAIRS:
        return (f"Not computed: a discrimination figure needs the results of at least {MIN_PAIRS} "
                f"trainees who answered the question, and {trainees} "
                f"{'trainee was' if trainees == 1 else 'trainees were'} read.")
    if not figures:
        return (f"Not computed for any question: each needs at least {MIN_PAIRS} trainees who "
                "answered it and other questions, and answers that differ.")
    rest = len(rows) - figures
    return (f"None of the {figures} question{'' if figures == 1 else 's'} with a figure "
            f"{'was' if figures == 1 else 'were'} missed more often by trainees who did well "
            "elsewhere." + (f" {rest} other question{'' if rest == 1 else 's'} had too few "
                            "answers, or answers all alike, for a figure." if rest else ""))


def earlier_note(course: Course, results: list[dict]) -> str:
    """What the cohort page adds to what it read when answers to an earlier version of a
    question were set apart (in any module; they count nowhere); "" when none was."""
    questions = _questions(course)
    n = sum(_answers(data, questions)[1] for data in results)
    if not n:
        return ""
    return (f"{n} answer{'' if n == 1 else 's'} to an earlier version of a question "
            f"{'is' if n == 1 else 'are'} not counted (the question has changed since).")
