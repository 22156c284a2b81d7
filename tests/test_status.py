"""One story of progress (issue 25): a trainee who answers every question of a
module, some wrong, sees the same status on the module page, home, the
progress page and the record of learning, and "Continue" points on."""

from __future__ import annotations

import json
import re

import pytest
from browsing import SITE_ID, open_page
from playwright.sync_api import Page, expect
from test_a11y import SCHEMES, axe_clean, settle

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}


def answer_all(page: Page, module, wrong: int) -> dict:
    """Answer every question on the module page, the first `wrong` single-answer ones
    wrong; return the record stored."""
    missed = 0
    for q in module.quiz.questions:
        item = page.locator(f"#q-{q.id}")
        if q.type in ("single", "true-false") and missed < wrong:
            item.locator(f'input[value="{next(o.key for o in q.options if not o.correct)}"]').check()
            missed += 1
        elif q.type != "ordering":
            for key in q.correct_keys:
                item.locator(f'input[value="{key}"]').check()
        item.get_by_role("button", name="Check").click()
        expect(item.locator("[data-ps-result]")).to_be_visible()
    assert missed == wrong
    return json.loads(page.evaluate("k => localStorage.getItem(k)", f"ps:{SITE_ID}:module:{module.id}"))


def test_every_page_tells_the_same_status(browser, trainee_site, course):
    site = trainee_site[1]
    module, following = next((m, course.modules[i + 1]) for i, m in enumerate(course.modules)
                             if m.quiz and i + 1 < len(course.modules)
                             and sum(q.type in ("single", "true-false") for q in m.quiz.questions) >= 2)
    page = open_page(browser, viewport=PHONE)
    page.goto(site + f"modules/{module.id}/")
    record = answer_all(page, module, wrong=2)
    n = len(module.quiz.questions)
    right = sum(a["correct"] for a in record["answers"].values())
    first = sum(a["first"] for a in record["answers"].values())
    assert len(record["answers"]) == n and right <= n - 2 and first == right
    status = f"Complete ✓: all {n} answered, {first} of {n} right first time"
    expect(page.locator("[data-ps-score]")).to_have_text(f"{status}. Your score: {right} of {n}.")
    expect(page.locator("[data-ps-done-status]")).to_have_text(status + ".")

    # A wrong answer tried again and put right: mastered is still to come, first try kept.
    missed = next(q for q in module.quiz.questions
                  if q.type in ("single", "true-false") and not record["answers"][q.id]["correct"])
    item = page.locator(f"#q-{missed.id}")
    item.get_by_role("button", name="Try again").click()
    item.locator(f'input[value="{missed.correct_keys[0]}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(page.locator("[data-ps-score]")).to_have_text(f"{status}. Your score: {right + 1} of {n}.")
    expect(page.locator("[data-ps-done-status]")).to_have_text(status + ".")

    page.goto(site)
    expect(page.locator(f'[data-ps-status="{module.id}"]')).to_have_text(status)
    cont = page.locator("[data-ps-continue]")
    expect(cont).to_contain_text(f"You have completed {module.number}. {module.title}. Up next:")
    expect(cont.get_by_role("link")).to_have_attribute("href", re.compile(f"modules/{following.id}/$"))

    page.goto(site + "progress/")
    row = page.locator(f'[data-ps-row="{module.id}"]')
    expect(row.locator("[data-ps-visited]")).to_have_text("Complete ✓")
    expect(row.locator("[data-ps-best]")).to_contain_text(f"{first} of {n} right first time")
    expect(page.locator("[data-ps-overall]")).to_contain_text(
        f"You have completed 1 of {len(course.modules)} modules")
    expect(page.locator(f'.md-nav__link[href*="modules/{module.id}/"] .ps-nav-done').first).to_be_attached()

    page.goto(site + "record/")
    rec_row = page.locator(f'[data-ps-record-row="{module.id}"]')
    expect(rec_row).to_contain_text(f"{first} of {n} right first time")
    expect(rec_row).not_to_contain_text("not recorded")
    expect(page.locator("[data-ps-record-table] caption")).to_contain_text("mastered when every answer is right")
    page.context.close()


def test_every_answer_right_is_mastered_and_continue_moves_on(browser, trainee_site, course):
    """After every answer is right, Continue offers the next module, not this one."""
    site = trainee_site[1]
    module, following = next((m, course.modules[i + 1]) for i, m in enumerate(course.modules)
                             if m.quiz and i + 1 < len(course.modules))
    page = open_page(browser, viewport=PHONE)
    page.goto(site + f"modules/{module.id}/")
    page.evaluate("k => localStorage.removeItem(k)", f"ps:{SITE_ID}:module:{module.id}")
    page.reload()
    for q in module.quiz.questions:
        item = page.locator(f"#q-{q.id}")
        if q.type == "ordering":   # put the steps in order with the move buttons
            for pos in range(1, len(q.steps) + 1):
                step = item.locator(f'[data-ps-step="{pos}"]')
                while item.locator("[data-ps-step]").nth(pos - 1).get_attribute("data-ps-step") != str(pos):
                    step.locator('[data-ps-move="up"]').click()
        else:
            for key in q.correct_keys:
                item.locator(f'input[value="{key}"]').check()
        item.get_by_role("button", name="Check").click()
    n = len(module.quiz.questions)
    status = f"Mastered ✓: all {n} right ({n} of {n} right first time)"
    expect(page.locator("[data-ps-done-status]")).to_have_text(status + ".")
    page.goto(site)
    expect(page.locator(f'[data-ps-status="{module.id}"]')).to_have_text(status)
    expect(page.locator("[data-ps-continue] a")).to_have_attribute("href", re.compile(f"modules/{following.id}/$"))
    page.goto(site + "record/")
    expect(page.locator(f'[data-ps-record-row="{module.id}"]')).to_contain_text("mastered")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_status_pages_stay_axe_clean(browser, trainee_site, course, scheme):
    site = trainee_site[1]
    module = next(m for m in course.modules if m.quiz)
    page = open_page(browser, viewport=PHONE, color_scheme=scheme)
    answers = {q.id: {"chosen": list(q.correct_keys) or [str(i + 1) for i in range(len(q.steps))],
                      "correct": True, "rev": q.revision, "first": i % 2 == 0}
               for i, q in enumerate(module.quiz.questions)}
    page.goto(site)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"ps:{SITE_ID}:module:{module.id}", json.dumps(
        {"v": 2, "visited": "2026-11-01T10:00:00Z", "attempts": 20, "best": None, "answers": answers,
         "completed": "2026-11-02T10:00:00Z"})])
    for path in ("", f"modules/{module.id}/", "progress/", "record/"):
        page.goto(site + path)
        settle(page, scheme)
        expect(page.locator("body")).to_contain_text("Mastered ✓" if path != "record/" else "mastered")
        axe_clean(page)
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_multiple_answers_say_how_many_were_found_and_keep_ticks(browser, trainee_site, course, scheme):
    site = trainee_site[1]
    module, q = next((m, q) for m in course.modules if m.quiz for q in m.quiz.questions
                     if q.type == "multiple" and len(q.correct_keys) >= 2)
    wrong = next(o.key for o in q.options if not o.correct)
    want = len(q.correct_keys)
    page = open_page(browser, viewport=PHONE, color_scheme=scheme)
    page.goto(site + f"modules/{module.id}/")
    settle(page, scheme)
    item = page.locator(f"#q-{q.id}")
    result = item.locator("[data-ps-result]")
    item.locator(f'input[value="{q.correct_keys[0]}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(result).to_contain_text("Not quite")
    expect(result.locator(".ps-found")).to_have_text(f"You found 1 of {want} answers that fit.")
    axe_clean(page)
    item.get_by_role("button", name="Try again").click()
    expect(item.locator(f'input[value="{q.correct_keys[0]}"]')).to_be_checked()   # kept
    expect(item.locator(f'input[value="{q.correct_keys[0]}"]')).to_be_focused()
    item.locator(f'input[value="{wrong}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(result.locator(".ps-found")).to_have_text(
        f"You found 1 of {want} answers that fit, and chose 1 that does not.")
    item.get_by_role("button", name="Try again").click()
    item.locator(f'input[value="{wrong}"]').uncheck()
    for key in q.correct_keys[1:]:
        item.locator(f'input[value="{key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(result).to_contain_text("That fits")
    expect(result.locator(".ps-found")).to_have_count(0)
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_reflection_box_says_who_can_open_it(browser, trainee_site, course, scheme):
    from builder.pages.templating import STRINGS

    site = trainee_site[1]
    page = open_page(browser, viewport=PHONE, color_scheme=scheme)
    modules = [m for m in course.modules if m.reflections and m.reflections.prompts]
    for module in (modules[0], modules[-1]):
        page.goto(site + f"modules/{module.id}/")
        settle(page, scheme)
        line = page.locator("#reflections-privacy")
        expect(line).to_contain_text(STRINGS["reflection_privacy"])
        expect(line).not_to_contain_text("Nobody else")
        boxes = page.locator("[data-ps-entry]")
        expect(boxes).to_have_count(len(module.reflections.prompts))
        for box in boxes.all():
            expect(box).to_have_attribute("aria-describedby", "reflections-privacy")
            expect(box).to_have_accessible_description(re.compile("anyone using this browser can open it"))
    axe_clean(page)
    link = line.get_by_role("link", name=STRINGS["reflection_privacy_link"])
    link.click()
    expect(page).to_have_url(re.compile(r"safety/#what-quick-exit-cannot-hide$"))
    expect(page.get_by_role("link", name="my progress").first).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_question_map_finds_what_is_unanswered(browser, trainee_site, course, scheme):
    site = trainee_site[1]
    module = next(m for m in course.modules if m.quiz and len(m.quiz.questions) >= 3
                  and all(q.type != "ordering" for q in m.quiz.questions[:3]))
    qs, n = module.quiz.questions, len(module.quiz.questions)
    page = open_page(browser, viewport=PHONE, color_scheme=scheme)
    page.goto(site + f"modules/{module.id}/")
    settle(page, scheme)
    to_check = page.get_by_role("link", name="Go to the self-check")
    assert to_check.evaluate("a => a.getBoundingClientRect().top") < page.locator("#self-check").evaluate(
        "h => h.getBoundingClientRect().top")
    bank_qmap = page.locator("[data-ps-qmap]")
    expect(bank_qmap).to_have_text(f"0 of {n} answered · next unanswered: Question 1")
    expect(page.locator("[data-ps-unanswered]")).to_be_hidden()
    for q in (qs[0], qs[2]):
        item = page.locator(f"#q-{q.id}")
        item.locator(f'input[value="{q.correct_keys[0]}"]').check()
        item.get_by_role("button", name="Check").click()
    expect(bank_qmap).to_have_text(f"2 of {n} answered · next unanswered: Question 2")
    rest = page.locator("[data-ps-unanswered]")
    expect(rest).to_contain_text(f"Not answered yet ({n - 2} of {n})")
    links = rest.get_by_role("link")
    expect(links).to_have_count(n - 2)
    expect(links.first).to_have_text("Question 2")
    expect(links.first).to_have_attribute("href", f"#q-{qs[1].id}")
    axe_clean(page)
    to_check.click()
    expect(page).to_have_url(re.compile("#self-check$"))
    bank_qmap.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"#q-{qs[1].id}$"))
    page.context.close()


def test_printed_workbook_has_ruled_lines_in_every_box(browser, trainee_site, course):
    from pypdf import PdfReader
    import io

    page = open_page(browser)
    page.goto(trainee_site[1] + "workbook/")
    page.emulate_media(media="print")
    boxes = page.locator(".ps-workbook .ps-lines")
    prompts = sum(len(m.reflections.prompts) for m in course.modules if m.reflections)
    expect(boxes).to_have_count(prompts)
    assert page.locator(".ps-workbook .ps-lines:not(:has(div))").count() == 0
    style = boxes.first.locator("div").first.evaluate(
        "e => getComputedStyle(e).borderBottomStyle + ' ' + getComputedStyle(e).borderBottomWidth")
    assert style.startswith("solid") and not style.endswith(" 0px"), style
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(reader.pages) > len(course.modules)
    page.context.close()
