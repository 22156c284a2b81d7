"""deploy/csp.py on its own: the Content-Security-Policy it writes for a built
site, and what it refuses to allow."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

DEPLOY = REPO / "deploy"


def load_csp():
    spec = importlib.util.spec_from_file_location("peer_support_csp", DEPLOY / "csp.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


csp = load_csp()


def inline_script_hashes(site: Path) -> list[str]:
    """Hashes of every inline script that runs, found here independently of deploy/csp.py."""
    found = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>",
                                      page.read_text(encoding="utf-8"), re.S):
            if "src=" in attrs or "application/json" in attrs:
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def test_csp_covers_the_facilitator_edition(facilitator_site):
    """Its notebook page (cohort insights) has inline scripts and styles of its own."""
    value = csp.policy(facilitator_site)
    script_src = next(part for part in value.split("; ") if part.startswith("script-src "))
    assert set(inline_script_hashes(facilitator_site)) <= set(script_src.split()[2:])


def test_csp_hashes_inline_scripts_and_styles_and_refuses_what_it_cannot_allow(tmp_path):
    page = tmp_path / "index.html"
    (tmp_path / "404.html").write_text("<script>a()</script>", encoding="utf-8")  # the theme's
    page.write_text('<script>a()</script><script type="application/json">{"x": 1}</script>'
                    '<script src="x.js"></script><style>p{color:red}</style>', encoding="utf-8")
    value = csp.policy(tmp_path, "https://training.example.org/")
    script = "'sha256-" + base64.b64encode(hashlib.sha256(b"a()").digest()).decode() + "'"
    style = "'sha256-" + base64.b64encode(hashlib.sha256(b"p{color:red}").digest()).decode() + "'"
    assert f"script-src {script};" in value
    assert f"style-src 'self' {style};" in value
    assert "worker-src 'none';" in value

    page.write_text('<p>\n<a href="javascript:void(0)">x</a><button onclick="go()">y</button>\n'
                    '<span style="color:red">z</span>', encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        csp.policy(tmp_path, "https://training.example.org/")
    message = str(caught.value)
    assert "index.html:2:" in message and "javascript:" in message and "onclick" in message
    assert "index.html:3:" in message and "style" in message
    result = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(tmp_path), "--nginx",
                             str(tmp_path / "csp.conf")], capture_output=True, text=True)
    assert result.returncode != 0 and "onclick" in result.stderr
    assert not (tmp_path / "csp.conf").exists()


def test_csp_refuses_an_inline_script_the_theme_does_not_write(trainee_site, course, tmp_path):
    """A script slipped into a built page is named, never hashed into the policy; the
    theme's own scripts are known from 404.html at every page depth."""
    site = tmp_path / "site"
    shutil.copytree(trainee_site[0], site)
    page = site / f"modules/{course.modules[0].id}/index.html"
    html = page.read_text(encoding="utf-8")
    at = html.index('<article class="md-content__inner')
    line = html[:at].count("\n") + 1
    page.write_text(html[:at] + "<script>alert(1)</script>" + html[at:], encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        csp.policy(site)
    message = str(caught.value)
    assert f"modules/{course.modules[0].id}/index.html:{line}: an inline <script> that is " \
           "not the theme's or ours ('alert(1)')" in message
    assert message.count("inline <script>") == 1  # the theme's own, on every page, are known
    result = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(site)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "alert(1)" in result.stderr and result.stdout == ""


def test_csp_needs_the_404_page_to_know_the_themes_scripts(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    with pytest.raises(SystemExit, match="no 404.html"):
        csp.policy(tmp_path)


def test_scripts_only_from_the_files_the_build_wrote(trainee_site, tmp_path):
    """script-src names every script file of the build by its full address, and nothing
    else ('self' would let any script file on the server run); workers only the search's."""
    site = trainee_site[0]
    value = csp.policy(site)
    parts = {part.split()[0]: part.split()[1:] for part in value.split("; ")}
    address = csp.site_address(site)
    assert address.startswith("http://127.0.0.1:") and address.endswith("/")
    files = {f"{address}{p.relative_to(site).as_posix()}" for p in site.rglob("*.js")}
    listed = [s for s in parts["script-src"] if not s.startswith("'sha256-")]
    assert "'self'" not in parts["script-src"] and "'self'" not in parts["worker-src"]
    lunr = f"{address}assets/javascripts/lunr/"
    assert lunr in listed                                     # the theme's language files, as a folder
    assert set(listed) - {lunr} == {f for f in files if not f.startswith(lunr)}
    assert f"{address}assets/peer-support/peer-support.js" in listed
    assert parts["worker-src"] == [f for f in files if "/workers/search." in f]
    # Served at another address than it was built for: that address.
    other = csp.policy(site, "https://training.example.org/sub")
    assert "https://training.example.org/sub/assets/peer-support/config.js" in other
    assert address not in other
    result = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(site), "--site-url",
                             "https://training.example.org/sub/"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == other + "\n", result.stderr


def test_the_site_address_comes_from_the_build_or_is_given(tmp_path):
    (tmp_path / "404.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    with pytest.raises(SystemExit, match="no canonical link, so the site's address is not known"):
        csp.policy(tmp_path)
    with pytest.raises(SystemExit, match="is not the web address of a site"):
        csp.policy(tmp_path, "javascript:alert(1)//")
