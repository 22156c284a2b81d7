"""One voice on safety (AUTHORING.md): every module, self-check question,
reflection set, practice exercise and facilitator note says the same thing on immediate danger,
suicide, the duty to report a child and out-of-hours messages, and names only
numbers that the support lines page lists. Plain text checks over the real
files; a self-check question (prompt, options, feedback, explanation) or a
practice exercise (every text of it) is judged as one whole, like a module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from builder.content.problems import Problems
from builder.load.data import load_support_lines

FILES = sorted([*REPO.glob("modules/*.md"), *REPO.glob("reflections/*.yml"),
                *REPO.glob("facilitator/*.md"), *REPO.glob("quizzes/*.yml"),
                *REPO.glob("practice/*.yml")])
WHOLES = ("quizzes", "practice")  # files whose every question or exercise is judged on its own
IDS = [p.relative_to(REPO).as_posix() for p in FILES]

# A sentence window: no full stop in between ("B.C." and "e.g." are unstopped first).
CHILD_REPORT = re.compile(r"\breport\w*\b[^.]{0,120}\bchild|\bchild\w*\b[^.]{0,120}\breport\w*\b")
PERSONAL = re.compile(r"duty to report[^.]{0,80}\b(your own|each person)|\b(is|are) (your own|"
                      r"each person's own)\b|belongs to each person|does not replace (your|the) "
                      r"report|make the report yourself|report your own|"
                      r"report (it |that )?myself|(is|be) mine to make")  # a model reply's words
SUPERVISOR_REPORTS = re.compile(r"supervisor,? (who )?(will |can |would |should )?(make|makes|"
                                r"file|files|handle|handles|take care of|takes care of)[^.]{0,30}"
                                r"\breport|report (it |this )?(only )?to (your|the|a) supervisor|"
                                r"leave (it|the report) to (your|the|a) supervisor")
DANGER = re.compile(r"\b(in (immediate )?danger|immediate(ly)? (danger|risk)|medical emergency|"
                    r"emergency services|emergency help|in an emergency|an emergency)\b")
# "No one is in immediate danger right now" says the opposite.
NOT_DANGER = re.compile(r"\b(not|no one is|nobody is|isn't|is not)( in)?( any)? (immediate )?"
                        r"danger\b|\boutside (of )?an emergency\b")
CRISIS_LINE_INSTEAD = re.compile(r"\b(crisis|support) lines? or (emergency|9-1-1)|(emergency "
                                 r"services|emergency help|9-1-1) or (a |the )?(crisis|support) "
                                 r"line")
SUICIDAL_THOUGHTS = re.compile(r"thinking about suicide|thoughts of (suicide|not wanting to live"
                               r"|ending)|not wanting to live")
ASKS_DIRECTLY = re.compile(r"are you thinking about suicide\?|ask\w* (someone |them |him |her )?"
                           r"directly")
WAITS = re.compile(r"\b(texts?|messages?)\b[^.]{0,80}\b(next morning|the next day|working hours|"
                   r"can wait)\b")
PHONE = re.compile(r"(?<![\d-])(?:\d-\d-\d|1-\d{3}-\d{3}-\d{4}|\d{3}-\d{4})(?![\d-])")


def plain(text: str) -> str:
    """One line of lower-case prose: no comments, quote markers or unstopped abbreviations."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"^\s*(>\s?)+", "", text, flags=re.M)
    text = text.replace("B.C.", "BC").replace("e.g.", "eg").replace("a.m.", "am")
    text = text.replace("p.m.", "pm")
    return re.sub(r"\s+", " ", text).strip().lower()


def paragraphs(path: Path) -> list[str]:
    if path.parent.name == "quizzes":
        return [plain(q) for q in questions(path)]
    if path.parent.name == "practice":
        return [plain(e) for e in exercises(path)]
    return [plain(p) for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]


def questions(path: Path) -> list[str]:
    """Each question of a bank as one text: what a trainee reads of it, all told."""
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [" ".join([q["prompt"], *(o["text"] + " " + o["feedback"] for o in q.get("options", [])),
                      *q.get("steps", []), q["explanation"]]) for q in bank["questions"]]


def exercises(path: Path) -> list[str]:
    """Each practice exercise as one text: everything a trainee may read of it."""
    practice = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [" ".join([e["situation"], e.get("peer", ""), e.get("debrief", ""), *e["review"],
                      *(m["text"] + " " + m["why"] for m in e.get("models", [])),
                      *(" ".join([t["peer"], t.get("end") or "",
                                  *(c["text"] + " " + c["note"] for c in t.get("choices", []))])
                        for t in e.get("turns", []))]) for e in practice["exercises"]]


def units(path: Path) -> list[list[str]]:
    """What one check judges as a whole: a file, or each question of a bank or exercise."""
    return [[p] for p in paragraphs(path)] if path.parent.name in WHOLES else [paragraphs(path)]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_reporting_a_child_is_a_personal_duty(path):
    for paras in units(path):
        if not any(CHILD_REPORT.search(p) for p in paras):
            continue
        assert any(CHILD_REPORT.search(p) and PERSONAL.search(p) for p in paras), (
            "mentions reporting a child but never says the duty is your own", paras[0][:120])
        assert not [p for p in paras if SUPERVISOR_REPORTS.search(p)], (
            "reads as if the supervisor makes the report; telling them does not replace yours")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_immediate_danger_names_9_1_1(path):
    for paras in units(path):
        if any(DANGER.search(NOT_DANGER.sub(" ", p)) for p in paras):
            assert any("9-1-1" in p for p in paras), (
                "describes immediate danger but never names 9-1-1", paras[0][:120])
        assert [p for p in paras if CRISIS_LINE_INSTEAD.search(p)] == [], (
            "offers a crisis line as the alternative to 9-1-1; a crisis line is for support")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_thoughts_of_suicide_are_asked_about_directly(path):
    paras = [p for unit in units(path) for p in unit]  # a bank answers this as a whole
    if any(SUICIDAL_THOUGHTS.search(p) for p in paras):
        assert any(ASKS_DIRECTLY.search(p) for p in paras), (
            'talks about thoughts of suicide but never says to ask directly')


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_a_message_waits_only_when_nothing_is_urgent(path):
    for p in paragraphs(path):
        if WAITS.search(p):
            assert "urgent" in p and "9-8-8" in p and "9-1-1" in p, p[:120]


def test_every_number_in_the_prose_is_a_support_line():
    lines = load_support_lines(REPO / "data/support-lines.yml", Problems(REPO))
    listed = " ".join(line.contact for line in lines)
    named = {m for path in FILES for m in PHONE.findall(path.read_text(encoding="utf-8"))}
    assert {"9-1-1", "9-8-8", "1-800-663-9122"} <= named
    assert sorted(n for n in named if n not in listed) == []


def test_module_6_sets_out_every_limit_of_confidentiality():
    text = plain((REPO / "modules/06-boundaries.md").read_text(encoding="utf-8"))
    section = text.split("## confidentiality and its limits", 1)[1].split(" ## ", 1)[0]
    for limit in ("risk of harm", "child who may need protection", "under 19", "court order",
                  "program notes", "1-800-663-9122", "9-1-1", "does not replace your report",
                  "you do not need proof", "overrides confidentiality"):
        assert limit in section, limit


def test_gifts_say_the_same_on_the_code_of_conduct_page_and_in_module_6():
    rule = re.compile(r"gifts, money and favours follow (your|the) program's policy,? and (you "
                      r"talk any offer|are talked) through openly with (a|your) supervisor")
    for rel in ("modules/06-boundaries.md", "modules/code-of-conduct.md"):
        assert rule.search(plain((REPO / rel).read_text(encoding="utf-8"))), rel
