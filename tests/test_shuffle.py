"""Options in a mixed order (issue 11): where an option sits tells nothing.
The order is new each visit and the same all through it; `shuffle: false`
keeps a question's options as written; answers are kept by option key, so they
come back right in any order; the answer key and the exports keep the order
written. A wrong answer shows only the feedback on what was chosen."""

from __future__ import annotations

import html

import re
import xml.etree.ElementTree as ET

import pytest
from browsing import SITE_ID, open_page
from conftest import BANK, problems_of, write
from playwright.sync_api import expect
from test_render import loaded

from builder.commands.export import moodle_xml
from builder.pages.render import module_page, site_pages

SEED = f"ps:{SITE_ID}:option-order"
SCALE = BANK + """  - id: m01-q02
    type: single
    kind: recall
    competencies: [SP-1.2]
    shuffle: false
    prompt: How sure are you?
    options:
      - {text: Not at all, correct: true, feedback: Fine.}
      - {text: A little, feedback: Fine.}
      - {text: Very, feedback: Fine.}
    explanation: A scale keeps its order.
"""


# --- the content: shuffle: false --------------------------------------------------

def test_shuffle_false_keeps_the_order_written(mini):
    write(mini / "quizzes/01-one.yml", SCALE)
    course = loaded(mini)
    bank = course.module("01-one").quiz
    assert [q.shuffle for q in bank.questions] == [True, False]
    page = module_page(course.module("01-one"), course)
    lists = re.findall(r'<ul class="ps-options"[^>]*>', page)
    assert lists == ['<ul class="ps-options" data-ps-shuffle>', '<ul class="ps-options">']
    xml = ET.fromstring(moodle_xml([course.module("01-one")]))
    assert [e.text for e in xml.iter("shuffleanswers")] == ["1", "0"]
    assert [a.findtext("text") for a in xml.findall(".//question[@type='multichoice']")[1]
            .iter("answer")] == ["Not at all", "A little", "Very"]


def test_shuffle_on_an_ordering_question_is_an_error(mini):
    write(mini / "quizzes/01-one.yml", BANK + """  - id: m01-q02
    type: ordering
    kind: recall
    competencies: [SP-1.2]
    prompt: Put these in order.
    shuffle: false
    steps: [One, Two]
    explanation: One first.
""")
    assert problems_of(mini) == [
        'quizzes/01-one.yml:20: question "m01-q02" is a ordering question; shuffle: is only '
        "for single and multiple questions, so remove it"]


def test_shuffle_must_be_true_or_false(mini):
    write(mini / "quizzes/01-one.yml", BANK.replace("    kind: scenario\n",
                                                      "    kind: scenario\n    shuffle: sometimes\n"))
    assert problems_of(mini) == [
        'quizzes/01-one.yml:6: "shuffle" in a question must be true or false, not text']


# --- in the browser ---------------------------------------------------------------------

@pytest.fixture
def page(browser):
    pg = open_page(browser)
    yield pg
    pg.context.close()


def shown_order(page) -> dict[str, list[str]]:
    """Each question's option keys, as the page shows them."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-ps-question]')]
        .filter(q => q.querySelector('[data-ps-option]'))
        .map(q => [q.dataset.psQuestion, [...q.querySelectorAll('[data-ps-option]')].map(o => o.dataset.psOption)]))""")


def mixed_module(course):
    return next(m for m in course.modules
                if m.quiz and sum(q.type in ("single", "multiple") for q in m.quiz.questions) >= 3)


def visit(page, url: str, seed: str | None) -> dict[str, list[str]]:
    """Open the page as a visit with this seed (None: let the page choose one)."""
    page.goto(url)
    if seed is not None:
        page.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [SEED, seed])
        page.reload()
    page.locator(".ps-js").first.wait_for()
    return shown_order(page)


def test_order_is_mixed_for_a_visit_and_stable_across_reloads(page, trainee_site, course):
    module = mixed_module(course)
    url = trainee_site[1] + f"modules/{module.id}/"
    written = {q.id: [o.key for o in q.options] for q in module.quiz.questions if q.options}
    first = visit(page, url, "12345")
    mixed = [qid for qid in first if first[qid] != written[qid]]
    assert mixed, "seed 12345 left every question in the order written"
    kinds = {q.id: q.type for q in module.quiz.questions}
    for qid, keys in first.items():
        assert sorted(keys) == sorted(written[qid])
        if kinds[qid] == "true-false":
            assert keys == written[qid], "true/false keeps its order"
    page.reload()
    page.locator(".ps-js").first.wait_for()
    assert shown_order(page) == first, "a reload in the same visit keeps the order"
    page.goto(trainee_site[1])
    page.goto(url)
    page.locator(".ps-js").first.wait_for()
    assert shown_order(page) == first, "coming back in the same visit keeps the order"
    assert visit(page, url, "777") != first, "another visit, another order"


def test_a_new_visit_gets_its_own_order(browser, trainee_site, course):
    """No seed set: each new tab (a new visit) picks its own, and keeps it."""
    module = mixed_module(course)
    url = trainee_site[1] + f"modules/{module.id}/"
    orders, seeds = [], set()
    for _ in range(3):
        pg = open_page(browser)
        orders.append(visit(pg, url, None))
        seeds.add(pg.evaluate("k => sessionStorage.getItem(k)", SEED))
        pg.reload()
        pg.locator(".ps-js").first.wait_for()
        assert shown_order(pg) == orders[-1]
        pg.context.close()
    assert len(seeds) == 3 and len({str(o) for o in orders}) > 1


def test_a_restored_answer_shows_as_chosen_in_any_order(page, trainee_site, course):
    module = mixed_module(course)
    q = next(q for q in module.quiz.questions if q.type == "single")
    right = next(o for o in q.options if o.correct)
    url = trainee_site[1] + f"modules/{module.id}/"
    visit(page, url, "1")
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
    for seed in ("1", "2", "3"):
        order = visit(page, url, seed)
        item = page.locator(f"#q-{q.id}")
        expect(item.locator(f'input[value="{right.key}"]')).to_be_checked()
        expect(item.locator("input:checked")).to_have_count(1)
        expect(item.locator("[data-ps-result]")).to_contain_text("That fits")
        assert right.key in order[q.id]


def test_a_wrong_answer_shows_its_feedback_not_the_explanation(page, trainee_site, course):
    module = mixed_module(course)
    q = next(q for q in module.quiz.questions if q.type == "single")
    right = next(o for o in q.options if o.correct)
    wrong = next(o for o in q.options if not o.correct)
    visit(page, trainee_site[1] + f"modules/{module.id}/", "5")
    item = page.locator(f"#q-{q.id}")
    result, answer = item.locator("[data-ps-result]"), item.locator("[data-ps-answer]")
    explanation = " ".join(q.explanation.split())[:40]
    item.locator(f'input[value="{wrong.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(result).to_contain_text("Not quite")
    expect(result).to_contain_text(" ".join(wrong.feedback.split())[:30])
    expect(result).to_contain_text("Try again")
    expect(result).not_to_contain_text(explanation)
    expect(result).not_to_contain_text(" ".join(right.feedback.split())[:30])
    expect(item.locator("[data-ps-explanation]")).to_be_hidden()
    # The learner may open "Show the answer": then the explanation is there.
    item.locator("summary", has_text="Show the answer").click()
    expect(item.locator("[data-ps-explanation]")).to_be_visible()
    expect(answer).to_contain_text(explanation)
    item.get_by_role("button", name="Try again").click()
    expect(answer).to_be_hidden()
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(result).to_contain_text("That fits")
    expect(result).to_contain_text(explanation)
    expect(answer).to_be_hidden()


def test_answer_key_keeps_the_order_written(course):
    module = mixed_module(course)
    [key] = [html.unescape(p.inlined) for p in site_pages(course, "facilitator")
             if p.src_uri == f"facilitator/{module.id}-answers.md"]
    for q in module.quiz.questions:
        section = re.sub(r"<[^>]+>", "", key[key.index(f"{{: #{q.id} }}"):])  # the words, not tags
        places = [section.index(o.text.replace("*", "")) for o in q.options]
        assert places == sorted(places), q.id
