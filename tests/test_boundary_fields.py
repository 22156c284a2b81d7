"""Content fields on the pages the builder generates (issue 24, findings 7, 8 and 9):
each field is Markdown rendered once, on its own, and what the theme shows as a
tooltip is inert text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BANK, Server, build_site, free_port, problems_of, write
from playwright.sync_api import expect

IMAGE = re.compile(r"<img[^>]*nope\.png", re.IGNORECASE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_the_workbook_renders_a_prompt_once(mini, tmp_path):
    """Finding 7: the workbook rendered inline Markdown twice, so escaped Markdown
    came back to life on the second pass as an image with a handler."""
    prompt = r'!\[\](nope.png)\{: onerror="alert(1)" \}'
    edit(mini / "reflections/01-one.yml", "text: An open question that invites noticing.",
         f"text: '{prompt}'")
    site = tmp_path / "s"
    build_site(site, cwd=mini)  # the output gate passes: nothing on any page runs
    workbook = page(site, "workbook/index.html")
    assert not IMAGE.search(workbook)
    assert '![](nope.png){: onerror="alert(1)" }' in workbook.replace("&quot;", '"')
    assert not IMAGE.search(page(site, "modules/01-one/index.html"))


# Each case: a reference definition in one field, and its use in another field of the
# same generated page (the pages that show both).
DEFINED = "[w]: nope.png"
USED = '![][w]{: onerror="alert(1)" }'


def test_a_reference_definition_belongs_to_its_own_field(mini, tmp_path):
    """Finding 8: `[w]: nope.png` in one field and `![][w]{: onerror=...}` in another
    made an image with a handler on the glossary, support lines, workbook, answer key,
    session pack and handout pages."""
    write(mini / "quizzes/01-one.yml", BANK.replace(
        "prompt: A peer asks you what to do.",
        f'prompt: "A peer asks you what to do.\\n\\n{DEFINED}"').replace(
        "explanation: Self-determination.", f"explanation: '{USED}'").replace(
        "feedback: Advice takes the choice away.", f"feedback: 'Advice. ![][p]{{: onerror=\"a()\" }}'"))
    edit(mini / "modules/01-one.md", "purpose: What this module is for, in one sentence.",
         f'purpose: "What this module is for.\\n\\n{DEFINED}"')
    edit(mini / "reflections/01-one.yml", "text: A question about self-care.", f"text: '{USED}'")
    edit(mini / "facilitator/01-one.md", "## Check-in\n", "## Check-in\n\n[p]: nope.png\n")
    glossary = mini / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        f'- term: Wandering\n  hover: false\n  definition: "Walking.\\n\\n{DEFINED}"\n'
        f"- term: Wondering\n  hover: false\n  definition: '{USED}'\n"), encoding="utf-8")
    edit(mini / "data/support-lines.yml", "  for: Anyone whose life or safety is in danger right now.",
         f'  for: "Anyone whose life or safety is in danger right now.\\n\\n{DEFINED}"')
    edit(mini / "data/support-lines.yml", "  region: Canada-wide", f"  region: '{USED}'")
    site = tmp_path / "s"
    build_site(site, "--edition", "facilitator", cwd=mini)  # the output gate passes
    for rel in ("glossary/index.html", "support-lines/index.html", "workbook/index.html",
                "facilitator/01-one-answers/index.html", "facilitator/01-one-pack/index.html",
                "facilitator/01-one-handout/index.html", "modules/01-one/index.html"):
        html = page(site, rel)
        assert not IMAGE.search(html), rel
    for rel in ("glossary/index.html", "support-lines/index.html", "workbook/index.html",
                "facilitator/01-one-answers/index.html", "facilitator/01-one-handout/index.html"):
        assert "![][w]{: onerror=" in page(site, rel).replace("&quot;", '"'), rel
    assert "![][p]{: onerror=" in page(site, "facilitator/01-one-pack/index.html").replace(
        "&quot;", '"')


def test_a_title_with_markup_is_refused_at_its_line(mini):
    """Finding 9: the theme's tooltips show a title as HTML; a title that reads as
    markup once the browser has decoded it (&lt; is "<" there) is refused."""
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8") + '\nSee [two](02-two.md "Read &lt;img src=x '
                    'onerror=alert(1)&gt;").\n', encoding="utf-8")
    write(mini / "quizzes/01-one.yml", BANK.replace(
        "explanation: Self-determination.",
        "explanation: '<abbr title=\"x <b>y</b>\">SD</abbr> is self-determination.'"))
    found = problems_of(mini)
    assert any(p.startswith("modules/01-one.md:11: the page has a title with \"<\" (\"Read "
                            "<img src=x onerror=alert(1)>\")") for p in found), found
    assert any(p.startswith('quizzes/01-one.yml:14: the explanation of question "m01-q01" has a '
                            'title with "<"') for p in found), found
    assert len(found) == 2, found


@pytest.mark.browser
def test_definitions_and_competency_text_are_inert_in_tooltips(mini, tmp_path, browser):
    """Finding 9: a glossary definition or a competency's text with &lt;img onerror&gt;
    ran on hover. The site writes them so the tooltip shows the words as text."""
    edit(mini / "modules/01-one.md", "status: coming", "status: complete\nminutes: 5\n"
         "objectives: [Explain a thing.]\nvalues: [curiosity]\ncompetencies: [SP-1.2]")
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSome wandering helps.\n",
                    encoding="utf-8")
    glossary = mini / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        "- term: Wandering\n  definition: Walking about &lt;img src=x onerror=alert(1)&gt; "
        "Q&A, slowly.\n"), encoding="utf-8")
    edit(mini / "modules/standards-of-practice.md", "**SP-1.2** Demonstrates",
         "**SP-1.2** Demonstrates &lt;img src=x onerror=alert(2)&gt;")
    site = tmp_path / "s"
    port = free_port()
    build_site(site, site_url=f"http://127.0.0.1:{port}/", cwd=mini)  # the output gate passes
    server = Server(site, port)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(server.url + "modules/01-one/")
        for target, shown in (('abbr:text("wandering")',
                                "Walking about <img src=x onerror=alert(1)> Q&A, slowly."),
                               ('a[href$="#SP-1.2"]', "Demonstrates <img src=x onerror=alert(2)>")):
            page.locator(target).first.hover()
            tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
            expect(tip).to_contain_text(shown)
            assert tip.locator("img").count() == 0
            page.mouse.move(0, 0)
            expect(tip).to_have_count(0)
        assert dialogs == []
    finally:
        page.close()
        server.close()
