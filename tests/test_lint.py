"""Types and lint as tests: mypy and ruff over builder/, configured in
pyproject.toml (each ignored rule commented there)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing_in_the_builder():
    result = run("ruff", "check", "--no-cache", "builder")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_builder():
    result = run("mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
