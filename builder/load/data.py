"""Loaders for the course's reference data: the standards of practice, the
core values, the glossary, the support lines and the course order."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from builder.checks.policy import check_field_safety
from builder.content.fields import check_fields, check_id, read_text, type_name
from builder.content.model import (
    GLOSSARY_FIELDS,
    SAFETY_POINT_FIELDS,
    SAFETY_POINT_IDS,
    SUPPORT_LINE_FIELDS,
    Area,
    Competency,
    CoreValue,
    Field,
    GlossaryTerm,
    SafetyPoint,
    SupportLine,
)
from builder.content.problems import Problems
from builder.content.yamlfile import Node, NodeList, load_yaml

__all__ = ["load_standards", "load_core_values", "load_glossary", "load_support_lines",
           "load_safety_points",
           "load_order", "load_list"]

AREA_HEADING = re.compile(r"^## (\d+)\. (.+?)(?:\s*\{#[^}]*\})?\s*$")
COMPETENCY_ITEM = re.compile(r"^- \*\*(SP-(\d+)\.(\d+))\*\*\s+(.+)$")


def load_standards(path: Path, problems: Problems) -> list[Area]:
    if not path.exists() and not path.is_symlink():
        problems.error(path, 1, "the standards of practice are missing; every competency id "
                       "is defined there")
        return []
    text = read_text(path, problems)
    if text is None:
        return []
    areas: list[tuple[int, str, list[Competency]]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if m := AREA_HEADING.match(line):
            areas.append((int(m.group(1)), m.group(2), []))
        elif m := COMPETENCY_ITEM.match(line):
            cid, area = m.group(1), int(m.group(2))
            if not areas or areas[-1][0] != area:
                problems.error(path, number, f"{cid} sits outside area {area}; move it under "
                               f'"## {area}. ..." or renumber it')
                continue
            if cid in seen:
                problems.error(path, number, f"{cid} is defined twice; give each competency its "
                               "own id")
                continue
            seen.add(cid)
            areas[-1][2].append(Competency(cid, area, m.group(4).strip(), number))
    if not seen:
        problems.error(path, 1, 'no competencies found; write each as "- **SP-1.1** text" under '
                       'a heading "## 1. Area title"')
    return [Area(n, title, tuple(items)) for n, title, items in areas]


def load_core_values(path: Path, problems: Problems) -> dict[str, CoreValue]:
    mapping = "the core values must be a mapping of id to name and summary"
    data = load_yaml(path, problems, mapping)
    if data is None:
        return {}
    if not isinstance(data, Node):
        problems.error(path, getattr(data, "line", 1), mapping)
        return {}
    values = {}
    for vid, entry in data.items():
        got = check_fields(entry, (Field("name", str), Field("summary", str)), path, problems,
                      f'core value "{vid}"', data.lines[vid])
        if got:
            check_field_safety(got, entry, path, problems, f'core value "{vid}"',
                               markdown=("summary",), plain=("name",))
        if got and {"name", "summary"} <= got.keys():
            values[vid] = CoreValue(vid, got["name"], got["summary"])
    return values


def load_list(path: Path, problems: Problems, what: str, anywhere: bool = False) -> NodeList:
    empty = NodeList()
    empty.lines = []
    if not path.exists() and not path.is_symlink():
        problems.error(path, 1, f"the {what} file is missing")
        return empty
    data = load_yaml(path, problems, f"the {what} file is empty; it must be a list",
                     anywhere=anywhere)
    if data is None:
        return empty
    if not isinstance(data, NodeList):
        problems.error(path, getattr(data, "line", 1), f"the {what} file must be a list, not "
                       f"{type_name(data)}")
        return empty
    return data


def load_glossary(path: Path, problems: Problems) -> list[GlossaryTerm]:
    terms = []
    items = load_list(path, problems, "glossary")
    for item, line in zip(items, items.lines):
        got = check_fields(item, GLOSSARY_FIELDS, path, problems, "a glossary entry", line)
        if got:
            check_field_safety(got, item, path, problems, "a glossary entry",
                               markdown=("definition",), plain=("term", "also"))
        if got and {"term", "definition"} <= got.keys():
            terms.append(GlossaryTerm(got["term"], got["definition"], tuple(got.get("also", ())),
                                      got.get("hover", True)))
    return terms


def load_support_lines(path: Path, problems: Problems, today: date | None = None,
                       anywhere: bool = False) -> list[SupportLine]:
    """Read the support lines. Given `today`, also warn about a line nobody has
    confirmed in the 12 months before it (the `check` command passes the real
    date; a build passes none, so a site never stops building because time
    passed). `anywhere`: an agency's own file, named in its settings, may sit
    outside the course."""
    lines = []
    items = load_list(path, problems, "support lines", anywhere)
    for item, line in zip(items, items.lines):
        got = check_fields(item, SUPPORT_LINE_FIELDS, path, problems, "a support line", line)
        if got:
            check_field_safety(got, item, path, problems, "a support line", plain=("name",),
                               markdown=("contact", "for", "region", "when"), phone=("tel", "sms"))
        if got and {"name", "contact", "for", "region"} <= got.keys():
            lines.append(SupportLine(got["name"], got["contact"], got["for"], got["region"],
                                     got.get("tel"), got.get("sms"), got.get("when"),
                                     got.get("checked")))
            if today is not None and (got.get("checked") or "checked" not in item):
                _check_freshness(got["name"], got.get("checked"), item.lines.get("checked", line),
                                 today, path, problems)
    return lines


def _check_freshness(name: str, checked: date | None, at: int, today: date, path: Path,
                     problems: Problems) -> None:
    if checked is None:
        problems.warn(path, at, f'support line "{name}" has no checked: date; confirm its number '
                      f"and hours with the service, then add checked: {today.isoformat()}")
    elif checked > today:
        problems.warn(path, at, f'support line "{name}" was checked on {checked.isoformat()}, '
                      "a date still to come; write the day it was actually checked")
    elif checked < _a_year_before(today):
        problems.warn(path, at, f'support line "{name}" was last checked on {checked.isoformat()}, '
                      "more than 12 months ago; confirm its number and hours again and update "
                      "checked:")


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def load_order(path: Path, problems: Problems) -> list[tuple[str, int]] | None:
    """(module id, line) in course order; None when the file cannot be read (reported)."""
    if not path.exists() and not path.is_symlink():
        problems.error(path, 1, "the course order is missing; list the module ids under modules:")
        return None
    data = load_yaml(path, problems, "the course order is empty; list the module ids under "
                     "modules:")
    if data is None:
        return None
    got = check_fields(data, (Field("modules", list),), path, problems, "the course order")
    if not got:
        return None
    order: list[tuple[str, int]] = []
    for module_id, line in zip(got["modules"], got["modules"].lines):
        if not check_id(module_id, path, line, problems, "the module", "06-boundaries"):
            continue
        if any(module_id == m for m, _ in order):
            problems.error(path, line, f'"{module_id}" is listed twice; list each module once')
        else:
            order.append((module_id, line))
    return order


def load_safety_points(path: Path, problems: Problems, anywhere: bool = False) -> list[SafetyPoint]:
    """Read the six safety points: each id once, all six there."""
    points: list[SafetyPoint] = []
    items = load_list(path, problems, "safety points", anywhere)
    for item, line in zip(items, items.lines):
        got = check_fields(item, SAFETY_POINT_FIELDS, path, problems, "a safety point", line)
        if not got or not {"id", "label", "text", "touches"} <= got.keys():
            continue
        check_field_safety(got, item, path, problems, "a safety point", plain=("label", "touches"),
                           markdown=("text",))
        point_id = got["id"]
        if point_id not in SAFETY_POINT_IDS:
            problems.error(path, line, f'safety point "{point_id}" is not one of the six: '
                           f"{', '.join(SAFETY_POINT_IDS)}")
        elif point_id in {p.id for p in points}:
            problems.error(path, line, f'safety point "{point_id}" is listed twice')
        else:
            touches = tuple(w.strip() for w in got["touches"] if isinstance(w, str) and w.strip())
            points.append(SafetyPoint(got["id"], got["label"], got["text"], touches))
    missing = [i for i in SAFETY_POINT_IDS if i not in {p.id for p in points}]
    if items and missing:
        problems.error(path, 1, f"the safety points file has no {', '.join(missing)}; keep all six")
    return points
