"""`python -m builder serve` rebuilds when a content file changes: only the pages
that change, and every page that shows what changed."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def serving(root: Path, *args: str):
    """A copy of the course served by `python -m builder serve`: (its URL, its log)."""
    for rel in ("modules", "quizzes", "reflections", "facilitator", "data", "pages", "overrides"):
        shutil.copytree(REPO / rel, root / rel)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": str(REPO)}  # this checkout's builder, from the copy
    log = root / "serve.log"
    with open(log, "w") as err:
        server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "-f", "mkdocs.yml",
                                   "-a", f"127.0.0.1:{port}", *args], cwd=root, env=env,
                                  stdout=subprocess.DEVNULL, stderr=err)
    try:
        assert wait_for(lambda: "ps-selfcheck" in fetch(url + "modules/01-foundations/")), \
            "the server never came up:\n" + log.read_text()[-3000:]
        yield url, log
    finally:
        server.terminate()
        server.wait(timeout=20)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuilds(log: Path) -> list[tuple[int, int]]:
    """(pages rebuilt, pages in all) for each rebuild the server logged."""
    return [(int(a), int(b)) for a, b in re.findall(r"Rebuilding (\d+) of (\d+) pages", log.read_text())]


def navigation(html: str) -> list[tuple[str, str]]:
    """(link, title) of every navigation link of a page."""
    return re.findall(r'<a href="([^"]+)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">'
                      r"\s*([^<]*?)\s*</span>", html)


def test_serve_reloads_quiz_and_reflection_edits(tmp_path):
    with serving(tmp_path) as (url, log):
        page = url + "modules/01-foundations/"
        before = navigation(fetch(page))
        assert ("../../glossary/", "Glossary") in before
        edit(tmp_path / "quizzes/01-foundations.yml", "- text: ", "- text: Edited while serving. ")
        assert wait_for(lambda: "Edited while serving." in fetch(page))
        assert wait_for(lambda: rebuilds(log)), log.read_text()[-2000:]
        # The module page, the workbook (which prints the questions) and the review page (which
        # holds them) changed, and only they are rebuilt.
        assert rebuilds(log)[-1][0] == 3, log.read_text()[-2000:]
        # Its navigation still names the pages that were not read again.
        assert navigation(fetch(page)) == before
        edit(tmp_path / "reflections/01-foundations.yml", "text: ", "text: A new reflection start. ")
        assert wait_for(lambda: "A new reflection start." in fetch(page))
        edit(tmp_path / "modules/01-foundations.md", "\n## ", "\nA paragraph added while serving.\n\n## ")
        assert wait_for(lambda: "A paragraph added while serving." in fetch(page))
        # Pages not rebuilt keep their place in the search index, and rebuilt ones are there once.
        index = fetch(url + "search/search_index.json")
        assert index.count('"location":"modules/01-foundations/"') == 1
        assert '"location":"modules/02-wholeness/"' in index


def test_a_glossary_edit_reaches_every_page_that_shows_the_term(tmp_path):
    with serving(tmp_path) as (url, log):
        pages = [url + rel for rel in ("modules/01-foundations/", "modules/06-boundaries/",
                                       "glossary/")]
        assert all("Fairness that accounts for where people start." in fetch(p) for p in pages)
        edit(tmp_path / "data/glossary.yml", "definition: Fairness that accounts",
             "definition: Fairness, edited while serving, that accounts")
        assert wait_for(lambda: all("Fairness, edited while serving," in fetch(p) for p in pages))
        changed, total = rebuilds(log)[-1]
        assert 1 < changed < total


def test_serve_the_facilitator_edition(tmp_path):
    with serving(tmp_path, "--edition", "facilitator") as (url, log):
        assert "Self-check questions, hardest first" in fetch(url + "facilitator/cohort-insights/")
        answers = url + "facilitator/01-foundations-answers/"
        edit(tmp_path / "quizzes/01-foundations.yml", "- text: ", "- text: Edited while serving. ")
        assert wait_for(lambda: "Edited while serving." in fetch(answers))
        assert wait_for(lambda: "Edited while serving." in fetch(url + "modules/01-foundations/"))
