"""`python -m builder new-agency DIR --name "Agency name"`: an agency's own copy
of the course, as an overlay that extends the course's mkdocs.yml (INHERIT)
from wherever DIR is, inside the course's folder or outside it."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

from builder.commands.branding import agency_css, logo_svg
from builder.content.files import read_content
from builder.content.problems import Problems
from builder.load.course import COURSE
from builder.load.data import load_order
from builder.pages.plain import md_escape
from builder.pages.render import MODULE_LIST
from builder.pages.templating import front_matter

__all__ = ["new_agency", "overlay_files", "possessive", "site_address", "next_steps"]

DEFAULT_URL = "http://127.0.0.1:8000/"
LIST_START = re.compile(r"^- ", re.M)


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def possessive(name: str) -> str:
    """ "Our Agency's", and "Harbourview Community Services'" for a name ending in s."""
    return f"{name}'" if name[-1:] in ("s", "S") else f"{name}'s"


def _site_name(name: str) -> str:
    return name if "training" in name.lower() else f"{name} Peer Support Training"


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def overlay_files(course: Path, target: Path, name: str, site_url: str | None,
                  modules: list[str]) -> dict[str, str]:
    """The overlay's files, by path inside `target`."""
    up = _rel(course, target)
    site_name = _site_name(name)
    subset = "".join(f"    #   - {m}\n" for m in modules)
    lines = _course_file(course, "data/support-lines.yml")
    start = LIST_START.search(lines)
    lines = lines[start.start():] if start else "[]\n"
    # The course's check dates are not the agency's: `check` warns until it dates its own.
    lines = re.sub(r"^\s*checked:.*\n", "", lines, flags=re.MULTILINE)
    owner = possessive(name)
    return {
        "mkdocs.yml": f"""\
# {owner} own copy of the B.C. Peer Support Training course. It extends the
# course's mkdocs.yml (INHERIT) and changes only what is written here; the
# course's own files stay as they are, so updating the course is a pull away.
INHERIT: {up}/mkdocs.yml

site_name: {json.dumps(site_name, ensure_ascii=False)}
# The address you publish at: canonical links, the sitemap and instant
# navigation depend on it. SITE_URL, when set at build time, wins.
site_url: !ENV [SITE_URL, {json.dumps(site_url or DEFAULT_URL)}]
# Your own pages (home, about us, any more), and your logo and colours in
# pages/assets/. `order: 1`, `order: 2`... in a page's front matter sets its
# place among your pages in the menu; pages without one follow, by file name.
docs_dir: pages

theme:
  custom_dir: {up}/overrides  # the course's quick exit and care links
  # Your logo, in the header (on your primary colour) and as the browser tab's
  # icon: `*logo` is the same file. For a PNG, put it in pages/assets/ and write
  # its name on this one line, such as assets/logo.png.
  logo: &logo assets/logo.svg
  favicon: *logo

extra_css:
  - assets/agency.css  # your colours, each explained in the file

plugins:
  peer-support:
    # The course: modules/, quizzes/, reflections/, data/.
    content_root: {up}
    # Where learners' data is kept in their browser: keep it when you rename the site.
    site_id: {_slug(site_name)}
    # Your support lines, each checked and dated by you.
    support_lines: support-lines.yml
    # A neutral site that the quick exit sends people to.
    quick_exit_url: https://www.google.ca/
    # Module numbers: course (as the course numbers them), renumber (1 to n in
    # your order) or hidden.
    numbering: course
    # Your subset of modules, in your order (every module when left out):
    # modules:
{subset}""",
        "support-lines.yml": f"""\
# {owner} support lines, shown on the support lines page. Before you
# publish, check every line yourself: call or text it, confirm its hours, and
# write the date you did under it as `checked: YYYY-MM-DD`. Until then,
# `python -m builder check --support-lines` warns about each line. Numbers and
# hours change: check them again at least once a year.
#
# The list starts as the course's own lines (data/support-lines.yml). Remove
# any that do not serve your area, and add your own, such as:
#
# - name: Our drop-in peer support
#   contact: Visit the front desk, Monday to Friday, 10 a.m. to 4 p.m.
#   for: Anyone in our programs who wants to talk with a peer supporter today.
#   region: Our town
#   checked: 2026-01-31
{lines}""",
        "pages/index.md": f"""\
{front_matter(title="Home")}

# {md_escape(site_name)}

Welcome to {md_escape(owner)} peer support training: the B.C. Provincial Peer
Support Training curriculum, to work through at your own pace. Your answers and
reflections stay in this browser, on this device.

Read [about our program](about-us.md) before your first session.

## The modules

{MODULE_LIST}
""",
        "pages/about-us.md": f"""\
{front_matter(title="About our program", order=1)}

# About our program

Describe {md_escape(owner)} peer support program here: who it serves, how
training sessions run, who to contact with questions, and what comes after
training.
""",
        "pages/assets/agency.css": agency_css(owner),
        "pages/assets/logo.svg": logo_svg(name),
        # The sites the build commands of AGENCY.md write into this folder.
        ".gitignore": "site-*/\nsite-*.zip\n",
    }


def _course_file(course: Path, rel: str) -> str:
    """A content file of the course, read as every content file is: a regular file
    inside the course, never a link to a file elsewhere."""
    problems = Problems(course)
    text = read_content(course / rel, problems)
    if text is None:
        raise ValueError("; ".join(str(p) for p in problems.errors))
    return text


def _check_name(name: str) -> None:
    """A name is one line of text: it goes into comments of YAML and CSS files, where a
    line break would start a setting of its own."""
    if not name.strip():
        raise ValueError('give the agency a name: --name "Our Agency"')
    odd = next((ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")), None)
    if odd is not None:
        what = "a line break" if odd in "\n\r\u2028\u2029" else "a control character"
        raise ValueError(f"the name holds {what} (U+{ord(odd):04X}); give the agency's name on "
                         "one line of plain text")


def _writable(target: Path) -> None:
    """`target` is a folder that can be written (or made), or why not."""
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} is a file, not a folder; choose an empty folder")
    if target.is_symlink():
        raise ValueError(f"{target} is a symbolic link; choose a folder of its own")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"{target} cannot be made: {exc.strerror}; choose a folder you can "
                         "write to") from None


def new_agency(course: Path, target: Path, name: str,
               site_url: str | None = None) -> list[Path]:
    """Write the overlay into `target`; refuse to overwrite anything there."""
    _check_name(name)
    if not (course / "mkdocs.yml").is_file() or not (course / "modules/course.yml").is_file():
        raise ValueError(f"{course} is not the course's folder: run this from the folder "
                         "with mkdocs.yml and modules/course.yml")
    problems = Problems(course)
    order = [module_id for module_id, _ in load_order(course / COURSE, problems) or []]
    if problems.errors or not order:
        raise ValueError(f"{COURSE} lists no modules; run `python -m builder check`")
    files = overlay_files(course, target, name.strip(), site_url, order)
    _writable(target)
    taken = [rel for rel in files if (target / rel).exists() or (target / rel).is_symlink()]
    if taken:
        raise ValueError(f"{target / taken[0]} already exists; choose an empty folder")
    written = []
    for rel, text in files.items():
        path = target / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8") as out:  # never through a link or over a file
                out.write(text)
        except OSError as exc:
            raise ValueError(f"{path} cannot be written: {exc.strerror}; choose an empty folder "
                             "you can write to") from None
        written.append(path)
    return written


def site_address(value: str | None) -> str | None:
    """The SITE_URL a copy is made with, ending in "/"; None when it is not set."""
    if not value:
        return None
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError(f'SITE_URL "{value}" is not a web address such as '
                         "https://training.example.org/")
    return value if value.endswith("/") else value + "/"


def next_steps(target: Path, name: str, site_url: str | None) -> str:
    inside = target.resolve().is_relative_to(Path.cwd().resolve())
    shown = os.path.relpath(target) if inside else str(target.resolve())
    config = f"{shown}/mkdocs.yml"
    out = f"site-{_slug(name)}"
    url = site_url or "https://training.example.org/"
    return f"""\
{possessive(name)} copy is in {shown}/. Next steps (AGENCY.md explains each):
  1. Check every line in {shown}/support-lines.yml, and write the date under it: checked: YYYY-MM-DD
  2. Put your logo in {shown}/pages/assets/ (named on mkdocs.yml's logo: line), your colours in its agency.css
  3. Write your home page, {shown}/pages/index.md, and {shown}/pages/about-us.md
  4. Choose your modules and their numbering in {config}, or keep them all
  5. Preview it:  .venv/bin/python -m builder serve -f {config}
  6. Build it:    SITE_URL={url} .venv/bin/python -m builder build -f {config} -d {out}
"""
