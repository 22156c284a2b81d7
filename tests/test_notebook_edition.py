"""mkdocs-jupyter (and jupytext and nbconvert behind it) is loaded for the
facilitator edition only: a trainee build never imports it."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

NOTEBOOK_STACK = ("mkdocs_jupyter", "jupytext", "nbconvert")


def run(args: list[str], tmp_path, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    for name in ("PEER_SUPPORT_EDITION", "PEER_SUPPORT_OFFLINE"):
        if name not in env:
            environ.pop(name, None)
    result = subprocess.run([sys.executable, *args, "-d", str(tmp_path / "site")], cwd=REPO,
                            env=environ, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def imported(stderr: str) -> set[str]:
    """Module names from `python -X importtime` lines: 'import time: self | total | name'.
    (A module loaded by importlib.import_module, as plugin entry points are, is not
    listed itself, but every module it imports is: mkdocs_jupyter imports jupytext.)"""
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines()
            if line.startswith("import time:") and line.count("|") == 2}


def test_a_trainee_build_never_imports_the_notebook_stack(tmp_path):
    result = run(["-X", "importtime", "-m", "builder", "build"], tmp_path)
    names = imported(result.stderr)
    assert {"mkdocs.commands.build", "builder.pages.render"} <= names  # importtime saw the build
    assert not [n for n in names if n.split(".")[0] in NOTEBOOK_STACK]
    assert (tmp_path / "site/modules/01-foundations/index.html").is_file()


def test_an_agency_facilitator_edition_chosen_by_the_environment_renders_the_notebook(tmp_path):
    """What `./scripts/serve --edition facilitator` does (it sets PEER_SUPPORT_EDITION),
    with an agency's config that INHERITs the course's mkdocs.yml."""
    run(["-m", "mkdocs", "build", "-f", "examples/agency/mkdocs.yml"], tmp_path,
        PEER_SUPPORT_EDITION="facilitator")
    page = (tmp_path / "site/facilitator/cohort-insights/index.html").read_text(encoding="utf-8")
    assert "Self-check questions, hardest first" in page
    assert '<script src="">' not in page and "cdnjs" not in page
