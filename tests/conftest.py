"""Shared fixtures: the real repository, and a small course in a temporary
folder that a test can break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.commands.scaffold import stub_files
from builder.content.problems import Problems
from builder.load.course import load_course

REPO = Path(__file__).resolve().parents[1]
# A valid one-question bank for the mini course's module 01-one.
BANK = """module: 01-one
questions:
  - id: m01-q01
    type: single
    kind: scenario
    competencies: [SP-1.2]
    prompt: A peer asks you what to do.
    options:
      - text: Explore options with them.
        correct: true
        feedback: It keeps the choice theirs.
      - text: Tell them what you would do.
        feedback: Advice takes the choice away.
    explanation: Self-determination.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# A small practice file for module 01-one (issue 26): two replies and a conversation.
PRACTICE = Path(__file__).parent / "fixtures/practice/01-one.yml"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A valid two-module course: the real standards and data, stub modules."""
    return make_mini(tmp_path / "course")


def make_mini(root: Path) -> Path:
    """The mini course, written into `root`."""
    for rel in ("data", "pages", "overrides"):
        if (REPO / rel).exists():
            shutil.copytree(REPO / rel, root / rel)
    for rel in ("mkdocs.yml", "modules/standards-of-practice.md", "modules/code-of-conduct.md"):
        write(root / rel, (REPO / rel).read_text(encoding="utf-8"))
    write(root / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n")
    for number, module_id in ((1, "01-one"), (2, "02-two")):
        for rel, text in stub_files(module_id, f"Module {number}", number).items():
            write(root / rel, text)
    return root


def problems_of(root: Path, strict: bool = False) -> list[str]:
    problems = Problems(root)
    load_course(root, problems, strict=strict)
    return [str(p) for p in problems.sorted()]


# --- the real site, built once per test session --------------------------------

import functools  # noqa: E402
import http.server  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(out: Path, *args: str, site_url: str = "http://127.0.0.1:8000/",
               cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run the real `python -m builder build` and fail with its output if it fails."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": str(REPO)}  # this checkout's builder, from any folder
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(out), *args],
                            cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


class Server:
    """A static file server on loopback, for the browser tests."""

    def __init__(self, root: Path, port: int):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


CHROMIUM = "/usr/bin/chromium"  # Debian's; browser downloads are impossible here
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright allows one sync driver)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def trainee_site(tmp_path_factory) -> tuple[Path, str]:
    """The real repository built as the trainee edition, and served."""
    port = free_port()
    out = tmp_path_factory.mktemp("trainee") / "site"
    build_site(out, site_url=f"http://127.0.0.1:{port}/")
    server = Server(out, port)
    yield out, server.url
    server.close()


@pytest.fixture(scope="session")
def facilitator_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("facilitator") / "site"
    build_site(out, "--edition", "facilitator")
    return out


@pytest.fixture(scope="session")
def facilitator_url(facilitator_site) -> str:
    """The facilitator edition, served (built for another address: pages load
    in full, without instant navigation)."""
    server = Server(facilitator_site, free_port())
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def agency_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("agency") / "site"
    build_site(out, "-f", "examples/agency/mkdocs.yml")
    return out


@pytest.fixture(scope="session")
def agency_url(agency_site) -> str:
    """The agency example, served (pages load in full, as for facilitator_url)."""
    server = Server(agency_site, free_port())
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory) -> Path:
    """The offline zip, unpacked: its index.html is opened from disk."""
    import zipfile

    out = tmp_path_factory.mktemp("offline") / "site"
    build_site(out, "--offline")
    unpacked = out.parent / "unpacked"
    with zipfile.ZipFile(out.with_name("site.zip")) as zf:
        zf.extractall(unpacked)
    return unpacked / "peer-support-training"


@pytest.fixture(scope="session")
def course():
    problems = Problems(REPO)
    loaded = load_course(REPO, problems)
    assert not problems.errors, "\n".join(map(str, problems.errors))
    return loaded
