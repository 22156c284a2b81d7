"""AGENCY.md and deploy/README.md tried as a newcomer would: the repository
copied into an empty folder, every command block marked <!-- walkthrough -->
run in order, as written, with only the placeholders filled in (the agency's
name, its address, its logo file, and /var/www/ and /etc/nginx/ moved into the
temporary folder, `sudo` running the command as it is); then the agency's site
that the steps published, served by nginx with deploy/nginx.conf, in Chromium
under its Content-Security-Policy. One build of each edition."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import REPO, free_port
from playwright.sync_api import expect
from test_csp import csp
from test_nginx import fetch, nginx_serving, watched  # noqa: F401 (watched: a fixture)

from builder.content.problems import Problems
from builder.load.course import COURSE
from builder.load.data import load_order

pytestmark = pytest.mark.browser
NAME = "Harbourview Community Services"
MARK = "<!-- walkthrough -->"
BLOCK = re.compile(r"^<!-- walkthrough -->\n```bash\n(.*?)^```\n", re.M | re.S)
GUIDES = ("AGENCY.md", "deploy/README.md")  # in the order a newcomer follows them
OWN_PAGES = ["about-us", "session-dates", "contact-us"]  # as AGENCY.md step 5 orders them


def walkthrough_blocks(text: str, name: str) -> list[str]:
    """The bash blocks marked for the walk-through; a mark without one fails."""
    blocks = BLOCK.findall(text)
    assert len(blocks) == text.count(MARK) - text.count(f"`{MARK}`"), \
        f"{name}: every {MARK} must stand on its own line right before a ```bash block"
    assert blocks, f"{name} has no {MARK} blocks"
    return blocks


def fresh_copy(dest: Path) -> None:
    """The repository as a clone of it would be (with this checkout's changes)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file() and not source.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)


def png(width: int = 48, height: int = 48) -> bytes:
    """A small opaque PNG: an agency's logo."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\0" + b"\xff\xbf\x47" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """Every marked block run in order; yields the folders and the served address."""
    tmp = tmp_path_factory.mktemp("walkthrough")
    course = tmp / "course"
    fresh_copy(course)
    (course / ".venv").symlink_to(sys.prefix)  # what ./scripts/serve or ./scripts/test makes
    shim = tmp / "bin"
    shim.mkdir()
    (shim / "sudo").write_text('#!/bin/sh\nexec "$@"\n', encoding="utf-8")
    (shim / "sudo").chmod(0o755)
    for folder in ("var/www", "etc/nginx/snippets"):  # as `apt-get install nginx` makes them
        (tmp / folder).mkdir(parents=True)
    logo = tmp / "our-logo.png"
    logo.write_bytes(png())
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    fills = {"https://training.our-agency.org/": url, '"Our Agency"': f'"{NAME}"',
             "~/Pictures/our-logo.png": str(logo),
             "/var/www/": f"{tmp}/var/www/", "/etc/nginx/": f"{tmp}/etc/nginx/"}
    environ = {k: v for k, v in os.environ.items()
               if k not in ("SITE_URL", "PYTHONPATH", "VIRTUAL_ENV")}
    environ["PATH"] = f"{shim}{os.pathsep}{environ.get('PATH', '')}"
    used = set()
    for guide in GUIDES:
        for block in walkthrough_blocks((course / guide).read_text(encoding="utf-8"), guide):
            for placeholder, value in fills.items():
                if placeholder in block:
                    used.add(placeholder)
                    block = block.replace(placeholder, value)
            ran = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=course, env=environ,
                                 capture_output=True, text=True)
            assert ran.returncode == 0, f"{guide}:\n{block}\n{ran.stdout}\n{ran.stderr}"
            assert "Traceback" not in ran.stderr, f"{guide}:\n{block}\n{ran.stderr}"
    assert used == set(fills), f"placeholders no marked block uses: {set(fills) - used}"
    site = tmp / "var/www/peer-support"
    work = tmp / "nginx"
    work.mkdir()
    with nginx_serving(site, port, tmp / "etc/nginx/snippets/peer-support-csp.conf", work):
        yield {"course": course, "agency": tmp / "our-agency", "site": site, "url": url,
               "logo": logo.read_bytes()}


def home(walked) -> str:
    return (walked["site"] / "index.html").read_text(encoding="utf-8")


def test_the_published_site_has_the_agencys_name(walked):
    page = home(walked)
    assert f"<title>Home - {NAME} Peer Support Training</title>" in page
    assert f"Welcome to {NAME}' peer support training" in page and "Services's" not in page
    config = (walked["site"] / "assets/peer-support/config.js").read_text(encoding="utf-8")
    assert '"siteId": "harbourview-community-services-peer-support-training"' in config


def test_the_home_page_lists_every_module(walked, course):
    page = home(walked)
    assert "course-modules" not in page
    listed = page[page.index('class="ps-module-list"'):]
    listed = listed[:listed.index("</div>")]
    order = [module_id for module_id, _ in load_order(REPO / COURSE, Problems(REPO))]
    assert re.findall(r'href="modules/([^/"]+)/"', listed) == order
    assert len(order) == len(course.modules)


def test_own_pages_come_in_their_order(walked):
    page = home(walked)
    nav = page[page.index('class="md-nav md-nav--primary"'):]
    shown = [p for p in dict.fromkeys(re.findall(r'href="([a-z-]+)/"', nav)) if p in OWN_PAGES]
    assert shown == OWN_PAGES, "about-us (order: 1), session-dates (2), contact-us (3)"
    assert sorted(OWN_PAGES) != OWN_PAGES, "the order must differ from the names' order"
    record, support = nav.index('href="record/"'), nav.index('href="support-lines/"')
    assert record < nav.index('href="about-us/"') and nav.index('href="contact-us/"') < support
    assert "front desk" in (walked["site"] / "contact-us/index.html").read_text(encoding="utf-8")


def test_one_png_logo_for_the_header_and_the_tab(walked):
    page = home(walked)
    assert re.search(r'<img src="assets/logo\.png"', page)
    assert '<link rel="icon" href="assets/logo.png">' in page
    assert (walked["site"] / "assets/logo.png").read_bytes() == walked["logo"]
    assert "logo.svg" not in page


def test_the_facilitator_edition_was_built(walked):
    site = walked["agency"] / "site-our-agency-facilitator"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Home - {NAME} Peer Support Training</title>" in page
    assert (site / "facilitator/cohort/index.html").is_file()
    assert not (walked["site"] / "facilitator").exists(), "the published copy is the trainee's"


def test_served_by_the_recipe_and_a_rebrand_shows_at_once(walked):
    site, url = walked["site"], walked["url"]
    status, headers, _ = fetch(url)
    assert status == 200 and headers["content-security-policy"] == csp.policy(site)
    for rel in ("assets/agency.css", "assets/logo.png"):
        status, headers, _ = fetch(url + rel)
        assert (status, headers["cache-control"]) == (200, "no-cache"), rel
        again, _, body = fetch(url + rel, **{"If-None-Match": headers["etag"]})
        assert (again, body) == (304, b""), rel


def test_every_page_under_the_policy_with_the_agencys_logo_and_colours(walked, watched):  # noqa: F811
    page, violations = watched
    site, url = walked["site"], walked["url"]
    page.set_viewport_size({"width": 1300, "height": 800})  # wide: the logo is in the header
    paths = sorted(p.relative_to(site).as_posix()[: -len("index.html")]
                   for p in site.rglob("index.html"))
    assert len(paths) > 20
    for path in paths:
        page.goto(url + path)
        page.wait_for_load_state("load")
    page.goto(url)
    logo = page.locator(".md-header img[src$='/assets/logo.png']")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 48
    # agency.css loaded under the policy: its accent tint (the course's is #bf360c1a).
    tint = page.evaluate("getComputedStyle(document.body)"
                         ".getPropertyValue('--md-accent-fg-color--transparent')")
    assert tint.strip().startswith("color-mix("), tint
    assert violations == []
