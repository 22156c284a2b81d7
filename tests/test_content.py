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


# --- session kits (issue 27): timings that add up, materials, handout texts ----------

PLAN_ROW = re.compile(r"^\| (\d+):(\d\d) \| ([^|]*?) \|", re.M)
ACTIVITY_PREFIX = re.compile(r"^activity(?: \d+)?: ", re.I)
FROM_MODULE = re.compile(r'^\*From the module, "(.+?)"\.\*$', re.M)


def _paragraph_after(text: str, lead: str) -> str | None:
    found = re.search(rf"^{re.escape(lead)} (.+?)(?:\n\s*\n|\Z)", text, re.M | re.S)
    return " ".join(found.group(1).split()) if found else None


def _plain_words(markdown: str) -> str:
    """Words only: no markup, comments, links (their text kept) or references to the
    standards, which a handout may leave out."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"\s*\(\[SP-[\d.]+\]\([^)]*\)(?:,\s*\[SP-[\d.]+\]\([^)]*\))*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:[-*]|\d+\.|>)\s+", " ", text, flags=re.M)
    return " ".join(re.sub(r"[*_>|]", " ", text).split())


def _subsections(section_text: str) -> dict[str, str]:
    return {m.group(1).strip(): m.group(2) for m in
            re.finditer(r"^### (.+?)\n(.*?)(?=^### |\Z)", section_text, re.M | re.S)}


def _section(markdown: str, heading: str) -> str:
    found = re.search(rf"^## {re.escape(heading)}\s*\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize("module_id", COURSE_IDS)
def test_session_timings_add_up_with_slack(loaded, module_id):
    """Each activity's **Time:** line covers its parts, a debrief and some slack, and
    equals its slot in the session plan; the plan runs in order to its stated length;
    the **Slack:** line totals the activities' spare minutes."""
    course, _ = loaded
    notes = course.module(module_id).facilitator.markdown
    plan = _section(notes, "Session plan")
    rows = [(int(h) * 60 + int(m), what.strip()) for h, m, what in PLAN_ROW.findall(plan)]
    assert all(line.count("|") == 4 for line in plan.splitlines() if PLAN_ROW.match(line)), \
        "a row of the plan has three cells: time, what, how"
    times = [t for t, _ in rows]
    assert times == sorted(set(times)) and rows[-1][1] == "End", rows
    stated = re.search(r"(\d+(?:\.\d)?)-hour session|about (\d) hours?(?: (\d+) minutes)?", notes)
    if stated:
        hours = float(stated.group(1)) if stated.group(1) else int(stated.group(2))
        assert times[-1] == hours * 60 + int(stated.group(3) or 0), "the stated length"
    spare_total = 0
    activities = re.findall(r"^### (.+?)\s*$", _section(notes, "Activities"), re.M)
    assert activities
    for title in activities:
        body = _section(notes, "Activities").split(f"### {title}", 1)[1].split("\n### ", 1)[0]
        line = _paragraph_after(body, "**Time:**")
        assert line, f"{title}: no **Time:** line"
        total, parts = re.match(r"(\d+) minutes: (.+)", line).groups()
        parts = re.sub(r" \([^)]*\)", "", parts)  # an aside: "(steps 4 and 6)"
        minutes = {what.strip(): int(n) for n, what in
                   re.findall(r"(\d+) ((?:to|for) [^,]+?)(?:,| and |\.$)", parts)}
        assert sum(minutes.values()) == int(total), (title, minutes)
        assert any("debrief" in k and v > 0 for k, v in minutes.items()), (title, "no debrief")
        spare = minutes.get("to spare", 0)
        assert spare >= 1, (title, "no slack")
        spare_total += spare
        name = ACTIVITY_PREFIX.sub("", title).lower()
        slot = [(t, nxt) for (t, what), (nxt, _) in zip(rows, rows[1:])
                if name in ACTIVITY_PREFIX.sub("", what).lower()]
        assert len(slot) == 1, (title, "its row in the session plan")
        assert slot[0][1] - slot[0][0] == int(total), (title, "its slot in the plan", slot)
    slack = _paragraph_after(notes, "**Slack:**")
    assert slack and int(re.match(r"(\d+) minutes?", slack).group(1)) == spare_total, slack


@pytest.mark.parametrize("module_id", COURSE_IDS)
def test_session_kit_is_written_and_quotes_the_module_exactly(loaded, module_id):
    """A prep checklist (print, read, set up, on call), materials, and handout texts;
    a handout text that says it is from the module quotes that section word for word."""
    course, _ = loaded
    m = course.module(module_id)
    notes = m.facilitator.markdown
    checklist = _section(notes, "Prep checklist")
    for item in ("**Print:**", "**Read:**", "**Set up:**", "**On call:**"):
        assert item in checklist, item
    assert _subsections(_section(notes, "Materials")), "no materials"
    texts = _subsections(_section(notes, "Handout texts"))
    assert texts, "no handout texts"
    for title, body in texts.items():
        found = FROM_MODULE.search(body)
        if not found:
            continue
        source = _plain_words(_section(m.body, found.group(1)) or _subsection_of(m.body, found.group(1)))
        assert source, (title, f'the module has no section "{found.group(1)}"')
        for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.|\|) )", FROM_MODULE.sub("", body)):
            words = _plain_words(block)
            if words.strip("-: "):
                assert words in source, (title, words)


def _subsection_of(markdown: str, heading: str) -> str:
    found = re.search(rf"^### {re.escape(heading)}\s*\n(.*?)(?=^##|\Z)", markdown, re.M | re.S)
    return found.group(1) if found else ""
