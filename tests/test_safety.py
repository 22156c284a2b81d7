"""The content safety policy (builder/checks/policy.py): hostile text in every field
and in prose is refused with its path, line and a message, in `check` and in
the build, with no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BANK, REPO, problems_of, write

from builder.checks.policy import scan_html

RUNS = "which would run code on the learner's page; remove it"
ELSEWHERE = ("which would load from another website; the site loads nothing from elsewhere: "
             "put the file in the site and use a relative path")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def module(root: Path, prose: str) -> None:
    """Append prose to module 01-one, whose stub ends at line 9."""
    path = root / "modules/01-one.md"
    assert path.read_text(encoding="utf-8").count("\n") == 9
    path.write_text(path.read_text(encoding="utf-8") + prose, encoding="utf-8")


# --- quiz, reflection, glossary and support-line fields --------------------------------

QUIZ_CASES = {
    "script in a prompt": (
        "prompt: A peer asks you what to do.", "prompt: A peer asks <script>alert(1)</script>",
        f'quizzes/01-one.yml:7: the prompt of question "m01-q01" has <script>, {RUNS}'),
    "img onerror in an option": (
        "- text: Explore options with them.", "- text: Explore <img src=x onerror=alert(1)>",
        'quizzes/01-one.yml:9: the text of an option of question "m01-q01" has the '
        f'onerror="..." attribute, {RUNS}'),
    "javascript: link in feedback": (
        "feedback: It keeps the choice theirs.", "feedback: See [this](javascript:alert(1)).",
        'quizzes/01-one.yml:11: the feedback of an option of question "m01-q01" has a '
        f"javascript: URL, {RUNS}"),
    "svg onload in an explanation": (
        "explanation: Self-determination.", "explanation: <svg onload=alert(1)>",
        'quizzes/01-one.yml:14: the explanation of question "m01-q01" has the onload="..." '
        f"attribute, {RUNS}"),
    "attribute list with a handler": (
        "explanation: Self-determination.", 'explanation: "Fine.\\n{: onmouseover=\\"x()\\" }"',
        'quizzes/01-one.yml:14: the explanation of question "m01-q01" has the '
        f'onmouseover="..." attribute, {RUNS}'),
    "an unclosed tag another field could finish": (
        "- text: Explore options with them.", '- text: Explore <img src="x',
        'quizzes/01-one.yml:9: the text of an option of question "m01-q01" has an HTML tag or '
        "comment that is not closed, which would swallow what the page puts after it; "
        "close it or write &lt; for a plain <"),
    "an image from another host": (
        "prompt: A peer asks you what to do.", "prompt: Look ![x](https://evil.example/a.png)",
        'quizzes/01-one.yml:7: the prompt of question "m01-q01" has '
        f'<img src="https://evil.example/a.png">, {ELSEWHERE}'),
}


@pytest.mark.parametrize("old,new,expected", QUIZ_CASES.values(), ids=QUIZ_CASES.keys())
def test_hostile_quiz_text_is_refused_at_its_line(mini, old, new, expected):
    write(mini / "quizzes/01-one.yml", BANK.replace(old, new))
    assert problems_of(mini) == [expected]


def test_hostile_step_of_an_ordering_question(mini):
    write(mini / "quizzes/01-one.yml", BANK.split("    options:")[0].replace(
        "type: single", "type: ordering") + "    steps:\n      - Listen.\n"
        "      - <iframe src=x></iframe>\n    explanation: Order.\n")
    assert problems_of(mini) == [
        'quizzes/01-one.yml:10: the steps of question "m01-q01" has <iframe>, which would embed '
        "another page or program; link to it instead"]


def test_script_in_a_reflection_prompt(mini):
    edit(mini / "reflections/01-one.yml", "text: An open question",
         "text: <script>alert(1)</script> An open question")
    assert problems_of(mini) == [
        f'reflections/01-one.yml:4: the text of prompt "m01-r1" has <script>, {RUNS}']


def test_script_in_a_glossary_definition(mini):
    path = mini / "data/glossary.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("definition:"))
    lines[at] = lines[at].replace("definition: ", "definition: <script>alert(1)</script> ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems_of(mini) == [
        f"data/glossary.yml:{at + 1}: the definition of a glossary entry has <script>, {RUNS}"]


def line_in(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


def test_support_line_tel_with_a_quote(mini):
    lines = mini / "data/support-lines.yml"
    edit(lines, 'tel: "911"', """tel: '911" onclick="alert(1)'""")
    problems = [p for p in problems_of(mini) if "checked" not in p]
    assert problems == [
        f'data/support-lines.yml:{line_in(lines, "tel: ")}: the tel of a support line is '
        '"911" onclick="alert(1)", which is not a phone number; write digits only, such as '
        '"18007842433"']


def test_support_line_name_and_core_value_are_plain_text(mini):
    edit(mini / "data/support-lines.yml", "- name: Emergency services", "- name: Emergency <b>")
    edit(mini / "data/core-values.yml", "name: Hope and wholeness for all", 'name: "Hope [x]"')
    problems = problems_of(mini)
    at = line_in(mini / "data/support-lines.yml", "- name: Emergency <b>")
    assert f'data/support-lines.yml:{at}: the name of a support line holds "<", which a title or ' \
           "name cannot: write one line of plain text, without < > [ ] { } ` | or a backslash" in problems
    assert 'data/core-values.yml:4: the name of core value "hope-and-wholeness" holds "[", ' \
           "which a title or name cannot: write one line of plain text, without < > [ ] { } ` | " \
           "or a backslash" in problems


def test_a_quoted_module_title_is_fine_but_markup_is_not(mini):
    edit(mini / "modules/01-one.md", 'title: Module 1', 'title: The "helper" & the role')
    assert problems_of(mini) == []
    edit(mini / "modules/01-one.md", 'title: The "helper" & the role',
         'title: "Module {: onclick=x }"')
    assert problems_of(mini) == [
        'modules/01-one.md:4: the title of the module holds "{", which a title or name cannot: '
        "write one line of plain text, without < > [ ] { } ` | or a backslash"]


# --- module prose and pages ------------------------------------------------------

def test_iframe_in_module_prose(mini):
    module(mini, "\nSome text.\n\n<iframe src=\"frame.html\"></iframe>\n")
    assert problems_of(mini) == [
        "modules/01-one.md:13: the page has <iframe>, which would embed another page or program; "
        "link to it instead"]


def test_image_from_another_host_in_module_prose(mini):
    module(mini, "\nA chart:\n\n![chart](https://evil.example/chart.png)\n\nMore.\n")
    assert problems_of(mini) == [
        'modules/01-one.md:13: the page has <img src="https://evil.example/chart.png">, '
        f"{ELSEWHERE}"]


def test_raw_img_from_another_host_and_a_local_one(mini):
    module(mini, '\n<img src="local.png" alt="">\n\n<img src="//evil.example/a.png" alt="">\n')
    assert problems_of(mini) == [
        f'modules/01-one.md:13: the page has <img src="//evil.example/a.png">, {ELSEWHERE}']


@pytest.mark.parametrize("block,line", [('<pre class="mermaid">graph TD; A-->B</pre>', 13),
                                        ("```mermaid\ngraph TD; A-->B\n```", 13),
                                        ("Text\n{: .mermaid }", 14)])
def test_mermaid_in_module_prose(mini, block, line):
    module(mini, f"\nA diagram:\n\n{block}\n")
    assert problems_of(mini) == [
        f"modules/01-one.md:{line}: the page has a mermaid diagram, which the theme would load from "
        "another website; use an image in the site instead"]


def test_each_finding_in_prose_at_its_own_line(mini):
    module(mini, "\n<script>a()</script>\n\nText.\n\n<script>b()</script>\n\n"
                 "[x](javascript:c())\n")
    assert problems_of(mini) == [
        f"modules/01-one.md:11: the page has <script>, {RUNS}",
        f"modules/01-one.md:15: the page has <script>, {RUNS}",
        f"modules/01-one.md:17: the page has a javascript: URL, {RUNS}"]


def test_html_in_a_code_span_or_block_is_text(mini):
    module(mini, "\nWrite `<script>` as code.\n\n```html\n<iframe src=x></iframe>\n```\n")
    assert problems_of(mini) == []


def test_script_in_a_page_facilitator_notes_and_the_standards(mini):
    write(mini / "pages/extra.md", "# Extra\n\nText.\n\n<script>alert(1)</script>\n")
    edit(mini / "facilitator/01-one.md", "## Check-in\n", "## Check-in\n\n<form></form>\n")
    edit(mini / "modules/standards-of-practice.md", "\n## ", "\n<embed src=x>\n\n## ")
    problems = problems_of(mini)
    assert f"pages/extra.md:5: the page has <script>, {RUNS}" in problems
    assert any(p.startswith("facilitator/01-one.md:") and "<form>, which would send" in p
               for p in problems)
    assert any(p.startswith("modules/standards-of-practice.md:") and "<embed>" in p
               for p in problems)


# --- the policy itself, on HTML ---------------------------------------------------

POLICY = {
    '<a href="java&#x09;script:alert(1)">x</a>': "javascript: URL",
    '<a href=" JAVASCRIPT:alert(1)">x</a>': "javascript: URL",
    '<a href="data:text/html,hi">x</a>': "data: URL",
    '<img src="data:image/png;base64,AA">': "data: URL",
    '<img srcset="a.png 1x, https://evil.example/b.png 2x">': "https://evil.example/b.png",
    '<video poster="http://evil.example/p.png"></video>': "http://evil.example/p.png",
    '<p style="background: url(//evil.example/x.png)">x</p>': "//evil.example/x.png",
    '<p style="background: u\\72l(//evil.example/x.png)">x</p>': "backslash escape",
    '<svg><use href="https://evil.example/s.svg#a"/></svg>': "https://evil.example/s.svg#a",
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>':
        "SVG animation",
    '<object data="x.swf"></object>': "<object>",
    '<embed src="x.swf">': "<embed>",
    '<form action="https://evil.example/"></form>': "<form>",
    '<base href="https://evil.example/">': "<base>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">': "<meta>",
    '<link rel="stylesheet" href="https://evil.example/x.css">': "<link>",
    "<style>p{color:red}</style>": "<style>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>': "<noscript>",
    '<div class="arithmatex">\\(x\\)</div>': "MathJax",
    "<math><mi>x</mi></math>": "<math>",
    '<details open ontoggle="alert(1)">x</details>': "ontoggle",
    '<a href="https://example.org/" ping="https://evil.example/">x</a>': "ping",
    "<!-- unfinished": "not closed",
    'Fine <img src="x': "not closed",
    "a </ b": "not closed",  # a bogus comment, up to the next >
    "<script>alert(1)": "not closed",
    # Read as the browser reads them: the text of a <textarea> ends at </textarea>.
    '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></p>': "onerror",
    # Content cannot fake the end of the piece it sits in.
    '<i data-ps-end="0"></i><!-- unfinished': "not closed",
}


@pytest.mark.parametrize("html,expected", POLICY.items(), ids=range(len(POLICY)))
def test_the_policy_refuses(html, expected):
    messages = " | ".join(f.message for f in scan_html(html))
    assert expected in messages


@pytest.mark.parametrize("html", [
    '<a href="https://example.org/">a link out is fine</a>', '<a href="../glossary.md#x">x</a>',
    '<img src="images/chart.png" alt="local">', '<a href="tel:988">call</a>',
    '<a href="mailto:a@example.org">mail</a>', '<div class="ps-note" markdown>x</div>',
    '<abbr title="javascript is a word">x</abbr>', "<p>3 &lt; 4</p>",
    '<svg viewBox="0 0 1 1"><use href="#icon"/></svg>',
    "<![foo[bar]]>",  # a comment, to a browser
    "<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]></svg>",  # text inside SVG
    "3 < 4 and 5 > 4"])
def test_the_policy_allows(html):
    assert scan_html(html) == []


# --- the build --------------------------------------------------------------------

def test_a_hostile_bank_fails_the_build_with_path_and_line(mini, tmp_path):
    write(mini / "quizzes/01-one.yml", BANK.replace(
        "prompt: A peer asks you what to do.", "prompt: <img src=x onerror=alert(1)>"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}  # this checkout
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert ('quizzes/01-one.yml:7: the prompt of question "m01-q01" has the onerror="..." '
            f"attribute, {RUNS}") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "s/modules/01-one/index.html").exists()


def test_hostile_prose_fails_the_build_at_its_line(mini, tmp_path):
    """A build checks prose as it renders it: the same findings as `check`, at the same
    lines, for module prose and a page of the site's own, all reported at once."""
    module(mini, "Fine words.\n\n<iframe src=\"https://example.com/\"></iframe>\n")
    write(mini / "pages/about.md", "# About\n\nText.\n\n![x](https://cdn.example.com/x.png)\n")
    expected = set(problems_of(mini))
    assert {p.split(":")[0] for p in expected} == {"modules/01-one.md", "pages/about.md"}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}  # this checkout
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert f"the content has {len(expected)} error(s)" in result.stderr
    for problem in expected:
        assert problem in result.stderr
    assert "Traceback" not in result.stderr


def test_content_may_not_write_the_builders_own_markers(mini):
    module(mini, "<!-- ps:generated -->\n<script>alert(1)</script>\n<!-- /ps:generated -->\n"
           "<!-- ps:generated:self-check -->\n")
    found = problems_of(mini)
    assert sum('"ps:generated", a marker only the builder writes' in p for p in found) == 3, found
    assert any("<script>" in p for p in found), found
