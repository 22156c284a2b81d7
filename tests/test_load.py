"""Every kind of content error, with its path, line and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BANK, problems_of, write

from builder.commands.cli import main


def bank(root: Path, text: str) -> None:
    write(root / "quizzes/01-one.yml", text)


def test_the_mini_course_is_clean(mini):
    assert problems_of(mini) == []


def test_yaml_syntax_error_names_the_line(mini):
    bank(mini, BANK.replace("    kind: scenario\n", "    kind: [scenario\n"))
    assert any(p.startswith("quizzes/01-one.yml:6: YAML syntax error") for p in problems_of(mini))


def test_empty_file(mini):
    bank(mini, "")
    assert problems_of(mini) == [
        "quizzes/01-one.yml:1: the quiz bank is empty; it needs module: and questions:"]


def test_non_mapping_file(mini):
    bank(mini, "- just\n- a list\n")
    assert problems_of(mini) == [
        "quizzes/01-one.yml:1: the quiz bank must be a mapping of keys to values, not a list"]


def test_unknown_key(mini):
    bank(mini, BANK.replace("    kind: scenario\n", "    kind: scenario\n    hint: no\n"))
    [problem] = problems_of(mini)
    assert problem.startswith('quizzes/01-one.yml:6: unknown key "hint" in a question')


def test_missing_key(mini):
    bank(mini, BANK.replace("    explanation: Self-determination.\n", ""))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:3: a question has no "explanation"; add it']


def test_wrong_type(mini):
    bank(mini, BANK.replace("competencies: [SP-1.2]", "competencies: SP-1.2"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:6: "competencies" in a question must be a list of text items, not text']


def test_wrong_type_of_correct(mini):
    bank(mini, BANK.replace("correct: true", "correct: yes please"))
    problems = problems_of(mini)
    assert 'quizzes/01-one.yml:10: "correct" in an option of question "m01-q01" must be true or false, not text' in problems


def test_duplicate_id_within_a_bank(mini):
    second = BANK.split("questions:\n")[1]
    bank(mini, BANK + second)
    assert problems_of(mini) == [
        'quizzes/01-one.yml:15: question "m01-q01" has the same id as a question in '
        'quizzes/01-one.yml; give each question its own id']


def test_duplicate_id_across_banks(mini):
    bank(mini, BANK)
    write(mini / "quizzes/02-two.yml", BANK.replace("module: 01-one", "module: 02-two"))
    assert problems_of(mini) == [
        'quizzes/02-two.yml:3: question "m01-q01" has the same id as a question in '
        'quizzes/01-one.yml; give each question its own id']


def test_duplicate_key(mini):
    bank(mini, BANK.replace("    kind: scenario\n", "    kind: scenario\n    kind: recall\n"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:6: the key "kind" appears twice in one mapping; keep one']


def test_no_correct_option(mini):
    bank(mini, BANK.replace("        correct: true\n", ""))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:8: question "m01-q01" has no correct option; mark one option with correct: true']


def test_single_answer_with_two_correct(mini):
    bank(mini, BANK.replace("      - text: Tell them what you would do.\n",
                            "      - text: Tell them what you would do.\n        correct: true\n"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:8: question "m01-q01" is single but 2 options are marked correct; '
        'mark exactly one, or make it type: multiple']


def test_multiple_answer_may_have_two_correct(mini):
    text = BANK.replace("type: single", "type: multiple").replace(
        "      - text: Tell them what you would do.\n",
        "      - text: Tell them what you would do.\n        correct: true\n")
    bank(mini, text)
    assert problems_of(mini) == []


def test_option_without_feedback(mini):
    bank(mini, BANK.replace("        feedback: Advice takes the choice away.\n", ""))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:12: an option of question "m01-q01" has no "feedback" '
        '(why it fits, or what it would do to the relationship); add it']


def test_true_false_needs_true_and_false(mini):
    bank(mini, BANK.replace("type: single", "type: true-false"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:8: question "m01-q01" is true-false; its two options must be True and False']


def test_ordering_question(mini):
    ordering = """module: 01-one
questions:
  - id: m01-q09
    type: ordering
    kind: scenario
    competencies: [SP-1.2]
    prompt: Put these in order.
    steps: [Listen, Ask, Explore]
    explanation: Listening comes first.
"""
    bank(mini, ordering)
    assert problems_of(mini) == []
    bank(mini, ordering.replace("steps: [Listen, Ask, Explore]", "steps: [Listen]"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:8: question "m01-q09" needs at least two steps to order']


def test_unknown_competency(mini):
    bank(mini, BANK.replace("SP-1.2", "SP-9.9"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:6: question "m01-q01" names competency "SP-9.9", which the standards '
        'of practice do not define; use an id such as SP-2.4 from modules/standards-of-practice.md']


def test_bank_for_a_module_that_does_not_exist(mini):
    write(mini / "quizzes/07-nope.yml", BANK.replace("module: 01-one", "module: 07-nope")
          .replace("m01-q01", "m07-q01"))
    assert problems_of(mini) == [
        'quizzes/07-nope.yml:1: the quiz bank is for module "07-nope", which does not exist; '
        'use a module id from modules/course.yml']


def test_reflection_set_for_a_module_that_does_not_exist(mini):
    write(mini / "reflections/09-gone.yml", "module: 09-gone\nprompts:\n  - id: m09-r1\n    text: Hi\n")
    assert problems_of(mini) == [
        'reflections/09-gone.yml:1: the reflection set is for module "09-gone", which does not '
        'exist; use a module id from modules/course.yml']


def test_duplicate_reflection_prompt_id(mini):
    write(mini / "reflections/02-two.yml", "module: 02-two\nprompts:\n  - id: m01-r1\n    text: Hi\n")
    assert problems_of(mini) == [
        'reflections/02-two.yml:3: prompt "m01-r1" has the same id as a prompt in '
        'reflections/01-one.yml; give each prompt its own id']


def test_course_lists_a_module_with_no_file(mini):
    write(mini / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n  - 03-three\n")
    assert problems_of(mini) == [
        'modules/course.yml:4: the course lists "03-three" but there is no modules/03-three.md; '
        'add the file or remove the line']


def test_module_front_matter_problems(mini):
    path = mini / "modules/02-two.md"
    path.write_text(path.read_text().replace("id: 02-two", "id: 02-too")
                    .replace("status: coming", "status: done\nvalues: [kindness]"))
    assert problems_of(mini) == [
        'modules/02-two.md:2: the id "02-too" does not match the file name; use "02-two"',
        'modules/02-two.md:5: status "done" is not one of: complete, coming',
        'modules/02-two.md:6: "kindness" is not a core value; use one of: hope-and-wholeness, '
        'acknowledgement, strength-based, mutuality, self-determination, '
        'respect-dignity-equity, belonging-community, curiosity',
    ]


def test_complete_module_needs_its_facts(mini):
    path = mini / "modules/02-two.md"
    path.write_text(path.read_text().replace("status: coming", "status: complete"))
    errors = [p for p in problems_of(mini) if "warning:" not in p]
    assert 'modules/02-two.md:1: a complete module needs "objectives" in its front matter' in errors
    assert len(errors) == 4


def test_curriculum_map_warns_about_uncovered_competencies(mini):
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text().replace(
        "status: coming", "status: complete\nminutes: 5\nobjectives: [Explain a thing.]\n"
        "values: [curiosity]\ncompetencies: [SP-1.2]"))
    problems = problems_of(mini)
    assert all("warning: curriculum map" in p for p in problems)
    assert not any(" SP-1.2;" in p for p in problems)  # built and assessed
    assert "modules/standards-of-practice.md:23: warning: curriculum map: no complete module " \
           "builds SP-1.3; name it under competencies: in the module that teaches it" in problems
    assert any("no self-check question assesses SP-5.3" in p for p in problems)


def test_module_without_front_matter(mini):
    write(mini / "modules/02-two.md", "# Two\n")
    assert problems_of(mini) == [
        "modules/02-two.md:1: the module has no front matter; start the file with a --- line, "
        "the keys (id, number, title, status, purpose), and another ---"]


def test_facilitator_notes_need_their_sections(mini):
    write(mini / "facilitator/01-one.md", "# Notes\n\n## Check-in\n\n## Session plan\n")
    problems = problems_of(mini)
    assert 'facilitator/01-one.md:1: the facilitator notes have no "## Activities" section; add it' in problems
    assert 'facilitator/01-one.md:1: the facilitator notes have no "## Prep checklist" section; ' \
           'add it' in problems
    assert 'facilitator/01-one.md:3: "## Check-in" is out of order; the sections go: Prep checklist, ' \
           'Session plan, Check-in, Discussion questions, Activities, What to watch for' in problems


def test_every_problem_is_reported_in_one_run(mini):
    bank(mini, BANK.replace("SP-1.2", "SP-9.9").replace("        correct: true\n", ""))
    write(mini / "reflections/01-one.yml", "module: 01-one\nprompts: nope\n")
    write(mini / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n  - 03-three\n")
    assert len(problems_of(mini)) == 4


def test_not_utf8(mini):
    (mini / "quizzes/01-one.yml").write_bytes(b"module: \xff\n")
    assert problems_of(mini)[0].startswith("quizzes/01-one.yml:1: the file is not UTF-8 text")


def test_check_command_exit_status_and_output(mini, monkeypatch, capsys):
    monkeypatch.chdir(mini)
    assert main(["check"]) == 0
    bank(mini, BANK.replace("        correct: true\n", ""))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "quizzes/01-one.yml:8: question \"m01-q01\" has no correct option" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("garbage", ["{{{", "- [", "\t\tkey: : :", "module: [1, 2", "? ? ?"])
def test_garbage_never_raises(mini, garbage):
    for rel in ("quizzes/01-one.yml", "reflections/01-one.yml", "data/glossary.yml",
                "modules/course.yml", "data/core-values.yml", "data/support-lines.yml"):
        write(mini / rel, garbage)
    problems = problems_of(mini)
    assert problems and all(":" in p for p in problems)
