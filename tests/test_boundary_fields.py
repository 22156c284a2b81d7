"""Content fields on the pages the builder generates (issue 24, findings 7, 8 and 9):
each field is Markdown rendered once, on its own, and what the theme shows as a
tooltip is inert text."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import BANK, build_site, write

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
