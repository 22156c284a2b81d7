"""What a person does in a browser, in Debian's Chromium driven headless."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
EXIT_URL = "https://www.google.ca/"


@pytest.fixture
def page(browser, trainee_site):
    context = browser.new_context(accept_downloads=True)
    # The neutral quick-exit site is answered here, so no test reaches the internet.
    context.route(EXIT_URL + "**", lambda route: route.fulfill(body="<title>Search</title>neutral"))
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


@pytest.fixture
def site(trainee_site):
    return trainee_site[1]


def quiz_module(course):
    return next(m for m in course.modules if m.quiz and any(q.type == "single" for q in m.quiz.questions))


def single_question(module):
    q = next(q for q in module.quiz.questions if q.type == "single")
    right = next(o for o in q.options if o.correct)
    wrong = next(o for o in q.options if not o.correct)
    return q, right, wrong


def storage(page: Page) -> dict:
    """Our learner data in localStorage (the theme keeps its own keys there too)."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('ps:')).map(k => [k, localStorage.getItem(k)]))""")


def test_wrong_then_right_answer_score_persists(page, site, course):
    module = quiz_module(course)
    q, right, wrong = single_question(module)
    page.goto(site + f"modules/{module.id}/")
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{wrong.key}"]').check()
    item.get_by_role("button", name="Check").click()
    result = item.locator("[data-ps-result]")
    expect(result).to_contain_text("Not quite")
    expect(result).to_contain_text(wrong.feedback.split("*")[0][:40])
    live = page.locator("[data-ps-live]").first
    expect(live).to_contain_text("not quite")
    item.get_by_role("button", name="Try again").click()
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(result).to_contain_text("That fits")
    expect(live).to_contain_text("that fits")
    score = page.locator("[data-ps-score]").first
    expect(score).to_contain_text("Your score: 1 of")

    page.reload()
    expect(page.locator(f"#q-{q.id} [data-ps-result]")).to_contain_text("That fits")
    expect(page.locator("[data-ps-score]").first).to_contain_text("Your score: 1 of")
    expect(page.locator("[data-ps-score]").first).not_to_contain_text("Best so far")

    # Instant navigation: away and back without a full page load.
    page.evaluate("window.__stayed = true")
    page.locator(".md-nav__link", has_text="My progress").first.click()
    expect(page.locator("[data-ps-row] >> nth=0")).to_be_visible()
    row = page.locator(f'[data-ps-row="{module.id}"]')
    expect(row.locator("[data-ps-best]")).to_contain_text(f"1 of {len(module.quiz.questions)}")
    page.locator(f'[data-ps-row="{module.id}"] a').click()
    expect(page.locator(f"#q-{q.id} [data-ps-result]")).to_contain_text("That fits")
    assert page.evaluate("window.__stayed === true"), "instant navigation fell back to a full load"


def test_reflection_survives_reload_export_delete_import(page, site, course, tmp_path):
    module = next(m for m in course.modules if m.reflections)
    prompt = module.reflections.prompts[0]
    text = "I noticed how much listening matters.\nSecond line — with ünïcode ✓"
    page.goto(site + f"modules/{module.id}/")
    area = page.locator(f"#r-{prompt.id}")
    area.fill(text)
    expect(area.locator("xpath=..").locator("[data-ps-saved]")).to_have_text("Saved on this device.")
    page.reload()
    expect(page.locator(f"#r-{prompt.id}")).to_have_value(text)

    page.goto(site + "progress/")
    before = storage(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download all my data (JSON)").click()
    saved = tmp_path / "data.json"
    info.value.save_as(saved)
    exported = json.loads(saved.read_text())
    assert exported["reflections"][prompt.id]["text"] == text

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete my data on this device").click()
    expect(page.locator("[data-ps-message]")).to_contain_text("deleted")
    assert storage(page) == {}

    page.locator("[data-ps-import]").set_input_files(str(saved))
    expect(page.locator("[data-ps-message]")).to_contain_text("Brought in")
    assert storage(page) == before
    page.goto(site + f"modules/{module.id}/")
    expect(page.locator(f"#r-{prompt.id}")).to_have_value(text)


def test_foreign_or_broken_import_changes_nothing(page, site, tmp_path):
    page.goto(site + "progress/")
    before = storage(page)
    for name, content in (("bad.json", "{not json"), ("other.json", '{"format": "something-else"}')):
        path = tmp_path / name
        path.write_text(content)
        page.locator("[data-ps-import]").set_input_files(str(path))
        expect(page.locator("[data-ps-message]")).to_contain_text("Nothing was changed")
        assert storage(page) == before


def test_old_corrupt_and_foreign_records(page, site, course):
    module = quiz_module(course)
    q, right, _ = single_question(module)
    site_id = "b-c-peer-support-training"
    old = json.dumps({"v": 1, "best": 3, "total": 12, "visited": True, "attempts": 4})
    page.goto(site)
    page.evaluate("""([id, sid, old]) => {
        localStorage.setItem(`ps:${sid}:module:${id}`, old);
        localStorage.setItem(`ps:${sid}:reflection:broken`, '{"v": 2, "te');
        localStorage.setItem('ps:another-agency:module:' + id, '{"mine": true}');
    }""", [module.id, site_id, old])
    page.goto(site + f"modules/{module.id}/")
    note = page.locator("[data-ps-storage-note]").first
    expect(note).to_contain_text("kept aside, not deleted")
    data = storage(page)
    migrated = json.loads(data[f"ps:{site_id}:module:{module.id}"])
    assert migrated["v"] == 2 and migrated["best"] == {"score": 3, "total": 12}
    assert migrated["attempts"] == 4
    assert data[f"ps:{site_id}:corrupt:1:reflection:broken"] == '{"v": 2, "te'
    assert data["ps:another-agency:module:" + module.id] == '{"mine": true}'
    # The page still works.
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")


def test_storage_disabled_self_check_still_works(browser, site, course):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""")
    page = context.new_page()
    module = quiz_module(course)
    q, right, _ = single_question(module)
    page.goto(site + f"modules/{module.id}/")
    expect(page.locator("[data-ps-storage-note]").first).to_contain_text("not letting the site save")
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    context.close()


@pytest.mark.parametrize("how", ["button", "shift"])
def test_quick_exit_leaves_and_back_skips_the_page(page, site, course, how):
    module = course.modules[0]
    page.goto(site)
    page.goto(site + f"modules/{module.id}/")
    if how == "button":
        page.get_by_role("link", name=re.compile("Quick exit")).click()
    else:
        page.locator("body").click(position={"x": 5, "y": 200})
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert f"modules/{module.id}" not in page.url


def test_keyboard_only_self_check_and_reflection(page, site, course):
    module = next(m for m in course.modules if m.quiz and m.reflections)
    q = module.quiz.questions[0]
    page.goto(site + f"modules/{module.id}/")

    def tab_to(selector: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    if q.type == "ordering":
        tab_to(f"#q-{q.id} [data-ps-move]")
    else:
        tab_to(f"#q-{q.id} input")
        page.keyboard.press("Space")
    tab_to(f"#q-{q.id} [data-ps-check]")
    page.keyboard.press("Enter")
    result = page.locator(f"#q-{q.id} [data-ps-result]")
    expect(result).to_be_visible()
    expect(result).to_be_focused()
    prompt = module.reflections.prompts[0]
    tab_to(f"#r-{prompt.id}")
    page.keyboard.type("Typed with the keyboard only.")
    expect(page.locator(f'[data-ps-prompt="{prompt.id}"] [data-ps-saved]')).to_have_text("Saved on this device.")


@pytest.mark.parametrize("path", ["", "modules/01-foundations/", "progress/",
                                  "modules/standards-of-practice/", "glossary/"])
def test_axe_finds_no_violations(page, site, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site + path)
    page.wait_for_load_state("load")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_no_request_leaves_the_site(page, trainee_site):
    root, site = trainee_site
    others: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((site, "data:", "blob:")) else others.append(r.url))
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("index.html"))
    for rel in pages:
        page.goto(site + rel[: -len("index.html")])
        page.wait_for_load_state("load")
    assert len(pages) > 20
    assert others == []


def test_completed_module_is_marked_in_navigation_and_progress(page, site, course):
    module = quiz_module(course)
    total = len(module.quiz.questions)
    record = {"v": 2, "visited": "2026-11-01T10:00:00Z", "attempts": total,
              "best": {"score": total, "total": total}, "answers": {}}
    page.goto(site)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [f"ps:b-c-peer-support-training:module:{module.id}", json.dumps(record)])
    page.goto(site + "progress/")
    expect(page.locator("[data-ps-overall]")).to_contain_text(f"completed 1 of {len(course.modules)}")
    row = page.locator(f'[data-ps-row="{module.id}"]')
    expect(row.locator("[data-ps-visited]")).to_have_text("Mastered ✓")
    link = page.locator(f'.md-nav__link[href*="modules/{module.id}/"]').first
    expect(link.locator(".ps-nav-done")).to_have_count(1)
    expect(link).to_contain_text("(completed)")


def test_storage_full_is_said_plainly(browser, site, course):
    context = browser.new_context()
    context.add_init_script("""const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (k.includes(':reflection:')) throw new DOMException('full', 'QuotaExceededError');
            return set.call(this, k, v); };""")
    page = context.new_page()
    module = next(m for m in course.modules if m.reflections)
    prompt = module.reflections.prompts[0]
    page.goto(site + f"modules/{module.id}/")
    page.locator(f"#r-{prompt.id}").fill("This will not fit.")
    expect(page.locator(f'[data-ps-prompt="{prompt.id}"] [data-ps-saved]')).to_contain_text("Not saved")
    expect(page.locator("[data-ps-storage-note]").first).to_contain_text("storage for the site is full")
    context.close()


def test_pages_still_start_after_a_search(page, site, course):
    """Search results are <article>s too: they must not hide the next page's article."""
    page.goto(site + f"modules/{course.modules[0].id}/")
    query = page.locator("input[data-md-component='search-query']")
    query.click()
    query.press_sequentially("mutuality", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    page.locator(".md-nav__link", has_text="My progress").first.click()
    expect(page.locator("[data-ps-progress]")).to_be_visible()
