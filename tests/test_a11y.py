"""Accessible in every scheme and size (issue 13): axe-core in light and dark,
no sideways scrolling at 320 px in either edition or the agency example,
focus that shows, 44 px targets on a phone, a quick exit that covers nothing,
and screen-reader text hidden by a class of our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsing import answered, open_page, set_record
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
SCHEMES = {"light": "default", "dark": "slate"}
TRAINEE_PAGES = ["", "modules/01-foundations/", "progress/", "modules/standards-of-practice/",
                 "modules/code-of-conduct/", "glossary/", "support-lines/", "take-a-break/"]
FACILITATOR_PAGES = ["facilitator/01-foundations/", "facilitator/01-foundations-answers/",
                     "facilitator/01-foundations-handout/"]
PHONE = {"width": 390, "height": 844}


def in_scheme(browser, scheme: str, **context_args) -> Page:
    """A page that will show the site in this scheme (the palette follows the system's)."""
    return open_page(browser, color_scheme=scheme, **context_args)


def settle(page: Page, scheme: str) -> None:
    page.wait_for_load_state("load")
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])


def axe_clean(page: Page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def axe_when_still(page: Page) -> None:
    """axe-core once no transition runs: a colour halfway through a transition (a palette
    applied after going back, a button fading in) has no contrast to judge."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    axe_clean(page)


# --- axe-core, light and dark -----------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", TRAINEE_PAGES)
def test_axe_trainee_pages(browser, trainee_site, scheme, path):
    page = in_scheme(browser, scheme)
    page.goto(trainee_site[1] + path)
    settle(page, scheme)
    axe_clean(page)
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", FACILITATOR_PAGES)
def test_axe_facilitator_pages(browser, facilitator_url, scheme, path):
    page = in_scheme(browser, scheme)
    page.goto(facilitator_url + path)
    settle(page, scheme)
    axe_clean(page)
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_module_page_after_answering(browser, trainee_site, course, scheme):
    """Results, "Show the answer" open, the completion panel, a moved step."""
    module = next(m for m in course.modules if m.quiz and m.reflections
                  and any(q.type == "ordering" for q in m.quiz.questions))
    page = in_scheme(browser, scheme)
    page.goto(trainee_site[1])
    set_record(page, module.id, answered(module, right=False, skip=1))
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    settle(page, scheme)
    last = page.locator("[data-ps-question]").last
    if last.get_attribute("data-ps-type") != "ordering":
        last.locator("input").first.check()
    last.get_by_role("button", name="Check").click()
    expect(page.locator("[data-ps-done]")).to_be_visible()
    first = page.locator("[data-ps-question]").first
    first.locator("summary", has_text="Show the answer").click()  # not a feedback's safety box
    ordering = page.locator("[data-ps-type=ordering]").first
    ordering.get_by_role("button", name="Try again").click()
    ordering.locator('[data-ps-move="down"]').first.click()
    page.locator("[data-ps-entry]").first.fill("A reflection.")
    axe_clean(page)
    page.context.close()


@pytest.mark.parametrize("path", ["curriculum-map/"])  # progress/ is a task list (test_progress_page.py)
def test_axe_at_320_px_where_tables_scroll(browser, trainee_site, path):
    """A table wider than the screen scrolls in a region the keyboard reaches, with a name."""
    page = open_page(browser, viewport={"width": 320, "height": 640})
    page.goto(trainee_site[1] + path)
    page.wait_for_load_state("load")
    regions = page.locator(".md-typeset__scrollwrap[tabindex='0'], .ps-table-scroll")
    assert regions.count() >= 1
    for region in regions.all():
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
    axe_clean(page)
    page.context.close()


# --- 320 px: no sideways scrolling ---------------------------------------------------

def every_page(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix()[: -len("index.html")] for p in root.rglob("index.html"))


def sideways(page: Page, url: str) -> list[str]:
    """What sticks out past the right edge of the page, if the page scrolls sideways."""
    page.goto(url, wait_until="domcontentloaded")  # styles and deferred scripts have run
    return page.evaluate("""() => {
        const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return [];
        return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className);
    }""")


@pytest.mark.parametrize("edition", ["trainee", "facilitator", "agency"])
def test_no_page_scrolls_sideways_at_320(browser, edition, request):
    if edition == "trainee":
        root, url = request.getfixturevalue("trainee_site")
    else:
        root, url = request.getfixturevalue(f"{edition}_site"), request.getfixturevalue(f"{edition}_url")
    page = open_page(browser, viewport={"width": 320, "height": 640})
    pages = every_page(root)
    assert len(pages) >= 10
    wide = {rel: found for rel in pages if (found := sideways(page, url + rel))}
    assert wide == {}
    page.context.close()


def test_a_module_with_every_result_showing_fits_320(browser, trainee_site, course):
    module = next(m for m in course.modules if m.quiz and any(q.type == "ordering" for q in m.quiz.questions))
    page = open_page(browser, viewport={"width": 320, "height": 640})
    page.goto(trainee_site[1])
    set_record(page, module.id, answered(module, right=False))
    assert sideways(page, trainee_site[1] + f"modules/{module.id}/") == []
    expect(page.locator("[data-ps-done]")).to_be_visible()
    page.context.close()


# --- focus you can see ------------------------------------------------------------------

FOCUSABLE = {  # what a trainee tabs to on a module page, by a selector for each
    "answer (radio)": "[data-ps-type=single] input",
    "answer (checkbox)": "[data-ps-type=multiple] input",
    "Check": "[data-ps-check]",
    "move": "[data-ps-type=ordering] [data-ps-move]:not(:disabled)",
    "reflection": "[data-ps-entry]",
    "download": "[data-ps-export-module]",
    "link in text": ".md-typeset .ps-facts a",
    "quick exit": ".ps-exit",
    "navigation link": ".md-nav--primary .md-nav__link[href]",
}


def looks(page: Page, selector: str) -> bytes:
    """A picture of the element and a margin around it, where an outline shows."""
    box = page.locator(selector).first.bounding_box()
    clip = {"x": max(box["x"] - 8, 0), "y": max(box["y"] - 8, 0),
            "width": box["width"] + 16, "height": box["height"] + 16}
    return page.screenshot(clip=clip, animations="disabled")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focus_changes_how_each_control_looks(browser, trainee_site, course, scheme):
    module = next(m for m in course.modules if m.quiz and m.reflections
                  and {"single", "multiple", "ordering"} <= {q.type for q in m.quiz.questions})
    page = in_scheme(browser, scheme, viewport={"width": 1280, "height": 900})
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    settle(page, scheme)
    page.locator(".ps-js").first.wait_for()
    page.mouse.move(0, 899)
    unchanged = []
    for name, selector in FOCUSABLE.items():
        target = page.locator(selector).first
        # Mid-screen: clear of the self-check's line, pinned under the header (test_phone.py).
        target.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        before = looks(page, selector)
        page.keyboard.press("Tab")  # a key press: what follows is keyboard focus
        target.focus()
        assert page.evaluate("s => document.querySelector(s).matches(':focus-visible')", selector), name
        if looks(page, selector) == before:
            unchanged.append(name)
    assert unchanged == []
    # And the real thing: Tab from the question's prompt lands on its first answer, which shows it.
    q = page.locator("[data-ps-type=single]").first
    q.locator(".ps-prompt").click()
    before = looks(page, "[data-ps-type=single] .ps-option")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-ps-type=single] input')")
    assert looks(page, "[data-ps-type=single] .ps-option") != before
    page.context.close()


# --- a phone: 44 px targets, and a quick exit that covers nothing -------------------------

def size(page: Page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not on the page"
    return box


def test_targets_are_44_px_on_a_phone(browser, trainee_site, course):
    module = next(m for m in course.modules if m.quiz and any(q.type == "ordering" for q in m.quiz.questions))
    page = open_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(trainee_site[1] + f"modules/{module.id}/")
    page.locator(".ps-js").first.wait_for()
    small = {}
    for name, selector in {"answer": ".ps-option-label", "Check": "[data-ps-check]",
                           "move": "[data-ps-move]", "quick exit": ".ps-exit"}.items():
        for el in page.locator(selector).all()[:6]:
            el.scroll_into_view_if_needed()
            box = el.bounding_box()
            if box and (box["height"] < 44 or box["width"] < 44):
                small[name] = box
    q = next(q for q in module.quiz.questions if q.type == "single")
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{next(o for o in q.options if not o.correct).key}"]').check()
    item.get_by_role("button", name="Check").click()
    for selector in ("[data-ps-retry]", "summary"):
        box = size(page, f"#q-{q.id} {selector}")
        assert box["height"] >= 44 and box["width"] >= 44, (selector, box)
    page.goto(trainee_site[1] + "support-lines/")
    for call in page.locator(".ps-line-actions .md-button").all():
        box = call.bounding_box()
        if box["height"] < 44:
            small[call.inner_text()] = box
    assert small == {}
    page.context.close()


def covered_controls(page: Page) -> list[str]:
    """Controls the quick exit covers once each is scrolled into view."""
    return page.evaluate("""() => {
        const exit = document.querySelector('.ps-exit'), out = [];
        const sel = 'a[href], button, input, label, select, textarea, summary, [tabindex="0"]';
        for (const el of document.querySelectorAll(sel)) {
            if (exit.contains(el) || !el.getClientRects().length) continue;
            el.scrollIntoView({block: 'center'});
            const r = el.getBoundingClientRect(), x = exit.getBoundingClientRect();
            if (r.width && r.height && r.left < x.right && r.right > x.left && r.top < x.bottom && r.bottom > x.top)
                out.push(el.outerHTML.slice(0, 80));
        }
        return out;
    }""")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_quick_exit_covers_no_control(browser, trainee_site, course, viewport):
    module = next(m for m in course.modules if m.quiz and any(q.type == "ordering" for q in m.quiz.questions))
    page = open_page(browser, viewport=viewport)
    for path in (f"modules/{module.id}/", "support-lines/"):
        page.goto(trainee_site[1] + path)
        page.locator(".ps-exit").wait_for()
        page.wait_for_load_state("load")
        assert covered_controls(page) == [], path
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        expect(page.locator(".ps-exit")).to_be_in_viewport()
    # With the search open (full screen on a phone), its clear button stays clear of it.
    query = page.locator("input[data-md-component='search-query']")
    if viewport is PHONE:  # the search opens, full screen, from its button
        page.locator("label[for=__search]").first.click()
    else:
        query.click()
    expect(query).to_be_focused()
    page.keyboard.type("988", delay=30)
    expect(page.locator(".md-search__form button[type=reset]")).to_be_visible()
    page.wait_for_function("""() => {  // once the search has slid into place
        const a = document.querySelector('.md-search__form button[type=reset]').getBoundingClientRect();
        const b = document.querySelector('.ps-exit').getBoundingClientRect();
        return a.right <= b.left || a.top >= b.bottom; }""", timeout=3000)
    page.context.close()


# --- screen-reader text ----------------------------------------------------------------------

def test_screen_reader_text_uses_our_own_class(browser, trainee_site, course):
    assets = Path(trainee_site[0]) / "assets/peer-support"
    assert not any("md-visually-hidden" in p.read_text() for p in assets.glob("*.js"))
    module = course.modules[0]
    total = len(module.quiz.questions) if module.quiz else 0
    page = open_page(browser)
    page.goto(trainee_site[1])
    set_record(page, module.id, {"v": 2, "visited": "2026-11-01T10:00:00Z", "attempts": total,
                                 "best": {"score": total, "total": total}, "answers": {}})
    page.goto(trainee_site[1] + f"modules/{module.id}/")  # its section of the menu is open
    link = page.locator(f'.md-nav--primary .md-nav__link[href$="modules/{module.id}/"]').first
    sr = link.locator(".ps-sr-only")
    expect(sr).to_have_text(" (completed)")
    box = sr.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1, box
    expect(page.get_by_role("link", name=re.compile(r"\(completed\)")).first).to_be_attached()
    page.context.close()


def test_the_site_follows_the_devices_scheme_until_the_trainee_picks_one(browser, trainee_site):
    """The theme used to save the scheme of the first visit: a phone switched to dark
    mode afterwards kept the light site. Now a visit keeps following the device."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(trainee_site[1])
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    page.emulate_media(color_scheme="dark")
    page.reload()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.locator("form[data-md-component=palette] label:visible").first.click()  # the trainee picks light
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    page.reload()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    context.close()
