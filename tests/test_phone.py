"""Phones and large text (issue 25, points 2 and 6): at 320 and 360 px, light
and dark, at the usual text size and with the browser's text size doubled, the
header keeps Quick exit apart from every other button, the title is never cut
to "B.C. …", ordering steps put their moves under the text, "Back to top"
covers nothing, every target is 44 x 44 px, buttons keep their colours after a
tap, and the self-check's running line stays pinned under the header."""

from __future__ import annotations

import re

import pytest
from browsing import answered, set_record
from phone import SCHEMES, WIDTHS, overlaps, phone, root_font_px, settle, small_targets
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
SIZES = {"usual": False, "doubled": True}
HEADER_BUTTONS = ".md-header label.md-header__button, .md-header form[data-md-component=palette] label"


def visible_boxes(page: Page, selector: str) -> list[dict]:
    return page.evaluate("""s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length
        && getComputedStyle(e).visibility !== 'hidden').map(e => {
            const r = e.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height,
                    name: e.getAttribute('for') || e.title || e.className};
        })""", selector)


def ordering_module(course):
    return next(m for m in course.modules if m.quiz and any(q.type == "ordering" for q in m.quiz.questions))


# --- the header ------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_header_keeps_quick_exit_apart_from_every_button(browser, trainee_site, width, scheme, size):
    page = phone(browser, width, scheme, large=SIZES[size])
    page.goto(trainee_site[1] + "modules/01-foundations/")
    settle(page, scheme)
    assert root_font_px(page) == (40 if SIZES[size] else 20)
    exit_box = page.locator(".ps-exit").bounding_box()
    buttons = visible_boxes(page, HEADER_BUTTONS)
    assert {b["name"] for b in buttons} >= {"__drawer", "__search"}, buttons
    for b in buttons:
        assert not overlaps(b, exit_box), (b, exit_box)
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, b
        assert b["width"] >= 44 and b["height"] >= 44, b
        # What a tap there reaches is the button, not Quick exit.
        hit = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y);"
                            " return !!e.closest('label') && !e.closest('.ps-exit'); }",
                            [b["x"] + b["width"] / 2, b["y"] + b["height"] / 2])
        assert hit, b
    # The title: in full (on two lines at most), or not at all; never cut to "B.C. …".
    title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    shown = title.evaluate("e => getComputedStyle(e).visibility !== 'hidden'")
    if shown:  # measured once the theme's header has laid out (its title first spans the row)
        title.evaluate("""e => new Promise((done, fail) => {  // the header's transitions end
            const x = document.querySelector('.ps-exit').getBoundingClientRect(), t0 = Date.now();
            (function wait() {
                const r = e.getBoundingClientRect();
                if (r.right <= x.left || r.left >= x.right) return done();
                if (Date.now() - t0 > 3000) return fail(new Error('title under Quick exit'));
                requestAnimationFrame(wait);
            })();
        })""")
        assert title.evaluate("e => e.scrollHeight <= e.clientHeight + 1"
                              " && e.scrollWidth <= e.clientWidth + 1")
        assert not overlaps(title.bounding_box(), exit_box)
    assert shown == (width == 360 and not SIZES[size])
    # A tap on search opens the search, and its field is not under Quick exit.
    page.locator("label.md-header__button[for=__search]").tap()
    query = page.locator("input[data-md-component=search-query]")
    expect(query).to_be_visible()
    # The search slides in (and loads on first use, lazysearch.js): measured once it is in place.
    page.wait_for_function("""x => { const e = document.querySelector('input[data-md-component=search-query]'),
        r = e.getBoundingClientRect(), right = r.right - parseFloat(getComputedStyle(e).paddingRight);
        return right <= x.x || r.left >= x.x + x.width || r.bottom <= x.y || r.top >= x.y + x.height; }""",
        arg=exit_box, timeout=5000)
    typed = query.evaluate("""e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {x: r.x, y: r.y, width: r.width - parseFloat(s.paddingRight), height: r.height}; }""")
    assert not overlaps(typed, exit_box), (typed, exit_box)  # where the words go
    assert "01-foundations" in page.url
    page.context.close()


# --- ordering steps ------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("width", WIDTHS)
def test_ordering_steps_keep_room_for_their_text(browser, trainee_site, course, width, size):
    """The moves sit beside a step while its text keeps room, and go under the text
    when it would not (with the text doubled): the text never becomes a 41 px column."""
    module = ordering_module(course)
    page = phone(browser, width, large=SIZES[size])
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    page.locator(".ps-moves").first.wait_for()
    steps = page.locator("[data-ps-type=ordering]").first.locator("[data-ps-step]")
    below = []
    for i in range(steps.count()):
        step = steps.nth(i)
        text, moves = step.locator(".ps-step-text").bounding_box(), step.locator(".ps-moves").bounding_box()
        font = step.locator(".ps-step-text").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        row = step.bounding_box()
        assert moves["x"] + moves["width"] <= width, moves
        assert not overlaps(text, moves)
        below.append(moves["y"] >= text["y"] + text["height"] - 1)
        if below[-1]:  # the text has the whole row but its number
            assert text["x"] + text["width"] >= row["x"] + row["width"] - 1, (i, text, row)
        else:
            assert text["width"] >= 7.5 * font, (i, text, font)
    assert set(below) == {SIZES[size]}, below
    page.context.close()


# --- Back to top ---------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_back_to_top_is_in_the_page_and_covers_nothing(browser, trainee_site, size):
    """Nothing floats over the text but the header and Quick exit (and the self-check's
    line, which test_running_line_stays_pinned_under_the_header checks), even after
    scrolling back up, when the theme's Back to top button used to appear."""
    page = phone(browser, 320, large=SIZES[size])
    page.goto(trainee_site[1] + "modules/06-boundaries/")
    page.wait_for_load_state("load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(200)
    page.evaluate("window.scrollBy(0, -600)")  # scrolling up, when the theme's button appeared
    page.wait_for_timeout(400)
    floating = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return ['fixed', 'sticky'].includes(s.position) && r.width && r.height && s.visibility !== 'hidden'
            && s.opacity !== '0' && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    }).map(e => e.className)""")
    assert set(floating) <= {"md-header md-header--shadow", "md-header", "ps-exit", "ps-qmap"}, floating
    top = page.get_by_role("link", name="Back to top")
    expect(top).to_have_count(1)
    assert top.evaluate("e => getComputedStyle(e).position") == "static"
    top.scroll_into_view_if_needed()
    box = top.bounding_box()
    assert box["height"] >= 44
    top.tap()
    page.wait_for_function("() => window.scrollY === 0")
    page.context.close()


# --- 44 px targets ---------------------------------------------------------------------------------

def seed(page: Page, course) -> None:
    """A trainee part of the way: one module all wrong but the last, one all right."""
    module = ordering_module(course)
    other = next(m for m in course.modules if m.quiz and m is not module)
    set_record(page, module.id, answered(module, right=False, skip=1))
    set_record(page, other.id, answered(other, right=True))


@pytest.mark.parametrize("path", ["", "modules/{ordering}/", "progress/", "review/", "record/",
                                  "support-lines/", "safety/", "workbook/", "glossary/"])
def test_every_target_is_44_px_at_360(browser, trainee_site, course, path):
    """Every visible control, measured (inline links in running text are exempt under
    WCAG 2.5.8, and left out: see tests/phone.py)."""
    page = phone(browser, 360)
    page.goto(trainee_site[1])
    seed(page, course)
    page.goto(trainee_site[1] + path.format(ordering=ordering_module(course).id))
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)  # the page's scripts have filled it in
    assert small_targets(page) == []
    if path.startswith("modules/"):  # the results showing, and the menu open
        expect(page.locator("[data-ps-done]")).to_be_hidden()
        assert page.locator("[data-ps-retry]:visible").count() > 0
        page.locator("label.md-header__button[for=__drawer]").tap()
        page.wait_for_timeout(400)
        assert small_targets(page) == []
    page.context.close()


# --- buttons after a tap ----------------------------------------------------------------------------

def colours(page: Page, selector: str) -> list[str]:
    return page.locator(selector).first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.color, s.borderColor]; }")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_buttons_keep_their_colours_after_a_tap(browser, trainee_site, course, scheme):
    """A touch leaves :hover and :focus on a button; it used to turn orange-red, near the
    danger colour. It now looks as it did, primary and secondary alike."""
    module = ordering_module(course)
    page = phone(browser, 360, scheme)
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    settle(page, scheme)
    check = f"#q-{module.quiz.questions[0].id} [data-ps-check]"
    before = colours(page, check)
    page.locator(check).tap()  # nothing chosen: it says so, and the button stays
    expect(page.locator(f"#q-{module.quiz.questions[0].id} [data-ps-hint]")).to_be_visible()
    assert page.evaluate("s => document.querySelector(s).matches(':hover, :focus')", check)
    assert colours(page, check) == before
    page.goto(trainee_site[1] + "progress/")
    settle(page, scheme)
    button = "[data-ps-export-journal]"
    before = colours(page, button)
    page.locator(button).tap()
    assert colours(page, button) == before
    page.context.close()


# --- the running line of the self-check ---------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_running_line_stays_pinned_under_the_header(browser, trainee_site, course, width, scheme):
    module = next(m for m in course.modules if m.quiz and len(m.quiz.questions) >= 8
                  and all(q.type != "ordering" for q in m.quiz.questions[:2]))
    qs = module.quiz.questions
    page = phone(browser, width, scheme)
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    settle(page, scheme)
    line = page.locator("[data-ps-qmap]")
    first = page.locator(f"#q-{qs[0].id}")
    first.locator(f'input[value="{qs[0].correct_keys[0]}"]').check()
    first.get_by_role("button", name="Check").click()
    expect(line).to_have_text(f"1 of {len(qs)} answered · next unanswered: Question 2")
    header = page.locator(".md-header").bounding_box()
    exit_box = page.locator(".ps-exit").bounding_box()
    for n in (3, 6, len(qs) - 1):  # deep in the self-check, the line is still in reach
        page.locator(f"#q-{qs[n].id}").scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 200)")
        box = line.bounding_box()
        assert abs(box["y"] - (header["y"] + header["height"])) <= 1, (box, header)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert not overlaps(box, exit_box)
    # Its link brings the next unanswered question right below it, not under it, even
    # tapped straight after a scroll (the theme's instant navigation put the page back).
    page.evaluate("window.scrollBy(0, -50)")
    line.get_by_role("link").tap()
    expect(page).to_have_url(re.compile(f"#q-{qs[1].id}$"))
    page.wait_for_timeout(400)
    target = page.locator(f"#q-{qs[1].id}").bounding_box()
    bottom = line.bounding_box()["y"] + line.bounding_box()["height"]
    assert bottom - 1 <= target["y"] <= bottom + 48, (target, bottom)
    assert page.evaluate(f"document.activeElement.id === 'q-{qs[1].id}'")
    # The keyboard too: an option reached with Tab is never left under the line.
    page.locator(f"#q-{qs[4].id}").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 300)")
    page.locator(f"#q-{qs[4].id} input").first.focus()
    bar = line.bounding_box()
    focused = page.evaluate("document.activeElement.closest('label').getBoundingClientRect().top")
    assert focused >= bar["y"] + bar["height"] - 1
    page.context.close()


def test_running_line_is_not_pinned_with_the_text_doubled(browser, trainee_site, course):
    """With the text doubled the line would cover a third of a phone's screen: it stays
    at the top of the self-check, and the links at the top and end of it stay."""
    module = next(m for m in course.modules if m.quiz)
    page = phone(browser, 360, large=True)
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    line = page.locator("[data-ps-qmap]")
    expect(line).to_be_visible()
    assert line.evaluate("e => getComputedStyle(e).position") == "static"
    expect(page.get_by_role("link", name="Go to the self-check")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_menu_fits_the_screen_with_the_text_doubled(browser, trainee_site, width):
    """The theme's drawer is 12.1rem wide, 484 px with the text doubled: its links were cut."""
    page = phone(browser, width, large=True)
    page.goto(trainee_site[1] + "modules/06-boundaries/")
    page.locator("label.md-header__button[for=__drawer]").tap()
    page.wait_for_timeout(400)
    links = visible_boxes(page, ".md-nav--primary .md-nav__link")
    shown = [b for b in links if b["x"] + b["width"] > 0 and b["x"] < width]
    assert len(shown) >= 5
    assert [b for b in shown if b["x"] < 0 or b["x"] + b["width"] > width + 1] == []
    assert small_targets(page) == []
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_go_to_the_self_check_lands_under_the_header(browser, trainee_site, course, size):
    """Tapped straight after a scroll, as a flick would leave it."""
    module = next(m for m in course.modules if m.quiz)
    page = phone(browser, 360, large=SIZES[size])
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    page.wait_for_load_state("load")
    link = page.get_by_role("link", name="Go to the self-check")
    link.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -30)")
    link.tap()
    expect(page).to_have_url(re.compile("#self-check$"))
    page.wait_for_timeout(400)
    header = page.locator(".md-header").bounding_box()
    top = page.locator("#self-check").bounding_box()["y"]
    under = header["y"] + header["height"]
    assert under <= top <= under + 1.3 * root_font_px(page), (top, header)  # a line's gap at most
    assert page.evaluate("document.activeElement.id === 'self-check'")
    page.context.close()
