"""benchmarks/run.py --quick writes a complete report. Only its shape is checked:
speed is measured as ratios and sizes by the script, never asserted here."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser
NUMBER = r"\d+(?:\.\d+)?"
SPREAD = rf"{NUMBER} / \*\*{NUMBER}\*\* / {NUMBER}"  # min / **median** / max
SECTIONS = ("## Budgets", "## 1. Build overhead", "## 2. Scaling", "## 3. Page weight",
            "## 4. Lighthouse", "## 5. Interaction",
            "## 6. Serve: from saving a file to the page showing it")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    result = subprocess.run([sys.executable, str(REPO / "benchmarks/run.py"), "--quick",
                             "--output", str(out)], cwd=REPO, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Budgets:" in result.stdout  # the printed summary
    return out.read_text(encoding="utf-8")


def section(report: str, heading: str) -> str:
    start = report.index(heading + "\n")
    following = [report.index(h + "\n") for h in SECTIONS if report.find(h + "\n") > start]
    return report[start:min(following, default=len(report))]


def test_every_section_is_there(report):
    for heading in SECTIONS:
        assert heading + "\n" in report, heading


def test_budgets_have_figures_and_verdicts(report):
    rows = [line for line in section(report, "## Budgets").splitlines()
            if line.startswith("| ") and not line.startswith("| budget")]
    assert len(rows) == 11
    for row in rows:
        budget, limit, measured, verdict = [c.strip() for c in row.strip("|").split("|")]
        if budget.startswith("Lighthouse"):
            assert verdict == "not run"  # --quick leaves Lighthouse out
        else:
            assert re.search(NUMBER, measured), row
            assert verdict in ("pass", "**MISS**"), row


def test_build_overhead_has_a_ratio(report):
    text = section(report, "## 1. Build overhead")
    assert re.search(rf"\| wall time of the build process \(s\) \| {SPREAD} \| {SPREAD} "
                     rf"\| {NUMBER} \| {SPREAD} \|", text)
    assert "the same set" in text
    # B makes the same module page, and the time in our plugin's handlers is reported.
    assert "the module page is the same, but for white space between tags, in both" in text
    assert re.search(rf"our plugin's event handlers .* took {SPREAD} s", text, re.S)


def test_scaling_has_two_sizes_and_an_exponent(report):
    text = section(report, "## 2. Scaling")
    assert re.search(rf"^\| 1x \| 16 \| {NUMBER} \| {NUMBER} \|", text, re.M)
    assert re.search(rf"^\| 2x \| 32 \| {NUMBER} \| {NUMBER} \|", text, re.M)
    assert "module page (KB)" in text
    assert re.search(rf"Growth exponent.*\*\*-?{NUMBER}\*\*", text)


def test_page_weight_has_every_page_and_visit(report):
    text = section(report, "## 3. Page weight")
    for heading in ("### First visit", "### Second visit, warm cache, through instant navigation",
                    "### Second visit, warm cache, as a full page load",
                    "### Our assets in the built site", "### Opening search for the first time"):
        assert heading in text
    for page in ("home", "module", "progress"):
        assert re.search(rf"^\| {page}\b.*\*\*{NUMBER} KB\*\*", text, re.M), page
    assert re.search(rf"\| \*\*total\*\* \| {NUMBER} KB \| \*\*{NUMBER} KB\*\* \|", text)


def test_lighthouse_is_left_out_of_a_quick_run(report):
    assert "Not run (`--quick`)." in section(report, "## 4. Lighthouse")


def test_interaction_has_medians(report):
    text = section(report, "## 5. Interaction")
    assert re.search(rf"^\| none \| 3 \| {SPREAD} \| {SPREAD} \|", text, re.M)


def test_serve_has_each_kind_of_edit(report):
    text = section(report, "## 6. Serve: from saving a file to the page showing it")
    for kind in ("quiz", "module", "glossary", "quiz and module"):
        assert re.search(rf"^\| {kind} \| \d+ \| {NUMBER} \| \*\*{NUMBER}\*\* \| {NUMBER} \|",
                         text, re.M), kind


def test_hand_written_notes_survive_a_rewrite(tmp_path):
    """run.py keeps the notes section of an existing report."""
    spec = importlib.util.spec_from_file_location("peer_support_bench_run",
                                                  REPO / "benchmarks/run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    old = tmp_path / "RESULTS.md"
    old.write_text(f"# old\n\n{run.NOTES_START}\nmy diagnosis\n{run.NOTES_END}\n", encoding="utf-8")
    assert run.keep_notes(old).strip() == "my diagnosis"
    assert "## Budget misses" in run.keep_notes(tmp_path / "missing.md")
