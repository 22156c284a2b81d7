"""Review what you missed (issue 25, point 7): every question the trainee has
not yet answered right, from every module they have started, the module opened
longest ago first, answerable in place by the self-check itself, linked from
home and the progress page; nothing is fetched or sent."""

from __future__ import annotations

import re

import pytest
from browsing import module_key, set_record
from phone import SCHEMES, phone, settle
from playwright.sync_api import Page, expect
from test_a11y import axe_clean

pytestmark = pytest.mark.browser


def record(module, visited: str, wrong: list[int], skipped: list[int]) -> dict:
    answers = {}
    for i, q in enumerate(module.quiz.questions):
        if i in skipped:
            continue
        if q.type == "ordering":
            keys = [str(n) for n in range(1, len(q.steps) + 1)]
        else:
            keys = [o.key for o in q.options if o.correct != (i in wrong)][:1 if i in wrong else None]
        answers[q.id] = {"chosen": keys, "correct": i not in wrong, "rev": q.revision,
                         "first": i not in wrong}
    return {"v": 2, "visited": visited, "attempts": len(answers), "answers": answers,
            "best": {"score": len(answers) - len(wrong), "total": len(module.quiz.questions)}}


def answer_right(item, q) -> None:
    """Choose exactly the right options of a single, true/false or multiple-answer question."""
    if q.type == "multiple":
        for box in item.locator("input[type=checkbox]").all():
            box.uncheck()
    for key in q.correct_keys:
        item.locator(f'input[value="{key}"]').check()


@pytest.fixture
def trainee(course):
    """Three started modules (the second opened first), one more not started."""
    usable = [m for m in course.modules if m.quiz and len(m.quiz.questions) >= 4
              and all(q.type != "ordering" for q in m.quiz.questions[:3])]
    newer, older, perfect, untouched = usable[:4]
    return [
        (newer, record(newer, "2026-10-01T10:00:00Z", wrong=[0, 1], skipped=[])),
        (older, record(older, "2026-09-01T10:00:00Z", wrong=[0], skipped=[1, 2])),
        (perfect, record(perfect, "2026-08-01T10:00:00Z", wrong=[], skipped=[])),
    ], untouched


def seed(page: Page, records: list) -> None:
    for module, rec in records:
        set_record(page, module.id, rec)


def stored(page: Page, module) -> dict:
    import json
    return json.loads(page.evaluate("k => localStorage.getItem(k)", module_key(module.id)))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_review_lists_what_was_missed_oldest_first_and_answers_in_place(browser, trainee_site,
                                                                         trainee, scheme):
    records, untouched = trainee
    (newer, _), (older, _), (perfect, _) = records
    site = trainee_site[1]
    page = phone(browser, 320, scheme)
    asked = []
    page.on("request", lambda r: asked.append((r.method, r.url)))
    page.goto(site)
    seed(page, records)
    link = page.locator(".ps-review-link a")
    expect(link).to_have_text("Review what you missed")
    link.click()
    expect(page).to_have_url(site + "review/")
    settle(page, scheme)
    banks = page.locator("[data-ps-bank]:visible")
    expect(banks).to_have_count(2)
    assert [banks.nth(i).get_attribute("data-ps-bank") for i in range(2)] == [older.id, newer.id]
    for module, shown in ((older, [0, 1, 2]), (newer, [0, 1])):
        questions = page.locator(f'[data-ps-bank="{module.id}"] [data-ps-question]')
        assert questions.evaluate_all("qs => qs.map(q => q.dataset.psQuestion)") == [
            module.quiz.questions[i].id for i in shown]
        expect(page.locator(f'[data-ps-bank="{module.id}"] h2')).to_have_text(module.label)
    for module in (perfect, untouched):
        gone = f'[data-ps-review-bank="{module.id}"], [data-ps-bank="{module.id}"]'
        expect(page.locator(gone)).to_have_count(0)
    expect(page.locator("[data-ps-review-summary]")).to_have_text(
        "5 questions to review, from 2 modules: 3 answered but not yet right, 2 not answered yet.")
    # A missed answer shows as it was left, and is tried again here.
    q = newer.quiz.questions[0]
    item = page.locator(f"#q-{q.id}")
    expect(item.locator("[data-ps-result]")).to_contain_text("Not quite")
    item.get_by_role("button", name="Try again").click()
    answer_right(item, q)
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    saved = stored(page, newer)
    assert saved["answers"][q.id]["correct"] is True and saved["answers"][q.id]["first"] is False
    n = len(newer.quiz.questions)
    assert saved["best"] == {"score": n - 1, "total": n}, "the whole module counts, not the page's part"
    expect(page.locator(f'[data-ps-bank="{newer.id}"] [data-ps-score]')).to_contain_text(
        f"all {n} answered")
    # An unanswered one, answered here, counts on the module's own page.
    s = older.quiz.questions[1]
    answer_right(page.locator(f"#q-{s.id}"), s)
    page.locator(f"#q-{s.id}").get_by_role("button", name="Check").click()
    expect(page.locator(f"#q-{s.id} [data-ps-result]")).to_contain_text("That fits")
    axe_clean(page)
    page.reload()
    expect(page.locator(f"#q-{q.id}")).to_have_count(0)
    expect(page.locator(f"#q-{s.id}")).to_have_count(0)
    expect(page.locator("[data-ps-review-summary]")).to_have_text(
        "3 questions to review, from 2 modules: 2 answered but not yet right, 1 not answered yet.")
    # Nothing was fetched for the review, and nothing left: only this site's files, read.
    assert all(url.startswith(site) and method == "GET" for method, url in asked), asked
    assert not [url for _, url in asked if "/modules/" in url], "no module page fetched"
    page.goto(site + f"modules/{older.id}/")
    expect(page.locator(f"#q-{s.id} [data-ps-result]")).to_contain_text("That fits")
    page.context.close()


def test_review_reached_with_the_keyboard_and_from_progress(browser, trainee_site, trainee):
    records, _ = trainee
    page = phone(browser, 360)
    page.goto(trainee_site[1])
    seed(page, records)
    page.goto(trainee_site[1] + "progress/")
    page.locator(".ps-review-link a").click()
    expect(page.locator("[data-ps-question]:visible").first).to_be_visible()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-ps-question]')"):
            break
    # The first is a missed answer, shown as it was left: its first control is Try again.
    assert page.evaluate("document.activeElement.matches('[data-ps-question] [data-ps-retry]')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('[data-ps-question] input')")
    page.context.close()


def test_nothing_to_review(browser, trainee_site, trainee):
    records, _ = trainee
    page = phone(browser, 360)
    page.goto(trainee_site[1] + "review/")
    expect(page.locator("[data-ps-review-summary]")).to_contain_text("You have not started a module yet")
    perfect, rec = records[2]
    set_record(page, perfect.id, rec)
    page.reload()
    expect(page.locator("[data-ps-review-summary]")).to_have_text(
        "Nothing to review: you have answered every question of the modules you have started, "
        "and every answer is right.")
    expect(page.locator("[data-ps-question]:visible")).to_have_count(0)
    page.context.close()


def test_review_works_opened_from_disk(browser, offline_bundle, trainee):
    """The offline bundle: no server, no fetch; the page holds what it needs."""
    records, _ = trainee
    older = records[1][0]
    page = phone(browser, 360)
    page.goto((offline_bundle / "review.html").as_uri())
    seed(page, records)
    page.reload()
    expect(page.locator(f'[data-ps-bank="{older.id}"] [data-ps-question]')).to_have_count(3)
    expect(page.locator("[data-ps-review-summary]")).to_contain_text(re.compile(r"^5 questions"))
    page.context.close()
