"""The web server recipe (deploy/nginx.conf) serving the real build with Debian's
nginx: its headers, caching and 404 page, and the site working in Chromium under
its Content-Security-Policy (deploy/csp.py, tested on its own in test_csp.py)."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPO, build_site, free_port
from playwright.sync_api import expect
from test_browser import quiz_module, single_question
from test_csp import csp, inline_script_hashes

pytestmark = pytest.mark.browser
NGINX = "/usr/sbin/nginx"
DEPLOY = REPO / "deploy"
PERMISSIONS_OFF = ("accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
                   "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
                   "interest-cohort", "magnetometer", "microphone", "midi", "payment",
                   "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
                   "xr-spatial-tracking")
HASHED_ASSET = "public, max-age=31536000, immutable"


def deploy_config(site: Path, port: int, snippet: Path) -> str:
    """deploy/nginx.conf as committed, with only its address, root and CSP file changed."""
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    for committed, ours in (("listen 80;", f"listen 127.0.0.1:{port};"),
                            ("listen [::]:80;", ""),
                            ("root /var/www/peer-support;", f'root "{site}";'),
                            ("include /etc/nginx/snippets/peer-support-csp.conf;",
                             f'include "{snippet}";')):
        assert text.count(committed) == 1, f"deploy/nginx.conf should have `{committed}` once"
        text = text.replace(committed, ours)
    return text


def main_config(work: Path, site_conf: Path) -> str:
    """A top-level nginx.conf like Debian's, with every path in `work` so no root is needed."""
    temp = "\n".join(f'    {kind}_temp_path "{work / kind}";'
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, workers would run as `nobody`, who cannot read pytest's private tmp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}pid "{work / 'nginx.pid'}";
error_log "{work / 'error.log'}";
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log "{work / 'access.log'}";
{temp}
    include "{site_conf}";
}}
"""


def wait_for(port: int, proc: subprocess.Popen, logs: list[Path]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("nginx stopped at start:\n" +
                        "\n".join(log.read_text() for log in logs if log.exists()))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening within 10 s")


@contextmanager
def nginx_serving(site: Path, port: int, snippet: Path, work: Path) -> Iterator[None]:
    """Debian's nginx serving `site` on loopback `port` with deploy/nginx.conf and the
    CSP in `snippet`, its own files in `work`; stopped on leaving."""
    assert Path(NGINX).is_file(), f"{NGINX} is missing: install Debian's nginx (scripts/test does)"
    site_conf = work / "peer-support.conf"
    site_conf.write_text(deploy_config(site, port, snippet), encoding="utf-8")
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / kind).mkdir(exist_ok=True)
    conf = work / "nginx.conf"
    conf.write_text(main_config(work, site_conf), encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-e", str(work / "error.log"), "-c", str(conf)],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    with open(work / "stderr.log", "w") as stderr:
        proc = subprocess.Popen([NGINX, "-e", str(work / "error.log"), "-c", str(conf),
                                 "-g", "daemon off;"], stdout=stderr, stderr=stderr)
    try:
        wait_for(port, proc, [work / "stderr.log", work / "error.log"])
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The trainee edition built for, and served by, nginx with deploy/nginx.conf."""
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site = work / "site"
    build_site(site, site_url=url)
    snippet = work / "peer-support-csp.conf"
    snippet.write_text(csp.nginx_snippet(site), encoding="utf-8")
    with nginx_serving(site, port, snippet, work):
        yield site, url


# Straight to loopback, whatever proxy the environment names; redirects not followed.
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def fetch(url: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names; repeated ones joined by ' | ') and body."""
    request = urllib.request.Request(url, headers=headers, method=method)
    try:
        response = OPENER.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        merged: dict[str, str] = {}
        for name, value in response.headers.items():
            name = name.lower()
            merged[name] = f"{merged[name]} | {value}" if name in merged else value
        return response.status, merged, response.read()


def expected_policy(site: Path) -> str:
    hashes = inline_script_hashes(site)
    # The theme's inline scripts: storage scope (one per page depth), palette, tabs.
    assert len(hashes) >= 3, hashes
    address = csp.site_address(site)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.js"))
    scripts = [f"{address}assets/javascripts/lunr/"] + [
        address + rel for rel in files if not rel.startswith("assets/javascripts/lunr/")]
    worker = next(address + rel for rel in files if rel.startswith("assets/javascripts/workers/"))
    return ("default-src 'self'; "
            f"script-src {' '.join(scripts + hashes)}; "
            "style-src 'self'; "
            "img-src 'self' data:; "
            f"worker-src {worker}; "
            "object-src 'none'; "
            "base-uri 'none'; "
            "form-action 'self'; "
            "frame-ancestors 'none'")


SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": ", ".join(f"{feature}=()" for feature in PERMISSIONS_OFF),
}


# --- headers, caching, 404 ---------------------------------------------------------


def test_security_headers_and_exact_csp(served, course):
    site, url = served
    status, headers, _ = fetch(url + f"modules/{course.modules[0].id}/")
    assert status == 200
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert headers["content-security-policy"] == expected_policy(site)
    assert headers["content-security-policy"] == csp.policy(site)
    assert "unsafe" not in headers["content-security-policy"]
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "server" not in headers or headers["server"] == "nginx"  # no version number


def test_csp_command_prints_the_same_policy(served):
    site, _ = served
    result = subprocess.run([sys.executable, str(DEPLOY / "csp.py"), str(site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_policy(site) + "\n"


def test_cache_headers_asset_vs_html(served):
    site, url = served
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    stylesheet = next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix()
    expected = {
        "": "no-cache",
        "progress/": "no-cache",
        "search/search_index.json": "no-cache",
        bundle: HASHED_ASSET,
        stylesheet: HASHED_ASSET,
        # Unhashed files are revalidated: a new logo or stylesheet shows at once.
        "assets/images/favicon.png": "no-cache",
        "assets/peer-support/peer-support.js": "no-cache",
        "assets/peer-support/config.js": "no-cache",
    }
    for path, cache in expected.items():
        status, headers, _ = fetch(url + path)
        assert status == 200, path
        assert headers["cache-control"] == cache, path
        # Security headers reach every response, not only pages.
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["content-security-policy"] == csp.policy(site), path
    # Revalidating our unhashed script costs a 304, not the file.
    _, headers, _ = fetch(url + "assets/peer-support/peer-support.js")
    status, _, body = fetch(url + "assets/peer-support/peer-support.js",
                            **{"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")


def test_text_is_gzipped(served):
    site, url = served
    for path in ("", "assets/peer-support/peer-support.js", "assets/peer-support/peer-support.css",
                 "search/search_index.json"):
        status, headers, body = fetch(url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        on_disk = site / (path or "index.html")
        assert gzip.decompress(body) == on_disk.read_bytes(), path


def test_missing_path_gets_the_sites_404_page(served):
    site, url = served
    for path in ("no-such-page/", "modules/no-such-module/", "assets/peer-support/nope.js", ".git/config"):
        status, headers, body = fetch(url + path)
        assert status == 404, path
        assert body == (site / "404.html").read_bytes(), path
        assert headers["content-security-policy"] == csp.policy(site), path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["cache-control"] == "no-cache", path


def test_no_source_map_is_served(served):
    site, url = served
    maps = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.map"))
    assert maps, "the theme's build ships source maps; this test needs one"
    for rel in maps:
        status, headers, body = fetch(url + rel)
        assert status == 404, rel
        assert body == (site / "404.html").read_bytes(), rel
        assert headers["content-security-policy"] == csp.policy(site), rel


def test_forbidden_gets_the_sites_page_with_its_403(served):
    site, url = served
    assert (site / "assets").is_dir() and not (site / "assets/index.html").exists()
    status, headers, body = fetch(url + "assets/")
    assert status == 403
    assert body == (site / "404.html").read_bytes()
    assert headers["content-security-policy"] == csp.policy(site)
    assert headers["x-frame-options"] == "DENY"


def test_directory_without_slash_redirects_relatively(served, course):
    _, url = served
    module = course.modules[0].id
    status, headers, _ = fetch(url + f"modules/{module}", method="HEAD")
    assert (status, headers["location"]) == (301, f"/modules/{module}/")
    assert headers["x-content-type-options"] == "nosniff"


# --- in Chromium, under the policy ----------------------------------------------------


@pytest.fixture
def watched(browser):
    """A page in the session's Chromium (conftest.py), and every CSP violation it
    meets (securitypolicyviolation events and console messages)."""
    context = browser.new_context(accept_downloads=True)
    violations: list[str] = []
    context.expose_function("__cspViolation", lambda text: violations.append(text))
    context.add_init_script("""document.addEventListener('securitypolicyviolation', e =>
        window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
                              + ` in ${e.sourceFile}:${e.lineNumber}`));""")
    page = context.new_page()
    page.set_default_timeout(10_000)

    def console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(message.text)

    page.on("console", console)
    yield page, violations
    context.close()


def test_every_page_loads_without_a_violation(watched, served):
    page, violations = watched
    site, url = served
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 20
    for path in [*(rel[: -len("index.html")] for rel in pages), "no-such-page/"]:
        page.goto(url + path)
        page.wait_for_load_state("load")
    assert violations == []


def test_module_self_check_reflection_search_under_the_policy(watched, served, course):
    page, violations = watched
    _, url = served
    module = quiz_module(course)
    q, right, _ = single_question(module)
    page.goto(url + f"modules/{module.id}/")
    page.wait_for_load_state("load")
    # The browser applied the Permissions-Policy: none of those features is allowed.
    allowed = page.evaluate("document.featurePolicy.allowedFeatures()")
    assert not set(PERMISSIONS_OFF) & set(allowed)
    page.evaluate("window.__stayed = true")

    # The self-check.
    item = page.locator(f"#q-{q.id}")
    item.locator(f'input[value="{right.key}"]').check()
    item.get_by_role("button", name="Check").click()
    expect(item.locator("[data-ps-result]")).to_contain_text("That fits")

    # A reflection (on this module or, if it has none, on one that has).
    reflective = module if module.reflections else next(m for m in course.modules if m.reflections)
    if reflective is not module:
        page.goto(url + f"modules/{reflective.id}/")
        page.evaluate("window.__stayed = true")
    prompt = reflective.reflections.prompts[0]
    page.locator(f"#r-{prompt.id}").fill("Written under a strict Content-Security-Policy.")
    expect(page.locator(f'[data-ps-prompt="{prompt.id}"] [data-ps-saved]')).to_have_text(
        "Saved on this device.")

    # Downloading one's data (a blob: link) still works.
    page.locator(".md-nav__link", has_text="My progress").first.click()
    expect(page).to_have_url(url + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all my data (JSON)").click()
    assert prompt.id in Path(download.value.path()).read_text(encoding="utf-8")

    # Search: its Web Worker loads and reads the index; a result opens by instant navigation.
    # (Last on purpose: once search results are on the page, base.js init()
    # takes the first search-result <article> for the page's own, and the page after
    # the next instant navigation is left unprepared; a bug of its own, not of the CSP.)
    search = page.locator(".md-search__input")
    search.click()
    search.press_sequentially(module.title)  # the theme searches on keyup, not on input
    result = page.locator(f'.md-search-result__item a[href*="modules/{module.id}/"]').first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(f"modules/{module.id}/"))
    expect(page.locator(f"#q-{q.id} [data-ps-result]")).to_contain_text("That fits")
    assert page.evaluate("window.__stayed === true"), "instant navigation fell back to a full load"
    assert violations == []


def test_a_script_file_added_after_the_build_does_not_run(watched, served):
    """script-src lists the build's own script files: a file put on the server later (or
    slipped in beside the pages) is blocked, though it comes from the site itself."""
    page, violations = watched
    site, url = served
    (site / "added.js").write_text("window.__added = true;\n", encoding="utf-8")
    (site / "added").mkdir()
    (site / "added/index.html").write_text('<!doctype html><title>x</title>'
                                           '<script src="/added.js"></script>', encoding="utf-8")
    try:
        page.goto(url + "added/")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__added") is None
        expect_blocked = [v for v in violations if "added.js" in v]
        assert expect_blocked, violations
    finally:
        (site / "added/index.html").unlink()
        (site / "added").rmdir()
        (site / "added.js").unlink()
