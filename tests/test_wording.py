"""Words a trainee meets (issue 25, point 9): no "(16 checks)", "1 checks" or
"Best so far: 0 of 14" after a wrong answer, and a search for a module's
subject finds the module before the pages that only list it."""

from __future__ import annotations

import pytest
from browsing import open_page
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
JARGON = ("checks)", " 1 checks", "Best so far", "best so far")


def test_no_jargon_after_one_wrong_answer(browser, trainee_site, course):
    module = next(m for m in course.modules if m.quiz and m.quiz.questions[0].type == "single")
    q = module.quiz.questions[0]
    page = open_page(browser, viewport={"width": 360, "height": 780})
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{next(o.key for o in q.options if not o.correct)}"]').check()
    item.get_by_role("button", name="Check").click()
    score = page.locator("[data-ps-score]")
    expect(score).to_have_text(f"In progress: 1 of {len(module.quiz.questions)} questions answered. "
                               f"Your score: 0 of {len(module.quiz.questions)}.")
    for path in (f"modules/{module.id}/", "", "progress/", "record/", "review/"):
        page.goto(trainee_site[1] + path)
        page.wait_for_load_state("load")
        text = page.evaluate("document.body.innerText")
        assert [j for j in JARGON if j in text] == [], path
    page.context.close()


def test_a_search_finds_the_module_before_pages_that_list_it(browser, trainee_site):
    page = open_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(trainee_site[1])
    query = page.locator("input[data-md-component='search-query']")
    query.click()
    query.press_sequentially("boundaries", delay=30)
    results = page.locator(".md-search-result__item > .md-search-result__link")
    expect(results.first).to_be_visible()
    titles = [t.strip() for t in results.locator("h1").all_inner_texts()]
    assert titles[0].startswith("Understanding boundaries"), titles
    for utility in ("My progress", "Curriculum map", "Review what you missed", "Record of learning"):
        assert utility not in titles[:3], titles
    page.context.close()
