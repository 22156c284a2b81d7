"""Serve benchmark: from saving a file to the served page showing the edit.

A copy of the course is served by `python -m builder serve` (the course's own
builder, as `./scripts/serve` runs it). Each edit writes a new marker into a
quiz, a module or the glossary, notes the time, then asks for the module page
every 10 ms until the marker is there. The server holds a request while it
rebuilds, so the time is the whole wait: noticing the save, rebuilding, and
serving the page. Quiz and module edits alternate; glossary edits (every page
that shows the term is rebuilt) come after them."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench_build import child_env
from bench_web import free_port

PAGE = "modules/01-foundations/"
COPIED = ("modules", "quizzes", "reflections", "facilitator", "data", "pages", "overrides")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def _wait(predicate, seconds: float, every: float = 0.01) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(every)
    return False


class Edits:
    """Writes marker number n into a copy of the course's files, each edit replacing
    the last, so that every edit changes the page and nothing else grows."""

    def __init__(self, course: Path, page_html: str):
        self.course = course
        self.files = {"quiz": course / "quizzes/01-foundations.yml",
                      "module": course / "modules/01-foundations.md",
                      "glossary": course / "data/glossary.yml"}
        self.original = {k: p.read_text(encoding="utf-8") for k, p in self.files.items()}
        # A glossary definition the module page shows as a hover definition.
        shown = re.search(r'<abbr title="([^"&]{20})', page_html)
        found = shown and f"definition: {shown.group(1)}" in self.original["glossary"]
        self.definition = shown.group(1) if found else None

    def write(self, kind: str, marker: str) -> None:
        text = self.original[kind]
        if kind == "quiz":
            text = text.replace("- text: ", f"- text: {marker}. ", 1)
        elif kind == "module":
            text = text.replace("\n## ", f"\n{marker}.\n\n## ", 1)
        else:
            text = text.replace(f"definition: {self.definition}",
                                f"definition: {marker}. {self.definition}", 1)
        self.files[kind].write_text(text, encoding="utf-8")


def serve_latency(root: Path, work: Path, edits: int) -> dict:
    """`edits` quiz and `edits` module edits, interleaved, then `edits` glossary edits:
    seconds from each save to the page showing it."""
    course = work / "serve-course"
    for rel in COPIED:
        shutil.copytree(root / rel, course / rel)
    shutil.copy2(root / "mkdocs.yml", course / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = work / "serve.log"
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=course, env=child_env(root, url), stdout=subprocess.DEVNULL,
                                stderr=err)
    try:
        if not _wait(lambda: "ps-selfcheck" in fetch(url + PAGE), 300, every=0.5):
            raise RuntimeError("the server never came up:\n" + log.read_text()[-3000:])
        time.sleep(2)  # let it settle after the first build
        changes = Edits(course, fetch(url + PAGE))
        order = [k for _ in range(edits) for k in ("quiz", "module")]
        if changes.definition:
            order += ["glossary"] * edits
        samples: dict[str, list[float]] = {k: [] for k in dict.fromkeys(order)}
        for n, kind in enumerate(order):
            marker = f"Benchmark edit {n}"
            changes.write(kind, marker)
            started = time.perf_counter()
            if not _wait(lambda: marker in fetch(url + PAGE), 120):
                raise RuntimeError(f"a {kind} edit never reached the page:\n"
                                   + log.read_text()[-3000:])
            samples[kind].append(time.perf_counter() - started)
            time.sleep(0.6)  # the server is idle again before the next save
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    both = samples["quiz"] + samples["module"]
    return {"samples": samples, "edits": edits,
            "rows": {k: _spread(v) for k, v in [*samples.items(), ("quiz and module", both)]},
            "median": statistics.median(both)}


def _spread(values: list[float]) -> dict:
    return {"n": len(values), "min": min(values), "median": statistics.median(values),
            "max": max(values)}
