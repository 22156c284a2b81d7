"""The item-writing check: one test a rule, each asserting path, line and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from builder.commands.cli import main
from builder.content.problems import Problems
from builder.load.course import load_course

EVEN = ("Ask what they hope for", "Offer a list of services", "Share what worked for you",
        "Suggest they rest first")  # options of equal length: no length cue
OTHER = ("Name the feeling gently", "Wait and stay with them", "Check in again next week",
         "Write the plan together")  # another even set, for a second bank


def question(qid: str, options, qtype: str = "single", prompt: str | None = None,
             explanation: str = "The reason, in other words.") -> str:
    """One question as YAML; `options` is a list of (text, correct)."""
    lines = [f"  - id: {qid}", f"    type: {qtype}", "    kind: scenario",
             "    competencies: [SP-1.2]", f'    prompt: "{prompt or qid + " a peer brings something new today."}"', "    options:"]
    for text, correct in options:
        lines.append(f'      - text: "{text}"')
        if correct:
            lines.append("        correct: true")
        lines.append("        feedback: Why, in a sentence.")
    lines.append(f"    explanation: {explanation}")
    return "\n".join(lines) + "\n"


def even(key: int, qid: str) -> str:
    return question(qid, [(text, i == key) for i, text in enumerate(EVEN)])


def bank(root: Path, module: str, *questions: str) -> str:
    text = f"module: {module}\nquestions:\n" + "".join(questions)
    write(root / f"quizzes/{module}.yml", text)
    return text


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def items_of(root: Path, strict: bool = False) -> list[str]:
    problems = Problems(root)
    load_course(root, problems, strict=strict, check_writing=True)
    return [str(p) for p in problems.sorted()]


@pytest.fixture
def course(mini: Path) -> Path:
    """The mini course with two balanced banks: a clean start for each rule."""
    bank(mini, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(4)))
    bank(mini, "02-two", question("m02-q01", [("True", True), ("False", False)], "true-false"),
         question("m02-q02", [("True", False), ("False", True)], "true-false"))
    return mini


def test_balanced_banks_are_clean(course):
    assert items_of(course, strict=True) == []


def test_right_option_much_longer_than_the_others(course):
    text = bank(course, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(3)), question(
        "m01-q09", [("Listen, reflect what you hear, and ask what they would like to do next", True),
                    ("Tell them what to do", False), ("Change the subject", False)]))
    line = line_of(text, "Listen, reflect")
    assert items_of(course) == [
        f'quizzes/01-one.yml:{line}: warning: question "m01-q09": the right option is 3.50 '
        "times as long as the longest other option (over 1.3 gives it away); trim it, or give "
        "the other options real substance"]


def test_a_bank_where_the_right_option_is_usually_the_longest(course):
    # Each right option is only a little longer (1.1 times), but always.
    longer = [question(f"m01-q1{i}", [("Ask what they hope for today", True),
                                      ("Offer a list of services", False),
                                      ("Suggest they rest first", False)]) for i in range(5)]
    bank(course, "01-one", *longer)
    assert items_of(course) == [
        "quizzes/01-one.yml:2: warning: the right option is the longest in 5 of 5 single-answer "
        "questions (100%; keep it at or under 40%): m01-q10, m01-q11, m01-q12, m01-q13, "
        "m01-q14; trim right answers or give the other options substance"]


def test_right_answers_always_in_one_place(course):
    bank(course, "01-one", *(even(0, f"m01-q0{i}") for i in range(8)))
    found = items_of(course)
    ids = "m01-q00, m01-q01, m01-q02, m01-q03, m01-q04, m01-q05, m01-q06, m01-q07"
    for where, path in (("this bank", "quizzes/01-one.yml:2"), ("the course", "modules/course.yml:1")):
        assert (f"{path}: warning: in {where}, the right option is first in 8 of 8 four-option "
                f"questions (100%); keep each place between 15% and 40%: move some elsewhere: "
                f"{ids}") in found
        assert (f"{path}: warning: in {where}, the right option is fourth in 0 of 8 four-option "
                "questions (0%); keep each place between 15% and 40%: put more right answers "
                "fourth") in found
    assert len(found) == 8


def test_a_small_bank_is_judged_with_the_course_only(course):
    bank(course, "01-one", *(even(0, f"m01-q0{i}") for i in range(7)))
    bank(course, "02-two", question("m02-q09", [(t, i == 0) for i, t in enumerate(OTHER)]))
    found = items_of(course)
    assert len(found) == 4  # first too often, the three other places too rarely
    assert all(p.startswith("modules/course.yml:1: warning: in the course,") for p in found)


def test_true_false_leaning_one_way(course):
    bank(course, "02-two", *(question(f"m02-q0{i}", [("True", False), ("False", True)],
                                      "true-false") for i in range(3)))
    assert items_of(course) == [
        'modules/course.yml:1: warning: true/false questions are keyed "False" in 3 of 3 (100%; '
        "keep either side at or under 65%), so always answering False pays: turn some statements "
        "round: m02-q00, m02-q01, m02-q02"]


def test_predictable_number_of_right_options(course):
    multiple = [question(f"m02-q1{i}", [(t, j < 2) for j, t in enumerate(OTHER)], "multiple")
                for i in range(5)]
    bank(course, "02-two", question("m02-q01", [("True", True), ("False", False)], "true-false"),
         question("m02-q02", [("True", False), ("False", True)], "true-false"), *multiple)
    assert items_of(course) == [
        "modules/course.yml:1: warning: 5 of 5 multiple-answer questions (100%) have 2 right "
        "options of 4; vary the number of right options (keep any one count at or under 60%)"]


def test_multiple_answer_keys_in_one_place(course):
    """Written order is what the answer key and exports show: option a right nearly always."""
    multiple = [question(f"m02-q{10 + i}", [(t, j == 0 or (i % 2 and j == 1 + i % 3))
                                            for j, t in enumerate(OTHER)], "multiple")
                for i in range(20)]
    bank(course, "02-two", question("m02-q01", [("True", True), ("False", False)], "true-false"),
         question("m02-q02", [("True", False), ("False", True)], "true-false"), *multiple)
    found = items_of(course)
    assert found[0] == (
        "modules/course.yml:1: warning: in multiple-answer questions, option a is right in 20 of "
        "20 (100%), against 38% of all their options; keep each place within 25% of that: move "
        "some right options elsewhere: m02-q10, m02-q11, m02-q12, m02-q13, m02-q14, m02-q15, "
        "m02-q16, m02-q17 and 12 more"), found
    balanced = [question(f"m02-q{10 + i}", [(t, j in (i % 4, (i + 1) % 4))
                                            for j, t in enumerate(OTHER)], "multiple")
                for i in range(20)]
    bank(course, "02-two", question("m02-q01", [("True", True), ("False", False)], "true-false"),
         question("m02-q02", [("True", False), ("False", True)], "true-false"), *balanced)
    assert not [p for p in items_of(course) if "is right in" in p]


def test_all_of_the_above(course):
    text = bank(course, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(3)), question(
        "m01-q09", [("Ask what they hope for", False), ("Offer a list of services", False),
                    ("Share what worked for you", False), ("All of the above", True)]))
    assert items_of(course) == [
        f'quizzes/01-one.yml:{line_of(text, "All of the above")}: warning: question "m01-q09": '
        '"All of the above" rewards a guess that reads none of the options; write an option of '
        "its own"]


def test_an_absolute_distractor_is_a_hint_even_when_strict(course):
    text = bank(course, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(3)), question(
        "m01-q09", [("Ask what they hope for", True), ("Never offer them a list", False),
                    ("Share what worked for you", False), ("Suggest they rest first", False)]))
    assert items_of(course, strict=True) == [
        f'quizzes/01-one.yml:{line_of(text, "Never offer")}: warning: question "m01-q09": hint: '
        'this option says "Never" and no right option does; an absolute word marks a wrong '
        "answer to a test-wise reader (reword it if it gives the answer away)"]


def test_a_question_that_retells_the_module_story(course):
    module = course / "modules/01-one.md"
    module.write_text(module.read_text(encoding="utf-8") + (
        "\n## Stories from practice\n\n### Odile and the bus pass\n\nOdile meets Tavish at the "
        "library. Tavish asks Odile about a bus pass.\n"), encoding="utf-8")
    text = bank(course, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(3)), question(
        "m01-q09", [(t, i == 3) for i, t in enumerate(EVEN)],
        prompt="Tavish asks you about a bus pass. What fits best?"))
    assert items_of(course) == [
        f'quizzes/01-one.yml:{line_of(text, "  - id: m01-q09")}: warning: question "m01-q09" '
        'names Tavish, from this module\'s story "Odile and the bus pass"; ask about a new '
        "situation, not the module's story retold"]


def test_near_duplicates_in_two_banks(course):
    prompt = "A peer says their medication makes them tired and asks whether to stop taking it."
    first = question("m01-q09", [(t, i == 3) for i, t in enumerate(OTHER)], prompt=prompt)
    bank(course, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(3)), first)
    text = bank(course, "02-two", question("m02-q01", [("True", True), ("False", False)],
                                           "true-false"),
                question("m02-q02", [("True", False), ("False", True)], "true-false"),
                first.replace("m01-q09", "m02-q09"))
    assert [p for p in items_of(course) if "word cue" not in p] == [
        f'quizzes/02-two.yml:{line_of(text, "  - id: m02-q09")}: warning: question "m02-q09" is '
        'a near duplicate of "m01-q09" in quizzes/01-one.yml (1.00 word overlap); a scenario '
        "belongs to one module: write one only this module's topic raises"]


def test_an_explanation_that_repeats_the_right_option(course):
    text = bank(course, "01-one", *(even(i % 4, f"m01-q0{i}") for i in range(3)), question(
        "m01-q09", [(t, i == 1) for i, t in enumerate(EVEN)],
        explanation="Offer a list of services, because choice matters."))
    assert items_of(course) == [
        f'quizzes/01-one.yml:{line_of(text, "  - id: m01-q09")}: warning: question "m01-q09": '
        "the explanation repeats the right option word for word; say why it fits in other "
        "words, so that matching text is no clue"]


def test_strict_check_fails_on_an_item_cue(course, monkeypatch, capsys):
    bank(course, "01-one", *(even(0, f"m01-q0{i}") for i in range(8)))
    monkeypatch.chdir(course)
    assert main(["check"]) == 0
    assert main(["check", "--strict"]) == 1
    assert "quizzes/01-one.yml:2: in this bank, the right option is first" in capsys.readouterr().err


def test_the_build_does_not_run_the_item_check(course):
    """Item-writing cues are for authors (`check`); an agency's build is not held up by them."""
    bank(course, "01-one", *(even(0, f"m01-q0{i}") for i in range(8)))
    problems = Problems(course)
    load_course(course, problems)
    assert problems.items == []
