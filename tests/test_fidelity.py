"""Fidelity to the source: text the course presents as reprinted (the code of
conduct, the standards of practice) matches the B.C. overview word for word,
and the places where the overview's meaning was once lost keep it. The
overview's own text is kept in tests/sources/, copied line for line."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

from builder.content.problems import Problems
from builder.load.data import load_glossary, load_standards

SOURCES = Path(__file__).parent / "sources"


def source(name: str) -> str:
    """A source excerpt without its `#` note lines."""
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#"))


def words(text: str) -> str:
    """Normalize white space and list bullets only."""
    return re.sub(r"\s+", " ", re.sub(r"(^|\s)[•]\s", " ", text)).strip()


def page(rel: str) -> str:
    return (REPO / rel).read_text(encoding="utf-8")


def test_code_of_conduct_statements_are_the_overviews_word_for_word():
    code = page("modules/code-of-conduct.md").split("## The code", 1)[1].split("\n## ", 1)[0]
    statements = [line[len("> - "):] for line in code.splitlines() if line.startswith("> - ")]
    assert len(statements) == 10
    assert words(" ".join(statements)) == words(source("code-of-conduct-overview.txt"))


def test_code_of_conduct_page_claims_no_permission_of_its_own():
    text = words(page("modules/code-of-conduct.md"))
    assert "This page reproduces the code as it is reprinted in the B.C. overview" in text
    assert "so do we" not in text
    agency = words(page("AGENCY.md"))
    assert "confirm with Peer Support Canada that you may reproduce the code" in agency


def test_standards_are_the_overviews_word_for_word_in_its_text_order():
    text = words(source("standards-overview.txt"))
    areas = load_standards(REPO / "modules/standards-of-practice.md", Problems(REPO))
    assert [len(a.competencies) for a in areas] == [5, 6, 6, 5, 3]
    for area in areas:
        assert area.title.upper() in text, area.title
        at = [text.find(words(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", c.text)))
              for c in area.competencies]
        assert -1 not in at, [c.id for c, i in zip(area.competencies, at) if i == -1]
        assert at == sorted(at), f"area {area.number} is out of the overview's text order"


def test_colonization_keeps_violently_invades_and_names_settlers():
    glossary = {t.term: t.definition for t in load_glossary(REPO / "data/glossary.yml",
                                                              Problems(REPO))}
    assert "violently invades" in glossary["Colonization"]
    assert "settlers" in glossary["Colonization"] and "newcomers" not in glossary["Colonization"]
    module = words(page("modules/05-cultural-humility.md"))
    section = module.split("## Colonization and its ongoing effects in B.C.", 1)[1][:600]
    assert "violently invades" in section and "Settlers" in section
    assert "newcomer" not in section.lower()


def test_glossary_and_core_values_keep_the_overviews_meaning():
    glossary = {t.term: t.definition for t in load_glossary(REPO / "data/glossary.yml",
                                                              Problems(REPO))}
    assert "spouse" in glossary["Family peer support worker"]
    for role in ("employment counsellor", "substance use counsellor", "job coach",
                 "peer navigator", "clerical worker", "organizational leader"):
        assert role in glossary["Peer-delivered services"], role
    assert "invite them to the table" in glossary["Peer engagement"]
    assert "Perspective-taking" in glossary["Empathy"]
    assert "addiction" in glossary["Peer support worker"]
    assert "humble" in glossary["Holding space"] and "assumptions" in glossary["Holding space"]
    values = page("data/core-values.yml")
    for phrase in ("meet people where they are at", "social justice mindset",
                   "breaks down hierarchies", "know and be known"):
        assert phrase in values, phrase


def test_sources_are_credited():
    for rel in ("modules/05-cultural-humility.md", "modules/09-social-determinants.md"):
        assert "Mary Ellen Turpel-Lafond (2020), *In Plain Sight" in page(rel), rel
    assert "(Van Ameringen et al., 2008)" in words(page("modules/08-trauma-informed.md"))
    family = words(page("modules/15-family.md"))
    assert re.search(r"stressors and triggers[^.]*\[SP-2\.2\]", family)
