"""Serve benchmark: from saving a file to the served page showing the edit.

A copy of the course is served by `python -m builder serve` (the course's own
builder, as `./scripts/serve` runs it). Each edit writes a new marker into a
quiz, a module or the glossary, notes the time, then asks for the module page
every 10 ms until the marker is there. The server holds a request while it
rebuilds, so the time is the whole wait: noticing the save, rebuilding, and
serving the page. Quiz and module edits alternate; glossary edits (every page
that shows the term is rebuilt) come after them. A baseline course (the code
before a change) can be served beside it, the edits taking turns."""

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


class Served:
    """A copy of a course, served by its own `python -m builder serve`."""

    def __init__(self, root: Path, folder: Path):
        self.course, self.log = folder / "course", folder / "serve.log"
        for rel in COPIED:
            shutil.copytree(root / rel, self.course / rel)
        shutil.copy2(root / "mkdocs.yml", self.course / "mkdocs.yml")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        with open(self.log, "w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "builder", "serve", "-a", f"127.0.0.1:{port}"],
                cwd=self.course, env=child_env(root, self.url), stdout=subprocess.DEVNULL,
                stderr=err)
        self.edits: Edits | None = None

    def page(self) -> str:
        return fetch(self.url + PAGE)

    def ready(self) -> None:
        if not _wait(lambda: "ps-selfcheck" in self.page(), 300, every=0.5):
            raise RuntimeError("the server never came up:\n" + self.log.read_text()[-3000:])
        self.edits = Edits(self.course, self.page())

    def time_edit(self, kind: str, marker: str) -> float:
        """Save an edit; seconds until the page shows it."""
        self.edits.write(kind, marker)
        started = time.perf_counter()
        if not _wait(lambda: marker in self.page(), 120):
            raise RuntimeError(f"a {kind} edit never reached the page:\n"
                               + self.log.read_text()[-3000:])
        return time.perf_counter() - started

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def serve_latency(roots: dict[str, Path], work: Path, edits: int) -> dict[str, dict]:
    """For each course (name: root), `edits` quiz and `edits` module edits taking turns,
    then `edits` glossary edits: seconds from each save to the page showing it. With
    more than one course, each edit is made to each course in turn, so a busy machine
    slows every side alike."""
    served = {name: Served(root, work / f"serve-{i}") for i, (name, root) in enumerate(roots.items())}
    try:
        for s in served.values():
            s.ready()
        time.sleep(2)  # let them settle after the first build
        order = [k for _ in range(edits) for k in ("quiz", "module")]
        if all(s.edits.definition for s in served.values()):
            order += ["glossary"] * edits
        samples = {name: {k: [] for k in dict.fromkeys(order)} for name in served}
        for n, kind in enumerate(order):
            for name, s in served.items():
                samples[name][kind].append(s.time_edit(kind, f"Benchmark edit {n}"))
                time.sleep(0.6)  # the server is idle again before the next save
    finally:
        for s in served.values():
            s.close()
    out = {}
    for name, kinds in samples.items():
        both = kinds["quiz"] + kinds["module"]
        out[name] = {"samples": kinds, "edits": edits, "median": statistics.median(both),
                     "rows": {k: _spread(v) for k, v in [*kinds.items(), ("quiz and module", both)]}}
    return out


def _spread(values: list[float]) -> dict:
    return {"n": len(values), "min": min(values), "median": statistics.median(values),
            "max": max(values)}
