"""Browser benchmarks in Debian's Chromium (Playwright): page weight and the
self-check's feedback time. The site is served on loopback the way
deploy/nginx.conf serves it (gzip level 5, the same Cache-Control by path), and
the server records every response it sends: that is what a visit transfers."""

from __future__ import annotations

import email.utils
import gzip
import http.server
import re
import socket
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"  # Debian's; browser downloads are impossible here
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {"home": "", "module": "modules/01-foundations/", "progress": "progress/"}
CATEGORIES = ("HTML", "our assets", "theme assets", "search index", "other")
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|manifest\+json)|image/svg)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the server -------------------------------------------------------------------

def cache_control(path: str) -> str:
    """deploy/nginx.conf's map $uri $peer_support_cache_control."""
    if "/assets/peer-support/" in path:
        return "no-cache"
    if re.search(r"/assets/.+\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$", path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


@dataclass
class Hit:
    path: str
    status: int
    ctype: str
    raw: int  # body bytes before compression (0 for a 304)
    sent: int  # body bytes sent: gzipped when nginx would gzip
    mode: str  # Sec-Fetch-Mode: navigate for a page load, cors for instant navigation's fetch


class Server:
    """A static server on 127.0.0.1 that records the responses it sends."""

    def __init__(self, root: Path, port: int):
        self.root, self.hits = root, []
        handler = type("Handler", (_Handler,), {"server_ref": self})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take(self) -> list[Hit]:
        hits, self.hits = self.hits, []
        return hits

    def settle(self, quiet: float = 1.0, timeout: float = 15.0) -> None:
        """Wait until no response has been sent for `quiet` seconds (the search
        worker fetches its index after the page has loaded)."""
        deadline, seen, since = time.monotonic() + timeout, -1, time.monotonic()
        while time.monotonic() < deadline:
            if len(self.hits) != seen:
                seen, since = len(self.hits), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    server_ref: Server

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        root = self.server_ref.root
        path = urlsplit(self.path).path
        file = (root / unquote(path).lstrip("/")).resolve()
        if file.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return self._record(path, 301, "", 0, 0)
        if file.is_dir():
            file = file / "index.html"
        status = 200
        if root.resolve() not in file.parents or not file.is_file():
            file, status = root / "404.html", 404
        stat = file.stat()
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'
        ctype = self.guess_type(str(file))
        if status == 200 and (self.headers.get("If-None-Match") in (etag, "W/" + etag)
                              or self.headers.get("If-Modified-Since") == modified):
            self.send_response(304)
            self._common_headers(path, etag, modified)
            self.end_headers()
            return self._record(path, 304, ctype, 0, 0)
        body = raw = file.read_bytes()
        zipped = (COMPRESSIBLE.match(ctype) and len(raw) >= 256
                  and "gzip" in self.headers.get("Accept-Encoding", ""))
        if zipped:
            body = gzip.compress(raw, compresslevel=5, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(path, etag, modified)
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        self._record(path, status, ctype, len(raw), len(body))

    def _common_headers(self, path: str, etag: str, modified: str) -> None:
        self.send_header("Cache-Control", cache_control(path))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Vary", "Accept-Encoding")

    def _record(self, path: str, status: int, ctype: str, raw: int, sent: int) -> None:
        mode = self.headers.get("Sec-Fetch-Mode", "")
        self.server_ref.hits.append(Hit(path, status, ctype, raw, sent, mode))


def category(hit: Hit) -> str:
    if "/assets/peer-support/" in hit.path:
        return "our assets"
    if hit.path.endswith("search_index.json"):
        return "search index"
    if "/assets/" in hit.path:
        return "theme assets"  # Material's CSS and JS, its search worker, the favicon
    if hit.ctype.startswith("text/html"):
        return "HTML"
    return "other"


def tally(hits: list[Hit]) -> dict:
    """Raw and gzipped bytes, requests and 304 answers by category, and in total."""
    out = {c: {"raw": 0, "gzip": 0, "requests": 0, "not_modified": 0}
           for c in (*CATEGORIES, "total")}
    for hit in hits:
        for key in (category(hit), "total"):
            out[key]["raw"] += hit.raw
            out[key]["gzip"] += hit.sent
            out[key]["requests"] += 1
            out[key]["not_modified"] += hit.status == 304
    return out


# --- 3. page weight ------------------------------------------------------------------

def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)


def first_visit(browser, server: Server, path: str) -> list[Hit]:
    """A fresh browser profile opens the page: everything it loads."""
    context = browser.new_context()
    try:
        page = context.new_page()
        server.settle(quiet=0.3)
        server.take()
        page.goto(server.url + path, wait_until="load")
        server.settle()
        return server.take()
    finally:
        context.close()


def _loaded_by(browser, server: Server, path: str, action) -> list[Hit]:
    """Open `path` in a fresh profile, then run `action(page)`: what the action loads."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.url + path, wait_until="load")
        server.settle()
        server.take()
        action(page)
        server.settle()
        return server.take()
    finally:
        context.close()


def second_visit(browser, server: Server, before: str, path: str, instant: bool) -> list[Hit]:
    """Open `before`, then go to `path` with a warm cache: through the theme's instant
    navigation (a link followed in the page) or as a full page load."""
    def go(page) -> None:
        if instant:
            page.evaluate("""href => { const a = document.createElement('a'); a.href = href;
                                       document.body.append(a); a.click(); }""", server.url + path)
            page.wait_for_url(server.url + path)
        else:
            page.goto(server.url + path, wait_until="load")
    return _loaded_by(browser, server, before, go)


def first_search(browser, server: Server, path: str) -> list[Hit]:
    """After a first visit, the learner opens search ("/") and searches: what that loads."""
    def search(page) -> None:
        page.keyboard.press("/")
        page.keyboard.type("boundaries", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
    return _loaded_by(browser, server, path, search)


def page_weight(browser, server: Server) -> dict:
    """Each page's first visit, and its second visit coming from another page."""
    out = {}
    for name, path in PAGES.items():
        before = PAGES["module"] if name == "home" else PAGES["home"]
        first = first_visit(browser, server, path)
        instant = second_visit(browser, server, before, path, instant=True)
        full = second_visit(browser, server, before, path, instant=False)
        out[name] = {"path": path, "first": tally(first), "second": tally(instant),
                     "second_full": tally(full), "first_hits": first, "second_hits": instant,
                     "second_full_hits": full,
                     "instant": any(h.mode == "cors" and h.ctype.startswith("text/html")
                                    for h in instant)}
    return out


def our_assets(site: Path) -> dict[str, dict[str, int]]:
    """assets/peer-support/*.js and *.css of the built site: raw and gzipped bytes."""
    out = {}
    for f in sorted((site / "assets/peer-support").iterdir()):
        if f.suffix in (".js", ".css"):
            raw = f.read_bytes()
            out[f.name] = {"raw": len(raw), "gzip": len(gzip.compress(raw, 5, mtime=0))}
    return out


# --- 5. interaction --------------------------------------------------------------------

# Runs in the page. For each click: choose the first answer of the first single-answer
# question, then time from just before the "Check" button's click() to (1) the result
# element shown (already when click() returns, as the submit handler is synchronous;
# otherwise a MutationObserver on its `hidden` attribute notices it) and (2) the next
# frame produced (requestAnimationFrame, then a task queued from it, which runs after
# that frame's paint). "Try again" resets the question between clicks.
MEASURE_CLICKS = """async (clicks) => {
  const q = document.querySelector('[data-ps-question][data-ps-type="single"]');
  const check = q.querySelector('[data-ps-check]'), retry = q.querySelector('[data-ps-retry]');
  const result = q.querySelector('[data-ps-result]'), choice = q.querySelector('input');
  const nextFrame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  const shownAfterClick = () => new Promise((done, fail) => {
    if (!result.hidden) return done();
    const seen = new MutationObserver(() => { if (!result.hidden) { seen.disconnect(); done(); } });
    seen.observe(result, { attributes: true, attributeFilter: ['hidden'] });
    setTimeout(() => fail(new Error('no feedback within 5 s')), 5000);
  });
  const out = [];
  for (let i = 0; i < clicks; i++) {
    if (!retry.hidden) retry.click();
    choice.click();
    await nextFrame();
    await nextFrame();
    const start = performance.now();
    check.click();
    await shownAfterClick();
    const shown = performance.now();
    await nextFrame();
    out.push({ shown: shown - start, painted: performance.now() - start });
  }
  return { question: q.dataset.psQuestion, samples: out };
}"""


def interaction(browser, server: Server, clicks: int, cpu_slowdown: int = 1) -> dict:
    """Median times from clicking Check to the feedback shown and painted."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if cpu_slowdown > 1:  # as Lighthouse's mobile run slows the CPU
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        page.goto(server.url + PAGES["module"], wait_until="load")
        page.wait_for_function("() => document.querySelector('.ps-selfcheck.ps-js')")
        got = page.evaluate(MEASURE_CLICKS, clicks)
    finally:
        context.close()
    samples = got["samples"]
    return {"question": got["question"], "clicks": clicks, "cpu_slowdown": cpu_slowdown,
            **{k: statistics.median(s[k] for s in samples) for k in ("shown", "painted")},
            "painted_max": max(s["painted"] for s in samples), "samples": samples}
