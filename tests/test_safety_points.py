"""The six safety points (issue 23): one data file, a marker wherever a
passage touches a point, the point's full text shown there in every edition and
in print, and a check that finds a passage saying less or other."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, build_site, write
from playwright.sync_api import expect
from test_a11y import SCHEMES, axe_clean, in_scheme, settle
from test_items import items_of

from builder.content.problems import Problems
from builder.load.data import load_safety_points

POINTS = load_safety_points(REPO / "data/safety-points.yml", Problems(REPO))


def paragraph(root, text: str) -> int:
    """Add a paragraph to module 1 of the mini course; return its line."""
    path = root / "modules/01-one.md"
    before = path.read_text()
    path.write_text(before.rstrip("\n") + "\n\n" + text + "\n")
    return before.rstrip("\n").count("\n") + 3


def test_the_data_holds_all_six_with_their_numbers():
    assert [p.id for p in POINTS] == ["danger", "suicide", "child", "confidentiality", "gifts",
                                      "out-of-hours"]
    child = next(p for p in POINTS if p.id == "child")
    for words in ("1-800-663-9122", "under 19", "your own", "do not need proof",
                  "does not\nreplace your report".replace("\n", " ")):
        assert words in " ".join(child.text.split()), words


def test_a_passage_that_touches_a_point_without_its_marker(mini):
    line = paragraph(mini, "If a child may not be safe at home, you have a duty to report it.")
    assert f"modules/01-one.md:{line}: this paragraph touches \"a child who may need protection\" " \
           '("duty to report") without its marker: say it as the canon does (AUTHORING.md, "One ' \
           'voice on safety") and add <!-- safety: child -->' in items_of(mini, strict=True)
    assert any(p.startswith(f"modules/01-one.md:{line}: warning: this paragraph touches")
               for p in items_of(mini))


def test_a_marked_passage_and_a_passing_word_are_clean(mini):
    paragraph(mini, "You have a duty to report it yourself. <!-- safety: child -->")
    paragraph(mini, "Her confidential diary was a gift to her sister. <!-- safety: none -->")
    paragraph(mini, "Say when you reply, and name 9-8-8 for a crisis. <!-- safety: out-of-hours -->")
    assert not [p for p in items_of(mini, strict=True) if "safety" in p or "touches" in p]


def test_an_unknown_marker_and_a_different_fact_are_errors(mini):
    a = paragraph(mini, "Keep it in mind. <!-- safety: childs -->")
    b = paragraph(mini, "For a child welfare worker, call 1-800-555-0100. <!-- safety: child -->")
    c = paragraph(mini, "If she is lonely in the evening, she can call 9-8-8. <!-- safety: none -->")
    found = items_of(mini)
    assert f'modules/01-one.md:{a}: this paragraph: "<!-- safety: childs -->" names no safety ' \
           "point; use one of child, confidentiality, danger, gifts, out-of-hours, suicide" in found
    assert f"modules/01-one.md:{b}: this paragraph gives 1-800-555-0100 where a child who may " \
           "need protection is reported; the number is 1-800-663-9122" in found
    assert f'modules/01-one.md:{c}: this paragraph offers 9-8-8 for "lonely": it is a crisis ' \
           "line; for company or a chat, name the non-crisis lines on the support lines page" in found


def test_quiz_feedback_and_reflections_are_passages(mini):
    bank = mini / "quizzes/01-one.yml"
    bank.write_text(bank.read_text().replace("feedback: Why it fits.",
                                             "feedback: Call 9-1-1 first if they overdosed."))
    found = [p for p in items_of(mini) if "touches" in p]
    assert any(p.startswith("quizzes/01-one.yml:") and 'an option of "m01-q01" touches '
               '"immediate danger to life"' in p for p in found), found


def test_an_agency_file_must_keep_all_six(tmp_path):
    own = write(tmp_path / "points.yml", "- id: danger\n  label: danger\n  text: Call 9-1-1.\n"
                "  touches: [9-1-1]\n- id: danger\n  label: again\n  text: x\n  touches: [x]\n")
    problems = Problems(tmp_path)
    load_safety_points(own, problems, anywhere=True)
    assert [str(p) for p in problems.sorted()] == [
        "points.yml:1: the safety points file has no suicide, child, confidentiality, gifts, "
        "out-of-hours; keep all six",
        'points.yml:5: safety point "danger" is listed twice']


def test_every_real_passage_is_marked():
    """The real course: `check --strict` finds no passage that says less."""
    found = [p for p in items_of(REPO, strict=True)
             if ("touches" in p or "safety" in p) and "word cue" not in p]  # a cue may be "safety"
    assert found == []


# --- the built site -------------------------------------------------------------------

def boxes(html: str) -> list[str]:
    return re.findall(r'<details class="ps-safety warning" data-ps-safety="([a-z-]+)"', html)


def test_points_render_where_marked_and_on_the_safety_page(trainee_site, facilitator_site):
    site = trainee_site[0]
    page = (site / "modules/06-boundaries/index.html").read_text(encoding="utf-8")
    source = (REPO / "modules/06-boundaries.md").read_text(encoding="utf-8")
    assert len(boxes(page)) >= len(re.findall(r"<!-- safety: (?!none)", source.split("---", 2)[2]))
    assert "safety: " not in page and not re.search(r"<p>(?:(?!</p>).)*<details", page, re.S)
    child = next(p for p in POINTS if p.id == "child")
    assert "1-800-663-9122" in page and child.label in page
    safety = (site / "safety/index.html").read_text(encoding="utf-8")
    for point in POINTS:
        assert f'id="safety-{point.id}"' in safety
    answers = (facilitator_site / "facilitator/06-boundaries-answers/index.html").read_text()
    assert boxes(answers), "the answer key shows the points its feedback touches"
    pack = (facilitator_site / "facilitator/06-boundaries-pack/index.html").read_text()
    assert "ps-safety-print" in pack


def test_points_render_in_the_offline_bundle(offline_bundle):
    page = (offline_bundle / "modules/12-crisis.html").read_text(encoding="utf-8")
    assert "suicide" in boxes(page) and "ps-safety-print" in page


def test_an_agency_changes_the_words_everywhere(mini, tmp_path):
    own = (REPO / "data/safety-points.yml").read_text().replace(
        "follow\n    your program's policy and tell your supervisor.",
        "call Harbourview's on-call lead at\n    extension 200.")
    write(mini / "agency-points.yml", own)
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  peer-support:\n", "  peer-support:\n    safety_points: agency-points.yml\n", 1))
    paragraph(mini, "Call 9-1-1 first. <!-- safety: danger -->")
    build_site(tmp_path / "site", cwd=mini)
    html = (tmp_path / "site/modules/01-one/index.html").read_text()
    assert "extension 200" in html


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_point_opens_with_the_keyboard_and_prints_in_full(browser, trainee_site, scheme):
    page = in_scheme(browser, scheme, viewport={"width": 320, "height": 640})
    page.goto(trainee_site[1] + "modules/06-boundaries/")
    settle(page, scheme)
    box = page.locator("details.ps-safety").first
    text = box.locator(".ps-safety-text")
    expect(text).to_be_hidden()
    box.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(text).to_be_visible()
    assert box.evaluate("b => b.getBoundingClientRect().right") <= 320
    axe_clean(page)
    page.emulate_media(media="print")
    expect(box).to_be_hidden()
    expect(page.locator(".ps-safety-print").first).to_be_visible()
    page.context.close()
