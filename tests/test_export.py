"""The LMS export: what `python -m builder export` writes must parse back, in
Moodle XML with xml.etree and in GIFT with pygiftparser, with every answer,
grade and feedback intact."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write
from pygiftparser import parser as gift_parser

from builder.commands.cli import main
from builder.commands.export import _html

SPECIAL = "Tilde ~ equals = hash # braces { } colons :: folder C:\\new é ✓ “quotes”"
BANK = {"module": "01-one", "questions": [
    {"id": "m01-q01", "type": "single", "kind": "scenario", "competencies": ["SP-1.2"],
     "prompt": f"{SPECIAL}\n\nWhich response fits?",
     "options": [{"text": f"Right {SPECIAL}", "correct": True, "feedback": f"Yes: {SPECIAL}"},
                 {"text": "Wrong", "feedback": f"No: {SPECIAL}"}],
     "explanation": f"Because {SPECIAL}"},
    {"id": "m01-q02", "type": "multiple", "kind": "recall", "competencies": ["SP-1.2"],
     "prompt": "Which three?",
     "options": [{"text": t, "correct": t in "ABC", "feedback": f"About {t} {SPECIAL}"}
                 for t in "ABCDE"],
     "explanation": "A, B and C."},
    {"id": "m01-q03", "type": "true-false", "kind": "recall", "competencies": ["SP-1.2"],
     "prompt": "Is it *true*?",
     "options": [{"text": "True", "correct": True, "feedback": f"Right {SPECIAL}"},
                 {"text": "False", "feedback": f"Wrong {SPECIAL}"}],
     "explanation": "It is."},
    {"id": "m01-q04", "type": "ordering", "kind": "scenario", "competencies": ["SP-1.2"],
     "prompt": "Order these.", "steps": [f"First {SPECIAL}", "Second", "Third"],
     "explanation": "First things first."},
]}
WEIGHTS = {"m01-q01": ["100", "0"], "m01-q02": ["33.33333"] * 3 + ["-50"] * 2,
           "m01-q03": ["100", "0"]}


@pytest.fixture
def special(mini: Path) -> Path:
    write(mini / "quizzes/01-one.yml", yaml.safe_dump(BANK, allow_unicode=True, sort_keys=False))
    return mini


def run(root: Path, monkeypatch, capsys, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    code = main(["export", *args])
    return code, capsys.readouterr().err


# --- reading the formats back ------------------------------------------------------

def read_xml(path: Path) -> dict[str, list[ET.Element]]:
    """Questions by category path, in file order."""
    assert path.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    banks: dict[str, list[ET.Element]] = {}
    for question in ET.parse(path).getroot():
        if question.get("type") == "category":
            current = banks.setdefault(question.findtext("category/text"), [])
        else:
            current.append(question)
    return banks


# Escaped characters become placeholders before parsing, as Moodle's own GIFT
# import does (pygiftparser's feedback rule does not honour escapes).
ESCAPES = {"\\\\": "&&092;", "\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;",
           "\\{": "&&123;", "\\}": "&&125;", "\\~": "&&126;", "\\n": "&&010;"}
PLAIN = {ph: ("\n" if esc == "\\n" else esc[1]) for esc, ph in ESCAPES.items()}


def plain(text: str) -> str:
    for placeholder, char in PLAIN.items():
        text = text.replace(placeholder, char)
    return text.strip()


def read_gift(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    for escaped, placeholder in ESCAPES.items():
        text = text.replace(escaped, placeholder)
    questions = []
    for q in gift_parser.parse(text).questions:
        # General feedback (####) ends up in the last option's feedback.
        *options, last = q.answer.options
        last_feedback, _, general = last.feedback.rpartition("####")
        found = []
        if repr(q.answer) == "Matching()":  # an ordering question: step -> position
            pairs = [q.answer.get_pair(o) for o in [*options, last]]
            found = [(plain(p["first"]), p["second"]) for p in pairs]
            general = last.feedback.removeprefix("###")  # no pair feedback: "####" loses one "#"
        for option in [] if found else [*options, last]:
            feedback = last_feedback if option is last else option.feedback
            mark, weight, text_ = re.match(r"([=~]?)(?:%(-?[\d.]+)%)?(.*)$", option.raw_text,
                                           re.S).groups()
            parts = [plain(part) for part in feedback.split("#")]  # true-false: wrong#right
            found.append((mark, weight, plain(text_), parts if len(parts) > 1 else parts[0]))
        assert q.text.startswith("[markdown]")
        questions.append({"id": q.name, "category": q.category, "type": repr(q.answer),
                          "text": plain(q.text.removeprefix("[markdown]")),
                          "options": found, "general": plain(general)})
    return questions


# --- Moodle XML ---------------------------------------------------------------------

def test_moodle_xml_keeps_answers_feedback_and_special_characters(special, tmp_path,
                                                                     monkeypatch, capsys):
    out = tmp_path / "quiz.xml"
    code, err = run(special, monkeypatch, capsys, "--format", "moodle-xml", "-o", str(out))
    assert code == 0, err
    assert err.strip() == f"Wrote 5 questions from 2 modules to {out}"
    banks = read_xml(out)
    root = "$course$/B.C. Peer Support Training"
    assert {k: len(v) for k, v in banks.items()} == {f"{root}/1. Module 1": 4,
                                                     f"{root}/2. Module 2": 1}
    questions = {q.findtext("name/text"): q for q in banks[f"{root}/1. Module 1"]}
    for spec in BANK["questions"]:
        q = questions[spec["id"]]
        assert q.findtext("idnumber") == spec["id"]
        assert q.findtext("questiontext/text") == _html(spec["prompt"])
        assert q.findtext("generalfeedback/text") == _html(spec["explanation"])
        assert [t.text for t in q.findall("tags/tag/text")] == spec["competencies"]
        answers = q.findall("answer")
        if spec["type"] == "ordering":
            assert q.get("type") == "ordering" and q.findtext("gradingtype") == "ABSOLUTE_POSITION"
            assert [a.findtext("text") for a in answers] == [_html(s, True) for s in spec["steps"]]
            continue
        assert [a.get("fraction") for a in answers] == WEIGHTS[spec["id"]]
        assert [a.findtext("feedback/text") for a in answers] == [
            _html(o["feedback"]) for o in spec["options"]]
    assert questions["m01-q01"].findtext("single") == "true"
    assert questions["m01-q02"].findtext("single") == "false"
    assert questions["m01-q03"].get("type") == "truefalse"
    assert [a.findtext("text") for a in questions["m01-q03"].findall("answer")] == ["true", "false"]
    assert SPECIAL in questions["m01-q01"].findtext("questiontext/text")
    assert SPECIAL in questions["m01-q04"].find("answer/text").text


# --- GIFT -------------------------------------------------------------------------

def test_gift_round_trips_answers_feedback_and_special_characters(special, tmp_path,
                                                                  monkeypatch, capsys):
    out = tmp_path / "quiz.gift"
    code, err = run(special, monkeypatch, capsys, "--format", "gift", "-o", str(out))
    assert code == 0, err
    assert err.strip() == f"Wrote 5 questions from 2 modules to {out}"
    questions = {q["id"]: q for q in read_gift(out)}
    assert sorted(questions) == ["m01-q01", "m01-q02", "m01-q03", "m01-q04", "m02-q01"]
    assert questions["m02-q01"]["category"].endswith("/2. Module 2")
    for spec in BANK["questions"][:2]:
        q = questions[spec["id"]]
        assert q["category"] == "$course$/B.C. Peer Support Training/1. Module 1"
        assert q["text"] == spec["prompt"].strip() and q["general"] == spec["explanation"]
        assert [(o[2], o[3]) for o in q["options"]] == [
            (o["text"], o["feedback"]) for o in spec["options"]]
    assert [o[0] for o in questions["m01-q01"]["options"]] == ["=", "~"]
    assert questions["m01-q01"]["type"] == "MultipleChoiceRadio()"
    assert questions["m01-q02"]["type"] == "MultipleChoiceCheckbox()"
    assert [o[1] for o in questions["m01-q02"]["options"]] == WEIGHTS["m01-q02"]
    # True-false: {TRUE#feedback when answered wrong#feedback when answered right}
    tf = questions["m01-q03"]
    assert tf["type"] == "TrueFalse()" and tf["options"][0][2] == "True"
    assert tf["options"][0][3] == [f"Wrong {SPECIAL}", f"Right {SPECIAL}"]
    assert tf["general"] == "It is."
    # Ordering: a matching question, each step matched to its position.
    order = questions["m01-q04"]
    assert order["type"] == "Matching()" and order["general"] == "First things first."
    assert order["options"] == [(step, str(n)) for n, step in enumerate(BANK["questions"][3]["steps"], 1)]


# --- the command ------------------------------------------------------------------

def test_module_filter(special, tmp_path, monkeypatch, capsys):
    out = tmp_path / "two.xml"
    code, err = run(special, monkeypatch, capsys, "--format", "moodle-xml", "--module", "02-two",
                    "-o", str(out))
    assert code == 0, err
    banks = read_xml(out)
    assert [len(v) for v in banks.values()] == [1]
    assert next(iter(banks)).endswith("/2. Module 2")


@pytest.mark.parametrize("fmt", ["moodle-xml", "gift"])
def test_unknown_module_is_one_line_and_exit_1(special, tmp_path, monkeypatch, capsys, fmt):
    out = tmp_path / "out"
    code, err = run(special, monkeypatch, capsys, "--format", fmt, "--module", "99-nope",
                    "-o", str(out))
    assert code == 1 and not out.exists()
    assert err.count("\n") == 1 and "99-nope" in err and "Traceback" not in err


def test_content_errors_are_listed_not_raised(mini, tmp_path, monkeypatch, capsys):
    bank = mini / "quizzes/01-one.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("correct: true", "correct: false"),
                    encoding="utf-8")
    out = tmp_path / "out.gift"
    code, err = run(mini, monkeypatch, capsys, "--format", "gift", "-o", str(out))
    assert code == 1 and not out.exists() and "Traceback" not in err
    assert re.search(r"^quizzes/01-one\.yml:\d+: .*no correct option", err, re.M)


def test_real_course_exports_and_parses(course, tmp_path, monkeypatch, capsys):
    banks = [m.quiz for m in course.modules if m.quiz]
    total = sum(len(b.questions) for b in banks)
    ordering = sum(q.type == "ordering" for b in banks for q in b.questions)
    xml_out, gift_out = tmp_path / "course.xml", tmp_path / "course.gift"
    assert run(REPO, monkeypatch, capsys, "--format", "moodle-xml", "-o", str(xml_out))[0] == 0
    xml_banks = read_xml(xml_out)
    assert [len(v) for v in xml_banks.values()] == [len(b.questions) for b in banks]
    assert sum(len(v) for v in xml_banks.values()) == total
    code, err = run(REPO, monkeypatch, capsys, "--format", "gift", "-o", str(gift_out))
    assert code == 0 and f"Wrote {total} questions from {len(banks)} modules" in err
    questions = read_gift(gift_out)
    assert len(questions) == total
    assert sum(q["type"] == "Matching()" for q in questions) == ordering > 0
    assert len({q["category"] for q in questions}) == len(banks)
    expected = {q.id: q for b in banks for q in b.questions}
    for q in questions:
        spec = expected[q["id"]]
        assert (q["text"], q["general"]) == (spec.prompt.strip(), spec.explanation.strip())
        if spec.type == "ordering":
            assert q["options"] == [(s.strip(), str(n)) for n, s in enumerate(spec.steps, 1)]
        elif spec.type != "true-false":
            assert [(o[2], o[3]) for o in q["options"]] == [
                (o.text.strip(), o.feedback.strip()) for o in spec.options]
            assert [o[0] == "=" or float(o[1] or 0) > 0 for o in q["options"]] == [
                o.correct for o in spec.options]


def test_module_given_twice_keeps_both_in_course_order(special, tmp_path, monkeypatch, capsys):
    out = tmp_path / "both.gift"
    code, err = run(special, monkeypatch, capsys, "--format", "gift", "--module", "02-two",
                    "--module", "01-one", "-o", str(out))
    assert code == 0, err
    assert err.strip() == f"Wrote 5 questions from 2 modules to {out}"
    categories = list(dict.fromkeys(q["category"].rsplit("/", 1)[1] for q in read_gift(out)))
    assert categories == ["1. Module 1", "2. Module 2"]


def test_no_output_file_is_a_sentence_and_exit_2(special, monkeypatch, capsys):
    code, err = run(special, monkeypatch, capsys, "--format", "moodle-xml")
    assert code == 2 and "-o questions.xml" in err and "Traceback" not in err


# --- an agency's copy: its modules, in its order ---------------------------------------

AGENCY_MODULES = ["01-foundations", "07-communication", "06-boundaries", "12-crisis",
                  "14-resilience"]  # examples/agency/mkdocs.yml


def test_agency_config_exports_its_subset_in_its_order(course, tmp_path, monkeypatch, capsys):
    out = tmp_path / "agency.xml"
    code, err = run(REPO, monkeypatch, capsys, "--format", "moodle-xml", "-f",
                    "examples/agency/mkdocs.yml", "-o", str(out))
    assert code == 0, err
    numbers = {m.id: f"{m.number}. {m.title}" for m in course.modules}
    banks = read_xml(out)
    # The course's numbers (AGENCY.md: exports keep them), in the agency's order.
    assert [c.rsplit("/", 1)[1] for c in banks] == [numbers[m] for m in AGENCY_MODULES]
    by_id = {m.id: m for m in course.modules}
    assert [len(v) for v in banks.values()] == [len(by_id[m].quiz.questions) for m in AGENCY_MODULES]


def test_agency_config_with_modules_narrows_its_subset(tmp_path, monkeypatch, capsys):
    out = tmp_path / "two.gift"
    code, err = run(REPO, monkeypatch, capsys, "--format", "gift", "-f", "examples/agency/mkdocs.yml",
                    "--module", "12-crisis", "--module", "06-boundaries", "-o", str(out))
    assert code == 0, err
    categories = list(dict.fromkeys(q["category"] for q in read_gift(out)))
    assert [c.split("/")[-1].split(".")[0] for c in categories] == ["6", "12"]
    assert "from 2 modules" in err


def test_a_module_the_agency_left_out_is_refused(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.gift"
    code, err = run(REPO, monkeypatch, capsys, "--format", "gift", "-f", "examples/agency/mkdocs.yml",
                    "--module", "15-family", "-o", str(out))
    assert code == 1 and not out.exists()
    assert "leaves out module \"15-family\"" in err and err.count("\n") == 1


def test_a_missing_config_file_is_one_line(special, tmp_path, monkeypatch, capsys):
    code, err = run(special, monkeypatch, capsys, "--format", "gift", "-f", "nope/mkdocs.yml",
                    "-o", str(tmp_path / "x.gift"))
    assert code == 1 and "nope/mkdocs.yml: there is no such file" in err and "Traceback" not in err
