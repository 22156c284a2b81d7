"""Zero third-party requests: no built page, style sheet or script of any
edition asks another origin for anything. (test_browser.py records the
requests a browser really makes.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Attributes and CSS that make a browser fetch something.
RESOURCE_ATTR = re.compile(
    r'<(script|img|iframe|source|video|audio|embed|track|input)\b[^>]*?\s(?:src|srcset|poster)="([^"]+)"'
    r'|<link\b[^>]*?\shref="([^"]+)"|<object\b[^>]*?\sdata="([^"]+)"|<form\b[^>]*?\saction="([^"]+)"',
    re.I)
CSS_URL = re.compile(r'url\(\s*["\']?([^"\')]+)|@import\s+["\']([^"\']+)', re.I)
JS_URL = re.compile(r'["\'`](https?://[^"\'`\s]*)["\'`]')
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
OUTBOUND = re.compile(r'<a\b[^>]*href="(https?://[^"]+)"[^>]*>', re.I)
# URLs in Material's own bundle, each behind a condition this site never meets.
THEME_CONDITIONAL = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only for Mermaid diagrams; no page has one",
    "https://unpkg.com/resize-observer-polyfill": "only where ResizeObserver is missing (no current browser)",
    "https://${e}/api/v4/projects/${encodeURIComponent(t)}": "only with repo_url set; it is not",
    "https://api.github.com/repos/${e}/${t}": "only with repo_url set; it is not",
    "https://api.github.com/users/${e}": "only with repo_url set; it is not",
}


def external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") or url.strip().startswith("//")


def offences(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            for m in RESOURCE_ATTR.finditer(text):
                url = next(g for g in m.groups()[1:] if g)
                if external(url) and not (m.group(0).startswith("<link") and "canonical" in m.group(0)):
                    found.append(f"{rel}: {url}")
            found += [f"{rel}: style {u}" for u in CSS_URL.findall(text) for u in u if u and external(u)]
            for m in OUTBOUND.finditer(text):
                tag = m.group(0)
                if "data-ps-exit" not in tag and "noopener" not in tag:
                    found.append(f"{rel}: outbound link without rel=noopener noreferrer: {m.group(1)}")
            for script in INLINE_SCRIPT.findall(text):
                found += [f"{rel}: inline script {u}" for u in JS_URL.findall(script)]
            if 'class="mermaid"' in text:
                found.append(f"{rel}: a Mermaid diagram would load Mermaid from a CDN")
        elif path.suffix == ".css":
            for groups in CSS_URL.findall(path.read_text(encoding="utf-8")):
                found += [f"{rel}: {u}" for u in groups if u and external(u)]
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            # The quick exit destination is a page to leave to, never a resource.
            exits = set(re.findall(r'quickExitUrl"?:\s*"([^"]+)"', text)) | {"https://www.google.ca/"}
            for url in JS_URL.findall(text):
                if url not in THEME_CONDITIONAL and url not in exits:
                    found.append(f"{rel}: {url}")
    return found


@pytest.mark.parametrize("edition", ["trainee_site", "facilitator_site", "agency_site", "offline_bundle"])
def test_no_resource_from_another_origin(request, edition):
    site = request.getfixturevalue(edition)
    site = site[0] if isinstance(site, tuple) else site
    assert (site / "index.html").is_file()
    assert offences(site) == []


def test_the_scan_catches_what_it_looks_for(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
                                     '<img src="//cdn.example/x.png"><a href="https://example.org">x</a>')
    (tmp_path / "b.css").write_text('@import "https://cdn.example/y.css"; a{background:url(http://x/y.png)}')
    (tmp_path / "c.js").write_text('load("https://cdn.example/z.js")')
    (tmp_path / "d.html").write_text('<script type="module">import("https://cdn.example/m.mjs")</script>')
    assert len(offences(tmp_path)) == 7


def test_no_repo_url_so_the_theme_never_calls_github(trainee_site):
    site, _ = trainee_site
    assert 'data-md-component="source"' not in (site / "index.html").read_text(encoding="utf-8")
