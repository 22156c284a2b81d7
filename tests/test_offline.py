"""The offline bundle works opened from disk (file://) in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_browser import quiz_module, single_question

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.requests = requests
    yield pg
    context.close()


def test_opened_from_disk(page, offline_bundle, course):
    index = offline_bundle / "index.html"
    page.goto(index.as_uri())
    expect(page.locator("h1")).to_contain_text("Peer Support Training")

    # Navigation: follow the home page's link into module 1.
    page.locator("article a[href$='modules/01-foundations.html']").first.click()
    expect(page).to_have_url((offline_bundle / "modules/01-foundations.html").as_uri())

    # Self-check.
    module = quiz_module(course)
    q, right, _ = single_question(module)
    page.goto((offline_bundle / f"modules/{module.id}.html").as_uri())
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")

    # Reflections save on the device.
    prompt = module.reflections.prompts[0]
    page.locator(f"#r-{prompt.id}").fill("Written offline.")
    expect(page.locator(f'[data-ps-prompt="{prompt.id}"] [data-ps-saved]')).to_have_text("Saved on this device.")
    page.reload()
    expect(page.locator(f"#r-{prompt.id}")).to_have_value("Written offline.")

    # Search runs from disk, through the vendored iframe-worker shim.
    query = page.locator("input[data-md-component='search-query']")
    query.click()
    query.press_sequentially("mutuality", delay=30)  # the theme searches on key presses
    expect(page.locator(".md-search-result__item").first).to_be_visible()

    assert [u for u in page.requests if not u.startswith(("file://", "data:", "blob:"))] == []
