"""The output gate (builder/site/gate.py): every build checks what it wrote, as a
browser would read it, and fails with the page (and the source line where it can)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import material
import mkdocs_jupyter
import pytest

from conftest import REPO, build_site, write

from builder.site.gate import check_site

TEMPLATES = (str(REPO / "overrides"), str(Path(material.__file__).parent / "templates"),
             str(Path(mkdocs_jupyter.__file__).parent / "templates"))


def build(root: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/",
           "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(out), *args],
                          cwd=root, env=env, capture_output=True, text=True)


def refused(root: Path, out: Path, *args: str) -> str:
    result = build(root, out, *args)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing was published" in result.stderr, result.stderr
    assert not (out / "index.html").exists()  # a build that fails the gate publishes nothing
    return result.stderr


def test_every_real_build_passes_the_gate(trainee_site, facilitator_site, agency_site):
    for site in (trainee_site[0], facilitator_site, agency_site):
        assert (site / "index.html").is_file()  # the build ran the gate, and it passed
        assert check_site(site, {}, site_url="http://127.0.0.1:8000/",
                          template_dirs=TEMPLATES) == []


def test_the_offline_build_passes_the_gate(mini, tmp_path):
    build_site(tmp_path / "s", "--offline", cwd=mini)
    assert check_site(tmp_path / "s", {}, site_url="", template_dirs=TEMPLATES) == []


def test_the_facilitator_build_of_a_course_passes_the_gate(mini, tmp_path):
    build_site(tmp_path / "s", "--edition", "facilitator", cwd=mini)
    assert (tmp_path / "s/facilitator/cohort/index.html").is_file()


def test_contributed_files_that_would_run_are_refused(mini, tmp_path):
    """Finding 2: .html, .svg and .js in pages/ were published unchecked."""
    write(mini / "pages/help.html", '<p>Help</p><script src="help.js"></script>\n')
    write(mini / "pages/help.js", "alert(document.cookie)\n")
    write(mini / "pages/assets/badge.svg",
          '<svg xmlns="http://www.w3.org/2000/svg"><script>{{ "alert(1)" }}</script></svg>\n')
    write(mini / "pages/assets/feed.xml", "<html xmlns='http://www.w3.org/1999/xhtml'/>\n")
    write(mini / "pages/notes.txt", "notes\n")
    write(mini / "pages/assets/look.css", "body { background: url(https://evil.example/t.png) }\n")
    write(mini / "pages/assets/fine.svg", '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h4"/>'
                                          "</svg>\n")
    write(mini / "pages/assets/fine.css", "body { color: #123; }\n")
    err = refused(mini, tmp_path / "s")
    assert 'pages/help.html: the built page help.html is a ".html" file put beside the pages' in err
    assert 'pages/help.js: the built page help.js is a ".js" file put beside the pages' in err
    assert 'pages/assets/badge.svg: the built page assets/badge.svg is an SVG with "<script"' in err
    assert 'pages/assets/feed.xml: the built page assets/feed.xml is a ".xml" file put beside' in err
    assert 'notes.txt is a ".txt" file, a type the site does not publish' in err
    assert 'assets/look.css is a stylesheet that loads "url(https:…" from another website' in err
    assert "fine.svg" not in err and "fine.css" not in err
    assert err.count("the built page") == 6, err


HOSTILE_HEAD = """
{% block htmltitle %}<title>Course &lt;img src=x onerror=alert(0)&gt;</title>{% endblock %}
{% block extrahead %}
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<script>{{ "alert(1)" }}</script>
<script src="https://evil.example/x.js"></script>
<script src="assets/nothing.js"></script>
<script type="text/x-other">alert(2)</script>
<script>{{ '__md_scope=new URL("..",location),alert(3)' }}</script>
{% endblock %}
"""
HOSTILE_BODY = """
<a href="&#1;javascript:alert(4)">x</a>
<a href="java&#x09;script:alert(5)">y</a>
<img src="x" onerror="alert(6)">
<span title="&lt;img src=x onerror=alert(7)&gt;">tip</span>
<form action="javascript:alert(8)"><button formaction="vbscript:x">b</button></form>
<noscript><p title="</noscript><img src=x onerror=alert(9)>"></p></noscript>
<iframe srcdoc="&lt;script&gt;alert(10)&lt;/script&gt;"></iframe>
<template shadowrootmode="open"><img src=x onerror=alert(11)></template>
<svg><a xlink:href="data:text/html,&lt;script&gt;alert(12)&lt;/script&gt;">z</a>
<animate attributeName="href" to="javascript:alert(13)"/></svg>
<img src="https://evil.example/pixel.png">
<script type="application/json" data-ps-cohort-data>{"a": "<!--<script>"}</script>
<p>the rest of the page</p>
"""
EXPECTED = [
    'has "<" in its <title>: "Course <img src=x onerror=alert(0)>"',
    "has a <base> element",
    "has a <meta http-equiv> refresh",
    "has an inline <script> that is not one of the theme's, which would run code on the "
    'learner\'s page: "alert(1)"',
    '<script src="https://evil.example/x.js">, a script the theme and the builder do not ship',
    '<script src="assets/nothing.js">, a script the theme and the builder do not ship',
    '<script type="text/x-other">',
    '"__md_scope=new URL("..",location),alert(3)"',
    '<a href="\x01javascript:alert(4)">, a javascript: address',
    '<a href="java\tscript:alert(5)">, a javascript: address',
    'an onerror="..." attribute on <img>',
    'has "<" in a title="..." attribute on <span>',
    '<form action="javascript:alert(8)">, a javascript: address',
    '<button formaction="vbscript:x">, a vbscript: address',
    'has a <noscript> holding "</noscript"',
    'has "<" in a title="..." attribute on <p>',
    "has a srcdoc attribute on <iframe>",
    "has an embedded page",
    "has a <template>",
    '<a xlink:href="data:text/html,<script>alert(12)</script>">, a data: address',
    "has an SVG animation",
    '<img src="https://evil.example/pixel.png">, which would load from another website',
    "has a JSON <script> that is no longer JSON",
]


def test_every_hostile_page_is_refused_with_its_reason(mini, tmp_path):
    """The theme overrides (the publisher's, not checked as content) write each thing the
    gate refuses into every page: each is reported once, on the page it is on. (An
    inline script written out in a template is the theme's own: these are printed.)"""
    main = mini / "overrides/main.html"
    text = main.read_text(encoding="utf-8").replace(
        "{% block content %}\n  {{ super() }}", "{% block content %}\n  {{ super() }}" + HOSTILE_BODY)
    assert HOSTILE_BODY in text
    write(main, text + HOSTILE_HEAD)
    err = refused(mini, tmp_path / "s")
    lines = [line for line in err.splitlines() if "the built page index.html " in line]
    for expected in EXPECTED:
        assert sum(expected in line for line in lines) == 1, expected
    assert len(lines) == len(EXPECTED), "\n".join(lines)
    assert all(line.startswith("pages/index.md: the built page index.html has ")
               for line in lines), "\n".join(lines)  # made from it, at no line of it


def test_a_page_title_that_turns_into_markup_is_refused_at_its_line(mini, tmp_path):
    """Finding 1: a front matter title written with YAML escapes reaches the
    navigation as a tag. Refused by `check` or by the gate, never published."""
    page = mini / "pages/take-a-break.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle:")
    write(page, text.replace("title:", 'title: "Take a break\\u003cimg src=x onerror=alert(1)'
                             '\\u003e"\nx-old-title:', 1))
    result = build(mini, tmp_path / "s")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "pages/take-a-break.md:2: " in result.stderr, result.stderr
    assert not (tmp_path / "s/index.html").exists()


def test_symlinks_and_special_files_in_the_output_are_refused(mini, tmp_path):
    site = tmp_path / "s"
    build_site(site, cwd=mini)
    assert check_site(site, {}, site_url="", template_dirs=TEMPLATES) == []
    (site / "env.txt").symlink_to("/etc/hostname")
    (site / "assets/up").symlink_to(tmp_path)
    os.mkfifo(site / "pipe.css")
    found = {(r.page, r.what.split(",")[0]) for r in
             check_site(site, {}, site_url="", template_dirs=TEMPLATES)}
    assert found == {("env.txt", "is a symbolic link"), ("assets/up", "is a symbolic link"),
                     ("pipe.css", "is not a regular file (a pipe or a device)")}


@pytest.mark.parametrize("script", [
    '<script>__md_scope=new URL("../..",location),__md_hash=e=>0</script>',
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script id="__config" type="application/json">{"base": </script>',
])
def test_inline_scripts_are_compared_exactly(mini, tmp_path, script):
    site = tmp_path / "s"
    build_site(site, cwd=mini)
    page = site / "safety/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"),
                    encoding="utf-8")
    found = check_site(site, {}, site_url="", template_dirs=TEMPLATES)
    assert [r.page for r in found] == ["safety/index.html"], found


@pytest.mark.parametrize("field, value, shown", [
    ("text", '<p>Fine.</p><img src=x onerror="alert(1)">', '"<img src=x onerror="alert(1)">"'),
    ("title", 'Help <svg onload=alert(1)>', '"<svg onload=alert(1)>"'),
    ("text", '<p class="x">Attributes are not the theme\'s.</p>', '"<p class="x">'),
])
def test_the_search_index_holds_no_markup_the_search_would_show(mini, tmp_path, field, value,
                                                                shown):
    """The theme's search shows an entry's title and text as HTML: only the markup its
    plugin keeps, and our hidden digits, may be there."""
    import json

    site = tmp_path / "s"
    build_site(site, cwd=mini)
    index = site / "search/search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    assert any("<span hidden>" in d["text"] for d in data["docs"])  # ours, allowed
    data["docs"].append({"location": "x/", "title": "Entry", "text": "<p>Entry.</p>", field: value})
    index.write_text(json.dumps(data), encoding="utf-8")
    found = check_site(site, {}, site_url="", template_dirs=TEMPLATES)
    assert [r.page for r in found] == ["search/search_index.json"], found
    assert "which the search would show as markup" in found[0].what and shown in found[0].what


def test_the_search_index_leads_nowhere_else(mini, tmp_path):
    import json

    site = tmp_path / "s"
    build_site(site, "--offline", cwd=mini)
    index = site / "search/search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"].append({"location": "javascript:alert(1)", "title": "Go", "text": ""})
    index.write_text(json.dumps(data), encoding="utf-8")
    found = check_site(site, {}, site_url="", template_dirs=TEMPLATES)
    whats = sorted(r.what for r in found)
    assert any('leads to "javascript:alert(1)", an address outside the site' in w for w in whats)
    assert any("search/search_index.js beside it that is not the index" in w for w in whats)


def test_the_search_share_link_is_no_javascript_link(mini, tmp_path):
    """The theme's search share link was javascript:void(0): an agency that turned
    search.share on got a build the gate refused."""
    config = mini / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    write(config, text.replace("    - search.highlight\n", "    - search.highlight\n    - search.share\n"))
    site = tmp_path / "s"
    build_site(site, cwd=mini)  # the gate passes
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search-share"' in home and "javascript:" not in home
