"""Load and check: read every content file into the model, and turn every
problem into a `path:line: message` line. Bad content never raises."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from builder.language import check_language
from builder.model import (
    BANK_FIELDS, COMPLETE_MODULE_KEYS, FACILITATOR_SECTIONS, GLOSSARY_FIELDS, MODULE_FIELDS,
    MODULE_STATUSES, OPTION_FIELDS, PROMPT_FIELDS, QUESTION_FIELDS, QUESTION_KINDS,
    QUESTION_TYPES, REFLECTION_SET_FIELDS, SUPPORT_LINE_FIELDS, Area, Competency, CoreValue,
    Course, FacilitatorNotes, Field, GlossaryTerm, Module, Option, Question, QuizBank,
    ReflectionPrompt, ReflectionSet, SupportLine,
)
from builder.problems import Problems
from builder.yamlfile import Node, NodeList, load_yaml, parse_yaml

__all__ = ["load_course", "split_front_matter", "STANDARDS", "CODE_OF_CONDUCT"]

STANDARDS = "modules/standards-of-practice.md"
CODE_OF_CONDUCT = "modules/code-of-conduct.md"
COURSE = "modules/course.yml"
FACILITATION_GUIDE = "facilitator/guide.md"  # a page of the facilitator edition, not module notes
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AREA_HEADING = re.compile(r"^## (\d+)\. (.+?)(?:\s*\{#[^}]*\})?\s*$")
COMPETENCY_ITEM = re.compile(r"^- \*\*(SP-(\d+)\.(\d+))\*\*\s+(.+)$")
TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}


def load_course(root: Path, problems: Problems, *, selection: list[str] | None = None,
                support_lines: Path | None = None, strict: bool = False,
                check_coverage: bool = True) -> Course:
    """Read everything under `root`. Problems go to `problems`; what could be
    read is returned, so one run reports every problem."""
    root = Path(root)
    areas = _load_standards(root / STANDARDS, problems)
    known_competencies = {c.id for a in areas for c in a.competencies}
    core_values = _load_core_values(root / "data/core-values.yml", problems)
    glossary = _load_glossary(root / "data/glossary.yml", problems)
    lines = _load_support_lines(support_lines or root / "data/support-lines.yml", problems)

    order = _load_order(root / COURSE, problems)
    modules: dict[str, Module] = {}
    numbers: dict[int, str] = {}
    for module_id, line in order:
        path = root / "modules" / f"{module_id}.md"
        if not path.is_file():
            problems.error(root / COURSE, line, f'the course lists "{module_id}" but there is no '
                           f"modules/{module_id}.md; add the file or remove the line")
            continue
        module = _load_module(path, problems, core_values, known_competencies)
        if module is None:
            continue
        if module.number in numbers:
            problems.error(path, 2, f"number {module.number} is also the number of "
                           f'"{numbers[module.number]}"; give each module its own number')
        numbers[module.number] = module.id
        modules[module.id] = module
    listed = {module_id for module_id, _ in order}
    for path in sorted((root / "modules").glob("*.md")):
        rel = f"modules/{path.name}"
        if rel not in (STANDARDS, CODE_OF_CONDUCT) and path.stem not in listed:
            problems.error(path, 1, f'"{path.stem}" is not in {COURSE}; add it to the course order')

    every_module = {p.stem for p in (root / "modules").glob("*.md")}
    question_ids: dict[str, str] = {}
    for path in sorted((root / "quizzes").glob("*.yml")):
        bank = _load_bank(path, problems, every_module, known_competencies, question_ids)
        if bank and bank.module in modules:
            modules[bank.module].quiz = bank
    prompt_ids: dict[str, str] = {}
    for path in sorted((root / "reflections").glob("*.yml")):
        rset = _load_reflections(path, problems, every_module, prompt_ids)
        if rset and rset.module in modules:
            modules[rset.module].reflections = rset
    for path in sorted((root / "facilitator").glob("*.md")):
        if path.name == Path(FACILITATION_GUIDE).name:
            continue
        notes = _load_facilitator(path, problems, every_module)
        if notes and notes.module in modules:
            modules[notes.module].facilitator = notes

    for folder, suffix in (("modules", "*.md"), ("quizzes", "*.yml"), ("reflections", "*.yml"),
                           ("facilitator", "*.md"), ("pages", "*.md"), ("data", "*.yml")):
        for path in sorted((root / folder).glob(suffix)):
            check_language(_read(path, problems) or "", path, problems, strict=strict)

    chosen = list(modules)
    if selection is not None:
        chosen = []
        for module_id in selection:
            if module_id not in modules:
                problems.error(root / COURSE, 1, f'the site selects module "{module_id}", which '
                               "the course does not have; pick ids from modules/course.yml")
            elif module_id in chosen:
                problems.error(root / COURSE, 1, f'the site selects module "{module_id}" twice')
            else:
                chosen.append(module_id)
    course = Course(root=root, modules=[modules[m] for m in chosen], areas=areas,
                    core_values=core_values, glossary=glossary, support_lines=lines,
                    pages={"standards": root / STANDARDS, "code-of-conduct": root / CODE_OF_CONDUCT,
                           "guide": root / FACILITATION_GUIDE})
    if check_coverage:  # an agency's chosen subset need not cover every competency
        _check_coverage(course, root / STANDARDS, problems)
    return course


def _check_coverage(course: Course, standards: Path, problems: Problems) -> None:
    """Warn about a competency that no module builds or no question assesses."""
    complete = [m for m in course.modules if m.complete]
    if not complete:
        return
    for cid, comp in course.competencies.items():
        if not any(cid in m.competencies for m in complete):
            problems.warn(standards, comp.line, f"curriculum map: no complete module builds {cid}; "
                          "name it under competencies: in the module that teaches it")
        if not any(cid in q.competencies for m in complete if m.quiz for q in m.quiz.questions):
            problems.warn(standards, comp.line, f"curriculum map: no self-check question assesses "
                          f"{cid}; tag a question that checks it")


# --- shared field checks -------------------------------------------------------

def _read(path: Path, problems: Problems) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.error(path, 1, f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8")
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {exc.strerror}")
    return None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    return {str: "text", int: "a number", float: "a number", Node: "a mapping",
            NodeList: "a list"}.get(type(value), type(value).__name__)


def _fields(data: Any, fields: tuple[Field, ...], path: Path, problems: Problems, what: str,
            line: int = 1) -> dict[str, Any] | None:
    """Check a mapping against its fields: unknown keys, missing keys, wrong types."""
    if not isinstance(data, Node):
        problems.error(path, getattr(data, "line", line),
                       f"{what} must be a mapping of keys to values, not {_type_name(data)}")
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
                and not (f.type is str and not value.strip()))
        if f.type is list and good:
            good = all(isinstance(v, str) and v.strip() for v in value) or f.name in (
                "questions", "prompts", "options")
        if not good:
            wanted = "a list of text items" if f.type is list else TYPE_NAMES[f.type]
            if f.type is str and isinstance(value, str):
                problems.error(path, at, f'"{f.name}" in {what} is empty; write {wanted}')
            else:
                problems.error(path, at, f'"{f.name}" in {what} must be {wanted}, '
                               f"not {_type_name(value)}")
            continue
        out[f.name] = value
    return out


def _check_competencies(ids: list[str], known: set[str], path: Path, line: int,
                        problems: Problems, what: str) -> None:
    for cid in ids:
        if cid not in known:
            problems.error(path, line, f'{what} names competency "{cid}", which the standards '
                           "of practice do not define; use an id such as SP-2.4 from "
                           f"{STANDARDS}")


def _check_id(value: str, path: Path, line: int, problems: Problems, what: str) -> bool:
    if ID_PATTERN.match(value):
        return True
    problems.error(path, line, f'{what} id "{value}" must be lowercase letters, digits and '
                   "hyphens, such as m06-q01")
    return False


def _module_ref(value: str, modules: set[str], path: Path, line: int, problems: Problems,
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


# --- the standards, values, glossary, support lines, course order -------------

def _load_standards(path: Path, problems: Problems) -> list[Area]:
    text = _read(path, problems) if path.is_file() else None
    if text is None:
        if not path.is_file():
            problems.error(path, 1, "the standards of practice are missing; every competency id "
                           "is defined there")
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


def _load_core_values(path: Path, problems: Problems) -> dict[str, CoreValue]:
    data = load_yaml(path, problems)
    if not isinstance(data, Node):
        problems.error(path, 1, "the core values must be a mapping of id to name and summary")
        return {}
    values = {}
    for vid, entry in data.items():
        got = _fields(entry, (Field("name", str), Field("summary", str)), path, problems,
                      f'core value "{vid}"', data.lines[vid])
        if got:
            values[vid] = CoreValue(vid, got["name"], got["summary"])
    return values


def _load_list(path: Path, problems: Problems, what: str) -> NodeList:
    empty = NodeList()
    empty.lines = []
    if not path.is_file():
        problems.error(path, 1, f"the {what} file is missing")
        return empty
    before = len(problems.items)
    data = load_yaml(path, problems)
    if data is None:
        if len(problems.items) == before:
            problems.error(path, 1, f"the {what} file is empty; it must be a list")
        return empty
    if not isinstance(data, NodeList):
        problems.error(path, getattr(data, "line", 1), f"the {what} file must be a list, not "
                       f"{_type_name(data)}")
        return empty
    return data


def _load_glossary(path: Path, problems: Problems) -> list[GlossaryTerm]:
    terms = []
    items = _load_list(path, problems, "glossary")
    for item, line in zip(items, items.lines):
        got = _fields(item, GLOSSARY_FIELDS, path, problems, "a glossary entry", line)
        if got:
            terms.append(GlossaryTerm(got["term"], got["definition"], tuple(got.get("also", ())),
                                      got.get("hover", True)))
    return terms


def _load_support_lines(path: Path, problems: Problems) -> list[SupportLine]:
    lines = []
    items = _load_list(path, problems, "support lines")
    for item, line in zip(items, items.lines):
        got = _fields(item, SUPPORT_LINE_FIELDS, path, problems, "a support line", line)
        if got:
            lines.append(SupportLine(got["name"], got["contact"], got["for"], got["region"],
                                     got.get("tel"), got.get("sms"), got.get("when")))
    return lines


def _load_order(path: Path, problems: Problems) -> list[tuple[str, int]]:
    data = load_yaml(path, problems) if path.is_file() else None
    if not path.is_file():
        problems.error(path, 1, "the course order is missing; list the module ids under modules:")
        return []
    got = _fields(data, (Field("modules", list),), path, problems, "the course order")
    if not got:
        return []
    order: list[tuple[str, int]] = []
    for module_id, line in zip(got["modules"], got["modules"].lines):
        if any(module_id == m for m, _ in order):
            problems.error(path, line, f'"{module_id}" is listed twice; list each module once')
        else:
            order.append((module_id, line))
    return order


# --- modules, quiz banks, reflections, facilitator notes -----------------------

def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, the line the body starts on)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None, text, 1


def _load_module(path: Path, problems: Problems, values: dict[str, CoreValue],
                 competencies: set[str]) -> Module | None:
    text = _read(path, problems)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.error(path, 1, "the module has no front matter; start the file with a --- "
                       "line, the keys (id, number, title, status, purpose), and another ---")
        return None
    data = parse_yaml(front, path, problems, first_line=2)
    if data is None and front.strip() == "":
        problems.error(path, 1, "the front matter is empty; add id, number, title, status and "
                       "purpose")
        return None
    got = _fields(data, MODULE_FIELDS, path, problems, "the front matter", 1)
    if not got or not {"id", "number", "title", "status", "purpose"} <= got.keys():
        return None
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
    _check_competencies(got.get("competencies", []), competencies, path,
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


def _load_bank(path: Path, problems: Problems, modules: set[str], competencies: set[str],
               seen: dict[str, str]) -> QuizBank | None:
    data = load_yaml(path, problems)
    if data is None and path.read_bytes().strip() == b"":
        problems.error(path, 1, "the quiz bank is empty; it needs module: and questions:")
        return None
    got = _fields(data, BANK_FIELDS, path, problems, "the quiz bank")
    if not got or not {"module", "questions"} <= got.keys():
        return None
    ok = _module_ref(got["module"], modules, path, data.lines["module"], problems, "the quiz bank")
    questions = []
    for item, line in zip(got["questions"], got["questions"].lines):
        question = _load_question(item, line, got["module"], path, problems, competencies, seen)
        if question:
            questions.append(question)
    if not got["questions"]:
        problems.error(path, data.lines["questions"], "the quiz bank has no questions")
    return QuizBank(got["module"], tuple(questions), path) if ok else None


def _load_question(data: Any, line: int, module: str, path: Path, problems: Problems,
                   competencies: set[str], seen: dict[str, str]) -> Question | None:
    got = _fields(data, QUESTION_FIELDS, path, problems, "a question", line)
    if not got or "id" not in got:
        return None
    qid, lines = got["id"], data.lines
    what = f'question "{qid}"'
    valid = _check_id(qid, path, lines["id"], problems, "the question")
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
    _check_competencies(got.get("competencies", []), competencies, path,
                        lines.get("competencies", line), problems, what)
    if "competencies" in got and not got["competencies"]:
        problems.error(path, lines["competencies"], f"{what} names no competency; tag it with "
                       "the ids it checks")
    options: list[Option] = []
    steps: tuple[str, ...] = ()
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
    elif qtype in QUESTION_TYPES:
        if "steps" in data:
            problems.error(path, lines["steps"], f'{what} is a {qtype} question; steps: are only '
                           "for ordering questions")
        if "options" not in data:
            problems.error(path, line, f"{what} has no options; list them under options:")
        elif "options" in got:
            options = _load_options(got["options"], what, path, problems)
            _check_answers(qtype, options, what, path, lines["options"], problems)
    if not valid or not {"type", "kind", "prompt", "explanation", "competencies"} <= got.keys():
        return None
    return Question(id=qid, module=module, type=qtype, kind=kind,
                    competencies=tuple(got["competencies"]), prompt=got["prompt"],
                    explanation=got["explanation"], options=tuple(options), steps=steps, line=line)


def _load_options(items: NodeList, what: str, path: Path, problems: Problems) -> list[Option]:
    options = []
    for index, (item, line) in enumerate(zip(items, items.lines)):
        got = _fields(item, OPTION_FIELDS, path, problems, f"an option of {what}", line)
        if got and "text" in got:  # a missing feedback is reported; keep the option counted
            options.append(Option(chr(ord("a") + index), got["text"], got.get("correct", False),
                                  got.get("feedback", "")))
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


def _load_reflections(path: Path, problems: Problems, modules: set[str],
                      seen: dict[str, str]) -> ReflectionSet | None:
    data = load_yaml(path, problems)
    if data is None and path.read_bytes().strip() == b"":
        problems.error(path, 1, "the reflection set is empty; it needs module: and prompts:")
        return None
    got = _fields(data, REFLECTION_SET_FIELDS, path, problems, "the reflection set")
    if not got or not {"module", "prompts"} <= got.keys():
        return None
    ok = _module_ref(got["module"], modules, path, data.lines["module"], problems,
                     "the reflection set")
    prompts = []
    for item, line in zip(got["prompts"], got["prompts"].lines):
        p = _fields(item, PROMPT_FIELDS, path, problems, "a reflection prompt", line)
        if not p or not {"id", "text"} <= p.keys():
            continue
        if not _check_id(p["id"], path, item.lines["id"], problems, "the prompt"):
            continue
        if p["id"] in seen:
            problems.error(path, item.lines["id"], f'prompt "{p["id"]}" has the same id as a '
                           f"prompt in {seen[p['id']]}; give each prompt its own id")
            continue
        seen[p["id"]] = problems.rel(path)
        prompts.append(ReflectionPrompt(p["id"], p["text"], p.get("self_care", False)))
    if not got["prompts"]:
        problems.error(path, data.lines["prompts"], "the reflection set has no prompts")
    return ReflectionSet(got["module"], tuple(prompts), path) if ok else None


def _load_facilitator(path: Path, problems: Problems, modules: set[str]) -> FacilitatorNotes | None:
    text = _read(path, problems)
    if text is None:
        return None
    if not _module_ref(path.stem, modules, path, 1, problems, "the facilitator notes"):
        return None
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
