"""The trust boundary as a property (issue 24): hostile text written into any content
field of a small course (markup, character references, encoded schemes, control
characters, YAML escapes) is refused by `check`, or the course builds (the output
gate passes) and what it wrote is inert by a reading of its own: no handler, no
script but the theme's and the builder's, no address that runs or loads from
elsewhere, no markup in a title. One build an example at most, a few examples: well
under a minute. HYPOTHESIS_PROFILE=thorough looks much longer."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import BANK, REPO, write
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from builder.commands.scaffold import stub_files
from builder.content.problems import Problems
from builder.load.course import load_course

# Pieces of text that have each been a way through a check somewhere, or could be.
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
          "&lt;img src=x onerror=alert(1)&gt;", "&#60;script&#62;", "&ltimg src=x onerror=a()&gt",
          "[x](javascript:alert(1))", "[x](&#1;javascript:alert(1))", "[x](java&#x09;script:a())",
          '<a href="jav&#x61;script:alert(1)">x</a>', "![x](https://evil.example/p.png)",
          '<img src="&#1;https://evil.example/p.png">', '{: onclick="alert(1)" }',
          "<!-- ps:generated -->", "<!-- /ps:generated -->", "</div>", "</textarea>", "<!--",
          "-->", "[w]: nope.png", '![][w]{: onerror="alert(1)" }', r"!\[\](nope.png)",
          '[t](x.md "a &lt;img src=x onerror=alert(1)&gt;")', "<details open ontoggle=a()>",
          "<svg><a xlink:href=javascript:alert(1)>x</a></svg>", "<style>@import'//e.x'</style>",
          "<meta http-equiv=refresh content=0;url=//e.x>", "<base href=//e.x/>", "&amp;",
          "Q&A", "plain words", "*a*", "_", "`<b>`", "\\", "</script>", "<!--<script>", '"',
          "'", "\u202e", "\u2028", "é", "{{ x }}", "{% raw %}", "<<", ">>", "&#x6a;avascript:",
          "<iframe srcdoc=&lt;script&gt;alert(1)&lt;/script&gt;>", "<textarea>", "<noscript>"]
# YAML escapes in a double-quoted scalar: text the file does not hold as it is.
YAML_ESCAPES = [r"\u003cscript\u003ealert(1)\u003c/script\u003e", r"\x3cimg src=x onerror=a()\x3e",
                r"\u0007", r"\x00", r"\u2028", r"\N", r"\e", r"\u0022", r"\u003c!--"]
PIECE = st.one_of(st.sampled_from(MARKUP).map(lambda t: ("text", t)),
                  st.sampled_from(YAML_ESCAPES).map(lambda t: ("yaml", t)),
                  st.text(max_size=6).map(lambda t: ("text", t)))
MARKDOWN_FIELDS = ("module purpose", "module prose", "quiz prompt", "option text",
                   "option feedback", "explanation", "reflection prompt", "glossary definition",
                   "support line contact", "support line for", "facilitator notes")
PLAIN_FIELDS = ("module title", "page title", "page description", "support line name")
# Plain fields refuse most markup, so an example puts the text in one of them at most.
FIELDS = st.tuples(st.sets(st.sampled_from(MARKDOWN_FIELDS), min_size=1, max_size=5),
                   st.sets(st.sampled_from(PLAIN_FIELDS), max_size=1)).map(lambda t: t[0] | t[1])


def as_yaml(pieces) -> str:
    """A double-quoted YAML scalar: text escaped as JSON is, YAML escapes as written."""
    return '"' + "".join(json.dumps(t)[1:-1] if kind == "text" else t for kind, t in pieces) + '"'


def as_text(pieces) -> str:
    return "".join(t for _, t in pieces)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def place(root: Path, field: str, pieces) -> None:
    y, t = as_yaml(pieces), as_text(pieces)
    {
        "module title": lambda: edit(root / "modules/01-one.md", "title: Module 1", f"title: {y}"),
        "module purpose": lambda: edit(root / "modules/01-one.md",
                                       "purpose: What this module is for, in one sentence.",
                                       f"purpose: {y}"),
        "module prose": lambda: edit(root / "modules/01-one.md", "# Module 1\n",
                                     f"# Module 1\n\n{t}\n"),
        "page title": lambda: edit(root / "pages/take-a-break.md", "title: Take a break",
                                   f"title: {y}"),
        "page description": lambda: edit(root / "pages/take-a-break.md", "description: A short "
                                         "grounding exercise for when the material feels heavy.",
                                         f"description: {y}"),
        "quiz prompt": lambda: edit(root / "quizzes/01-one.yml",
                                    "prompt: A peer asks you what to do.", f"prompt: {y}"),
        "option text": lambda: edit(root / "quizzes/01-one.yml",
                                    "- text: Tell them what you would do.", f"- text: {y}"),
        "option feedback": lambda: edit(root / "quizzes/01-one.yml",
                                        "feedback: It keeps the choice theirs.", f"feedback: {y}"),
        "explanation": lambda: edit(root / "quizzes/01-one.yml",
                                    "explanation: Self-determination.", f"explanation: {y}"),
        "reflection prompt": lambda: edit(root / "reflections/01-one.yml",
                                          "text: A question about self-care.", f"text: {y}"),
        "glossary definition": lambda: write(root / "data/glossary.yml", (
            root / "data/glossary.yml").read_text(encoding="utf-8") +
            f"- term: Wander\n  definition: {y}\n"),
        "support line name": lambda: edit(root / "data/support-lines.yml",
                                          "- name: Emergency services", f"- name: {y}"),
        "support line contact": lambda: edit(root / "data/support-lines.yml",
                                             "  contact: Call 9-1-1", f"  contact: {y}"),
        "support line for": lambda: edit(root / "data/support-lines.yml",
                                         "  for: Anyone whose life or safety is in danger right "
                                         "now.", f"  for: {y}"),
        "facilitator notes": lambda: edit(root / "facilitator/01-one.md", "## Check-in\n",
                                          f"## Check-in\n\n{t}\n"),
    }[field]()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The small course every example starts from (conftest's mini, with a bank)."""
    root = tmp_path_factory.mktemp("hostile") / "course"
    for rel in ("data", "pages", "overrides"):
        shutil.copytree(REPO / rel, root / rel)
    for rel in ("mkdocs.yml", "modules/standards-of-practice.md", "modules/code-of-conduct.md"):
        write(root / rel, (REPO / rel).read_text(encoding="utf-8"))
    write(root / "modules/course.yml", "modules:\n  - 01-one\n  - 02-two\n")
    for number, module_id in ((1, "01-one"), (2, "02-two")):
        for rel, text in stub_files(module_id, f"Module {number}", number).items():
            write(root / rel, text)
    write(root / "quizzes/01-one.yml", BANK)
    return root


ON = re.compile(r"^on", re.IGNORECASE)
RUNS_OR_LOADS = re.compile(r"^(?:javascript|vbscript|data):|^//", re.IGNORECASE)
CONTROLS = re.compile(r"[\x00-\x20\x7f]+")


def not_inert(site: Path, clean: dict[str, set[str]]) -> list[str]:
    """What in the built site would run, load from elsewhere or show as markup: read here
    with Lexbor, independently of the output gate. `clean`: each page's inline scripts in
    the build without the hostile text (the theme's and the builder's)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.root.traverse() if tree.root else ():
            tag = (node.tag or "").lower()
            if tag in ("iframe", "object", "embed", "base", "frame", "template"):
                found.append(f"{rel}: <{tag}>")
            if tag == "meta" and "refresh" in (node.attributes.get("http-equiv") or "").lower():
                found.append(f"{rel}: a refresh")
            if tag == "script" and not node.attributes.get("src") and \
                    node.attributes.get("type") != "application/json" and \
                    node.text().strip() not in clean.get(rel, set()) | clean.get("*", set()):
                found.append(f"{rel}: an inline script {node.text()[:40]!r}")
            for name, value in node.attributes.items():
                value = value or ""
                if ON.match(name):
                    found.append(f"{rel}: {name}= on <{tag}>")
                if name in ("href", "src", "xlink:href", "action", "formaction", "srcset") and \
                        RUNS_OR_LOADS.match(CONTROLS.sub("", value)) and \
                        not (tag == "a" and value.startswith("//")):
                    found.append(f"{rel}: <{tag} {name}={value[:40]!r}>")
                if name == "title" and "<" in value:
                    found.append(f"{rel}: markup in a title: {value[:40]!r}")
            if tag == "title" and "<" in node.text():
                found.append(f"{rel}: markup in <title>")
    return found


def inline_scripts(site: Path) -> dict[str, set[str]]:
    scripts: dict[str, set[str]] = {"*": set()}
    for page in site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        texts = {n.text().strip() for n in tree.css("script:not([src])")}
        scripts[page.relative_to(site).as_posix()] = texts
        scripts["*"] |= {t for t in texts if "new URL(" not in t}  # the same on every page
    return scripts


def build(root: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO),
           "SITE_URL": "http://127.0.0.1:8000/"}
    return subprocess.run([sys.executable, "-m", "builder", "build", "--edition", "facilitator",
                           "-d", str(out)], cwd=root, env=env, capture_output=True, text=True,
                          timeout=180)


@pytest.fixture(scope="module")
def clean(template, tmp_path_factory) -> dict[str, set[str]]:
    out = tmp_path_factory.mktemp("clean") / "site"
    result = build(template, out)
    assert result.returncode == 0, result.stderr
    return inline_scripts(out)


@settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "8")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pieces=st.lists(PIECE, min_size=1, max_size=4),
       fields=FIELDS)
@example(pieces=[("text", "&lt;img src=x onerror=alert(1)&gt; "), ("text", "Q&A")],
         fields={"module purpose", "quiz prompt", "glossary definition", "support line for",
                 "reflection prompt", "facilitator notes", "module prose"})
@example(pieces=[("text", "[w]: nope.png\n\n"), ("text", '![][w]{: onerror="alert(1)" }')],
         fields={"option feedback", "explanation", "support line contact", "module purpose"})
def test_hostile_text_in_any_field_is_refused_or_inert(template, clean, pieces, fields):
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "course"
        shutil.copytree(template, root)
        for field in sorted(fields):
            place(root, field, pieces)
        problems = Problems(root)
        load_course(root, problems)  # never raises
        for problem in problems.items:
            assert re.fullmatch(r"[\w./-]+:\d+: \S.*", str(problem), re.S), problem
        if problems.errors:
            return  # refused by check, with path:line for each problem
        result = build(root, Path(work) / "site")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert result.returncode == 0, (fields, pieces, result.stderr[-3000:])  # the gate passed
        assert not_inert(Path(work) / "site", clean) == [], (fields, pieces)
