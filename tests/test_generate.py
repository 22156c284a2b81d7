"""`python -m builder generate`: a docs tree that plain MkDocs (no plugin of ours)
builds into the same course as the plugin's build, page by page."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import yaml
from conftest import REPO
from selectolax.lexbor import LexborHTMLParser

from builder.pages.safety_points import place_safety_points_markdown

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}
# What a page of the course is made of: its questions, reflection prompts, scripts and
# safety point boxes.
FEATURES = ("data-ps-question", "data-ps-prompt", "data-ps-safety")


def generate_and_build(out: Path, *args: str) -> Path:
    """Generate into `out`, build it with plain `mkdocs build --strict`; the site."""
    result = subprocess.run([sys.executable, "-m", "builder", "generate", str(out), *args],
                            cwd=REPO, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    plain = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert set(plain["plugins"]) <= {"search", "offline"}  # none of ours, no notebook plugin
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                             str(out / "mkdocs.yml"), "-d", str(out / "site")],
                            cwd=out, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out / "site"


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def features(page: Path) -> Counter:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    found: Counter = Counter()
    for name in FEATURES:
        found.update((name, node.attributes[name]) for node in tree.css(f"[{name}]"))
    found.update(("script", node.attributes["src"]) for node in tree.css("script[src]"))
    return found


def assert_same_course(plugin_site: Path, plain_site: Path) -> None:
    assert pages(plain_site) == pages(plugin_site)
    seen = Counter()
    for rel in sorted(pages(plugin_site)):
        want, got = features(plugin_site / rel), features(plain_site / rel)
        assert not want - got, f"{rel}: the plain build lacks {sorted(want - got)[:5]}"
        seen.update(name for name, _ in want)
    # the comparison saw the course: questions, prompts, scripts and safety points
    assert all(seen[name] for name in (*FEATURES, "script")), seen


def test_trainee_edition_builds_without_the_plugin(trainee_site, tmp_path):
    site = generate_and_build(tmp_path / "plain")
    assert_same_course(trainee_site[0], site)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "course-modules" not in home and 'href="modules/01-foundations/"' in home
    safety = (tmp_path / "plain/docs/safety.md").read_text(encoding="utf-8")
    assert "<!-- safety-points -->" not in safety
    assert (tmp_path / "plain/docs/assets/peer-support/config.js").read_text(
        encoding="utf-8").startswith("window.PEER_SUPPORT = ")


def test_facilitator_edition_builds_without_the_plugin(facilitator_site, tmp_path):
    site = generate_and_build(tmp_path / "plain", "--edition", "facilitator")
    assert_same_course(facilitator_site, site)
    assert (site / "facilitator/cohort/index.html").is_file()
    notebook = (site / "facilitator/cohort-insights/index.html").read_text(encoding="utf-8")
    assert 'class="ps-notebook"' in notebook and "Discrimination" in notebook
    # Nothing in the generated site asks another origin for anything: no CDN loaders.
    for page in site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("script[src], link[href], img[src], iframe[src]"):
            url = node.attributes.get("src") or node.attributes.get("href") or ""
            assert not url.startswith(("http:", "https:", "//")) or node.tag == "link" and \
                node.attributes.get("rel") in ("canonical", "alternate"), (page, url)


def test_agency_overlay_builds_without_the_plugin(agency_site, tmp_path):
    site = generate_and_build(tmp_path / "plain", "-f", "examples/agency/mkdocs.yml")
    assert_same_course(agency_site, site)
    module = (tmp_path / "plain/docs/modules/01-foundations.md").read_text(encoding="utf-8")
    assert "15-family.md" not in module  # a module the agency left out: plain text
    assert (site / "assets/logo.svg").is_file()


def test_offline_bundle_from_the_generated_tree(tmp_path):
    from builder.site.offline import zip_site

    site = generate_and_build(tmp_path / "plain", "--offline")
    assert yaml.safe_load((tmp_path / "plain/mkdocs.yml").read_text())["plugins"]["offline"] == {}
    assert (site / "modules/01-foundations.html").is_file()  # no directory URLs from disk
    assert (site / "assets/peer-support/iframe-worker-shim.js").is_file()
    with zipfile.ZipFile(zip_site(site)) as zf:
        assert "peer-support-training/index.html" in zf.namelist()


def test_generate_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "builder", "generate", str(tmp_path)],
                            cwd=REPO, env=ENV, capture_output=True, text=True)
    assert result.returncode == 1 and "not empty" in result.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_safety_points_placed_in_markdown(course):
    text = ("Call for help. <!-- safety: suicide -->\n\n"
            "- an item\n  still the item <!-- safety: danger -->\n\n"
            "Mid <!-- safety: none --> sentence, and nothing after.\n")
    out = place_safety_points_markdown(text, course.safety_points)
    assert "<!--" not in out
    first, item = out.split("\n\n")[1], out.split("\n\n")[3]
    assert first.startswith('<details class="ps-safety') and 'data-ps-safety="suicide"' in first
    # in the list item, at its indent: every line of the box stays in the item
    assert all(line.startswith("  <") for line in item.split("\n")), item
    assert 'data-ps-safety="danger"' in item
    assert "Mid  sentence" in out  # "none" has no box
