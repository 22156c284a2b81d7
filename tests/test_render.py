"""The renderers: placement on the page, and golden files for the quiz markup
and the schema, so a change to either is a decision, not an accident.
Run with UPDATE_GOLDEN=1 to accept a change on purpose."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import BANK as SINGLE
from conftest import write

from builder.commands.scaffold import new_module
from builder.content import model
from builder.content.model import Question
from builder.content.problems import Problems
from builder.load.course import load_course
from builder.pages.render import (
    abbreviations,
    module_page,
    site_pages,
    standards_page,
    unlink_missing_modules,
)
from builder.pages.templating import shuffled

GOLDEN = Path(__file__).parent / "golden"
BANK = SINGLE + """  - id: m01-q02
    type: ordering
    kind: recall
    competencies: [SP-4.5]
    prompt: Put these in order.
    steps: [Listen, Reflect back, Ask what would help]
    explanation: Listening comes first.
"""


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


def loaded(root: Path):
    problems = Problems(root)
    course = load_course(root, problems)
    assert not problems.items, problems.items
    return course


@pytest.fixture
def course(mini):
    write(mini / "quizzes/01-one.yml", BANK)
    path = mini / "modules/01-one.md"
    write(path, path.read_text() + "\n## Key takeaways\n\n- One.\n\n## Returning to the core values\n\n"
          "Values.\n\nSee [module 2](02-two.md) and [module 9](09-gone.md).\n")
    return loaded(mini)


def test_self_check_markup_is_golden(course):
    page = module_page(course.module("01-one"), course)
    start, end = page.index('<section class="ps-selfcheck"'), page.index("</section>") + 10
    golden("self_check.html", page[start:end] + "\n")


def test_schema_is_golden():
    lines = []
    for name in sorted(n for n in model.__all__ if n.endswith("_FIELDS")):
        for f in getattr(model, name):
            lines.append(f"{name} {f.name}: {f.type.__name__}{'' if f.required else ' (optional)'}")
    golden("schema.txt", "\n".join(lines) + "\n")


def test_self_check_and_reflections_sit_before_the_return_to_values(course):
    page = module_page(course.module("01-one"), course)
    assert page.index("Key takeaways") < page.index("{: #self-check }") \
        < page.index("{: #reflections }") < page.index("## Returning to the core values")


def test_ordering_steps_are_never_shown_in_the_right_order():
    for n in range(40):
        q = Question(id=f"q{n}", module="m", type="ordering", kind="recall", competencies=(),
                     prompt="", explanation="", steps=("a", "b", "c"))
        assert [s.position for s in shuffled(q)] != [1, 2, 3]
        assert sorted(s.text for s in shuffled(q)) == ["a", "b", "c"]


def test_links_to_modules_left_out_become_text():
    text = "See [module 2](02-two.md), [module 9](../modules/09-gone.md#x) and [web](https://x.org)."
    assert unlink_missing_modules(text, {"02-two"}) == \
        "See [module 2](02-two.md), module 9 and [web](https://x.org)."


def test_competencies_get_anchors():
    assert standards_page("- **SP-2.4** Recognizes boundaries.") == \
        '- <strong class="ps-competency" id="SP-2.4">SP-2.4</strong> Recognizes boundaries.'


def test_glossary_terms_become_abbreviations(course):
    lines = abbreviations(course).splitlines()
    assert any(line.startswith("*[Empathy]: ") for line in lines)
    assert any(line.startswith("*[empathy]: ") for line in lines)
    assert not any(line.startswith("*[Peer]:") for line in lines), "hover: false is honoured"


def test_generated_front_matter_holds_any_title(mini):
    """A title with quotation marks and a colon stays one title: line in valid YAML."""
    title = 'The "helper" role: what\'s yours & theirs'
    path = mini / "modules/01-one.md"
    write(path, path.read_text().replace(
        "title: Module 1", """title: 'The "helper" role: what''s yours & theirs'"""))
    write(mini / "quizzes/01-one.yml", BANK)
    course = loaded(mini)
    assert course.module("01-one").title == title
    pages = {p.src_uri: p.markdown for p in site_pages(course, "facilitator")}
    for uri, prefix in (("facilitator/01-one-answers.md", "Answer key: "),
                        ("facilitator/01-one-handout.md", "Handout: ")):
        front, body = pages[uri].split("---\n")[1:3]
        assert yaml.safe_load(front) == {"title": f"{prefix}1. {title}"}, uri
        assert pages[uri].count("title:") == 1, uri
        assert f"# {prefix}1. {title}" in body, uri


def test_a_new_module_with_a_quoted_title_loads(mini):
    write(mini / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n")
    new_module(mini, "03-three", 'The "third": one')
    problems = Problems(mini)
    course = load_course(mini, problems)
    assert [str(p) for p in problems.errors] == []
    assert course.module("03-three").title == 'The "third": one'
    with pytest.raises(ValueError, match="is not a title"):
        new_module(mini, "04-four", "Four <b>")


def test_abbreviations_one_block_each_give_the_same_html(course):
    """A blank line between definitions keeps Python-Markdown linear; the page is the same."""
    import markdown

    page = "Empathy and empathy, twice.\n\n" + module_page(course.module("01-one"), course)
    block = abbreviations(course)
    assert "\n\n*[" in block
    extensions = ["abbr", "attr_list", "md_in_html", "toc"]
    spaced = markdown.markdown(page, extensions=extensions)
    packed = markdown.markdown(page.replace(block, block.replace("\n\n", "\n")),
                               extensions=extensions)
    assert "<abbr title=" in spaced
    assert spaced == packed


@pytest.mark.parametrize("text", [
    "One plain line.", "Two lines\nof words.", "Two\n\nparagraphs", "- a list", "  + a list",
    "3. a numbered step", "12 people", "-3 degrees", "a*b", "a_b", "[link](x.md)", "<b>x</b>",
    "x & y", "x\n- item", "x\n  2. item", "", " ", "Call 9-8-8.", "#tag", "a|b", "~x~"])
def test_the_fast_plain_text_test_agrees_with_the_markdown_syntax_pattern(text):
    from builder.pages.templating import MARKDOWN_SYNTAX, _plain
    assert _plain(text) == (not MARKDOWN_SYNTAX.search(text))


def test_every_quiz_text_is_told_plain_as_the_pattern_tells_it():
    from builder.pages.templating import MARKDOWN_SYNTAX, _plain
    course = load_course(Path(__file__).parent.parent, Problems(Path(".")))
    texts = [t for m in course.modules if m.quiz for q in m.quiz.questions
             for t in (q.prompt, q.explanation, *q.steps,
                       *(x for o in q.options for x in (o.text, o.feedback)))]
    assert len(texts) > 1000
    assert [_plain(t) for t in texts] == [not MARKDOWN_SYNTAX.search(t) for t in texts]


def test_the_self_check_and_reflections_html_is_kept_out_of_the_markdown(course):
    """Markdown would only copy the builder's HTML, slowly: the page's Markdown holds a
    placeholder where each goes, and the HTML goes in once the page is converted."""
    from builder.checks.policy import generated_placeholder
    from builder.pages.render import module_page_parts

    page = module_page_parts(course.module("01-one"), course)
    assert [p for p, _ in page.html] == [generated_placeholder("self-check"),
                                         generated_placeholder("reflections")]
    assert generated_placeholder("self-check").startswith("<!-- ps:generated:self-check ")
    assert page.markdown.count(generated_placeholder("self-check")) == 1
    assert "<section" not in page.markdown and "## Self-check {: #self-check }" in page.markdown
    assert page.html[0][1].startswith('<section class="ps-selfcheck"')
    assert page.html[1][1].startswith('<section class="ps-reflections"')
    assert page.inlined == module_page(course.module("01-one"), course)
    assert '<section class="ps-selfcheck"' in page.inlined
