"""The Content-Security-Policy for a built copy of the site.

    python deploy/csp.py SITE_DIR                    # print the header value
    python deploy/csp.py SITE_DIR --nginx FILE       # write nginx's add_header line to FILE
    python deploy/csp.py SITE_DIR --site-url URL     # the address it is served at, if the
                                                     # build was made for another one

The policy allows only the site itself, and scripts only from the script files the
build wrote, each by its full address (the site's address, from the pages'
canonical link, and its path): a script file anyone manages to add later, on this
server or another, does not run. The theme (mkdocs-material) puts a few
small inline <script> blocks in every page (the storage scope `__md_scope`,
the colour palette, tabbed content), and the facilitator edition's notebook
page has inline scripts and <style> blocks of its own; rather than allow every
inline script or style ('unsafe-inline'), the policy lists the SHA-256 hash of
each one found in the built HTML. Their text depends on the theme version and
on how deep a page sits, so run this after every build and deploy its output
with the site: the hashes are never written by hand.

Only known inline scripts get a hash, so that a script slipped into the
content is never allowed:
  - the theme's and our templates' own: the inline scripts of the build's
    404.html, a page the templates render with no content of ours. The one
    part of them that changes from page to page, the base path in
    `new URL("../..",location)`, must be the page's own (../.. two folders
    down); the rest must be the same, character for character;
  - mkdocs-jupyter's notebook template (the facilitator edition's notebook
    page): the scripts in NOTEBOOK_SCRIPTS, by hash.
Any other inline script stops this with an error naming the page and line.

It also stops, and writes nothing, if a page has something no hash can
allow: an inline event handler (onclick="..."), a javascript: URL or a
style="..." attribute. Move those into a script or a stylesheet file.
Standard library only, so it runs with any Python 3.9+.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

# <script type="..."> values that run as JavaScript (or, like importmap, are
# checked against script-src). Others (application/json, ...) are data.
SCRIPT_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript",
                "application/javascript", "text/ecmascript", "application/ecmascript",
                "application/x-javascript", "application/x-ecmascript", "text/x-javascript",
                "text/x-ecmascript", "text/jscript", "text/livescript", "text/javascript1.0",
                "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
                "text/javascript1.4", "text/javascript1.5"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
# The page-dependent base path in the theme's storage-scope script.
BASE_PATH = re.compile(r'new URL\("([^"]*)",location\)')
SCOPE = "\x00SCOPE\x00"  # stands for the base path, where it is this page's own
# mkdocs-jupyter 0.26's notebook template (templates/mkdocs_html/notebook.html.j2):
# the clipboard-copy element (assets/clipboard.umd.js) and its "copied" notice.
NOTEBOOK_SCRIPTS = {"'sha256-hYwWry2K68f5aBcvC3BG6vS54Pko4osEbHoDLDx+0L0='",
                    "'sha256-G5xteHNIIA+S+4XVjNJ0ykVYMuxH+LfdR9YHLxRVvk4='"}


def sha256(text: str) -> str:
    # Browsers hash the script text after HTML's newline normalisation, in UTF-8.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


class _Inline(HTMLParser):
    """Collects the inline scripts and styles of one page, and what no hash can allow."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.scripts: list[tuple[int, str]] = []  # (line, text) of each inline script
        self.styles: set[str] = set()
        self.problems: list[str] = []
        self._open: tuple[str, int, list[str]] | None = None  # ("script" or "style", line, text)

    def handle_starttag(self, tag, attrs):
        line = f"{self.where}:{self.getpos()[0]}"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{line}: <{tag} {name}=...> (an inline event handler)")
            elif name == "style":
                self.problems.append(f"{line}: <{tag} style=...> (an inline style attribute)")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"{line}: <{tag} {name}=\"javascript:...\"> (a javascript: URL)")
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES:
                self._open = ("script", self.getpos()[0], [])
        elif tag == "style":
            self._open = ("style", self.getpos()[0], [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            kind, line, parts = self._open
            if kind == "script":
                self.scripts.append((line, "".join(parts)))
            else:
                self.styles.add(sha256("".join(parts)))
            self._open = None


def _inline(page: Path, site: Path) -> _Inline:
    parser = _Inline(page.relative_to(site).as_posix())
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def known_scripts(site: Path) -> set[str]:
    """The templates' own inline scripts: those of 404.html, its base path (the one
    part that changes from page to page) replaced by SCOPE."""
    page = site / "404.html"
    if not page.is_file():
        raise SystemExit(f"{site}: no 404.html, whose inline scripts are the theme's; build the "
                         "site with python -m builder build")
    texts = [text for _, text in _inline(page, site).scripts]
    found = next((m.group(1) for t in texts for m in [BASE_PATH.search(t)] if m), "")
    return {_scoped(text, found) for text in texts}


def _scoped(text: str, base: str) -> str:
    """`text` with its one `new URL("<base>",location)` for exactly this page's base
    replaced by SCOPE: any other text stays as it is and compares unequal."""
    return text.replace(f'new URL("{base}",location)', SCOPE, 1)


def _base(page: Path, site: Path, known_404: str) -> str:
    """The base path the theme prints on `page`: relative to the site's root, or, on
    an error page (404.html), the absolute path 404.html itself has."""
    if page.parent == site and re.fullmatch(r"\d{3}\.html", page.name):
        return known_404
    return Path(os.path.relpath(site, page.parent)).as_posix()


def scan(site: Path) -> tuple[list[str], list[str], list[str]]:
    """(script hashes, style hashes, problems) of every HTML page under site."""
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise SystemExit(f"{site}: no HTML pages here; build the site first")
    known = known_scripts(site)
    texts_404 = [text for _, text in _inline(site / "404.html", site).scripts]
    base_404 = next((m.group(1) for t in texts_404 for m in [BASE_PATH.search(t)] if m), "")
    scripts: set[str] = set()
    styles: set[str] = set()
    problems: list[str] = []
    for page in pages:
        parser = _inline(page, site)
        for line, text in parser.scripts:
            if _scoped(text, _base(page, site, base_404)) in known \
                    or sha256(text) in NOTEBOOK_SCRIPTS:
                scripts.add(sha256(text))
            else:
                problems.append(f"{parser.where}:{line}: an inline <script> that is not the "
                                f"theme's or ours ({' '.join(text.split())[:60]!r}); remove it "
                                "from the content it came from")
        styles |= parser.styles
        problems += parser.problems
    return sorted(scripts), sorted(styles), problems


CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
# The theme's search language files: a folder of its own, allowed as a folder (a
# directory source) rather than forty addresses in every response's header.
FOLDERS = ("assets/javascripts/lunr/",)
WORKERS = "assets/javascripts/workers/"


def site_address(site: Path) -> str:
    """The address the site was built for: its home page's canonical link."""
    page = site / "index.html"
    found = CANONICAL.search(page.read_text(encoding="utf-8")) if page.is_file() else None
    if not found:
        raise SystemExit(f"{site}: index.html has no canonical link, so the site's address is "
                         "not known; build with SITE_URL set, or give --site-url")
    return found.group(1)


def script_sources(site: Path, address: str) -> tuple[list[str], list[str]]:
    """(script-src, worker-src): every script file the build wrote, by its full address;
    the search workers alone may start a worker."""
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SystemExit(f'"{address}" is not the web address of a site, such as '
                         "https://training.example.org/")
    root = f"{parts.scheme}://{parts.netloc}{quote(parts.path.rstrip('/'))}/"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.js") if p.is_file())
    folders = [f for f in FOLDERS if any(rel.startswith(f) for rel in files)]
    scripts = [root + f for f in folders] + [root + quote(rel) for rel in files
                                             if not any(rel.startswith(f) for f in folders)]
    workers = [root + quote(rel) for rel in files if rel.startswith(WORKERS)]
    return scripts, workers


def policy(site: Path, address: str | None = None) -> str:
    """The header value for the site built in `site`, served at `address` (by default the
    address it was built for); SystemExit if a page needs more."""
    site = Path(site)
    scripts, styles, problems = scan(site)
    if problems:
        raise SystemExit("These would break under a strict Content-Security-Policy, or are "
                         "scripts no policy should allow:\n  " + "\n  ".join(problems))
    files, workers = script_sources(site, address or site_address(site))
    return "; ".join([
        "default-src 'self'",                       # everything else: this site only
        " ".join(["script-src", *files, *scripts]),  # the build's script files, the theme's inline ones by hash
        " ".join(["style-src 'self'", *styles]),    # stylesheet files, inline <style> by hash
        "img-src 'self' data:",                     # the theme's CSS draws its icons from data: URLs
        " ".join(["worker-src", *workers] if workers else ["worker-src 'none'"]),  # the search worker
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def nginx_snippet(site: Path, address: str | None = None) -> str:
    return ("# Generated by deploy/csp.py from the built site; run it again after every build.\n"
            f'add_header Content-Security-Policy "{policy(site, address)}" always;\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the Content-Security-Policy for a built site.")
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--nginx", type=Path, metavar="FILE",
                        help="write an nginx add_header line to FILE instead of printing the value")
    parser.add_argument("--site-url", metavar="URL",
                        help="the address the site is served at (default: the one it was built for)")
    args = parser.parse_args(argv)
    if args.nginx:
        text = nginx_snippet(args.site, args.site_url)
        args.nginx.parent.mkdir(parents=True, exist_ok=True)
        args.nginx.write_text(text, encoding="utf-8")
    else:
        print(policy(args.site, args.site_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
