"""Search loads on first use (builder/site/assets/lazysearch.js): a first visit asks
for neither the search index nor its worker; focusing or opening search loads
them, says so in a status region, and the first search finds results. In both
editions and in the offline bundle opened from disk."""

from __future__ import annotations

import re

import pytest
from conftest import Server, free_port
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SEARCH_FILES = re.compile(r"/search/search_index\.js(on)?$|/workers/search\.[0-9a-f]+\.min\.js")
# Every text the result area's status takes, from before search is opened.
WATCH_STATUS = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  window.statusTexts = [];
  new MutationObserver(() => window.statusTexts.push(meta.textContent.trim()))
    .observe(meta, { childList: true, characterData: true, subtree: true });
}"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def search_files(page) -> list[str]:
    return [u for u in page.requests if SEARCH_FILES.search(u.split("?")[0])]


def first_visit_then_search(page, url: str, open_search) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # the theme's bundle and our scripts have all run
    assert search_files(page) == [], "search loaded before anyone searched"
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    page.evaluate(WATCH_STATUS)
    open_search(page)
    page.keyboard.type("boundaries", delay=30)  # the theme searches on key presses
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(meta).to_contain_text("matching")
    assert "Loading search\u2026" in page.evaluate("window.statusTexts")
    assert len(search_files(page)) == 2, page.requests
    assert page.errors == []


def slash(page) -> None:
    page.keyboard.press("/")


def test_trainee_search_loads_on_the_slash_shortcut(page, trainee_site):
    first_visit_then_search(page, trainee_site[1] + "modules/01-foundations/", slash)


def test_facilitator_search_loads_on_the_s_shortcut(page, facilitator_site):
    server = Server(facilitator_site, free_port())
    try:
        first_visit_then_search(page, server.url + "facilitator/01-foundations-answers/",
                                lambda pg: pg.keyboard.press("s"))
    finally:
        server.close()


def test_offline_search_from_disk_loads_on_a_click(page, offline_bundle):
    def click(pg) -> None:
        pg.locator("input[data-md-component='search-query']").click()

    first_visit_then_search(page, (offline_bundle / "modules/01-foundations.html").as_uri(), click)
    assert [u for u in page.requests if not u.startswith(("file://", "data:", "blob:"))] == []


def test_search_loads_from_the_search_button_on_a_phone(page, trainee_site):
    page.set_viewport_size({"width": 360, "height": 740})
    first_visit_then_search(page, trainee_site[1] + "modules/01-foundations/",
                            lambda pg: pg.locator("label.md-header__button[for='__search']").click())
