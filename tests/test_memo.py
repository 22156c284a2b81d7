"""While serving, the course is read again only for the files that changed
(builder/content/memo.py), with the same problems reported as a fresh read."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from builder.checks.language import check_language
from builder.content import memo
from builder.content.problems import Problems
from builder.load.course import load_course


def load(root: Path, store: dict | None) -> tuple[list[str], object]:
    problems = Problems(root)
    if store is None:
        course = load_course(root, problems)
    else:
        with memo.reusing(store):
            course = load_course(root, problems)
    return [str(p) for p in problems.sorted()], course


def test_a_second_read_reports_the_same_problems_and_course(mini):
    module = mini / "modules/01-one.md"
    write(module, module.read_text() + "\nAn addict is flagged.\n")
    write(mini / "quizzes/01-one.yml", "module: 01-one\nquestions:\n  - id: m01-q01\n    type: oops\n")
    fresh, fresh_course = load(mini, None)
    assert any("person-first language" in p for p in fresh)
    assert any("quizzes/01-one.yml" in p for p in fresh)
    store: dict = {}
    first, _ = load(mini, store)
    again, course = load(mini, store)
    assert first == again == fresh
    assert course.modules == fresh_course.modules


def test_only_changed_text_is_read_again(mini, monkeypatch):
    store: dict = {}
    load(mini, store)
    seen: list[str] = []
    real = memo.reused_while_same

    def counting(text, path, problems, *args, **kwargs):
        seen.append(Path(path).name)
        return check_language.__wrapped__(text, path, problems, *args, **kwargs)

    monkeypatch.setattr("builder.load.course.check_language", real(counting))
    load(mini, store)  # a new function: every file is new to it
    seen.clear()
    load(mini, store)
    assert seen == []
    module = mini / "modules/02-two.md"
    write(module, module.read_text() + "\nOne more line.\n")
    load(mini, store)
    assert seen == ["02-two.md"]


def test_results_of_files_no_longer_read_are_dropped(mini):
    store: dict = {}
    load(mini, store)
    size = len(store)
    module = mini / "modules/02-two.md"
    write(module, module.read_text() + "\nOne more line.\n")
    load(mini, store)
    assert len(store) == size  # the old text's results went, the new text's came
