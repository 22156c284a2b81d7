"""The session pack printed (issue 25, point 4), to PDF in Chromium and read
back with pypdf: no lone title page, no link addresses, no heading left at the
foot of a page, no shortened question title above its full prompt; and every
handout prompt, in the pack and on its own, with six ruled lines like the
workbook's."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def pack_module(course):
    return next(m for m in course.modules if m.facilitator and m.quiz and m.reflections)


def printed(page: Page) -> list[str]:
    """Each printed page's text, on one line."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_session_pack_prints_cleanly(browser, facilitator_url, course):
    module = pack_module(course)
    page = browser.new_page()
    page.goto(facilitator_url + f"facilitator/{module.id}-pack/")
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    headings = [" ".join(t.split()) for t in page.locator(
        "article :is(h1, h2, h3, h4, h5, h6)").evaluate_all("hs => hs.map(h => h.innerText)")]
    pages = printed(page)
    assert len(pages) > 3
    title = f"Session pack: {module.label}"
    assert pages[0].startswith(title) and len(pages[0]) > len(title) + 200, "no lone title page"
    whole = " ".join(pages)
    assert "http://" not in whole and "https://" not in whole, "no link addresses"
    ends = [(i + 1, h) for i, text in enumerate(pages[:-1]) for h in headings if h and text.endswith(h)]
    assert ends == [], "a heading at the foot of a page, its text on the next"
    assert "…" not in whole, "no shortened question titles (each is headed by its number)"
    for n in range(1, len(module.quiz.questions) + 1):
        assert f"Question {n} " in whole
    # The handout part: six ruled lines under each prompt, that print.
    lines = page.locator(".ps-pack-part .ps-lines")
    assert lines.count() == len(module.reflections.prompts)
    assert lines.evaluate_all("ls => ls.map(l => l.children.length)") == [6] * lines.count()
    page.close()


def test_handout_prompts_have_the_workbooks_ruled_lines(browser, facilitator_url, trainee_site, course):
    module = pack_module(course)
    page = browser.new_page()
    page.goto(facilitator_url + f"facilitator/{module.id}-handout/")
    page.emulate_media(media="print")
    handout = page.locator(".ps-lines").evaluate_all(
        "ls => ls.map(l => [l.children.length, getComputedStyle(l.firstElementChild).borderBottomStyle,"
        " getComputedStyle(l.firstElementChild).height])")
    assert len(handout) == len(module.reflections.prompts)
    page.goto(trainee_site[1] + "workbook/")
    page.emulate_media(media="print")
    workbook = page.locator(f"#wb-{module.id}").locator("xpath=..").locator(".ps-lines").evaluate_all(
        "ls => ls.map(l => [l.children.length, getComputedStyle(l.firstElementChild).borderBottomStyle,"
        " getComputedStyle(l.firstElementChild).height])")
    assert handout == workbook and handout[0][0] == 6 and handout[0][1] == "solid"
    page.close()
