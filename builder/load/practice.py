"""The loader for practice files (`practice/<module id>.yml`): the two kinds of
exercise, their fields and counts, and the HTML policy on every text field.
The shape of a conversation (where each reply leads) is checked in
`conversation.py`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from builder.checks.policy import check_field_safety
from builder.content.fields import check_competencies, check_fields, check_module_ref, type_name
from builder.content.practice import (
    CHOICE_FIELDS,
    CHOICES,
    CONVERSATION_FIELDS,
    EXERCISE_TYPES,
    MODEL_REPLY_FIELDS,
    MODELS,
    PRACTICE_FIELDS,
    REPLY_FIELDS,
    REVIEW,
    TURN_FIELDS,
    Choice,
    Exercise,
    ModelReply,
    PracticeSet,
    Turn,
)
from builder.content.model import Module
from builder.content.problems import Problems
from builder.content.yamlfile import Node, NodeList, load_yaml
from builder.load.conversation import check_conversation

__all__ = ["EXERCISE_ID", "load_practice", "check_practice_present"]

EXERCISE_ID = re.compile(r"^m\d{2}-p\d+$")


def load_practice(path: Path, problems: Problems, modules: set[str], competencies: set[str],
                  seen: dict[str, str]) -> PracticeSet | None:
    """A practice file; None when it cannot be used (its problems are reported).
    `seen` holds the exercise ids of the files read before, course-wide."""
    data = load_yaml(path, problems, "the practice file is empty; it needs module: and "
                     "exercises:")
    if data is None:
        return None
    got = check_fields(data, PRACTICE_FIELDS, path, problems, "the practice file")
    if not got or not {"module", "exercises"} <= got.keys():
        return None
    ok = check_module_ref(got["module"], modules, path, data.lines["module"], problems,
                          "the practice file")
    exercises = []
    for item, line in zip(got["exercises"], got["exercises"].lines):
        exercise = _load_exercise(item, line, path, problems, competencies, seen)
        if exercise:
            exercises.append(exercise)
    kinds = [item.get("type") for item in got["exercises"] if isinstance(item, Node)]
    replies, talks = kinds.count("reply"), kinds.count("conversation")
    if replies < 2 or talks < 1:
        problems.error(path, data.lines["exercises"], f"the practice file has {replies} reply "
                       f"and {talks} conversation exercise(s); a module needs at least 2 of "
                       "type: reply and 1 of type: conversation")
    return PracticeSet(got["module"], tuple(exercises), path) if ok else None


def _load_exercise(data: Any, line: int, path: Path, problems: Problems,
                   competencies: set[str], seen: dict[str, str]) -> Exercise | None:
    kind = data.get("type") if isinstance(data, Node) else None
    fields = {"reply": REPLY_FIELDS, "conversation": CONVERSATION_FIELDS}.get(str(kind))
    name = data.get("id") if isinstance(data, Node) else None
    what = f'exercise "{name}"' if isinstance(name, str) else "an exercise"
    if fields is None:
        if isinstance(data, Node) and "type" in data:
            problems.error(path, data.lines["type"], f'{what} has type "{kind}"; use one of: '
                           f"{', '.join(EXERCISE_TYPES)}")
        elif isinstance(data, Node):
            problems.error(path, line, f'{what} has no "type"; add type: reply or '
                           "type: conversation")
        else:
            problems.error(path, getattr(data, "line", line), f"an exercise must be a mapping "
                           f"of keys to values, not {type_name(data)}")
        return None
    got = check_fields(data, fields, path, problems, what, line)
    if not got:
        return None
    lines = data.lines
    valid = "id" in got and _check_id(got["id"], path, lines["id"], problems, seen)
    check_field_safety(got, data, path, problems, what, plain=("title",),
                       markdown=("situation", "peer", "debrief", "review"))
    check_competencies(got.get("competencies", []), competencies, path,
                       lines.get("competencies", line), problems, what)
    if "competencies" in got and not got["competencies"]:
        problems.error(path, lines["competencies"], f"{what} names no competency; tag it with "
                       "the ids it practises")
    if "review" in got:
        _check_count(got["review"], REVIEW, "review points", what, path, lines["review"], problems)
    if kind == "reply":
        models = _load_models(got, what, path, lines, problems)
        turns: tuple[Turn, ...] = ()
    else:
        models = ()
        turns = _load_turns(got, what, path, problems)
        if "turns" in got:
            check_conversation(turns, what, path, lines["turns"], problems)
    if not valid or not {f.name for f in fields} <= got.keys():
        return None
    return Exercise(id=got["id"], type=got["type"], title=got["title"],
                    competencies=tuple(got["competencies"]), situation=got["situation"],
                    review=tuple(got["review"]), peer=got.get("peer", ""), models=models,
                    turns=turns, debrief=got.get("debrief", ""), line=line, lines=dict(lines),
                    review_lines=tuple(got["review"].lines))


def _check_id(value: str, path: Path, line: int, problems: Problems, seen: dict[str, str]) -> bool:
    if not EXERCISE_ID.fullmatch(value):
        problems.error(path, line, f'exercise id "{value}" must be m, the module\'s two-digit '
                       "number, -p and a number, such as m06-p1")
        return False
    if value in seen:
        problems.error(path, line, f'exercise "{value}" has the same id as an exercise in '
                       f"{seen[value]}; give each exercise its own id")
        return False
    seen[value] = problems.rel(path)
    return True


def _check_count(items: list, bounds: tuple[int, int], name: str, what: str, path: Path,
                 line: int, problems: Problems) -> None:
    low, high = bounds
    if not low <= len(items) <= high:
        problems.error(path, line, f"{what} has {len(items)} {name}; write {low} to {high}")


def _load_models(got: dict, what: str, path: Path, lines: dict, problems: Problems
                 ) -> tuple[ModelReply, ...]:
    if "models" not in got:
        return ()
    items: NodeList = got["models"]
    _check_count(items, MODELS, "model replies", what, path, lines["models"], problems)
    models = []
    for item, line in zip(items, items.lines):
        m = check_fields(item, MODEL_REPLY_FIELDS, path, problems, f"a model reply of {what}", line)
        if m:
            check_field_safety(m, item, path, problems, f"a model reply of {what}",
                               markdown=("text", "why"))
        if m and {"text", "why"} <= m.keys():
            models.append(ModelReply(m["text"], m["why"], dict(item.lines)))
    return tuple(models)


def _load_turns(got: dict, what: str, path: Path, problems: Problems) -> tuple[Turn, ...]:
    if "turns" not in got:
        return ()
    items: NodeList = got["turns"]
    turns = []
    for item, line in zip(items, items.lines):
        t = check_fields(item, TURN_FIELDS, path, problems, f"a turn of {what}", line)
        if not t or not {"id", "peer"} <= t.keys():
            continue
        turn = f'turn "{t["id"]}" of {what}'
        check_field_safety(t, item, path, problems, turn, markdown=("peer", "end"))
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", t["id"]):
            problems.error(path, item.lines["id"], f'{turn}: the id must be lowercase letters, '
                           "digits and hyphens, such as start or end-open")
            continue
        if "choices" in item and "end" in item:
            problems.error(path, line, f"{turn} has both choices: and end:; a turn either offers "
                           "3 replies or ends the conversation, never both")
        elif "choices" not in item and "end" not in item:
            problems.error(path, line, f"{turn} has neither choices: nor end:; give it 3 "
                           "choices, or an end: saying what this path came to")
        choices = _load_choices(t.get("choices"), turn, path, item.lines.get("choices", line),
                                problems)
        turns.append(Turn(t["id"], t["peer"], choices, t.get("end"), line, dict(item.lines)))
    if not items:
        problems.error(path, items.line, f"{what} has no turns")
    return tuple(turns)


def _load_choices(items: NodeList | None, turn: str, path: Path, line: int, problems: Problems
                  ) -> tuple[Choice, ...]:
    if items is None:
        return ()
    if len(items) != CHOICES:
        problems.error(path, line, f"{turn} has {len(items)} choices; give it exactly {CHOICES}, "
                       "each plausible to a caring person")
    choices = []
    for item, at in zip(items, items.lines):
        c = check_fields(item, CHOICE_FIELDS, path, problems, f"a choice of {turn}", at)
        if c:
            check_field_safety(c, item, path, problems, f"a choice of {turn}",
                               markdown=("text", "note"))
        if c and {"text", "next", "note"} <= c.keys():
            choices.append(Choice(c["text"], c["next"], c["note"], dict(item.lines)))
    return tuple(choices)


def check_practice_present(modules: list[Module], root: Path, problems: Problems,
                           strict: bool) -> None:
    """A complete module without its practice file: a warning, an error under
    `check --strict`."""
    report = problems.error if strict else problems.warn
    for module in modules:
        if module.complete and module.practice is None and not (
                root / "practice" / f"{module.id}.yml").exists():
            report(module.path, 1, f"module {module.id} has no practice file; write "
                   f"practice/{module.id}.yml (AUTHORING.md, \"A practice file\")")
