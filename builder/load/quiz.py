"""The loader for self-check banks: questions, options and their answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.checks.policy import check_field_safety
from builder.content.fields import check_competencies, check_fields, check_id, check_module_ref
from builder.content.model import (
    BANK_FIELDS,
    MAX_OPTIONS,
    MAX_STEPS,
    OPTION_FIELDS,
    QUESTION_FIELDS,
    QUESTION_KINDS,
    QUESTION_TYPES,
    Option,
    Question,
    QuizBank,
)
from builder.content.problems import Problems
from builder.content.yamlfile import NodeList, load_yaml

__all__ = ["load_bank"]


def load_bank(path: Path, problems: Problems, modules: set[str], competencies: set[str],
               seen: dict[str, str]) -> QuizBank | None:
    data = load_yaml(path, problems, "the quiz bank is empty; it needs module: and questions:")
    if data is None:
        return None
    got = check_fields(data, BANK_FIELDS, path, problems, "the quiz bank")
    if not got or not {"module", "questions"} <= got.keys():
        return None
    ok = check_module_ref(got["module"], modules, path, data.lines["module"], problems,
                          "the quiz bank")
    questions = []
    for item, line in zip(got["questions"], got["questions"].lines):
        question = _load_question(item, line, got["module"], path, problems, competencies, seen)
        if question:
            questions.append(question)
    if not got["questions"]:
        problems.error(path, data.lines["questions"], "the quiz bank has no questions")
    return QuizBank(got["module"], tuple(questions), path, data.lines["questions"]) if ok else None


def _load_question(data: Any, line: int, module: str, path: Path, problems: Problems,
                   competencies: set[str], seen: dict[str, str]) -> Question | None:
    got = check_fields(data, QUESTION_FIELDS, path, problems, "a question", line)
    if not got or "id" not in got:
        return None
    qid, lines = got["id"], data.lines
    what = f'question "{qid}"'
    valid = check_id(qid, path, lines["id"], problems, "the question")
    if qid in seen:
        problems.error(path, lines["id"], f'{what} has the same id as a question in {seen[qid]}; '
                       "give each question its own id")
        valid = False
    seen.setdefault(qid, problems.rel(path))
    qtype, kind = got.get("type"), got.get("kind")
    if qtype is not None and qtype not in QUESTION_TYPES:
        problems.error(path, lines["type"], f'{what} has type "{qtype}"; use one of: '
                       f"{', '.join(QUESTION_TYPES)}")
        valid = False
    if kind is not None and kind not in QUESTION_KINDS:
        problems.error(path, lines["kind"], f'{what} has kind "{kind}"; use one of: '
                       f"{', '.join(QUESTION_KINDS)}")
    check_competencies(got.get("competencies", []), competencies, path,
                        lines.get("competencies", line), problems, what)
    check_field_safety(got, data, path, problems, what, markdown=("prompt", "explanation", "steps"))
    if "competencies" in got and not got["competencies"]:
        problems.error(path, lines["competencies"], f"{what} names no competency; tag it with "
                       "the ids it checks")
    options: list[Option] = []
    steps: tuple[str, ...] = ()
    if "shuffle" in got and qtype in ("ordering", "true-false"):
        problems.error(path, lines["shuffle"], f"{what} is a {qtype} question; shuffle: is only "
                       "for single and multiple questions, so remove it")
    if qtype == "ordering":
        if "options" in data:
            problems.error(path, lines["options"], f"{what} is an ordering question; list its "
                           "steps under steps:, in the right order, instead of options")
        if "steps" not in data:
            problems.error(path, line, f"{what} has no steps; list them under steps:, in the "
                           "right order")
        elif "steps" in got:
            steps = tuple(got["steps"])
            if len(steps) < 2:
                problems.error(path, lines["steps"], f"{what} needs at least two steps to order")
            if len(set(steps)) != len(steps):
                problems.error(path, lines["steps"], f"{what} lists the same step twice")
            if len(steps) > MAX_STEPS:
                problems.error(path, lines["steps"], f"{what} has {len(steps)} steps; a learner's "
                               f"saved answer holds at most {MAX_STEPS}: split the question")
    elif qtype in QUESTION_TYPES:
        if "steps" in data:
            problems.error(path, lines["steps"], f'{what} is a {qtype} question; steps: are only '
                           "for ordering questions")
        if "options" not in data:
            problems.error(path, line, f"{what} has no options; list them under options:")
        elif "options" in got:
            options = _load_options(got["options"], what, path, problems)
            _check_answers(qtype, options, what, path, lines["options"], problems)
            if len(options) > MAX_OPTIONS:
                problems.error(path, lines["options"], f"{what} has {len(options)} options; a "
                               f"learner's saved answer holds at most {MAX_OPTIONS} (a to z): "
                               "split the question")
    if not valid or not {"type", "kind", "prompt", "explanation", "competencies"} <= got.keys():
        return None
    return Question(id=qid, module=module, type=got["type"], kind=got["kind"],
                    competencies=tuple(got["competencies"]), prompt=got["prompt"],
                    explanation=got["explanation"], options=tuple(options), steps=steps, line=line,
                    shuffle=got.get("shuffle", True))


def _load_options(items: NodeList, what: str, path: Path, problems: Problems) -> list[Option]:
    options = []
    for index, (item, line) in enumerate(zip(items, items.lines)):
        got = check_fields(item, OPTION_FIELDS, path, problems, f"an option of {what}", line)
        if got:
            check_field_safety(got, item, path, problems, f"an option of {what}",
                               markdown=("text", "feedback"))
        if got and "text" in got:  # a missing feedback is reported; keep the option counted
            options.append(Option(chr(ord("a") + index), got["text"], got.get("correct", False),
                                  got.get("feedback", ""), line))
    return options


def _check_answers(qtype: str, options: list[Option], what: str, path: Path, line: int,
                   problems: Problems) -> None:
    correct = sum(o.correct for o in options)
    if len(options) < 2:
        problems.error(path, line, f"{what} needs at least two options")
    if correct == 0:
        problems.error(path, line, f"{what} has no correct option; mark one option with "
                       "correct: true")
    elif correct > 1 and qtype in ("single", "true-false"):
        problems.error(path, line, f"{what} is {qtype} but {correct} options are marked correct; "
                       "mark exactly one, or make it type: multiple")
    if qtype == "true-false" and sorted(o.text for o in options) != ["False", "True"]:
        problems.error(path, line, f"{what} is true-false; its two options must be True and "
                       "False")
