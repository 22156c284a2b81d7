"""Bounded work (issue 24, finding 13): every check runs in bounded time on any
input, the near-duplicate search is sub-quadratic and bounded, and `check`
stays under 1 GB on 10,000 questions. Each measurement runs in a subprocess of
its own, with a generous timeout."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, write
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.checks.duplicates import near_duplicates
from builder.commands.scaffold import stub_files

SIZE = 900_000  # a line just under a content file's 1 MB
# Lines a browser, Markdown or a regular expression may read again and again.
UNITS = ["*a", "_a", "[", "]", "`", "<", "[a](", "![", "<!--", "&#", "{: ", "_", "*", "\\",
         "<a ", "a ", "&", '"<', "B. ", "(", "<!-- safety: ", "- ", "|", "javascript:", "{",
         "9-", "url(", " ", "\t", "A", "-->", "</p>", "x-", "Aa ", "addict "]
SECONDS = 30  # one load of the course with the line in every kind of content; usually 1 to 5


def env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


PLACE = textwrap.dedent('''
    import json, sys, time
    from pathlib import Path
    from builder.content.problems import Problems
    from builder.load.course import load_course

    root, unit, size = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
    line = (unit * (size // len(unit) + 1))[:size]
    def append(rel, text):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    def replace(rel, old, new):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    quoted = json.dumps(line)
    append("modules/01-one.md", "\\n" + line + "\\n")
    (root / "pages/long.md").write_text("# Long\\n\\n" + line + "\\n", encoding="utf-8")
    append("facilitator/01-one.md", "\\n" + line + "\\n")
    replace("quizzes/01-one.yml", "explanation: Self-determination.", "explanation: " + quoted)
    replace("reflections/01-one.yml", "text: A question about self-care.", "text: " + quoted)
    replace("modules/02-two.md", "purpose: What this module is for, in one sentence.",
            "purpose: " + quoted)
    append("data/glossary.yml", "- term: Zed\\n  definition: " + quoted + "\\n")
    start = time.monotonic()
    problems = Problems(root)
    load_course(root, problems, check_writing=True, strict=True)
    print(json.dumps({"seconds": time.monotonic() - start, "errors": len(problems.errors)}))
''')


@pytest.mark.parametrize("unit", UNITS)
def test_every_check_is_bounded_on_a_pathological_line(mini, unit):
    """A 900 KB line of `unit` in a module's prose and front matter, a page, facilitator
    notes, a quiz field, a reflection prompt and a glossary definition: `check` (every
    check, the item-writing and safety checks too) finishes in seconds."""
    from conftest import BANK
    write(mini / "quizzes/01-one.yml", BANK)
    result = subprocess.run([sys.executable, "-c", PLACE, str(mini), json.dumps(unit), str(SIZE)],
                            capture_output=True, text=True, timeout=SECONDS * 4)
    assert result.returncode == 0, result.stderr[-2000:]
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["seconds"] < SECONDS, measured


def test_a_paragraph_past_the_budget_is_refused_before_markdown_reads_it(mini):
    from conftest import problems_of
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nFine words.\n\n" + "[" * 3000 + "\n",
                    encoding="utf-8")
    write(mini / "pages/long.md", "# Long\n\n" + "*a " * 60_000 + "\n")
    found = problems_of(mini)
    assert "modules/01-one.md:13: the page has a paragraph with 3,001 Markdown marks and lines " \
           "(brackets, stars, underscores, backticks, < and the like), more than the 2,000 the " \
           "site can read in reasonable time; split it into smaller paragraphs" in found, found
    assert "pages/long.md:1: the page has 60,004 Markdown marks and lines in all (brackets, " \
           "stars, underscores, backticks, < and the like), more than the 50,000 the site can " \
           "turn into a page in reasonable time; split it into smaller pages" in found, found


def test_the_build_is_bounded_on_lines_within_the_budget(mini, tmp_path):
    """Lines with no Markdown marks pass the checks and reach the site: the builder's
    own page steps (safety boxes, module links, search words) stay linear on them."""
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA child. <!-- safety: child -->" +
                    " " * 300_000 + "\n\n" + "\t" * 200_000 + "x\n\n" + "9-8-8 " * 50_000 + "\n",
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env(), capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]


# --- the near-duplicate search ---------------------------------------------------------

WORDS = st.frozensets(st.sampled_from([f"w{i}" for i in range(30)]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from("abc")), min_size=2, max_size=30))
def test_the_near_duplicate_search_finds_what_comparing_every_pair_finds(sets):
    words, groups = [w for w, _ in sets], [g for _, g in sets]
    every: dict[int, list[tuple[int, float]]] = {}
    for i, j in itertools.combinations(range(len(words)), 2):
        if groups[i] != groups[j] and words[i] and words[j]:
            overlap = len(words[i] & words[j]) / len(words[i] | words[j])
            if overlap >= 0.3:
                every.setdefault(j, []).append((i, overlap))
    search = near_duplicates(words, groups, 0.3)
    assert search.stopped_at is None
    assert {m.later: (m.earlier, m.overlap, m.more) for m in search.matches} == {
        j: (found[0][0], found[0][1], len(found) - 1) for j, found in every.items()}


def test_the_near_duplicate_search_stops_at_its_budget():
    same = [frozenset({"rent", "landlord", "housing", "money"})] * 100
    search = near_duplicates(same, ["a", "b"] * 50, 0.3, budget=1_000)
    assert search.stopped_at is not None and 10 < search.stopped_at < 40
    assert search.matches and all(m.later < search.stopped_at for m in search.matches)


def generated_course(root: Path, banks: int, questions: int) -> None:
    """`banks` modules of `questions` nearly identical questions each (words from a
    dozen, as generated banks are), each bank under 1 MB."""
    for rel in ("data", "pages", "overrides"):
        subprocess.run(["cp", "-r", str(REPO / rel), str(root / rel)], check=True)
    for rel in ("mkdocs.yml", "modules/standards-of-practice.md", "modules/code-of-conduct.md"):
        write(root / rel, (REPO / rel).read_text(encoding="utf-8"))
    ids = [f"{i:02d}-m{i}" for i in range(1, banks + 1)]
    write(root / "modules/course.yml", "modules:\n" + "".join(f"  - {m}\n" for m in ids))
    words = "housing money family friend doctor landlord rent medication sleep work school bus"
    words = words.split()
    for number, mid in enumerate(ids, 1):
        for rel, text in stub_files(mid, f"Module {number}", number).items():
            write(root / rel, text)
        lines = [f"module: {mid}", "questions:"]
        for q in range(1, questions + 1):
            a, b, c = words[q % 12], words[q // 12 % 12], words[q // 144 % 12]
            lines.append(
                f"  - {{id: m{number:02d}-q{q:04d}, type: single, kind: scenario, competencies: "
                f'[SP-1.2], prompt: "A peer tells you about {a} and {b}, and {c}.", options: '
                f'[{{text: "Ask about {a}.", correct: true, feedback: "Theirs."}}, {{text: '
                f'"Advise on {b}.", feedback: "Not theirs."}}], explanation: "About {c}."}}')
        write(root / f"quizzes/{mid}.yml", "\n".join(lines) + "\n")


MEASURE = textwrap.dedent('''
    import resource, subprocess, sys, time
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "builder", "check", "--strict"],
                            cwd=sys.argv[1], capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB, on Linux
    sys.stdout.write(f"{peak} {time.monotonic() - start:.1f}\\n" + result.stdout + result.stderr)
''')


def test_check_stays_under_1_gb_on_10000_questions(tmp_path):
    """Four banks of 2,500 nearly identical questions took `check` to 11 GB (every
    pair compared, every pair reported)."""
    generated_course(tmp_path, 4, 2_500)
    result = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path)], env=env(),
                            capture_output=True, text=True, timeout=900)
    first, _, output = result.stdout.partition("\n")
    peak, seconds = first.split()
    assert int(peak) < 1_000_000, f"{int(peak) // 1000} MB, {seconds} s"
    assert "Traceback" not in output, output[-3000:]
    assert "the near-duplicate search stopped at question" in output, output[-3000:]
    assert output.count("is a near duplicate of") < 10_000  # one line a question at most
