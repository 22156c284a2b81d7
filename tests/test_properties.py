"""Property tests (Hypothesis): mutated copies of the real content files never
make a loader raise or hang; each problem is `path:line: message`, at a line
of the file. HYPOTHESIS_PROFILE=thorough runs a thousand examples a kind."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.checks.language import check_language
from builder.checks.policy import check_prose, check_text
from builder.content.problems import Problems
from builder.content.yamlfile import parse_yaml
from builder.load.data import load_core_values, load_glossary, load_order, load_standards, load_support_lines
from builder.load.module import load_facilitator, load_module
from builder.load.practice import load_practice
from builder.load.quiz import load_bank
from builder.load.reflections import load_reflections

# A few seconds by default; HYPOTHESIS_PROFILE=thorough for a longer hunt.
settings.register_profile("quick", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

SECONDS = 2  # one load of one file; a hang fails the test instead of stalling it
# Text that YAML, Markdown or HTML read as something: anchors, aliases, tags,
# flow brackets, block scalars, markup, odd characters.
HOSTILE = ["&a ", "*a", "*undefined", "!!set {a}", "!!python/object:os.system", "? [a]\n",
           "<<: *a", "%YAML 1.1\n", "---\n", "...\n", "- ", ": ", "|\n", ">-\n", "#", "'", '"',
           "[", "]", "{", "}", "[" * 60, "{a: " * 40, "\t", "\x00", "\x07", "\ufeff", "\u2028",
           "\r", "\r\n", "<script>alert(1)</script>", "<img src=x onerror=a()>", "<iframe>",
           "[x](javascript:a())", "![x](https://evil.example/x.png)", "{: onclick=a() }", "<![x[",
           '<pre class="mermaid">', "<!--", "```\n", "> " * 50, "    ", "é", "😀", "\\"]


@st.composite
def mutated(draw, text: str) -> bytes:
    """The text with one to three edits an author, a tool or an attacker might make."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent",
                                     "replace", "truncate"]))
        if kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert":
            column = draw(st.integers(0, len(lines[at])))
            snippet = draw(st.sampled_from(HOSTILE) | st.text(max_size=20))
            lines[at] = lines[at][:column] + snippet + lines[at][column:]
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(0, 6)) + lines[at].lstrip(" ")
        elif kind == "replace":
            lines[at] = draw(st.text(max_size=40))
        elif kind == "truncate":
            lines = lines[:at + 1]
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and raw:  # a byte that may not be UTF-8
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1:]
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + raw


def _real(pattern: str) -> list[str]:
    return sorted(p.relative_to(REPO).as_posix() for p in REPO.glob(pattern))


class Course:
    """What the loaders need to know of the rest of the real course."""

    def __init__(self) -> None:
        problems = Problems(REPO)
        self.competencies = {c.id for a in load_standards(REPO / "modules/standards-of-practice.md",
                                                          problems) for c in a.competencies}
        self.values = load_core_values(REPO / "data/core-values.yml", problems)
        self.modules = {p.stem for p in (REPO / "modules").glob("*.md")}
        assert not problems.items


COURSE = Course()
LOADERS = {
    "quizzes/*.yml": lambda p, pr: load_bank(p, pr, COURSE.modules, COURSE.competencies, {}),
    "reflections/*.yml": lambda p, pr: load_reflections(p, pr, COURSE.modules, {}),
    "modules/[0-9]*.md": lambda p, pr: load_module(p, pr, COURSE.values, COURSE.competencies),
    "facilitator/[0-9]*.md": lambda p, pr: load_facilitator(p, pr, COURSE.modules),
    "modules/course.yml": load_order,
    "data/glossary.yml": load_glossary,
    "data/core-values.yml": load_core_values,
    "data/support-lines.yml": load_support_lines,
    "modules/standards-of-practice.md": load_standards,
    # the test course's practice file (issue 26), and the course's own once they land
    "tests/fixtures/practice/*.yml": lambda p, pr: load_practice(p, pr, {"01-one"},
                                                                 COURSE.competencies, {}),
    **({"practice/*.yml": lambda p, pr: load_practice(p, pr, COURSE.modules, COURSE.competencies, {})}
       if (REPO / "practice").is_dir() else {}),
}


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"a load took more than {SECONDS} s")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutations")


def assert_path_line_problems(root: Path, rel: str, raw: bytes, load) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    problems = Problems(root)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS + 1)
    start = time.monotonic()
    try:
        load(path, problems)
        text = path.read_bytes().decode("utf-8-sig", "replace")
        check_language(text, path, problems)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - start < SECONDS
    last = raw.count(b"\n") + 1
    for problem in problems.items:
        assert re.fullmatch(rf"{re.escape(rel)}:\d+: (warning: )?\S.*", str(problem), re.S), problem
        assert 1 <= problem.line <= last, problem


@pytest.mark.parametrize("pattern", LOADERS)
def test_mutated_content_gives_path_line_problems_never_a_traceback(workdir, pattern):
    files = _real(pattern)
    assert files, pattern

    @given(rel=st.sampled_from(files), data=st.data())
    def check(rel, data):
        raw = data.draw(mutated((REPO / rel).read_text(encoding="utf-8")))
        assert_path_line_problems(workdir, rel, raw, LOADERS[pattern])

    check()


HTML_ALPHABET = st.sampled_from(["<", ">", "/", "!", "?", "[", "]", "-", "=", '"', "'", "&", "#",
                                 ";", " ", "\n", "a", "x", "on", "script", "src", "href",
                                 "javascript:", "//", "(", ")", "{:", "}", "`", "*", "CDATA"])


@given(st.lists(HTML_ALPHABET, max_size=40).map("".join))
def test_any_html_or_markdown_text_is_checked_without_raising(text):
    problems = Problems(Path("."))
    check_text(text, Path("x.yml"), 3, problems, "a field")
    check_prose(text, Path("x.md"), 5, problems)
    for problem in problems.items:
        assert problem.line == 3 if problem.path == "x.yml" else \
            5 <= problem.line <= 5 + text.count("\n"), problem


YAML_ALPHABET = st.sampled_from(list("ab:-[]{}&*!|>'\"#?,% \n\t") + ["  ", "- ", ": "])


@given(st.lists(YAML_ALPHABET | st.sampled_from(HOSTILE), max_size=60).map("".join))
def test_any_yaml_text_parses_or_gives_one_line(text):
    problems = Problems(Path("."))
    parse_yaml(text, Path("x.yml"), problems)
    for problem in problems.items:
        assert 1 <= problem.line <= text.count("\n") + 1 + text.count("\r"), problem
