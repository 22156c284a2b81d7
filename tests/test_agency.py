"""An agency's copy (examples/agency) extends the course without forking it;
`python -m builder new-agency` makes one that builds as it is."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write

from builder.commands.agency import next_steps, overlay_files
from builder.site.gate import SVG_REFUSED
from builder.site.own_pages import in_order

AGENCY = REPO / "examples/agency"


def read(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def test_name_logo_and_colours(agency_site):
    home = read(agency_site, "index.html")
    assert "<title>Home - Harbourview Peer Support Training</title>" in home
    assert 'src="assets/logo.svg"' in home and (agency_site / "assets/logo.svg").is_file()
    # White on a tile of the header's colour: currentColor would draw it black there.
    logo = read(agency_site, "assets/logo.svg")
    assert "currentColor" not in logo and 'fill="#ffffff"' in logo
    assert re.search(r"--md-primary-fg-color:#283593", read(agency_site, "assets/agency.css"))
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


def test_chosen_modules_are_renumbered_in_their_order(agency_site):
    home = read(agency_site, "index.html")
    labels = re.findall(r'href="modules/\d\d-[a-z-]+/"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<',
                        home)
    assert list(dict.fromkeys(labels)) == ["1. The foundations", "2. Connection & communication",
                                           "3. Understanding boundaries & co-creating them",
                                           "4. Mental health & supporting those in crisis",
                                           "5. Building personal resilience"]
    # The prose names a module by its number here: module 6 of the course is module 3.
    page = read(agency_site, "modules/01-foundations/index.html")
    assert re.search(r'<a href="\.\./06-boundaries/">module 3</a>', page)
    assert ">module 6</a>" not in page
    progress = read(agency_site, "progress/index.html")
    assert "3. Understanding boundaries" in progress and "6. Understanding" not in progress


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


# --- python -m builder new-agency ------------------------------------------------

def run(*args: str, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          env={**environ, "NO_MKDOCS_2_WARNING": "1",
                               "PYTHONPATH": str(REPO), **env})  # this checkout's builder


def test_new_agency_outside_the_repo_builds_as_it_is(tmp_path):
    target = tmp_path / "elsewhere/our-agency"
    made = run("-m", "builder", "new-agency", str(target), "--name", "Our Agency",
               SITE_URL="https://training.example.org")
    assert made.returncode == 0, made.stderr
    assert "Next steps" in made.stderr and "checked: YYYY-MM-DD" in made.stderr
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    up = os.path.relpath(REPO, target)
    assert f"INHERIT: {up}/mkdocs.yml" in config and f"content_root: {up}\n" in config
    assert 'site_url: !ENV [SITE_URL, "https://training.example.org/"]' in config
    lines = (target / "support-lines.yml").read_text(encoding="utf-8")
    assert "checked: 2026-01-31" in lines, "the lines file shows how to date a check"
    course_lines = yaml.safe_load((REPO / "data/support-lines.yml").read_text())
    # The course's lines, without the course's check dates: the agency dates its own checks.
    assert yaml.safe_load(lines) == [{k: v for k, v in line.items() if k != "checked"}
                                     for line in course_lines]
    checked = run("-m", "builder", "check", "--support-lines", str(target / "support-lines.yml"))
    assert checked.returncode == 0
    assert checked.stderr.count("has no checked: date") == len(course_lines)

    # Built from anywhere, with SITE_URL unset: the address given when it was made.
    built = run("-m", "mkdocs", "build", "--strict", "-f", str(target / "mkdocs.yml"),
                "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "<title>Home - Our Agency Peer Support Training</title>" in home
    assert '<link rel="canonical" href="https://training.example.org/">' in home
    assert 'src="assets/logo.svg"' in home and home.index("peer-support.css") < home.index("agency.css")
    assert "https://training.example.org/modules/01-foundations/" in (
        tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    config_js = (tmp_path / "site/assets/peer-support/config.js").read_text(encoding="utf-8")
    assert '"siteId": "our-agency-peer-support-training"' in config_js

    # A subset with the numbers hidden.
    (target / "mkdocs.yml").write_text(config.replace("numbering: course", "numbering: hidden")
                                       .replace("    # modules:\n    #   - 01-foundations\n",
                                                "    modules: [06-boundaries, 01-foundations]\n"),
                                       encoding="utf-8")
    built = run("-m", "builder", "build", "-f", str(target / "mkdocs.yml"),
                "-d", str(tmp_path / "subset"))
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "subset/index.html").read_text(encoding="utf-8")
    nav = re.findall(r'href="modules/(\d\d-[a-z-]+)/"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<',
                     home)
    assert list(dict.fromkeys(nav)) == [("06-boundaries", "Understanding boundaries & co-creating them"),
                                        ("01-foundations", "The foundations")]


def test_new_agency_refuses_to_overwrite_and_says_why(tmp_path):
    target = tmp_path / "ours"
    assert run("-m", "builder", "new-agency", str(target), "--name", "Ours").returncode == 0
    again = run("-m", "builder", "new-agency", str(target), "--name", "Ours")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    bad = run("-m", "builder", "new-agency", str(tmp_path / "x"), "--name", "X", SITE_URL="nope")
    assert bad.returncode == 1 and "not a web address" in bad.stderr


# --- what new-agency writes -------------------------------------------------------

def overlay(name: str) -> dict[str, str]:
    return overlay_files(REPO, REPO.parent / "our-agency", name, None, ["01-foundations"])


def contrast(first: str, second: str) -> float:
    """The WCAG 2.2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_possessive_of_a_name_with_and_without_a_final_s():
    services = overlay("Harbourview Community Services")
    assert "Welcome to Harbourview Community Services' peer support training" in \
        services["pages/index.md"]
    assert "Harbourview Community Services' peer support program" in services["pages/about-us.md"]
    assert "Services's" not in "".join(services.values())
    ours = overlay("Our Agency")
    assert "Welcome to Our Agency's peer support training" in ours["pages/index.md"]
    assert ours["mkdocs.yml"].startswith("# Our Agency's own copy")
    assert next_steps(Path("x"), "Harbourview Community Services", None).startswith(
        "Harbourview Community Services' copy is in")


def test_the_home_page_lists_the_modules():
    assert "\n<!-- course-modules -->\n" in overlay("Our Agency")["pages/index.md"]


def test_the_logo_reads_on_the_header_colour_written_with_it():
    files = overlay("Harbourview Community Services")
    css, svg = files["pages/assets/agency.css"], files["pages/assets/logo.svg"]
    header = re.search(r"--md-primary-fg-color:\s*(#[0-9a-f]{6});", css).group(1)
    assert "currentColor" not in svg  # black on the header: an <img> has no text colour
    disc = re.search(r'<circle [^>]*fill="(#[0-9a-f]{6})"', svg).group(1)
    ring = re.search(r'<circle [^>]*stroke="(#[0-9a-f]{6})"', svg).group(1)
    letters = re.search(r'<text [^>]*fill="(#[0-9a-f]{6})"[^>]*>HC</text>', svg).group(1)
    assert contrast(letters, header) >= 4.5 and contrast(letters, disc) >= 4.5
    assert contrast(ring, header) >= 3  # a graphic against what is next to it (WCAG 1.4.11)
    assert contrast(disc, "#ffffff") >= 3, "as the tab's icon, on a light tab"
    # A plain drawing the output gate lets through, whatever the name holds.
    assert not SVG_REFUSED.search(overlay("Smith & Jones <Peer> Services")["pages/assets/logo.svg"])


def test_agency_md_shows_the_colours_new_agency_writes_each_explained():
    css = overlay("Our Agency")["pages/assets/agency.css"]
    comment, rules = css.split("*/\n", 1)
    guide = (REPO / "AGENCY.md").read_text(encoding="utf-8")
    assert re.search(r"```css\n(.*?)```", guide, re.S).group(1) == rules
    properties = set(re.findall(r"(--md-[a-z-]+):", rules))
    assert len(properties) == 4
    for name in properties:
        assert f" * {name} " in comment or f" * {name}\n" in comment, name
        assert f"| `{name}`" in guide, name
    assert not re.search(r"#[0-9a-f]{7,8}\b", css), "no colour with an unexplained alpha"
    # The starting colours are the course's own, and each pair reads.
    course_css = (REPO / "builder/site/assets/peer-support.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"(--md-[a-z-]+):\s*(#[0-9a-f]{6});", rules))
    assert all(colour in course_css for colour in colours.values())
    assert contrast(colours["--md-primary-fg-color"], "#ffffff") >= 4.5
    assert contrast(colours["--md-accent-fg-color"], "#ffffff") >= 4.5
    assert contrast(colours["--md-typeset-a-color"], "#1e2129") >= 4.5


def test_one_line_names_the_logo_for_the_header_and_the_tab():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = overlay("Our Agency")["mkdocs.yml"]
    assert config.count("assets/logo.svg") == 1
    theme = yaml.load(config, Loader)["theme"]
    assert theme["logo"] == theme["favicon"] == "assets/logo.svg"
    png = yaml.load(config.replace("logo.svg", "logo.png"), Loader)["theme"]
    assert png["logo"] == png["favicon"] == "assets/logo.png"


def test_own_pages_in_the_order_their_front_matter_gives():
    orders = {"contact.md": 3, "dates.md": 2, "about.md": 1, "forms/a.md": None, "b.md": None}
    assert in_order(["b.md", "contact.md", "forms/a.md", "dates.md", "about.md"], orders) == \
        ["about.md", "dates.md", "contact.md", "b.md", "forms/a.md"]


def test_an_order_that_is_not_a_whole_number_stops_the_build(mini, tmp_path):
    write(mini / "pages/contact.md", "---\ntitle: Contact\norder: first\n---\n\n# Contact\n")
    built = run("-m", "builder", "build", "-d", str(tmp_path / "site"), cwd=mini)
    assert built.returncode == 1
    assert 'pages/contact.md:3: "order: first" is not a whole number' in built.stderr
    assert "Traceback" not in built.stderr


@pytest.mark.parametrize("target, expected", [
    ("a-file", "is a file, not a folder; choose an empty folder"),
    ("/proc/self/x", "/proc/self/x cannot be made: "),
    ("a-link", "is a symbolic link; choose a folder of its own"),
])
def test_new_agency_into_a_place_it_cannot_write_says_why(tmp_path, target, expected):
    """Finding 13: an existing file or /proc/self/x stopped new-agency with a traceback."""
    (tmp_path / "a-file").write_text("mine\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "a-link").symlink_to(tmp_path / "elsewhere")
    made = run("-m", "builder", "new-agency", str(tmp_path / target), "--name", "Ours")
    assert made.returncode == 1 and "Traceback" not in made.stderr, made.stderr
    assert expected in made.stderr, made.stderr
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "mine\n"
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("name, what", [
    ("Ours\nsite_url: https://evil.example/", "a line break (U+000A)"),
    ("Ours\rINHERIT: /etc", "a line break (U+000D)"),
    ("Ours\u2028plugins: {}", "a line break (U+2028)"),
    ("Ours\x07", "a control character (U+0007)"),
    ("Ours\u202e", "a control character (U+202E)"),
])
def test_a_name_is_one_line_of_text(tmp_path, name, what):
    """Finding 13: a newline in --name added keys to the agency's mkdocs.yml."""
    made = run("-m", "builder", "new-agency", str(tmp_path / "ours"), "--name", name)
    assert made.returncode == 1 and "Traceback" not in made.stderr, made.stderr
    assert f"the name holds {what}; give the agency's name on one line of plain text" \
        in made.stderr
    assert not (tmp_path / "ours").exists()


def test_a_name_cannot_end_the_comment_of_the_stylesheet(tmp_path):
    made = run("-m", "builder", "new-agency", str(tmp_path / "ours"), "--name",
               "Ours */ body{display:none} /*")
    assert made.returncode == 0, made.stderr
    css = (tmp_path / "ours/pages/assets/agency.css").read_text(encoding="utf-8")
    assert css.count("*/") == 1 and css.index("*/") > css.index("display:none")


def test_new_agency_copies_no_linked_file_from_outside(mini, tmp_path):
    """Finding 13: a data file that was a link to a file outside the repository was
    copied into the agency's own support lines."""
    secret = tmp_path / "secret.yml"
    secret.write_text("- name: The build machine's secrets\n", encoding="utf-8")
    (mini / "data/support-lines.yml").unlink()
    (mini / "data/support-lines.yml").symlink_to(secret)
    made = run("-m", "builder", "new-agency", str(tmp_path / "ours"), "--name", "Ours", cwd=mini)
    assert made.returncode == 1 and "Traceback" not in made.stderr, made.stderr
    assert "data/support-lines.yml:1: this is a symbolic link, which would publish whatever it " \
           "points to; put the file itself here instead" in made.stderr
    assert not (tmp_path / "ours").exists()
