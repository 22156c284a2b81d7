"""The real MkDocs build of the repository: what reaches each edition."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO, build_site

from builder.site.plugin import COMPONENTS, HERE, minified


def html(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_mkdocs_build_strict_from_the_repo_root(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                             str(tmp_path / "site")], cwd=REPO, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/index.html").is_file()


def test_module_pages_quiz_markup_and_reflections(trainee_site, course):
    site, _ = trainee_site
    for module in course.modules:
        page = html(site, f"modules/{module.id}/index.html")
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1.*?</h1>", page, re.S).group(0))
        assert h1.replace("&amp;", "&").replace("&para;", "").strip() == module.title
        if module.quiz:
            assert f'data-ps-bank="{module.id}"' in page
            for q in module.quiz.questions:
                assert f'id="q-{q.id}"' in page
            assert page.count("<details class=\"ps-answer\"") == len(module.quiz.questions)
        if module.reflections:
            for p in module.reflections.prompts:
                assert f'data-ps-entry="{p.id}"' in page


def test_standards_code_of_conduct_and_glossary(trainee_site, course):
    site, _ = trainee_site
    standards = html(site, "modules/standards-of-practice/index.html")
    for cid in course.competencies:
        assert f'id="{cid}"' in standards
    assert "non-negotiable" in html(site, "modules/code-of-conduct/index.html")
    glossary = html(site, "glossary/index.html")
    for term in course.glossary:
        assert f'id="{term.anchor}"' in glossary


def test_module_pages_link_competencies_and_define_glossary_terms(trainee_site, course):
    site, _ = trainee_site
    module = next(m for m in course.modules if m.complete)
    page = html(site, f"modules/{module.id}/index.html")
    for cid in module.competencies:
        assert f'href="../standards-of-practice/#{cid}"' in page
    assert re.search(r'<abbr title="[^"]+">', page), "no glossary hover definitions"


def test_support_lines_page_lists_every_line(trainee_site, course):
    site, _ = trainee_site
    page = html(site, "support-lines/index.html")
    for line in course.support_lines:
        assert line.contact in page
    # Checking the numbers is the publisher's job (checked: dates, `check`), not the learner's.
    assert "check locally" not in page.lower()
    assert not [line.name for line in course.support_lines
                if line.checked and line.checked.isoformat() in page]
    assert "1-800-663-9122" in page and "text CONNECT to 686868" in page
    assert 'href="tel:988"' in page and 'href="sms:686868"' in page


def test_trainee_build_has_no_facilitator_material(trainee_site, course):
    site, _ = trainee_site
    assert not (site / "facilitator").exists()
    index = html(site, "search/search_index.json")
    for module in course.modules:
        if module.facilitator:
            assert "Facilitator notes" not in index
            first_activity = module.facilitator.markdown.split("## Activities", 1)[1][:200]
            heading = re.search(r"### (.+)", first_activity)
            if heading:
                assert heading.group(1).strip() not in index
    for page in site.rglob("*.html"):
        assert "Answer key" not in page.read_text(encoding="utf-8"), page


def test_facilitator_build_has_notes_and_answer_keys(facilitator_site, course):
    for module in course.modules:
        if module.facilitator:
            page = html(facilitator_site, f"facilitator/{module.id}/index.html")
            assert "Session plan" in page
        if module.quiz:
            key = html(facilitator_site, f"facilitator/{module.id}-answers/index.html")
            assert key.count("Rationale.") == len(module.quiz.questions)
    index = json.loads(html(facilitator_site, "search/search_index.json"))
    assert any(d["location"].startswith("facilitator/") for d in index["docs"])


def test_curriculum_map_counts_questions(trainee_site, course):
    site, _ = trainee_site
    page = html(site, "curriculum-map/index.html")
    for cid in course.competencies:
        assert f"#{cid}" in page


def test_assets_are_files_not_inlined(trainee_site):
    site, _ = trainee_site
    page = html(site, "index.html")
    assert set(re.findall(r"assets/peer-support/([\w.-]+)", page)) == {
        "lazysearch.js", "config.js", "peer-support.js", "peer-support.css"}
    assert "fonts.googleapis" not in page
    # Every component every page runs, in one file, in order, each run on its own.
    bundle = (site / "assets/peer-support/peer-support.js").read_text(encoding="utf-8")
    assert f'<script defer src="../assets/peer-support/peer-support.js' in html(site, "progress/index.html")
    where = [bundle.find(minified(HERE / "assets" / name).decode()) for name in COMPONENTS]
    assert -1 not in where and where == sorted(where), dict(zip(COMPONENTS, where))
    assert bundle.count("}catch(e){setTimeout(function(){throw e})}") == len(COMPONENTS) > 10
    assert not (site / "assets/peer-support/selfcheck.js").exists()
    for lazy in ("transfer.js", "record.js"):  # loaded by base.js on the pages that need them
        assert (site / f"assets/peer-support/{lazy}").is_file() and lazy not in page
    css = (site / "assets/peer-support/peer-support.css").read_text(encoding="utf-8")
    assert ".ps-key-feedback" in css  # pages.css follows the course's rules
    assert not (site / "assets/peer-support/pages.css").exists()


def test_search_index_has_prose_but_not_the_answers(trainee_site, course):
    site, _ = trainee_site
    index = html(site, "search/search_index.json")
    module = next(m for m in course.modules if m.quiz)
    option = next(o for q in module.quiz.questions for o in q.options if not o.correct)
    assert "Not the best fit" not in index and option.feedback[:40] not in index
    assert "Why this matters" in index


def test_a_title_that_yaml_would_misread_stays_a_title_on_every_page(mini, tmp_path):
    """Front matter is written one way (the YAML dumper), so a module title with
    quotes, a colon, a hash and a leading dash never spills into a page."""
    from selectolax.lexbor import LexborHTMLParser

    title = """- "Helper" & 'ally': who's who #1"""
    path = mini / "modules/01-one.md"
    path.write_text(path.read_text().replace("title: Module 1", "title: " + json.dumps(title)))
    for edition in ("trainee", "facilitator"):
        out = tmp_path / edition
        build_site(out, "--edition", edition, cwd=mini)
        pages = sorted(out.rglob("*.html"))
        assert len(pages) > 10
        for page in pages:
            tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
            tree.strip_tags(["script", "style", "template"])
            text = tree.body.text()
            assert "title:" not in text and '\\"Helper' not in text, page
        pack = out / "facilitator/01-one-pack/index.html"
        if edition == "facilitator":
            heading = LexborHTMLParser(pack.read_text(encoding="utf-8")).css_first("h1").text()
            assert heading.startswith("Session pack: 1. - \"Helper\" & 'ally'"), heading
