"""`python -m builder new`: start a module with every file it needs."""

from __future__ import annotations

import re
from pathlib import Path

from builder.checks.policy import PLAIN
from builder.pages.templating import front_matter

__all__ = ["new_module", "stub_files"]


def stub_files(module_id: str, title: str, number: int) -> dict[str, str]:
    """The files of a new module, as a stub marked as coming."""
    nn = f"m{number:02d}"
    front = front_matter(id=module_id, number=number, title=title, status="coming",
                         purpose="What this module is for, in one sentence.")
    return {
        f"modules/{module_id}.md": f"{front}\n\n# {title}\n",
        f"quizzes/{module_id}.yml": (
            f"module: {module_id}\nquestions:\n  - id: {nn}-q01\n    type: single\n"
            "    kind: scenario\n    competencies: [SP-1.2]\n"
            "    prompt: A short situation from practice, then a question.\n    options:\n"
            "      - text: The response that fits the standards of practice.\n"
            "        correct: true\n        feedback: Why it fits.\n"
            "      - text: A kind but untrained response.\n"
            "        feedback: What it would do to the relationship.\n"
            "    explanation: Why the answer fits, in a sentence or two.\n"),
        f"reflections/{module_id}.yml": (
            f"module: {module_id}\nprompts:\n  - id: {nn}-r1\n"
            "    text: An open question that invites noticing.\n"
            f"  - id: {nn}-r2\n    self_care: true\n    text: A question about self-care.\n"),
        f"facilitator/{module_id}.md": (
            f"# Facilitator notes: {title}\n\n## Prep checklist\n\n## Session plan\n\n"
            "| time | what | how |\n"
            "|---|---|---|\n| 0:00 | Check-in | |\n\n## Check-in\n\n## Discussion questions\n\n"
            "## Activities\n\n## What to watch for\n"),
    }


def new_module(root: Path, module_id: str, title: str) -> list[Path]:
    m = re.match(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$", module_id)
    if not m:
        raise ValueError(f'"{module_id}" is not a module id; use two digits and a slug, such as '
                         "17-peer-work-online")
    if not PLAIN.fullmatch(title):
        raise ValueError(f'"{title}" is not a title; write one line of plain text, without '
                         "< > [ ] { } ` | or a backslash")
    written = []
    for rel, text in stub_files(module_id, title, int(m.group(1))).items():
        path = root / rel
        if path.exists():
            raise ValueError(f"{rel} already exists; pick another id")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    course = root / "modules/course.yml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text.rstrip("\n") + f"\n  - {module_id}\n", encoding="utf-8")
    written.append(course)
    return written
