"""The facilitator edition's notebook (`facilitator/cohort-insights.ipynb`), checked
as content: read like any content file (a regular file in the repository, at most
1 MB of UTF-8), JSON in the shape of a Jupyter notebook, its Markdown cells by the
content policy, and its saved outputs by what they would do on the page: HTML or
SVG by the same policy, and nothing that runs (JavaScript, widgets). The site shows
the notebook as saved, outputs and all, so a cell's output is content too."""

from __future__ import annotations

import json
from pathlib import Path

from builder.checks.policy import check_text, scan_html
from builder.content.fields import read_text
from builder.content.problems import Problems

__all__ = ["NOTEBOOK", "check_notebook"]

NOTEBOOK = "facilitator/cohort-insights.ipynb"
CELL_TYPES = ("markdown", "code", "raw")
HTML_TYPES = ("text/html", "image/svg+xml")
# What a saved output may be: anything else (JavaScript, a widget) would run or load.
SHOWN_TYPES = frozenset({*HTML_TYPES, "text/plain", "text/markdown", "text/latex", "image/png",
                         "image/jpeg", "image/gif", "image/webp", "application/json"})


def check_notebook(path: Path, problems: Problems) -> None:
    """Every problem of the notebook at `path` (if there is one), at its cell's line."""
    if not path.exists() and not path.is_symlink():
        return
    text = read_text(path, problems)
    if text is None:
        return
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.error(path, exc.lineno, f"the notebook is not JSON ({exc.msg}); save it again "
                       "from Jupyter")
        return
    except RecursionError:
        problems.error(path, 1, "the notebook is not JSON a reader can follow (nested hundreds "
                       "of levels deep); save it again from Jupyter")
        return
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or notebook.get("nbformat") != 4:
        problems.error(path, 1, 'the file is not a Jupyter notebook (version 4, with "cells"); '
                       "save it again from Jupyter")
        return
    starts = _cell_lines(text)
    for number, cell in enumerate(cells, start=1):
        line = starts[number - 1] if number <= len(starts) else 1
        _check_cell(cell, number, path, line, problems)


def _cell_lines(text: str) -> list[int]:
    """The line of each cell's "cell_type" key (a key is never inside a string: there
    its quotes would be escaped)."""
    lines, at = [], text.find('"cell_type"')
    while at != -1:
        lines.append(text.count("\n", 0, at) + 1)
        at = text.find('"cell_type"', at + 1)
    return lines


def _joined(value: object) -> str | None:
    """A notebook's text: a string, or a list of strings (its lines)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    return None


def _check_cell(cell: object, number: int, path: Path, line: int, problems: Problems) -> None:
    kind = cell.get("cell_type") if isinstance(cell, dict) else None
    source = _joined(cell.get("source")) if isinstance(cell, dict) else None
    if kind not in CELL_TYPES or source is None:
        problems.error(path, line, f"cell {number} is not a notebook cell (a cell_type of "
                       "markdown, code or raw, and its source as text); save the notebook again "
                       "from Jupyter")
        return
    assert isinstance(cell, dict)
    if kind == "markdown":
        check_text(source, path, line, problems, f"markdown cell {number}")
    elif kind == "raw":  # a raw cell is copied into the page as it is
        for finding in scan_html(source):
            problems.error(path, line, f"raw cell {number} has {finding.message}")
    outputs = cell.get("outputs", [])
    if not isinstance(outputs, list):
        outputs = [outputs]
    for output in outputs:
        data = output.get("data", {}) if isinstance(output, dict) else None
        if not isinstance(data, dict):
            problems.error(path, line, f"an output of cell {number} is not a notebook output; "
                           "clear the outputs and run the cell again")
            continue
        for mime, value in data.items():
            _check_output(mime, value, number, path, line, problems)


def _check_output(mime: str, value: object, number: int, path: Path, line: int,
                  problems: Problems) -> None:
    what = f"an output of cell {number}"
    if mime not in SHOWN_TYPES:
        problems.error(path, line, f"{what} is {mime}, which would run code or load from "
                       "another website on the facilitator's page; clear that output")
        return
    text = _joined(value) if not isinstance(value, dict) else ""
    if text is None:
        problems.error(path, line, f"{what} ({mime}) is not text; clear the output and run the "
                       "cell again")
    elif mime in HTML_TYPES:
        for finding in scan_html(text):
            problems.error(path, line, f"{what} ({mime}) has {finding.message}")
    elif mime == "text/markdown":
        check_text(text, path, line, problems, f"{what} (text/markdown)")
