"""Checks every content loader shares: reading a file, a mapping's keys and
types, ids, module references and competency ids. Each reports
`path:line: message` to `Problems` and never raises."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from builder.content.files import read_content
from builder.content.model import Field
from builder.content.problems import Problems
from builder.content.yamlfile import Node, NodeList

__all__ = ["ID_PATTERN", "STANDARDS", "read_text", "type_name", "check_fields",
           "check_competencies", "check_id", "check_module_ref"]

STANDARDS = "modules/standards-of-practice.md"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list",
              date: "a date written as YYYY-MM-DD, without quotes"}


def read_text(path: Path, problems: Problems) -> str | None:
    """A content file's text; None once a problem with it is reported."""
    return read_content(path, problems)


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    return {str: "text", int: "a number", float: "a number", Node: "a mapping",
            NodeList: "a list"}.get(type(value), type(value).__name__)


def check_fields(data: Any, fields: tuple[Field, ...], path: Path, problems: Problems, what: str,
            line: int = 1) -> dict[str, Any] | None:
    """Check a mapping against its fields: unknown keys, missing keys, wrong types."""
    if not isinstance(data, Node):
        problems.error(path, getattr(data, "line", line),
                       f"{what} must be a mapping of keys to values, not {type_name(data)}")
        return None
    names = [f.name for f in fields]
    for key in data:
        if key not in names:
            problems.error(path, data.lines[key], f'unknown key "{key}" in {what}; '
                           f"the keys are: {', '.join(names)}")
    out: dict[str, Any] = {}
    for f in fields:
        if f.name not in data:
            if f.required:
                hint = f" ({f.hint})" if f.hint else ""
                problems.error(path, data.line, f'{what} has no "{f.name}"{hint}; add it')
            continue
        value, at = data[f.name], data.lines[f.name]
        good = (isinstance(value, f.type) and not (f.type is int and isinstance(value, bool))
                and not (f.type is str and not str(value).strip()))
        if f.type is list and good:
            good = all(isinstance(v, str) and v.strip() for v in value) or f.name in (
                "questions", "prompts", "options", "exercises", "models", "turns", "choices")
        if not good:
            wanted = "a list of text items" if f.type is list else TYPE_NAMES[f.type]
            if f.type is str and isinstance(value, str):
                problems.error(path, at, f'"{f.name}" in {what} is empty; write {wanted}')
            else:
                problems.error(path, at, f'"{f.name}" in {what} must be {wanted}, '
                               f"not {type_name(value)}")
            continue
        out[f.name] = value
    return out


def check_competencies(ids: list[str], known: set[str], path: Path, line: int,
                        problems: Problems, what: str) -> None:
    for cid in ids:
        if cid not in known:
            problems.error(path, line, f'{what} names competency "{cid}", which the standards '
                           "of practice do not define; use an id such as SP-2.4 from "
                           f"{STANDARDS}")


def check_id(value: str, path: Path, line: int, problems: Problems, what: str,
             example: str = "m06-q01") -> bool:
    if ID_PATTERN.fullmatch(value):
        return True
    problems.error(path, line, f'{what} id "{value}" must be lowercase letters, digits and '
                   f"hyphens, such as {example}")
    return False


def check_module_ref(value: str, modules: set[str], path: Path, line: int, problems: Problems,
                what: str) -> bool:
    if value == path.stem and value in modules:
        return True
    if value not in modules:
        problems.error(path, line, f'{what} is for module "{value}", which does not exist; '
                       "use a module id from modules/course.yml")
    else:
        problems.error(path, line, f'{what} is for module "{value}" but the file is named '
                       f'"{path.name}"; name it {value}{path.suffix}')
    return False
