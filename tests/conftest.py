"""Shared fixtures: the real repository, and a small course in a temporary
folder that a test can break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.load import load_course
from builder.problems import Problems
from builder.scaffold import stub_files

REPO = Path(__file__).resolve().parents[1]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A valid two-module course: the real standards and data, stub modules."""
    root = tmp_path / "course"
    for rel in ("data", "pages", "overrides"):
        if (REPO / rel).exists():
            shutil.copytree(REPO / rel, root / rel)
    for rel in ("mkdocs.yml", "modules/standards-of-practice.md", "modules/code-of-conduct.md"):
        write(root / rel, (REPO / rel).read_text(encoding="utf-8"))
    write(root / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n")
    for number, module_id in ((1, "01-one"), (2, "02-two")):
        for rel, text in stub_files(module_id, f"Module {number}", number).items():
            write(root / rel, text)
    return root


def problems_of(root: Path, strict: bool = False) -> list[str]:
    problems = Problems(root)
    load_course(root, problems, strict=strict)
    return [str(p) for p in problems.sorted()]
