"""Pages made to be printed: the workbook (printed to PDF by Chromium and read
back), the record of learning from seeded learner data, the facilitator's
session packs, session notes titles and answer keys."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from builder.pages.plain import short

SITE_ID = "b-c-peer-support-training"


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# --- the workbook -----------------------------------------------------------------------

def test_workbook_holds_every_module_in_course_order(trainee_site, course):
    site, _ = trainee_site
    page = read(site, "workbook/index.html")
    starts = [page.index(f'id="wb-{m.id}"') for m in course.modules]
    assert starts == sorted(starts), "course order"
    flat = text_of(page)
    for m in course.modules:
        for p in m.reflections.prompts if m.reflections else ():
            assert short(p.text, 60).rstrip("…") in flat, p.id
        for q in m.quiz.questions if m.quiz else ():
            assert f'id="wb-{m.id}-answers"' in page
    assert page.count('class="ps-lines"') == sum(len(m.reflections.prompts)
                                                  for m in course.modules if m.reflections)
    assert 'href="workbook/"' in read(site, "index.html"), "in the navigation"


def test_workbook_is_in_the_offline_bundle(offline_bundle):
    assert "ps-wb-module" in read(offline_bundle, "workbook.html")
    assert "data-ps-record" in read(offline_bundle, "record.html")


def pdf_pages(page) -> list[str]:
    """Each printed page's text, on one line."""
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join((p.extract_text() or "").split()) for p in pdf.pages]


def module_starts(pages: list[str], course) -> list[tuple[int, str]]:
    """Where each module starts a page; the first shares the title's page (no lone title)."""
    return [(i, m.id) for i, text in enumerate(pages) for m in course.modules
            if text.removeprefix("Workbook ").startswith(m.label)]


@pytest.mark.browser
def test_workbook_prints_a_page_per_module_start(browser, trainee_site, course):
    _, site = trainee_site
    page = browser.new_page()
    page.goto(site + "workbook/")
    pages = pdf_pages(page)
    starts = module_starts(pages, course)
    assert [m for _, m in starts] == [m.id for m in course.modules], "each module starts a page"
    assert starts[0][0] == 0, "the first module on the title's page"
    assert len({i for i, _ in starts}) == len(course.modules)
    whole = "\n".join(pages)
    assert "Quick exit" not in whole and "Table of contents" not in whole, "no navigation"
    assert "Answers to the self-check" not in whole

    # With the self-check: the questions follow each module's prompts, the answers come last.
    page.get_by_label("Add the self-check questions, with the answers at the back").check()
    with_questions = pdf_pages(page)
    assert len(with_questions) > len(pages)
    answers = [i for i, t in enumerate(with_questions) if t.startswith("Answers to the self-check")]
    assert len(answers) == 1
    starts = module_starts(with_questions[:answers[0]], course)
    assert [m for _, m in starts] == [m.id for m in course.modules]
    last_module = with_questions[starts[-1][0]:answers[0]]
    assert any("Self-check" in t for t in last_module), "each module's questions, then the answers"
    page.close()


# --- the record of learning ---------------------------------------------------------

def seed(page, module_id: str, record: dict) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [f"ps:{SITE_ID}:module:{module_id}", json.dumps(record)])


def record_of(total: int, score: int, completed: str | None = None) -> dict:
    rec = {"v": 2, "visited": "2026-10-01T12:00:00Z", "attempts": total,
           "best": {"score": score, "total": total}, "answers": {}}
    return {**rec, "completed": completed} if completed else rec


@pytest.mark.browser
def test_record_of_learning_from_this_devices_data(browser, trainee_site, course):
    _, site = trainee_site
    done, partial, earlier = [m for m in course.modules if m.quiz][:3]
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site)
    total = lambda m: len(m.quiz.questions)  # noqa: E731
    seed(page, done.id, record_of(total(done), total(done), "2026-11-03T12:00:00Z"))
    seed(page, partial.id, record_of(total(partial), total(partial) - 1))
    seed(page, earlier.id, record_of(total(earlier), total(earlier)))  # complete before dates
    page.goto(site + "record/")
    intro = page.locator(".ps-record-intro")
    expect(intro).to_contain_text("nothing is sent anywhere")
    expect(intro).to_contain_text("a record of self-study, not a certification")
    page.get_by_label("Your name, as you want it on the record").fill("Sam Rivera")
    sheet = page.locator("[data-ps-record-sheet]")
    expect(sheet.locator("[data-ps-record-who]")).to_have_text("Sam Rivera")
    rows = sheet.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_text(re.compile(
        rf"{re.escape(done.label)}\s*November 3, 2026\s*{total(done)} of {total(done)}"))
    expect(rows.nth(1)).to_contain_text("date not recorded")
    minutes = done.minutes + earlier.minutes
    hours = f"{minutes // 60} hour{'s' if minutes >= 120 else ''}"
    expect(sheet.locator("[data-ps-record-summary]")).to_contain_text(
        f"2 of {len(course.modules)} modules completed, about {hours}")
    expect(sheet).to_contain_text("not a certification")
    expect(sheet).to_contain_text("Facilitator's signature")
    expect(sheet).not_to_contain_text(partial.title)
    assert all(u.startswith(site) for u in requests), "nothing leaves the device"
    context.close()


@pytest.mark.browser
def test_completing_a_module_dates_it(browser, trainee_site, course):
    """The last question answered to fit records the date the module became complete."""
    _, site = trainee_site
    module = next(m for m in course.modules if m.quiz and m.quiz.questions[-1].type == "single")
    last = module.quiz.questions[-1]
    right = next(o for o in last.options if o.correct)
    answers = {q.id: {"chosen": list(q.correct_keys) or [str(i) for i in range(1, len(q.steps) + 1)],
                      "correct": True, "rev": q.revision} for q in module.quiz.questions[:-1]}
    n = len(module.quiz.questions)
    context = browser.new_context()
    page = context.new_page()
    page.goto(site)
    seed(page, module.id, {**record_of(n, n - 1), "answers": answers})
    page.goto(site + f"modules/{module.id}/")
    page.locator(f"#q-{last.id} input[value='{right.key}']").check()
    page.locator(f"#q-{last.id}").get_by_role("button", name="Check").click()
    expect(page.locator(f"#q-{last.id} [data-ps-result]")).to_contain_text("That fits")
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", f"ps:{SITE_ID}:module:{module.id}"))
    assert stored["best"]["score"] == n and stored["completed"].startswith("20")
    page.goto(site + "record/")
    expect(page.locator(f'[data-ps-record-row="{module.id}"]')).not_to_contain_text("not recorded")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_workbook_and_record_pass_axe(browser, trainee_site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    _, site = trainee_site
    context = browser.new_context(color_scheme=scheme, viewport={"width": 320, "height": 800})
    page = context.new_page()
    for path in ("workbook/", "record/"):
        page.goto(site + path)
        page.wait_for_load_state("load")
        if path == "workbook/":
            page.locator("#ps-wb-questions").check()
        results = Axe().run(page)
        assert results.violations_count == 0, (path, results.generate_report())
    context.close()


# --- the facilitator's pages --------------------------------------------------------

def test_session_pack_holds_notes_materials_handout_and_answer_key(facilitator_site, course):
    for m in course.modules:
        page = read(facilitator_site, f"facilitator/{m.id}-pack/index.html")
        title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
        assert title.startswith(f"Session pack: {m.label} - ")
        materials = bool(m.facilitator and "\n## Materials" in m.facilitator.markdown)
        cards = bool(m.practice and any(e.type == "conversation" for e in m.practice.exercises))
        assert page.count('class="ps-pack-part"') == (1 + bool(m.facilitator) + materials + cards
                                                      + bool(m.quiz))
        flat = text_of(page)
        assert "Session plan" in flat and "Key takeaways" in flat
        for q in m.quiz.questions if m.quiz else ():
            assert f'id="{q.id}"' in page
        handout = read(facilitator_site, f"facilitator/{m.id}-handout/index.html")
        assert f'href="../{m.id}-pack/"' in handout, "in the navigation"


def test_session_notes_are_titled_with_their_module(facilitator_site, course):
    titles = set()
    for m in course.modules:
        page = read(facilitator_site, f"facilitator/{m.id}/index.html")
        title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
        assert title.startswith(f"Session notes: {m.label} - ")
        titles.add(title)
    assert len(titles) == len(course.modules)


def test_answer_key_headings_and_separate_feedback(facilitator_site, course):
    module = next(m for m in course.modules if m.quiz)
    page = read(facilitator_site, f"facilitator/{module.id}-answers/index.html")
    headings = [text_of(h) for h in re.findall(r"<h2 id=\"m\d\d-q\d\d\".*?</h2>", page, re.S)]
    assert len(headings) == len(module.quiz.questions)
    for n, (heading, q) in enumerate(zip(headings, module.quiz.questions), start=1):
        assert heading.startswith(f"{n}. ") and q.id not in heading, heading
        assert heading.removeprefix(f"{n}. ").rstrip("¶ ")[:20] == short(q.prompt)[:20]
    option_questions = [q for q in module.quiz.questions if q.options]
    assert page.count('class="ps-key-feedback"') == sum(len(q.options) for q in option_questions)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["workbook/", "facilitator/01-foundations-handout/",
                                  "facilitator/01-foundations-pack/"])
def test_printable_pages_have_a_print_button_on_a_phone(browser, facilitator_url, path):
    """A phone has no Ctrl+P: the button prints; it is left off the printed page."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    page.goto(facilitator_url + path)
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_have_count(1)
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    context.close()
