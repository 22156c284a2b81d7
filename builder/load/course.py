"""Load and check: read every content file into the model, and turn every
problem into a `path:line: message` line. Bad content never raises."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builder.checks.items import check_items
from builder.checks.language import check_language
from builder.checks.policy import check_prose
from builder.checks.safety_points import check_safety_points
from builder.content.fields import STANDARDS, read_text
from builder.content.files import CONTENT_FOLDERS, odd_files, read_once
from builder.content.model import Course, Module
from builder.content.problems import Problems
from builder.load.data import (
    load_core_values,
    load_glossary,
    load_order,
    load_safety_points,
    load_standards,
    load_support_lines,
)
from builder.load.module import load_facilitator, load_module, split_front_matter
from builder.load.notebook import NOTEBOOK, check_notebook
from builder.load.practice import check_practice_present, load_practice
from builder.load.quiz import load_bank
from builder.load.reflections import load_reflections

__all__ = ["load_course", "split_front_matter", "STANDARDS", "CODE_OF_CONDUCT"]

CODE_OF_CONDUCT = "modules/code-of-conduct.md"
COURSE = "modules/course.yml"
FACILITATION_GUIDE = "facilitator/guide.md"  # a page of the facilitator edition, not module notes


def load_course(root: Path, problems: Problems, *, selection: list[str] | None = None,
                support_lines: Path | None = None, strict: bool = False,
                check_coverage: bool = True, today: date | None = None,
                check_writing: bool = False, safety_points: Path | None = None) -> Course:
    """Read everything under `root`. Problems go to `problems`; what could be
    read is returned, so one run reports every problem. Given `today`, support
    lines not checked in the year before it are warned about. `check_writing`
    adds the item-writing check of the self-check banks and the safety points check
    (`python -m builder check`). `support_lines` and `safety_points`: an agency's own
    files, in place of the course's."""
    with read_once():
        return _load_course(Path(root), problems, selection, support_lines, strict,
                            check_coverage, today, check_writing, safety_points)


def _load_course(root: Path, problems: Problems, selection: list[str] | None,
                 support_lines: Path | None, strict: bool, check_coverage: bool,
                 today: date | None, check_writing: bool,
                 safety_points: Path | None = None) -> Course:
    areas = load_standards(root / STANDARDS, problems)
    known_competencies = {c.id for a in areas for c in a.competencies}
    core_values = load_core_values(root / "data/core-values.yml", problems)
    glossary = load_glossary(root / "data/glossary.yml", problems)
    lines = load_support_lines(support_lines or root / "data/support-lines.yml", problems, today,
                               anywhere=support_lines is not None)
    points = load_safety_points(safety_points or root / "data/safety-points.yml", problems,
                                anywhere=safety_points is not None)

    read_order = load_order(root / COURSE, problems)
    order = read_order or []
    modules: dict[str, Module] = {}
    numbers: dict[int, str] = {}
    for module_id, line in order:
        path = root / "modules" / f"{module_id}.md"
        if not path.exists() and not path.is_symlink():
            problems.error(root / COURSE, line, f'the course lists "{module_id}" but there is no '
                           f"modules/{module_id}.md; add the file or remove the line")
            continue
        module = load_module(path, problems, core_values, known_competencies)
        if module is None:
            continue
        if module.number in numbers:
            problems.error(path, 2, f"number {module.number} is also the number of "
                           f'"{numbers[module.number]}"; give each module its own number')
        numbers[module.number] = module.id
        modules[module.id] = module
    listed = {module_id for module_id, _ in order}
    unlisted = sorted((root / "modules").glob("*.md")) if read_order is not None else []
    for path in unlisted:  # (an unreadable course order is reported once, above)
        rel = f"modules/{path.name}"
        if rel not in (STANDARDS, CODE_OF_CONDUCT) and path.stem not in listed:
            problems.error(path, 1, f'"{path.stem}" is not in {COURSE}; add it to the course order')

    every_module = {p.stem for p in (root / "modules").glob("*.md")}
    question_ids: dict[str, str] = {}
    for path in sorted((root / "quizzes").glob("*.yml")):
        bank = load_bank(path, problems, every_module, known_competencies, question_ids)
        if bank and bank.module in modules:
            modules[bank.module].quiz = bank
    if check_writing:
        check_items([m.quiz for m in modules.values() if m.quiz], modules, problems,
                    root / COURSE, strict=strict)
    prompt_ids: dict[str, str] = {}
    for path in sorted((root / "reflections").glob("*.yml")):
        rset = load_reflections(path, problems, every_module, prompt_ids)
        if rset and rset.module in modules:
            modules[rset.module].reflections = rset
    exercise_ids: dict[str, str] = {}
    for path in sorted((root / "practice").glob("*.yml")):
        practice = load_practice(path, problems, every_module, known_competencies, exercise_ids)
        if practice and practice.module in modules:
            modules[practice.module].practice = practice
    if check_writing:  # `check` only: a build never stops, nor warns, for a file still to write
        check_practice_present(list(modules.values()), root, problems, strict)
    for path in sorted((root / "facilitator").glob("*.md")):
        if path.name == Path(FACILITATION_GUIDE).name:
            continue
        notes = load_facilitator(path, problems, every_module)
        if notes and notes.module in modules:
            modules[notes.module].facilitator = notes

    check_notebook(root / NOTEBOOK, problems)
    for folder in CONTENT_FOLDERS:  # links, pipes and devices: in none of them
        for path, why in odd_files(root / folder):
            problems.error(path, 1, why)
    for path in (root / STANDARDS, root / CODE_OF_CONDUCT, root / FACILITATION_GUIDE,
                 *sorted((root / "pages").rglob("*.md"))):
        text = read_text(path, problems) if path.exists() or path.is_symlink() else None
        if text is not None:
            check_prose(text, path, 1, problems)
    for folder, suffix in (("modules", "*.md"), ("quizzes", "*.yml"), ("reflections", "*.yml"),
                           ("practice", "*.yml"), ("facilitator", "*.md"), ("pages", "*.md"),
                           ("data", "*.yml")):
        for path in sorted((root / folder).glob(suffix)):
            check_language(read_text(path, problems) or "", path, problems, strict=strict)

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
                           "guide": root / FACILITATION_GUIDE},
                    safety_points=points)
    if check_writing:
        check_safety_points(course, problems, strict)
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
