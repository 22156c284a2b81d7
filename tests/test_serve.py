"""`python -m builder serve` rebuilds when a quiz or reflection file changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request

from conftest import REPO, free_port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_reloads_quiz_and_reflection_edits(tmp_path):
    for rel in ("modules", "quizzes", "reflections", "facilitator", "data", "pages", "overrides"):
        shutil.copytree(REPO / rel, tmp_path / rel)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/modules/01-foundations/"
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "-f", "mkdocs.yml",
                               "-a", f"127.0.0.1:{port}"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: "ps-selfcheck" in fetch(url)), "the server never came up"
        quiz = tmp_path / "quizzes/01-foundations.yml"
        quiz.write_text(quiz.read_text().replace("- text: ", "- text: Edited while serving. ", 1))
        assert wait_for(lambda: "Edited while serving." in fetch(url))
        prompts = tmp_path / "reflections/01-foundations.yml"
        prompts.write_text(prompts.read_text().replace("text: ", "text: A new reflection start. ", 1))
        assert wait_for(lambda: "A new reflection start." in fetch(url))
    finally:
        server.terminate()
        server.wait(timeout=20)
