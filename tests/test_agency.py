"""An agency's copy (examples/agency) extends the course without forking it."""

from __future__ import annotations

import re

from conftest import REPO

AGENCY = REPO / "examples/agency"


def read(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_name_logo_and_colours(agency_site):
    home = read(agency_site, "index.html")
    assert "<title>Home - Harbourview Peer Support Training</title>" in home
    assert 'src="assets/logo.svg"' in home and (agency_site / "assets/logo.svg").is_file()
    css = home.index("assets/peer-support/peer-support.css")
    assert css < home.index("assets/agency.css"), "the agency's colours must load after ours"


def test_subset_and_order_of_modules(agency_site):
    home = read(agency_site, "index.html")
    nav = re.findall(r'href="modules/(\d\d-[a-z-]+)/"', home)
    chosen = ["01-foundations", "07-communication", "06-boundaries", "12-crisis", "14-resilience"]
    assert list(dict.fromkeys(nav)) == chosen
    assert sorted(p.name for p in (agency_site / "modules").iterdir() if p.name[0].isdigit()) \
        == sorted(chosen)
    # A link to a module the agency left out becomes plain text, not a broken link.
    page = read(agency_site, "modules/01-foundations/index.html")
    assert 'href="../15-family/"' not in page


def test_own_pages_and_the_course_pages(agency_site):
    assert "example agency" in read(agency_site, "about-us/index.html")
    assert "Harbourview" in read(agency_site, "index.html")
    for rel in ("safety", "take-a-break", "progress", "glossary"):
        assert (agency_site / rel / "index.html").is_file(), rel


def test_own_support_lines_replace_the_defaults(agency_site):
    page = read(agency_site, "support-lines/index.html")
    assert "Harbourview drop-in peer support" in page
    assert "KUU-US" not in page and "HealthLink" not in page


def test_own_quick_exit_and_learner_data_space(agency_site):
    page = read(agency_site, "modules/12-crisis/index.html")
    assert 'href="https://www.theweathernetwork.com/ca" rel="noreferrer" data-ps-exit' in page
    config = read(agency_site, "assets/peer-support/config.js")
    assert '"siteId": "harbourview-peer-support-training"' in config
    assert '"quickExitUrl": "https://www.theweathernetwork.com/ca"' in config
