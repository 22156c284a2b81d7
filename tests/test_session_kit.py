"""A session's kit (issue 27, builder/pages/session_kit.py): the materials a notes
file writes under `## Materials` print in the session pack, a sheet a page, cards
to cut apart; the one crisis-pathway card carries the safety points' own words;
`## Handout texts` go on the handout; the pack prints the notes without them."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import build_site, problems_of, write
from test_printables import pdf_pages, text_of

from builder.content.problems import Problems
from builder.load.course import load_course
from builder.pages.render import site_pages

KIT = """
## Materials

Print these before the session.

### Cards: Small disconnections

- You were ten minutes late, and the peer was quiet afterwards.
- A colleague calls a peer "an addict" in a team meeting. <!-- language-example -->
- A peer asks you to keep a secret that suggests someone may be in danger. <!-- safety: confidentiality -->

### Sheet: Observer sheet

| What felt warm? | What was clear? |
|---|---|
| | |

### Card: Crisis pathway

<!-- crisis-pathway-card -->

## Handout texts

### The repair steps

1. Notice, and pause.
2. Own it.
"""


def with_kit(mini, kit: str = KIT) -> None:
    notes = mini / "facilitator/01-one.md"
    write(notes, notes.read_text(encoding="utf-8") + kit)


def pages_of(mini) -> dict[str, str]:
    problems = Problems(mini)
    course = load_course(mini, problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    return {p.src_uri: p.inlined for p in site_pages(course, "facilitator")}  # fields' HTML in place


def test_the_pack_prints_notes_materials_handout_and_key_in_that_order(mini):
    with_kit(mini)
    pages = pages_of(mini)
    pack = pages["facilitator/01-one-pack.md"]
    parts = pack.split('<div class="ps-pack-part" markdown>')[1:]
    assert [re.search(r"^## (.+)$", p, re.M).group(1) for p in parts] == [
        "Facilitator notes: Module 1", "Materials: 1. Module 1", "Handout: 1. Module 1",
        "Answer key: 1. Module 1"]
    notes, materials, handout, _ = parts
    # The notes part leaves the kit to its own parts: nothing is printed twice.
    assert "Materials" not in notes and "Handout texts" not in notes and "Observer sheet" not in notes
    assert re.search(r"^### Prep checklist$", notes, re.M), "the notes, a level down"
    # Each sheet in a box of its own, one heading level below the part's title.
    boxes = re.findall(r'<div class="ps-kit (ps-kit-\w+)" markdown>\s*### (.+)', materials)
    assert boxes == [("ps-kit-cards", "Cards: Small disconnections"),
                     ("ps-kit-sheet", "Sheet: Observer sheet"), ("ps-kit-sheet", "Card: Crisis pathway")]
    assert "Print these before the session." in materials
    assert "language-example" not in pack, "the language markers never reach a page"
    assert ">The repair steps</h2>" in handout and "<li>Notice, and pause.</li>" in handout


def test_the_crisis_card_is_the_safety_points_own_words(mini):
    with_kit(mini)
    pages = pages_of(mini)
    card = pages["facilitator/01-one-pack.md"].split("Card: Crisis pathway", 1)[1]
    assert "<!-- crisis-pathway-card -->" not in card
    assert re.findall(r"<!-- safety: ([a-z-]+) -->", card) == ["danger", "suicide", "child",
                                                               "confidentiality"]
    assert not re.search(r"\d-\d", card.split("</div>", 1)[0]), "no number of the card's own"
    notes = pages["facilitator/01-one.md"]
    assert "<!-- safety: danger -->" in notes, "the notes page shows the card where it is asked for"
    assert '<div class="ps-kit ps-kit-sheet" markdown>' in notes
    assert "## Handout texts" in notes, "the notes page keeps every section"


def test_handout_texts_are_on_the_handout_page(mini):
    with_kit(mini)
    handout = pages_of(mini)["facilitator/01-one-handout.md"]
    assert handout.index(">The repair steps</h2>") < handout.index("## Key takeaways")
    assert "<li>Own it.</li>" in handout


def test_notes_without_a_kit_print_as_before(mini):
    pages = pages_of(mini)
    pack = pages["facilitator/01-one-pack.md"]
    assert pack.count('<div class="ps-pack-part" markdown>') == 3
    assert "ps-kit" not in pack and "ps-kit" not in pages["facilitator/01-one-handout.md"]


def test_notes_need_a_prep_checklist(mini):
    notes = mini / "facilitator/02-two.md"
    write(notes, notes.read_text(encoding="utf-8").replace("## Prep checklist\n\n", ""))
    assert problems_of(mini) == ['facilitator/02-two.md:1: the facilitator notes have no '
                                 '"## Prep checklist" section; add it']


def test_the_built_card_follows_the_safety_points_file(mini, tmp_path):
    """An agency's own safety points (new words, other numbers) are what its card says."""
    with_kit(mini)
    points = yaml.safe_load((mini / "data/safety-points.yml").read_text(encoding="utf-8"))
    danger = next(p for p in points if p["id"] == "danger")
    danger["text"] = "Call the agency's emergency line first, then stay with the person."
    write(mini / "data/safety-points.yml", yaml.safe_dump(points, sort_keys=False))
    out = tmp_path / "site"
    build_site(out, "--edition", "facilitator", cwd=mini)
    page = (out / "facilitator/01-one-pack/index.html").read_text(encoding="utf-8")
    card = text_of(page.split('id="card-crisis-pathway"', 1)[1].split('id="handout-', 1)[0])
    assert "Call the agency's emergency line first, then stay with the person." in card
    suicide = next(p for p in points if p["id"] == "suicide")
    assert text_of(suicide["text"].replace("**", "")) in card
    assert "9-1-1** first" not in card


@pytest.mark.browser
def test_each_sheet_prints_on_a_page_of_its_own(browser, facilitator_url, course):
    """Module 6's pack, printed: every sheet starts a page of its own, after the
    materials' title (which ends the notes), and cards print with dashed cutting lines."""
    module = course.module("06-boundaries")
    sheets = re.findall(r"^### (.+?)\s*$", module.facilitator.markdown.split("\n## Materials", 1)[1]
                        .split("\n## ", 1)[0], re.M)
    assert len(sheets) >= 3
    page = browser.new_page()
    page.goto(facilitator_url + "facilitator/06-boundaries-pack/")
    page.emulate_media(media="print")
    border = page.locator(".ps-kit-cards li").first.evaluate(
        "e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopColor")
    assert border == "dashed rgb(0, 0, 0)", border
    pages = pdf_pages(page)
    starts = [next((i for i, text in enumerate(pages) if text.startswith(title)), None)
              for title in sheets]
    assert None not in starts, list(zip(sheets, starts))
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    materials = next(i for i, text in enumerate(pages) if f"Materials: {module.label}" in text)
    assert materials < starts[0]
    assert sheets[-1] == "Card: Crisis pathway"
    back = starts[-1] + 1  # the card prints on both sides of a sheet
    assert pages[back].startswith("From my program's policy") and "9-1-1" not in pages[back]
    assert pages[back + 1].startswith(f"Handout: {module.label}")
    page.close()

