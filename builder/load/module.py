"""Loaders for module pages (front matter and prose) and facilitator notes."""

from __future__ import annotations

import re
from pathlib import Path

from builder.checks.policy import check_field_safety, check_prose
from builder.content.fields import check_competencies, check_fields, check_module_ref, read_text
from builder.content.model import (
    COMPLETE_MODULE_KEYS,
    FACILITATOR_SECTIONS,
    MODULE_FIELDS,
    MODULE_STATUSES,
    CoreValue,
    FacilitatorNotes,
    Module,
)
from builder.content.problems import Problems
from builder.content.yamlfile import parse_yaml

__all__ = ["split_front_matter", "load_module", "load_facilitator"]


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, the line the body starts on)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None, text, 1


def load_module(path: Path, problems: Problems, values: dict[str, CoreValue],
                 competencies: set[str]) -> Module | None:
    text = read_text(path, problems)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.error(path, 1, "the module has no front matter; start the file with a --- "
                       "line, the keys (id, number, title, status, purpose), and another ---")
        return None
    data = parse_yaml(front, path, problems, first_line=2, empty="the front matter is empty; "
                      "add id, number, title, status and purpose")
    if data is None:
        return None
    got = check_fields(data, MODULE_FIELDS, path, problems, "the front matter", 1)
    if not got or not {"id", "number", "title", "status", "purpose"} <= got.keys():
        return None
    check_field_safety(got, data, path, problems, "the module", plain=("title",),
                       markdown=("purpose", "objectives", "content_note"))
    check_prose(body, path, body_line, problems)
    lines = data.lines
    if got["id"] != path.stem:
        problems.error(path, lines["id"], f'the id "{got["id"]}" does not match the file name; '
                       f'use "{path.stem}"')
    if got["status"] not in MODULE_STATUSES:
        problems.error(path, lines["status"], f'status "{got["status"]}" is not one of: '
                       f"{', '.join(MODULE_STATUSES)}")
    elif got["status"] == "complete":
        for key in COMPLETE_MODULE_KEYS:
            if key not in data:
                problems.error(path, 1, f'a complete module needs "{key}" in its front matter')
    for vid in got.get("values", []):
        if vid not in values:
            problems.error(path, lines["values"], f'"{vid}" is not a core value; use one of: '
                           f"{', '.join(values)}")
    check_competencies(got.get("competencies", []), competencies, path,
                        lines.get("competencies", 1), problems, "the module")
    if not re.search(r"^# ", body, re.MULTILINE):
        problems.error(path, body_line, 'the module has no title heading; add "# Title" after '
                       "the front matter")
    return Module(id=path.stem, number=got["number"], title=got["title"], status=got["status"],
                  purpose=got["purpose"], path=path, body=body, body_line=body_line,
                  minutes=got.get("minutes"), objectives=tuple(got.get("objectives", ())),
                  values=tuple(got.get("values", ())),
                  competencies=tuple(got.get("competencies", ())),
                  content_note=got.get("content_note"))


def load_facilitator(path: Path, problems: Problems, modules: set[str]) -> FacilitatorNotes | None:
    text = read_text(path, problems)
    if text is None:
        return None
    if not check_module_ref(path.stem, modules, path, 1, problems, "the facilitator notes"):
        return None
    check_prose(text, path, 1, problems)
    headings = [(n, line[3:].strip()) for n, line in enumerate(text.splitlines(), start=1)
                if line.startswith("## ")]
    found = [h for _, h in headings]
    position = 0
    for section in FACILITATOR_SECTIONS:
        if section not in found:
            problems.error(path, 1, f'the facilitator notes have no "## {section}" section; add it')
        elif found.index(section) < position:
            problems.error(path, headings[found.index(section)][0], f'"## {section}" is out of '
                           f"order; the sections go: {', '.join(FACILITATOR_SECTIONS)}")
        else:
            position = found.index(section)
    return FacilitatorNotes(path.stem, path, text)
