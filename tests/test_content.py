"""Every content file of the real course: it loads cleanly, and every module
marked complete meets the bar of CONTENT-GUIDE.md. `pytest -k 06-boundaries`
narrows the run to one module."""

from __future__ import annotations

import re

import pytest
import textstat
from conftest import REPO

from builder.content.problems import Problems
from builder.load.course import load_course

COURSE_IDS = re.findall(r"^  - (\S+)$", (REPO / "modules/course.yml").read_text(), re.MULTILINE)
HEADINGS = ("Why this matters", "Core values to hold", "Stories from practice",
            "An action to try this week", "Key takeaways", "Returning to the core values",
            "Further reading")


@pytest.fixture(scope="module")
def loaded():
    problems = Problems(REPO)
    course = load_course(REPO, problems, strict=True)
    return course, problems


def prose(markdown: str) -> str:
    """The prose a trainee reads: no headings, tables, references, markup or comments."""
    text = markdown.split("\n## Further reading", 1)[0]
    text = re.sub(r"^(#+ .*|\|.*)$", "", text, flags=re.M)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(#+|!!!|[-*]|\d+\.)\s*", "", text, flags=re.M)
    return re.sub(r"[*_`{}|>]", "", text)


@pytest.mark.parametrize("module_id", COURSE_IDS)
def test_module_files_load_cleanly(loaded, module_id):
    course, problems = loaded
    mine = [str(p) for p in problems.items if module_id in p.path]
    assert mine == []
    assert module_id in [m.id for m in course.modules]


def test_whole_course_checks_strictly_clean(loaded):
    _, problems = loaded
    assert [str(p) for p in problems.items] == []


@pytest.mark.parametrize("module_id", COURSE_IDS)
def test_complete_module_meets_the_bar(loaded, module_id):
    course, _ = loaded
    m = course.module(module_id)
    if not m.complete:  # a stub holds its place in the course and nothing half-written
        assert m.status == "coming" and m.quiz is None and m.reflections is None
        return
    assert 3 <= len(m.objectives) <= 6
    assert m.values and m.competencies and m.minutes
    headings = re.findall(r"^## (.+?)\s*$", m.body, re.M)
    positions = [headings.index(h) for h in HEADINGS if h in headings]
    assert [h for h in HEADINGS if h not in headings] == [], "missing fixed headings"
    assert positions == sorted(positions), "fixed headings out of order"
    assert m.body.count('!!! question "For reflection"') >= 2
    stories = m.body.split("## Stories from practice", 1)[1].split("\n## ", 1)[0]
    assert 1 <= stories.count("\n### ") <= 2
    assert stories.count("**Questions to discuss**") == stories.count("\n### ")
    text = prose(m.body)
    words = len(text.split())
    assert 1800 <= words <= 3500, f"{words} words"
    grade = textstat.flesch_kincaid_grade(text)
    assert 7.0 <= grade <= 10.5, f"reading grade {grade}"  # "about 8 to 10" (CONTENT-GUIDE.md)

    questions = m.quiz.questions
    assert 12 <= len(questions) <= 15
    assert sum(q.kind == "scenario" for q in questions) * 3 >= len(questions) * 2
    assert {"single", "multiple", "true-false"} <= {q.type for q in questions}
    assert all(q.competencies and q.explanation for q in questions)
    assert all(o.feedback for q in questions for o in q.options)
    singles = [q.correct_keys[0] for q in questions if q.type == "single"]
    assert len(set(singles)) > 1, "the correct answer is always in the same place"

    prompts = m.reflections.prompts
    assert 3 <= len(prompts) <= 6 and any(p.self_care for p in prompts)
    assert m.facilitator is not None
    assert re.search(r"^\|.*\d:\d\d", m.facilitator.markdown, re.M), "session plan has no timings"


def test_item_writing_check_is_clean_under_strict():
    """No bank trips the item-writing check (its hints stay warnings)."""
    problems = Problems(REPO)
    load_course(REPO, problems, strict=True, check_writing=True)
    assert [str(p) for p in problems.errors] == []


def test_a_test_wise_guess_scores_at_most_45_percent(loaded):
    """A trainee who never reads, picks the longest option and always answers
    one side on true/false (the better side for them) scores at most 45%;
    chance is about 30%."""
    course, _ = loaded
    questions = [q for m in course.modules if m.quiz for q in m.quiz.questions]
    single = [q for q in questions if q.type == "single"]
    true_false = [q for q in questions if q.type == "true-false"]
    longest = sum(max(q.options, key=lambda o: len(o.text)).correct for q in single)
    side = max(sum(o.correct and o.text == s for q in true_false for o in q.options)
               for s in ("True", "False"))
    score = (longest + side) / (len(single) + len(true_false))
    assert score <= 0.45, f"the test-wise guess scores {score:.0%}"


def test_module_one_is_complete(loaded):
    course, _ = loaded
    m = course.module("01-foundations")
    assert m.complete and len(m.quiz.questions) >= 12 and len(m.reflections.prompts) >= 4
