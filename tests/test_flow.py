"""A learning flow that carries a trainee through on a phone (issue 13):
feedback under the question, a completion panel with the way on, "continue
where you left off", search by a phone number's digits, printing only one's
reflections, a progress page that does not move, ordering moves that say what
moved, and a quick exit that behaves as GOV.UK's Exit this page."""

from __future__ import annotations

import re
import zlib

import pytest
from browsing import EXIT_URL, SITE_ID, answered, open_page, set_record
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    pg = open_page(browser, viewport=PHONE)
    yield pg
    pg.context.close()


@pytest.fixture
def site(trainee_site):
    return trainee_site[1]


def with_kinds(course, *kinds):
    return next(m for m in course.modules if m.quiz and m.reflections
                and set(kinds) <= {q.type for q in m.quiz.questions})


def in_view(page: Page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight; }""", selector)


# --- feedback where the learner is ----------------------------------------------------------

def test_check_with_nothing_chosen_says_so_under_the_question(page, site, course):
    module = with_kinds(course, "single")
    q = [q for q in module.quiz.questions if q.type == "single"][-1]
    page.goto(site + f"modules/{module.id}/")
    item = page.locator(f"#q-{q.id}")
    item.get_by_role("button", name="Check").click()
    hint = item.locator("[data-ps-hint]")
    expect(hint).to_have_text(re.compile("Choose an answer first"))
    expect(page.locator("[data-ps-live]").first).to_contain_text("choose an answer first")
    assert in_view(page, f"#q-{q.id} [data-ps-hint]")
    item.locator("input").first.check()
    expect(hint).to_be_hidden()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_be_focused()
    assert in_view(page, f"#q-{q.id} [data-ps-result]")


def test_completion_panel_after_the_last_question(page, site, course):
    module = with_kinds(course, "single")
    following = course.modules[course.modules.index(module) + 1]
    page.goto(site)
    record = answered(module, right=True, skip=1)
    missed = module.quiz.questions[0]
    record["answers"][missed.id] = {"chosen": [next(o.key for o in missed.options if not o.correct)],
                                    "correct": False, "rev": missed.revision}
    set_record(page, module.id, record)
    page.goto(site + f"modules/{module.id}/")
    panel = page.locator("[data-ps-done]")
    expect(panel).to_be_hidden()
    last = module.quiz.questions[-1]
    item = page.locator(f"#q-{last.id}")
    if last.type != "ordering":
        for key in last.correct_keys:
            item.locator(f'input[value="{key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(panel).to_be_visible()
    total = len(module.quiz.questions)
    right = total - 1 if last.type != "ordering" else None
    expect(panel).to_contain_text(f"You have answered all {total} questions")
    if right is not None:
        expect(panel).to_contain_text(f"Your score: {right} of {total}")
    revisit = panel.locator("[data-ps-done-revisit] a")
    expect(revisit.first).to_have_attribute("href", f"#q-{missed.id}")  # written by our script
    expect(revisit.first).to_contain_text("Question 1 of")
    expect(panel.get_by_role("link", name="reflections")).to_have_attribute("href", re.compile("#reflections$"))
    nxt = panel.get_by_role("link", name=re.compile(f"Next: module {following.number}"))
    expect(nxt).to_have_attribute("href", re.compile(f"{following.id}/$"))
    assert panel.evaluate("(p, q) => q.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING",
                          page.locator(f"#q-{last.id}").element_handle()), "the panel sits under the last question"
    expect(page.locator("[data-ps-live]").first).to_contain_text("answered every question")
    revisit.first.click()
    expect(page).to_have_url(re.compile(f"#q-{missed.id}$"))
    nxt.click()
    expect(page).to_have_url(re.compile(f"modules/{following.id}/$"))


def test_last_module_points_to_progress(page, site, course):
    module = [m for m in course.modules if m.quiz][-1]
    assert module is course.modules[-1]
    page.goto(site)
    set_record(page, module.id, answered(module, right=True))
    page.goto(site + f"modules/{module.id}/")
    panel = page.locator("[data-ps-done]")
    expect(panel).to_contain_text("Every answer fits")
    expect(panel.get_by_role("link", name=re.compile("progress"))).to_have_attribute(
        "href", re.compile(r"progress/$"))


def test_self_check_and_reflections_are_in_the_table_of_contents(page, site, course):
    module = with_kinds(course, "single")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site + f"modules/{module.id}/")
    toc = page.locator(".md-nav--secondary")
    for name, anchor in (("Self-check", "#self-check"), ("Reflections", "#reflections")):
        expect(toc.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "href", re.compile(anchor + "$"))


def test_home_offers_to_continue_and_shows_each_status(page, site, course):
    page.goto(site)
    continue_ = page.locator("[data-ps-continue]")
    expect(continue_).to_contain_text("Start with")
    module = with_kinds(course, "single")
    q = next(q for q in module.quiz.questions if q.type == "single")
    page.goto(site + f"modules/{module.id}/")
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{q.correct_keys[0]}"]').check()
    item.get_by_role("button", name="Check").click()
    page.goto(site + "glossary/")   # another page: the module stays the place to continue
    page.goto(site)
    total = len(module.quiz.questions)
    expect(continue_).to_contain_text("Continue where you left off")
    expect(continue_).to_contain_text(f"in progress: 1 of {total} questions answered")
    link = continue_.get_by_role("link")
    expect(link).to_have_text(f"{module.number}. {module.title}")
    expect(page.locator(f'[data-ps-status="{module.id}"]')).to_have_text(
        f"In progress: 1 of {total} questions answered")
    done = next(m for m in course.modules if m.quiz and m is not module)
    set_record(page, done.id, answered(done, right=True))
    page.reload()
    expect(page.locator(f'[data-ps-status="{done.id}"]')).to_have_text(re.compile("^Mastered ✓: all"))
    link.click()
    expect(page).to_have_url(re.compile(f"modules/{module.id}/$"))


def test_agency_home_lists_its_own_modules(browser, agency_url):
    pg = open_page(browser)
    pg.goto(agency_url)
    statuses = pg.locator("[data-ps-status]")
    expect(statuses).to_have_count(5)
    pg.goto(agency_url + "modules/12-crisis/")
    pg.goto(agency_url)
    expect(pg.locator("[data-ps-continue]")).to_contain_text("Continue where you left off")
    expect(pg.locator("[data-ps-continue] a")).to_have_attribute("href", re.compile("modules/12-crisis/$"))
    pg.context.close()


# --- search by digits ---------------------------------------------------------------------------

@pytest.mark.parametrize("digits, dashed", [("988", "9-8-8"), ("911", "9-1-1")])
def test_search_finds_a_phone_number_by_its_digits(browser, site, digits, dashed):
    pg = open_page(browser, viewport={"width": 1280, "height": 900})
    pg.goto(site)
    query = pg.locator("input[data-md-component='search-query']")
    query.click()
    query.press_sequentially(digits, delay=30)
    results = pg.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    links = [a.get_attribute("href") for a in pg.locator(".md-search-result__link").all()]
    assert any("support-lines/" in href for href in links), links
    for text in pg.locator(".md-search-result__item").all_inner_texts():  # not every page with an 8
        assert dashed in text or digits in text, text
    pg.context.close()


# --- printing ---------------------------------------------------------------------------------

def test_print_my_reflections_prints_only_them(page, site, course):
    module = with_kinds(course, "single")
    written, blank = module.reflections.prompts[0], module.reflections.prompts[1]
    page.goto(site + f"modules/{module.id}/")
    page.locator(f"#r-{written.id}").fill("What I noticed\nover two lines.")
    page.evaluate("window.print = () => { window.__printed = true; }")  # the browser's dialog
    page.get_by_role("button", name="Print my reflections").click()
    assert page.evaluate("window.__printed === true")
    page.emulate_media(media="print")
    text = page.evaluate("document.body.innerText")
    assert "What I noticed\nover two lines." in text
    assert " ".join(written.text.split())[:30] in " ".join(text.split())
    assert " ".join(blank.text.split())[:30] not in " ".join(text.split())
    assert module.title in text
    for absent in ("Self-check", "Question 1 of", "Quick exit", module.quiz.questions[0].prompt.split()[0] + " "
                   + module.quiz.questions[0].prompt.split()[1], "Key takeaways"):
        assert absent not in text, absent
    # After printing, the whole page prints again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert "Key takeaways" in page.evaluate("document.body.innerText")


def pdf_pages(pdf: bytes) -> list[bytes]:
    """Each page's drawing commands, from a PDF Chromium wrote (its streams are deflated)."""
    objects = {int(m.group(1)): m.group(2) for m in
               re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}

    def stream(n: int) -> bytes:
        body = objects[n]
        data = body[body.index(b"stream") + 6:body.rindex(b"endstream")].strip(b"\r\n")
        return zlib.decompress(data) if b"FlateDecode" in body[:body.index(b"stream")] else data

    pages = []
    for body in objects.values():
        if re.search(rb"/Type\s*/Page\b", body):
            refs = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body).group(1)
            pages.append(b"".join(stream(int(n)) for n in re.findall(rb"(\d+) 0 R", refs)))
    return pages


def test_handout_prints_its_lines_without_blank_pages(browser, facilitator_url, course):
    module = with_kinds(course, "single")
    pg = open_page(browser)
    pg.goto(facilitator_url + f"facilitator/{module.id}-handout/")
    pg.wait_for_load_state("load")
    pg.emulate_media(media="print")
    lines = pg.locator(".ps-lines div")
    assert lines.count() >= 4 * len(module.reflections.prompts)
    style = lines.first.evaluate("e => getComputedStyle(e).borderBottomStyle + ' ' + getComputedStyle(e).borderBottomWidth")
    assert style.startswith("solid") and not style.endswith(" 0px"), style
    pages = pdf_pages(pg.pdf(format="A4", print_background=False))
    assert pages, "no pages found in the PDF"
    blank = [i + 1 for i, content in enumerate(pages) if not re.search(rb"T[Jj]\b", content)]
    assert blank == [], f"blank pages {blank} of {len(pages)}"
    pg.context.close()


# --- the progress page does not move ------------------------------------------------------------

def test_progress_page_layout_shift_is_small(browser, site, course):
    pg = open_page(browser, viewport=PHONE)
    pg.goto(site)
    for module in [m for m in course.modules if m.quiz][:3]:
        set_record(pg, module.id, answered(module, right=True))
    pg.add_init_script("""window.__shift = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries())
            if (!e.hadRecentInput) window.__shift += e.value; })
        .observe({type: 'layout-shift', buffered: true});""")
    pg.goto(site + "progress/")
    pg.wait_for_load_state("load")
    expect(pg.locator("[data-ps-overall]")).to_have_text(re.compile("completed 3 of"))
    pg.wait_for_timeout(500)
    shift = pg.evaluate("window.__shift")
    assert shift < 0.1, shift
    pg.context.close()


# --- ordering ----------------------------------------------------------------------------------

def test_ordering_moves_at_the_ends_are_disabled_and_moves_are_named(page, site, course):
    module = with_kinds(course, "ordering")
    q = next(q for q in module.quiz.questions if q.type == "ordering")
    page.goto(site + f"modules/{module.id}/")
    item = page.locator(f"#q-{q.id}")
    steps = item.locator("[data-ps-step]")
    n = steps.count()
    expect(steps.first.locator('[data-ps-move="up"]')).to_be_disabled()
    expect(steps.last.locator('[data-ps-move="down"]')).to_be_disabled()
    expect(item.locator("[data-ps-move]:disabled")).to_have_count(2)
    text = steps.first.locator(".ps-step-text").inner_text().strip()
    steps.first.locator('[data-ps-move="down"]').click()
    live = page.locator("[data-ps-live]").first
    expect(live).to_have_text(f"“{text}” moved to position 2 of {n}.")
    for _ in range(n - 2):
        page.keyboard.press("Enter")    # focus stays on the step's move down
    expect(live).to_have_text(f"“{text}” moved to position {n} of {n}.")
    moved = steps.last
    expect(moved.locator(".ps-step-text")).to_have_text(text)
    expect(moved.locator('[data-ps-move="down"]')).to_be_disabled()
    expect(moved.locator('[data-ps-move="up"]')).to_be_focused()   # not lost with the disabled one
    expect(item.locator("[data-ps-move]:disabled")).to_have_count(2)


# --- quick exit, as GOV.UK's Exit this page -------------------------------------------------------

@pytest.fixture
def timed(browser, site, course):
    """A module page with the clock under the test's control."""
    pg = open_page(browser)
    pg.clock.install()
    pg.goto(site + f"modules/{course.modules[0].id}/")
    pg.locator(".ps-js, [data-ps-reflections]").first.wait_for()
    pg.locator("h1").click()
    yield pg
    pg.context.close()


def test_shift_three_times_within_five_seconds_each(timed):
    status = timed.locator("[data-ps-exit-status]")
    timed.keyboard.press("Shift")
    expect(status).to_have_text("Quick exit: press Shift 2 more times to leave.")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_be_visible()
    timed.clock.run_for(4500)
    timed.keyboard.press("Shift")
    expect(status).to_have_text("Quick exit: press Shift 1 more time to leave.")
    timed.clock.run_for(4500)
    timed.keyboard.press("Shift")
    timed.wait_for_url(EXIT_URL)


def test_a_pause_over_five_seconds_starts_the_count_again(timed):
    status = timed.locator("[data-ps-exit-status]")
    timed.keyboard.press("Shift")
    timed.keyboard.press("Shift")
    timed.clock.run_for(5100)
    expect(status).to_have_text("Quick exit timed out.")
    timed.keyboard.press("Shift")
    timed.keyboard.press("Shift")
    expect(status).to_have_text("Quick exit: press Shift 1 more time to leave.")
    assert EXIT_URL not in timed.url


def test_shift_held_for_capitals_does_not_count(timed):
    area = timed.locator("textarea").first
    area.click()
    for _ in range(4):
        timed.keyboard.down("Shift")
        timed.keyboard.press("KeyA")
        timed.keyboard.up("Shift")
    expect(area).to_have_value("AAAA")
    expect(timed.locator("[data-ps-exit-status]")).to_have_text("")
    assert EXIT_URL not in timed.url


def test_quick_exit_saves_the_reflection_being_typed(browser, site, course):
    module = next(m for m in course.modules if m.reflections)
    prompt = module.reflections.prompts[0]
    pg = open_page(browser)
    pg.clock.install()
    pg.goto(site + f"modules/{module.id}/")
    pg.clock.pause_at("2030-01-01")   # the 400 ms save after typing never comes
    pg.locator(f"#r-{prompt.id}").fill("Typed just before leaving.")
    saved = f"ps:{SITE_ID}:reflection:{prompt.id}"
    assert pg.evaluate("k => localStorage.getItem(k)", saved) is None
    pg.get_by_role("link", name=re.compile("Quick exit")).click()
    pg.wait_for_url(EXIT_URL)
    back = pg.context.new_page()
    back.goto(site + f"modules/{module.id}/")
    expect(back.locator(f"#r-{prompt.id}")).to_have_value("Typed just before leaving.")
    pg.context.close()
