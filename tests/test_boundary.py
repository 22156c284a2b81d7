"""Specific paths through the trust boundary (issue 24), each closed at its source
as well as by the output gate (test_gate.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BANK, REPO, problems_of, write
from test_csp import csp

from builder.content.problems import Problems
from builder.load.course import load_course
from builder.pages.cohort import cohort_data


def add_prose(root: Path, prose: str) -> None:
    path = root / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8") + prose, encoding="utf-8")


def test_a_control_character_before_a_scheme_is_stripped_as_a_browser_does(mini):
    """Finding 11: U+0001 before javascript: or https: hid the scheme from the check."""
    add_prose(mini, "\n[x](&#1;javascript:alert(1))\n\n<img src=\"&#1;https://evil.example/t.png\">"
              "\n\n[y](&#31;&#8;vbscript:x)\n")
    found = problems_of(mini)
    assert any(p.startswith("modules/01-one.md:11: ") and "a javascript: URL" in p
               for p in found), found
    assert any(p.startswith("modules/01-one.md:") and '<img src="\x01https://evil.example/t.png">'
               ", which would load from another website" in p for p in found), found
    assert any(p.startswith("modules/01-one.md:15: ") and "a vbscript: URL" in p
               for p in found), found


def test_json_in_the_cohort_page_cannot_swallow_the_page(mini):
    """Finding 12: a prompt of &lt;!--&lt;script&gt; landed as <!--<script> in the
    cohort page's JSON <script> and swallowed the rest of the page."""
    write(mini / "quizzes/01-one.yml", BANK.replace(
        "prompt: A peer asks you what to do.",
        "prompt: A peer asks &lt;!--&lt;script&gt; and </script> what to do."))
    problems = Problems(mini)
    course = load_course(mini, problems)
    assert not problems.errors, problems.errors
    data = cohort_data(course)
    assert "<" not in data
    prompt = json.loads(data)["modules"][0]["questions"][0]["prompt"]
    assert "<!--<script>" in prompt  # read back as written


def test_links_pipes_and_loops_in_pages_are_refused_with_their_path(mini, tmp_path):
    """Findings 4 and 13: a link in pages/ to /etc/hostname was published; a pipe or a
    loop of links stopped the build with a traceback (or hung it)."""
    (mini / "pages/env.txt").symlink_to("/etc/hostname")
    (mini / "pages/loop.md").symlink_to(mini / "pages/loop.md")
    (mini / "pages/up").symlink_to(mini)
    os.mkfifo(mini / "pages/pipe.md")
    found = problems_of(mini)
    for name in ("env.txt", "loop.md", "up"):
        assert f"pages/{name}:1: this is a symbolic link, which would publish whatever it points " \
               "to; put the file itself here instead" in found, found
    assert "pages/pipe.md:1: this is not a regular file (a pipe, device or socket), which the " \
           "build cannot copy; remove it" in found, found
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "pages/env.txt:1: this is a symbolic link" in result.stderr
    assert not (tmp_path / "s/env.txt").exists()


@pytest.mark.parametrize("title", [
    "The foundations &lt;/title&gt;&lt;meta http-equiv=refresh content=0;url=https://evil.example/&gt;",
    "Module &#60;img src=x onerror=alert(1)&#62;",
    "Module &ltimg src=x onerror=alert(1)&gt",
])
def test_a_module_title_with_character_references_is_refused(mini, title):
    """Finding 3: the theme's striptags turns &lt; back into <, and so into a tag."""
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Module 1", f"title: {title}"),
                    encoding="utf-8")
    found = problems_of(mini)
    assert len(found) == 1 and found[0].startswith("modules/01-one.md:4: the title of the module "
                                                   "holds \"&"), found
    assert "an HTML character reference" in found[0]


def test_an_ampersand_alone_is_still_a_title(mini):
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Module 1", "title: Q&A, AT&T"),
                    encoding="utf-8")
    assert problems_of(mini) == []


def test_csp_compares_the_themes_scripts_exactly(trainee_site, course, tmp_path):
    """Finding 5: the base path in new URL("…",location) was left out when comparing,
    so a crafted copy of the theme's script got a hash."""
    site = tmp_path / "site"
    shutil.copytree(trainee_site[0], site)
    csp.policy(site)  # the site as built: every inline script known
    page = site / f"modules/{course.modules[0].id}/index.html"
    html = page.read_text(encoding="utf-8")
    scope = next(part for part in html.split("<script>")[1:] if part.startswith("__md_scope="))
    scope = scope.split("</script>")[0]
    assert 'new URL("../..",location)' in scope
    for crafted in (scope.replace('"../.."', '"https://evil.example/"'),
                    scope.replace('"../.."', '"../..",location),alert(1),new URL("../..')):
        page.write_text(html.replace("</body>", f"<script>{crafted}</script></body>"),
                        encoding="utf-8")
        with pytest.raises(SystemExit) as caught:
            csp.policy(site)
        assert "an inline <script> that is not the theme's or ours" in str(caught.value)
        assert str(caught.value).count("inline <script>") == 1


@pytest.mark.parametrize("key, value, shown", [
    ("title", '"Take a break\\u003cscript src=\\u0022/assets/tb.js\\u0022\\u003e"', '"<"'),
    ("description", "Rest &lt;meta http-equiv=refresh content=0;url=https://evil.example/&gt;",
     '"&lt;", an HTML character reference'),
])
def test_a_page_title_or_description_is_plain_text_however_yaml_writes_it(mini, key, value,
                                                                          shown):
    """Findings 1 and 3: YAML escapes or character references in a page's front
    matter became tags in the navigation or the <head>."""
    page = mini / "pages/take-a-break.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle:")
    line = text.split("\n").index(next(t for t in text.split("\n") if t.startswith(f"{key}:")))
    page.write_text(text.replace(f"\n{key}:", f"\n{key}: {value}\nx-{key}:", 1),
                    encoding="utf-8")
    found = [p for p in problems_of(mini) if p.startswith(f"pages/take-a-break.md:{line + 1}: ")]
    assert len(found) == 1 and f"the {key} of the page holds {shown}" in found[0], found


@pytest.mark.parametrize("marker", ["<!-- ps:generated -->", "<!-- ps:generated:self-check -->",
                                    "<!-- /ps:generated -->"])
def test_the_builders_marker_cannot_be_written_in_a_field(mini, tmp_path, marker):
    """Finding 6: the marker in `purpose:` switched off the check of the rendered page
    for the rest of it (or, as a placeholder, stopped the build with a traceback). Each
    build draws its own mark: a marker written in content is only a comment."""
    write(mini / "quizzes/01-one.yml", BANK)
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "purpose: What this module is for, in one sentence.",
        f'purpose: "Read this first. {marker}"') + "\nSome prose <img src=\"x\" onerror=\"alert(1)\">\n",
        encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    # found by the content check of the rendered page, not left to the output gate
    assert "the content has 1 error(s):\nmodules/01-one.md:11: the page has the onerror=" \
        in result.stderr, result.stderr
    path.write_text(path.read_text(encoding="utf-8").replace(' onerror="alert(1)"', ""),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(tmp_path / "s")],
                            cwd=mini, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "s/modules/01-one/index.html").read_text(encoding="utf-8")
    assert page.count('<section class="ps-selfcheck"') == 1
    assert not re.search(r"ps:generated\S* [0-9a-f]{24}", page)  # the build's mark is not published


def test_a_control_character_written_as_a_yaml_escape_is_refused(mini):
    """Content files hold no control characters; a YAML escape ("\\u0007") wrote one anyway,
    into a field, a title or a page's front matter."""
    write(mini / "quizzes/01-one.yml", BANK.replace("prompt: A peer asks you what to do.",
                                                    'prompt: "A peer asks\\u0007 what to do."'))
    path = mini / "pages/take-a-break.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Take a break", 'title: "Take a\\x00 break"'), encoding="utf-8")
    found = problems_of(mini)
    assert "quizzes/01-one.yml:7: the text holds a control character (U+0007), written as an " \
           "escape, that text cannot hold; delete it" in found, found
    assert "pages/take-a-break.md:2: the title of the page holds a control character (U+0000); " \
           "write one line of plain text" in found, found


def test_a_bidirectional_override_written_as_a_yaml_escape_is_refused(mini):
    write(mini / "quizzes/01-one.yml", BANK.replace("prompt: A peer asks you what to do.",
                                                    'prompt: "Call \\u202e2219-366-008-1"'))
    path = mini / "pages/take-a-break.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Take a break", 'title: "Take a \\u2066break"'), encoding="utf-8")
    found = problems_of(mini)
    assert "quizzes/01-one.yml:7: the text holds a bidirectional control character (U+202E), " \
           "which makes text show in an order other than it is written; delete it " \
           "(right-to-left scripts need none)" in found, found
    assert "pages/take-a-break.md:2: the title of the page holds a bidirectional control " \
           "character (U+2066), which makes text show in an order other than it is written; " \
           "delete it (right-to-left scripts need none)" in found, found
