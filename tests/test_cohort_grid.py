"""The trainee x module grid (builder/pages/cohort_grid.py): completion and the
first-try score by status.js's model, what a cell and a CSV row say, and CSV a
spreadsheet reads safely. test_cohort_page.py holds the page's grid to this one
on crafted files, in Chromium."""

from __future__ import annotations

import csv
import io

from builder.pages.cohort_grid import csv_text, grid_csv, module_status
from builder.pages.results_files import trainee_from


def right(q) -> list[str]:
    return [str(i) for i in range(1, len(q.steps) + 1)] if q.type == "ordering" else list(q.correct_keys)


def wrong(q) -> list[str]:
    if q.type == "ordering":
        return list(reversed(right(q)))
    return [next(o.key for o in q.options if not o.correct)]


def test_complete_when_every_question_has_an_answer_that_counts(course):
    module = next(m for m in course.modules if m.quiz)
    qs = module.quiz.questions
    answers = {q.id: {"chosen": right(q), "correct": True, "rev": q.revision, "first": i % 2 == 0}
               for i, q in enumerate(qs)}
    answers[qs[0].id] = {"chosen": wrong(qs[0]), "correct": False, "rev": qs[0].revision, "first": False}
    done = module_status(module, {"answers": answers, "completed": "2026-11-03T19:11:00.000Z"})
    first = sum(i % 2 == 0 for i in range(1, len(qs)))
    assert (done.complete, done.first, done.completed) == (True, first, "2026-11-03")
    assert done.text == f"Complete: {first} of {len(qs)} right first time"
    assert done.csv == ["complete", str(first), "2026-11-03"]
    stale = {**answers, qs[1].id: {**answers[qs[1].id], "rev": "0" * 12}}  # a rewritten question
    partial = module_status(module, {"answers": stale, "completed": "2026-11-03"})
    assert (partial.complete, partial.answered) == (False, len(qs) - 1)
    assert partial.text == f"In progress: {len(qs) - 1} of {len(qs)} answered"
    assert partial.csv == ["in progress", "", ""]
    assert module_status(module, None).text == "Not handed in"
    assert module_status(module, "nonsense").csv == ["not handed in", "", ""]


def test_answers_without_a_revision_count_while_they_grade_as_saved(course):
    module = next(m for m in course.modules if m.quiz)
    qs = module.quiz.questions
    answers = {q.id: {"chosen": right(q), "correct": True} for q in qs}  # before revisions and first
    assert module_status(module, {"answers": answers}).text == f"Complete: {len(qs)} of {len(qs)} right first time"
    answers[qs[0].id] = {"chosen": right(qs[0]), "correct": False}  # no longer grades as saved
    assert not module_status(module, {"answers": answers}).complete


def test_complete_before_answers_were_kept_has_no_first_try_score(course):
    module = next(m for m in course.modules if m.quiz)
    n = len(module.quiz.questions)
    earlier = module_status(module, {"best": {"score": n, "total": n}, "answers": {}})
    assert earlier.complete and earlier.text == f"Complete: {n} of {n} right (first-try score not recorded)"
    assert earlier.csv == ["complete", "", ""]
    for best in ({"score": n - 1, "total": n}, {"score": n, "total": n + 1}, {"score": str(n), "total": n},
                 [n, n], "all"):
        assert not module_status(module, {"best": best, "answers": {}}).complete, best


def test_answers_not_in_the_sites_form_do_not_count(course):
    module = next(m for m in course.modules if m.quiz)
    q = module.quiz.questions[0]
    for odd in ({"chosen": right(q), "correct": "yes"}, {"chosen": [1], "correct": True},
                {"chosen": [], "correct": True}, {"chosen": right(q)}, "a"):
        assert module_status(module, {"answers": {q.id: odd}}).answered == 0, odd


def test_csv_is_quoted_and_never_runs_in_a_spreadsheet():
    text = csv_text([["=HYPERLINK(\"x\")", "+1 555", "-0.25", "-", "@me", "a,b", 'say "hi"', "two\nlines"]])
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    [row] = list(csv.reader(io.StringIO(text[1:])))
    assert row == ["'=HYPERLINK(\"x\")", "'+1 555", "-0.25", "'-", "'@me", "a,b", 'say "hi"', "two\nlines"]


def test_the_grid_as_csv_has_three_columns_a_module(course):
    module = next(m for m in course.modules if m.quiz)
    data = {"format": "peer-support-self-check-results", "learner": {"id": "ab" * 16, "name": "=Sam"},
            "modules": {module.id: {"answers": {}}}}
    rows = list(csv.reader(io.StringIO(grid_csv(course, [trainee_from("f.json", "", data)], module.id)[1:])))
    n = len(module.quiz.questions)
    assert rows == [["Trainee", "Code", "File", f"{module.label}: status",
                     f"{module.label}: right first time (of {n})", f"{module.label}: completed on"],
                    ["'=Sam", "ABAB-ABAB", "f.json", "in progress", "", ""]]
