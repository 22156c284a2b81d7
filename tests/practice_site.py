"""What the practice tests share (issue 26): the mini course with the small
practice file of tests/fixtures/practice/ for its module 01-one, built and
served once a test module, and a page in Debian's Chromium that notes every
page error and every request. The tests are test_practice_load.py,
test_practice_render.py, test_practice_browser.py and test_practice_data.py."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import PRACTICE, Server, build_site, free_port, make_mini
from playwright.sync_api import Page, expect

MODULE = "01-one"
REPLY, SECOND, TALK = "m01-p1", "m01-p2", "m01-p3"  # the fixture's exercises
EXIT_URL = "https://www.google.ca/"
PREFIX = "ps:b-c-peer-support-training:"  # the site id, from mkdocs.yml's site name
PAGE = f"modules/{MODULE}/"


def practice_course(root: Path) -> Path:
    """The mini course in `root`, with module 01-one's practice file."""
    make_mini(root)
    (root / "practice").mkdir()
    shutil.copy(PRACTICE, root / "practice" / f"{MODULE}.yml")
    return root


@contextmanager
def served(root: Path) -> Iterator[str]:
    """The course in `root` built as the trainee edition and served: its address."""
    port = free_port()
    out = root.parent / "site"
    build_site(out, site_url=f"http://127.0.0.1:{port}/", cwd=root)
    server = Server(out, port)
    try:
        yield server.url
    finally:
        server.close()


# The fixtures the browser tests share: import them by name into a test module.
@pytest.fixture(scope="module")
def course_root(tmp_path_factory) -> Path:
    return practice_course(tmp_path_factory.mktemp("practice") / "course")


@pytest.fixture(scope="module")
def site(course_root) -> Iterator[str]:
    with served(course_root) as url:
        yield url


@pytest.fixture
def page(browser, site) -> Iterator[Page]:
    pg = new_page(browser, site)
    yield pg
    finish(pg)


def new_page(browser, site: str, **context_args) -> Page:
    context = browser.new_context(accept_downloads=True, **context_args)
    context.route(EXIT_URL + "**", lambda route: route.fulfill(body="neutral"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors, page.requests = [], []
    page.on("pageerror", lambda e: page.errors.append(f"{e}\n{e.stack}"))
    context.on("request", lambda r: page.requests.append(r.url))
    page.site = site
    return page


def finish(page: Page) -> None:
    """No page broke and nothing was asked of another origin."""
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith((page.site, "data:", "blob:", "file://"))] == []
    page.context.close()


def stored(page: Page, exercise: str) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", PREFIX + "practice:" + exercise)
    return json.loads(raw) if raw is not None else None


def open_module(page: Page) -> None:
    page.goto(page.site + PAGE)
    expect(page.locator("[data-ps-practice-status]")).to_be_visible()


def write_reply(page: Page, exercise: str, text: str) -> None:
    ex = page.locator(f"#p-{exercise}")
    ex.get_by_label("What would you say? Write your reply.").fill(text)
    expect(ex.locator("[data-ps-saved]")).to_have_text("Saved on this device.")


def choose(page: Page, words: str) -> None:
    page.locator(f"#p-{TALK}").get_by_role("button", name=words, exact=True).click()


def transcript(page: Page):
    return page.locator(f"#p-{TALK} .ps-transcript")


def live(page: Page):
    return page.locator("[data-ps-practice-live]")
