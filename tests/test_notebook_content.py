"""The cohort insights notebook checked as content (issue 24, finding 10): its
Markdown cells by the content policy, its saved outputs by what they would do on
the facilitator's page, and a notebook that is not one is a clear error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, problems_of

NOTEBOOK = "facilitator/cohort-insights.ipynb"
RUNS = "which would run code on the learner's page; remove it"


def notebook(root: Path) -> dict:
    path = root / NOTEBOOK
    if not path.exists():
        shutil.copy(REPO / NOTEBOOK, path)
    return json.loads(path.read_text(encoding="utf-8"))


def save(root: Path, nb: dict) -> None:
    (root / NOTEBOOK).write_text(json.dumps(nb, indent=1), encoding="utf-8")


def cell_line(root: Path, number: int) -> int:
    lines = (root / NOTEBOOK).read_text(encoding="utf-8").split("\n")
    return [i for i, line in enumerate(lines, 1) if '"cell_type"' in line][number - 1]


def test_the_real_notebook_passes(mini):
    notebook(mini)
    assert problems_of(mini) == []


def test_a_markdown_cell_is_content(mini):
    nb = notebook(mini)
    nb["cells"][0]["source"] = ["# Cohort insights\n", "\n", "<img src=x onerror=alert(1)>\n"]
    nb["cells"][3]["source"] = "[a link](javascript:alert(2))"
    save(mini, nb)
    assert problems_of(mini) == sorted([
        f'{NOTEBOOK}:{cell_line(mini, 1)}: markdown cell 1 has the onerror="..." attribute, {RUNS}',
        f"{NOTEBOOK}:{cell_line(mini, 4)}: markdown cell 4 has a javascript: URL, {RUNS}"])


@pytest.mark.parametrize("mime, value, expected", [
    ("text/html", "<p>Table</p><script>alert(1)</script>", f"(text/html) has <script>, {RUNS}"),
    ("text/html", '<div onclick="alert(1)">x</div>', f'(text/html) has the onclick="..." '
     f"attribute, {RUNS}"),
    ("image/svg+xml", '<svg><a href="javascript:alert(1)">x</a></svg>',
     f"(image/svg+xml) has a javascript: URL, {RUNS}"),
    ("text/html", '<img src="https://evil.example/p.png">', '(text/html) has <img src="https://'
     'evil.example/p.png">, which would load from another website'),
    ("application/javascript", "alert(1)", "is application/javascript, which would run code or "
     "load from another website on the facilitator's page; clear that output"),
    ("application/vnd.jupyter.widget-view+json", {"model_id": "x"},
     "is application/vnd.jupyter.widget-view+json, which would run code"),
])
def test_an_output_is_content(mini, mime, value, expected):
    nb = notebook(mini)
    nb["cells"][4]["outputs"] = [{"output_type": "display_data", "metadata": {},
                                  "data": {mime: value, "text/plain": "x"}}]
    save(mini, nb)
    [problem] = problems_of(mini)
    assert problem.startswith(f"{NOTEBOOK}:{cell_line(mini, 5)}: an output of cell 5 {expected}"), \
        problem


@pytest.mark.parametrize("text, expected", [
    ('{"cells": [\n  {"cell_type": "markdown",\n', f"{NOTEBOOK}:3: the notebook is not JSON "
     "(Expecting property name enclosed in double quotes); save it again from Jupyter"),
    ("[]", f'{NOTEBOOK}:1: the file is not a Jupyter notebook (version 4, with "cells"); save '
     "it again from Jupyter"),
    ('{"nbformat": 4, "cells": [\n{"cell_type": "code", "source": 7}]}', f"{NOTEBOOK}:2: cell 1 "
     "is not a notebook cell (a cell_type of markdown, code or raw, and its source as text)"),
    ("[" * 100_000, f"{NOTEBOOK}:1: the notebook is not JSON a reader can follow"),
])
def test_a_notebook_that_is_not_one(mini, text, expected):
    (mini / NOTEBOOK).write_text(text, encoding="utf-8")
    [problem] = problems_of(mini)
    assert problem.startswith(expected), problem


def test_a_notebook_that_is_a_link(mini, tmp_path):
    shutil.copy(REPO / NOTEBOOK, tmp_path / "elsewhere.ipynb")
    os.symlink(tmp_path / "elsewhere.ipynb", mini / NOTEBOOK)
    assert problems_of(mini) == [f"{NOTEBOOK}:1: this is a symbolic link, which would publish "
                                 "whatever it points to; put the file itself here instead"]


def test_the_facilitator_build_refuses_it_without_a_traceback(mini, tmp_path):
    """Finding 13 as well: a notebook that is not JSON stopped the build with a traceback."""
    (mini / NOTEBOOK).write_text("{not json", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "builder", "build", "--edition", "facilitator",
                             "-d", str(tmp_path / "s")], cwd=mini, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{NOTEBOOK}:1: the notebook is not JSON" in result.stderr
