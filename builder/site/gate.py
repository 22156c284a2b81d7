"""The output gate: everything a build wrote, checked before it is published.

The content checks see pieces of input; the theme, Markdown and later steps
reassemble them. So at the end of every build (both editions, offline, an
agency's, `serve`) the plugin walks the site folder and refuses:

- a file of a type the site does not make (SITE_TYPES), a symlink, or anything
  that is not a regular file;
- a file a contributor put beside the pages (docs_dir) that is not an image or
  a stylesheet: `.html`, `.js`, `.xml` and the like run in the site's origin;
  an SVG only if it is a plain drawing (no script, link, style or entity);
- in every HTML page, read once by the HTML standard (Lexbor) as a browser
  reads it: a script that is not the theme's or the builder's (a file the site
  ships, an inline script equal to one of the theme's templates, the builder's
  JSON data, which must still be JSON), an `on*` attribute, `<base>`, a
  `<meta>` refresh, an embed, `<template>`, a `<noscript>` whose text a browser
  would end early, a URL whose scheme, once the browser has decoded it and
  dropped control characters and spaces, is not http, https, mailto, tel or
  sms, and `<` in `<title>` or a `title=` attribute (the theme's tooltips
  render `title` as HTML);
- in the search index, anything the theme's search would show as markup
  (builder/site/search_gate.py).

Each refusal names the page and, where the offending text can be found in a
content file, its `path:line`.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import clean_directory, get_relative_url
from selectolax.lexbor import LexborHTMLParser, LexborNode

from builder.content.files import CONTENT_FOLDERS
from builder.site.search_gate import INDEX, check_search_index

__all__ = ["CONTENT", "SITE_TYPES", "CONTRIBUTED_TYPES", "Refusal", "check_site", "gate_build"]

CONTENT = CONTENT_FOLDERS  # the folders
# What a clean build of each edition (offline and an agency's too) writes.
SITE_TYPES = frozenset({".html", ".css", ".js", ".map", ".json", ".xml", ".gz", ".png", ".svg",
                        ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"})
# What a contributor may put beside the pages: pictures and stylesheets.
CONTRIBUTED_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".css",
                               ".svg"})
RUNS = "which would run code on the learner's page"
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "cite", "ping", "srcset", "manifest", "longdesc")
RESOURCE_ATTRIBUTES = frozenset({"src", "poster", "data", "background", "srcset"})
LOADED_LINKS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "prefetch",
                          "manifest", "import", "prerender", "apple-touch-icon"})
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
CONTROLS = re.compile(r"[\x00-\x20\x7f]+")  # dropped here wherever they are: stricter than a browser
PICTURE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*")
EXECUTABLE = frozenset({"", "text/javascript", "application/javascript", "module"})
ELEMENTS = {
    "base": "a <base> element, which would change where every link on the page points",
    "iframe": "an embedded page", "frame": "an embedded page", "frameset": "an embedded page",
    "object": "an embedded program", "embed": "an embedded program",
    "applet": "an embedded program", "portal": "an embedded page",
    "template": "a <template>, whose contents this check cannot see",
    **{tag: "an SVG animation, which can turn a link into code"
       for tag in ("animate", "set", "animatemotion", "animatetransform", "handler")},
}
# A contributed SVG may be a drawing: nothing that runs, links, loads or defines entities.
SVG_REFUSED = re.compile(r"<\s*/?\s*(?:script|foreignobject|iframe|embed|object|animate\w*|set|"
                         r"handler|a|use|image|feimage|style|link)\b|<!|<\?(?!xml\s)|"
                         r"\bon[a-z]+\s*=|href|&|url\s*\(|javascript:|data:", re.IGNORECASE)
CSS_ELSEWHERE = re.compile(r"""(?:url\(\s*['"]?|@import\s*['"])\s*(?:[a-z][a-z0-9+.-]*:|//)""",
                           re.IGNORECASE)
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
JINJA = re.compile(r"\{\{.*?\}\}")
INCLUDE_JS = re.compile(r"""include_js\(\s*["']([\w./-]+)["']\s*\)""")


@dataclass(frozen=True)
class Refusal:
    page: str  # the file in the site, relative to it
    what: str  # a sentence: what it has, and why it cannot stay
    needle: str = ""  # text to look for in the content files, for a line


@dataclass(frozen=True)
class _Known:
    """The inline scripts the theme's templates make: exactly, or with the page's
    base address where a template prints it."""

    literal: frozenset[str]
    templated: tuple[re.Pattern[str], ...]

    def allows(self, text: str, bases: frozenset[str]) -> bool:
        text = text.strip()
        if text in self.literal:
            return True
        for pattern in self.templated:
            match = pattern.fullmatch(text)
            if match and all(group in bases for group in match.groups()):
                return True
        return False


@lru_cache(maxsize=8)
def known_scripts(template_dirs: tuple[str, ...]) -> _Known:
    literal: set[str] = set()
    templated: list[re.Pattern[str]] = []
    for folder in map(Path, template_dirs):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".html", ".j2"):
                continue
            source = path.read_text(encoding="utf-8")
            for name in INCLUDE_JS.findall(source):  # a script file the template inlines
                if (folder / name).is_file():
                    literal.add((folder / name).read_text(encoding="utf-8").strip())
            for body in TEMPLATE_SCRIPT.findall(source):
                body = body.strip()
                if "{%" in body or "{#" in body:
                    continue  # a template that varies by more than an address: not known
                if "{{" not in body:
                    literal.add(body)
                else:
                    parts = [re.escape(part) for part in JINJA.split(body)]
                    templated.append(re.compile(r"([\w./~-]*)".join(parts), re.S))
    return _Known(frozenset(literal), tuple(templated))


def check_site(site_dir: Path, contributed: dict[str, Path], *, site_url: str,
               template_dirs: Iterable[str], scope: str | None = None) -> list[Refusal]:
    """Everything in `site_dir` the gate refuses. `contributed` maps each file
    copied from docs_dir (not a Markdown page) to its source."""
    refusals: list[Refusal] = []
    files: list[str] = []
    for folder, dirs, names in os.walk(site_dir):
        for name in dirs + names:
            path = Path(folder, name)
            rel = path.relative_to(site_dir).as_posix()
            if path.is_symlink():
                refusals.append(Refusal(rel, "is a symbolic link, which could publish a file "
                                        "from outside the site; copy the file in instead"))
            elif name in names and not path.is_file():
                refusals.append(Refusal(rel, "is not a regular file (a pipe or a device)"))
            elif name in names:
                files.append(rel)
    for rel in files:
        suffix = posixpath.splitext(rel)[1].lower()
        if suffix not in SITE_TYPES:
            refusals.append(Refusal(rel, f'is a "{suffix or rel}" file, a type the site does '
                                    "not publish; link to it elsewhere or leave it out"))
        elif rel in contributed:
            refusals += _contributed(site_dir, rel, suffix)
    shipped = {rel for rel in files if rel.endswith(".js") and rel not in contributed}
    known = known_scripts(tuple(template_dirs))
    own = urlsplit(site_url or "")
    for rel in files:
        if rel.endswith(".html") and rel not in contributed:
            base = ((own.path or "/") if re.fullmatch(r"\d{3}\.html", rel)
                    else get_relative_url(".", rel))
            bases = frozenset({base} | ({scope} if scope else set()))
            refusals += _page(site_dir, rel, shipped, known, bases, own)
    refusals += [Refusal(INDEX, what, needle) for what, needle in check_search_index(site_dir)]
    return refusals


def _contributed(site_dir: Path, rel: str, suffix: str) -> list[Refusal]:
    if suffix not in CONTRIBUTED_TYPES:
        return [Refusal(rel, f'is a "{suffix}" file put beside the pages, which would run in the '
                        "site as if the site had made it; only pictures and stylesheets may "
                        "be added there")]
    if suffix in (".svg", ".css"):
        text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
        if suffix == ".svg" and (found := SVG_REFUSED.search(text)):
            return [Refusal(rel, f'is an SVG with "{found.group(0)}": a picture put beside the '
                            "pages may only be a drawing (shapes and paths), nothing that runs, "
                            "links, loads or defines entities")]
        if suffix == ".css" and (found := CSS_ELSEWHERE.search(text)):
            return [Refusal(rel, f'is a stylesheet that loads "{found.group(0)}…" from another '
                            "website; put the file in the site and use a relative path")]
    return []


def _page(site_dir: Path, rel: str, shipped: set[str], known: _Known,
          bases: frozenset[str], own: SplitResult) -> list[Refusal]:
    html = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
    tree = LexborHTMLParser(html)
    found: list[Refusal] = []
    here = posixpath.dirname(rel)
    for node in tree.root.traverse() if tree.root else ():
        tag = (node.tag or "").lower()
        if tag.startswith("-"):
            continue
        attrs = {name.lower(): value or "" for name, value in node.attributes.items()}
        if tag == "script":
            found += _script(rel, node, attrs, here, shipped, known, bases, own.path or "/")
        elif tag in ELEMENTS:
            found.append(Refusal(rel, f"has {ELEMENTS[tag]}; remove it", f"<{tag}"))
        elif tag == "meta" and attrs.get("http-equiv", "").strip().lower() in ("refresh",
                                                                               "set-cookie"):
            found.append(Refusal(rel, "has a <meta http-equiv> refresh, which would send every "
                                 "visitor somewhere else; remove it", "http-equiv"))
        elif tag == "title" and "<" in node.text():
            found.append(_markup(rel, "its <title>", node.text()))
        elif tag == "noscript" and _ends_early(node):
            found.append(Refusal(rel, 'has a <noscript> holding "</noscript", which a browser '
                                 "would end early, so what follows would become live markup",
                                 "</noscript"))
        for name, value in attrs.items():
            found += _attribute(rel, tag, name, value, attrs, own.netloc)
    return found


def _script(rel: str, node: LexborNode, attrs: dict[str, str], here: str, shipped: set[str],
            known: _Known, bases: frozenset[str], root: str) -> list[Refusal]:
    kind = attrs.get("type", "").strip().lower()
    text = node.text()
    if kind == "application/json":
        if attrs.get("id") != "__config" and "data-ps-cohort-data" not in attrs:
            return [Refusal(rel, "has a JSON <script> the builder did not write; remove it",
                            "application/json")]
        try:
            json.loads(text)
        except ValueError:
            return [Refusal(rel, "has a JSON <script> that is no longer JSON: something in it "
                            "(such as <!-- or <script in a text) made the browser read on past "
                            "its end; write < as &lt; there")]
        return []
    if kind not in EXECUTABLE:
        return [Refusal(rel, f'has a <script type="{kind}">, which the site does not make; '
                        "remove it", kind)]
    if "src" in attrs:
        src = CONTROLS.sub("", attrs["src"]).split("#")[0].split("?")[0]
        target = (src[len(root):] if src.startswith(root) and not src.startswith("//")
                  else posixpath.normpath(posixpath.join(here, src)))
        if SCHEME.match(src) or src.startswith("//") or target not in shipped:
            return [Refusal(rel, f'has <script src="{attrs["src"]}">, a script the theme and '
                            f"the builder do not ship, {RUNS}; remove it", attrs["src"])]
        return []
    if not known.allows(text, bases):
        return [Refusal(rel, f"has an inline <script> that is not one of the theme's, {RUNS}: "
                        f'"{" ".join(text.split())[:60]}"; remove it', text.strip()[:40])]
    return []


def _attribute(rel: str, tag: str, name: str, value: str, attrs: dict[str, str],
               own_host: str) -> list[Refusal]:
    if name.startswith("on"):
        return [Refusal(rel, f'has an {name}="..." attribute on <{tag}>, {RUNS}; remove it',
                        name)]
    if name == "srcdoc":
        return [Refusal(rel, f"has a srcdoc attribute on <{tag}>, a page inside the page; "
                        "remove it", "srcdoc")]
    if name == "title" and "<" in value:
        return [_markup(rel, f'a title="..." attribute on <{tag}>', value)]
    if name not in URL_ATTRIBUTES:
        return []
    urls = ([c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset"
            else [value])
    found = []
    for url in urls:
        bare = CONTROLS.sub("", url)
        scheme = SCHEME.match(bare)
        if tag == "img" and name == "src" and PICTURE.fullmatch(bare):
            continue
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            found.append(Refusal(rel, f'has <{tag} {name}="{url[:60]}">, a '
                                 f"{scheme.group(1).lower()}: address, which the site does not "
                                 "link to; use an http, https, mailto, tel or sms address or a "
                                 "relative path", url[:40]))
        elif tag != "script" and (name in RESOURCE_ATTRIBUTES or (tag == "link" and LOADED_LINKS & set(
                attrs.get("rel", "").lower().split()))) and (scheme or bare.startswith("//")) \
                and urlsplit(bare).netloc != own_host:
            found.append(Refusal(rel, f'has <{tag} {name}="{url[:60]}">, which would load from '
                                 "another website; put the file in the site and use a relative "
                                 "path", url[:40]))
    return found


def _markup(rel: str, where: str, text: str) -> Refusal:
    return Refusal(rel, f'has "<" in {where}: "{" ".join(text.split())[:60]}", which the theme '
                   "would show as markup; write titles as plain text", text.strip()[:40])


def _ends_early(node: LexborNode) -> bool:
    """A browser with scripting on reads <noscript> as text up to "</noscript"."""
    if node.html and node.html.lower().count("</noscript") > 1:
        return True
    return any("</noscript" in (v or "").lower() for d in node.traverse()
               for v in d.attributes.values())


def gate_build(config, files: Files, sources: dict[str, Path], folders: list[Path]) -> None:
    """The gate over a finished build: on any refusal the site folder is emptied
    (a failed build publishes nothing) and the build fails with every refusal, each
    at its source `path:line` where the text can be found. `sources` maps a page's
    src_uri to the content file it was made from; `folders` hold the content files."""
    docs = Path(config.docs_dir).resolve()
    contributed, made_from = {}, {}
    for file in files:
        source = Path(file.abs_src_path) if file.abs_src_path else sources.get(file.src_uri)
        if source and file.is_documentation_page():
            made_from[file.dest_uri] = source
        elif source and source.resolve().is_relative_to(docs):
            contributed[file.dest_uri] = source
    site_dir = Path(config.site_dir)
    refusals = check_site(site_dir, contributed, site_url=config.site_url or "",
                          template_dirs=_template_dirs(config), scope=(config.extra or {}).get("scope"))
    if not refusals:
        return
    root = Path(config.config_file_path).parent
    every = sorted(p for folder in (*folders, Path(config.docs_dir)) for p in folder.rglob("*")
                   if p.is_file() and not p.is_symlink())
    lines = sorted({_sentence(r, contributed.get(r.page) or made_from.get(r.page), every, root)
                    for r in refusals})
    clean_directory(str(site_dir))
    raise PluginError(f"the built site has {len(lines)} problem(s), so nothing was published; "
                      "each needs fixing at its source:\n" + "\n".join(lines))


def _template_dirs(config) -> tuple[str, ...]:
    """The theme's template folders, and mkdocs-jupyter's for the notebook page."""
    dirs = list(config.theme.dirs)
    spec = find_spec("mkdocs_jupyter")
    if spec and spec.origin:
        dirs.append(str(Path(spec.origin).parent / "templates"))
    return tuple(dirs)


def _sentence(refusal: Refusal, source: Path | None, content: list[Path], root: Path) -> str:
    where = _locate(refusal.needle, [source] if source else []) or (
        _locate(refusal.needle, content) if refusal.needle else None)
    what = f"the built page {refusal.page} {refusal.what}"
    if where:
        return f"{_shown(where[0], root)}:{where[1]}: {what}"
    if source:
        return f"{_shown(source, root)}: {what}"
    return f"{refusal.page}: {what[0].upper()}{what[1:]}"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _locate(needle: str, paths: Iterable[Path]) -> tuple[Path, int] | None:
    """The first content file and line that holds `needle` (any case)."""
    needle = needle.lower()
    if not needle:
        return None
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        at = text.lower().find(needle)
        if at != -1:
            return path, text.count("\n", 0, at) + 1
    return None
