"""The content safety policy: content may not run code, embed other pages, take
input, or make the page load anything from another website.

Markdown is converted to HTML as the site converts it and read back with
Lexbor (selectolax), an HTML parser that follows the HTML standard as browsers
do, so `[x](javascript:...)`, `{: onclick=...}` and raw HTML are all seen as the
browser would see them, and code spans stay code. Each finding is reported at
its source line: a field's own line, or, in a page, the line where the offending
text first appears.

Fields that are not Markdown (titles, names, phone numbers) are checked
against a pattern here and escaped where the templates render them.

A build already converts every page: inside `deferred_prose()` (the MkDocs
plugin), `check_prose` only keeps the page's source, and `check_rendered`
later reads the HTML the site made of it, so a page is converted once. The
parts of a page the builder generates (the self-check, the reflections) sit
between GENERATED markers and are left out; each build draws its own mark for them,
so content cannot write one.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import markdown as md
import yaml
from selectolax.lexbor import LexborHTMLParser

from builder.checks.budget import over_budget
from builder.content.files import BIDI, BIDI_WHAT, CONTROL
from builder.content.problems import Problems
from builder.content.yamlfile import Node, NodeList

__all__ = ["Finding", "GENERATED", "generated_placeholder", "without_markers", "scan_html",
           "check_text", "check_prose", "deferred_prose", "check_rendered", "check_plain",
           "check_phone", "check_field_safety"]

# Around what the builder adds, with a mark drawn afresh by each build: content written
# before the build cannot know it, so cannot end the checked part of a page early.
_MARK = secrets.token_hex(12)
GENERATED = (f"<!-- ps:generated {_MARK} -->", f"<!-- /ps:generated {_MARK} -->")

# The Markdown extensions mkdocs.yml and the plugin enable: attr_list can add
# attributes and md_in_html raw blocks, so the check converts with them.
SITE_EXTENSIONS = ("abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
                   "pymdownx.details", "pymdownx.superfences")
# Text without these characters (or the word mermaid) is plain prose: no tag, link or
# attribute list.
MARKUP = re.compile(r"[<\[{]")

RUNS = "would run code on the learner's page; remove it"
EMBEDS = "would embed another page or program; link to it instead"
TAGS = {
    "script": RUNS, "iframe": EMBEDS, "frame": EMBEDS, "frameset": EMBEDS, "object": EMBEDS,
    "embed": EMBEDS, "applet": EMBEDS, "portal": EMBEDS,
    "form": "would send what a learner types somewhere else; remove it",
    "base": "would change where every link on the page points; remove it",
    "meta": "could send the page somewhere else; remove it",
    "link": "would load a file into the page; remove it",
    "style": "would restyle the whole site; use the site's stylesheet instead",
    "math": "needs MathJax, which the theme would load from another website; remove it",
    # Elements whose text the browser reads differently from this check: an
    # attribute inside them could become a live tag.
    **{tag: "changes how the browser reads the rest of the page; remove it"
       for tag in ("noscript", "noembed", "noframes", "xmp", "plaintext", "textarea", "title",
                   "template")},
    **{tag: "is an SVG animation, which can turn a link into code; remove it"
       for tag in ("animate", "set", "animatemotion", "animatetransform")},
    "foreignobject": "puts HTML inside SVG, which the browser reads differently; remove it",
}
# Classes that make the theme fetch a library from a CDN (mermaid from unpkg.com)
# or that only MathJax renders.
CDN_CLASSES = {"mermaid": "a mermaid diagram, which the theme would load from another website",
               "language-mermaid": "a mermaid diagram, which the theme would load from another "
                                   "website",
               "arithmatex": "MathJax maths, which needs a script from another website"}
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "action", "formaction", "data", "xlink:href",
                  "background", "lowsrc", "dynsrc", "ping", "cite", "longdesc", "manifest"}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "ping"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Each alternative ends at the first character that closes it, so the search is linear.
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^()'"\s]*))"""
                     r"""|"((?:[a-z][a-z0-9+.-]*:|//)[^"]*)"|'((?:[a-z][a-z0-9+.-]*:|//)[^']*)'""",
                     re.IGNORECASE)
# A fenced block for mermaid: a diagram once the site's Markdown turns it into one.
MERMAID_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?mermaid",
                           re.MULTILINE | re.IGNORECASE)
_URL_IGNORES = re.compile(r"[\t\n\r]")  # what the browser drops from a URL
_URL_LEADING = re.compile(r"^[\x00-\x20]+")  # and from its start: C0 controls and space
PLAIN = re.compile(r"[^<>\[\]{}`|\\\n\r]+")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")
REFERENCE = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*;?|#[0-9]+;?|#[xX][0-9a-fA-F]+;?)")  # shown


@dataclass(frozen=True)
class Finding:
    needle: str  # text to look for in the source, to find the line
    message: str  # what it is, why it cannot stay, and what to do


def _normalise(url: str) -> str:
    """A URL as the browser reads it: no tabs, line breaks, leading controls or spaces."""
    return _URL_LEADING.sub("", _URL_IGNORES.sub("", url)).replace("\\", "/").lower()


def _elsewhere(url: str) -> bool:
    """True for a URL that reaches another origin (any scheme, or //host)."""
    url = _normalise(url)
    return url.startswith("//") or bool(SCHEME.match(url))


def _url_findings(tag: str, name: str, value: str) -> list[Finding]:
    if not (":" in value or "/" in value or "\\" in value):  # no scheme and no //host
        return []
    scheme = SCHEME.match(_normalise(value))
    if scheme and scheme.group(1) in ("javascript", "vbscript"):
        return [Finding(scheme.group(1), f"a {scheme.group(1)}: URL, which {RUNS}")]
    if name not in URL_ATTRIBUTES:
        return []
    if scheme and scheme.group(1) == "data":
        return [Finding("data:", "a data: URL; put the file in the site and use a relative "
                        "path instead")]
    resource = name in RESOURCE_ATTRIBUTES or (name in ("href", "xlink:href")
                                               and tag not in ("a", "area"))
    urls = [c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset" else [value]
    return [Finding(url.strip(), f'<{tag} {name}="{url.strip()}">, which would load from another '
                    "website; the site loads nothing from elsewhere: put the file in the site "
                    "and use a relative path")
            for url in urls if resource and _elsewhere(url)]


def _attribute_findings(tag: str, name: str, value: str) -> list[Finding]:
    if name.startswith("on"):
        return [Finding(name, f'the {name}="..." attribute, which {RUNS}')]
    if name == "title" and "<" in value:  # as the browser reads it: &lt; is "<" here
        return [Finding(max(re.split(r"[<>]", value), key=len).strip()[:30] or "title",
                        f'a title with "<" ("{value[:40]}"), which the theme\'s tooltips would '
                        "show as markup; write the title as plain words")]
    found = _url_findings(tag, name, value)
    if name == "style" and "\\" in value:
        found.append(Finding("style", "a style with a backslash escape, which this check cannot "
                             "read; remove the backslash"))
    elif name == "style":
        for match in CSS_URL.finditer(value):
            url = next(group for group in match.groups() if group is not None)
            if _elsewhere(url):
                found.append(Finding(url, f'a style that loads "{url}" from another website; '
                                     "put the file in the site and use a relative path"))
    if name == "class":
        found += [Finding(c, CDN_CLASSES[c] + "; use an image in the site instead")
                  for c in value.split() if c in CDN_CLASSES]
    return found


def scan_html(html: str) -> list[Finding]:
    """Everything in a piece of HTML that the policy refuses, in document order.
    The page goes on after the piece: an element placed after it must still be an
    element, or the piece has left a tag, comment or raw text open that would
    swallow the rest of the page."""
    end = secrets.token_hex(8)  # content cannot write an end it does not know
    tree = LexborHTMLParser(f'{html}<i data-ps-end="{end}"></i>')
    findings: list[Finding] = []
    ended = False
    for node in tree.root.traverse() if tree.root else ():
        tag, attrs = (node.tag or "-").lower(), node.attributes
        ended = attrs.get("data-ps-end") == end
        if tag.startswith("-") or ended:  # a comment, or the element after the piece
            continue
        if tag in TAGS:
            findings.append(Finding(f"<{tag}", f"<{tag}>, which {TAGS[tag]}"))
        for name, value in attrs.items():
            findings += _attribute_findings(tag, name.lower(), value or "")
    if not ended:
        findings.append(Finding(_opening(html), "an HTML tag or comment that is not closed, "
                                "which would swallow what the page puts after it; "
                                "close it or write &lt; for a plain <"))
    return findings


def _opening(html: str) -> str:
    """The last tag or comment opened in `html`, to find its line."""
    found = list(re.finditer(r"<[a-zA-Z!/?][^\s>]*", html))
    return found[-1].group() if found else html[:20]


@cache
def _converter() -> md.Markdown:
    return md.Markdown(extensions=list(SITE_EXTENSIONS))


@lru_cache(maxsize=512)  # serve re-checks every file on each reload; most are unchanged
def _findings(text: str, raw: bool) -> tuple[Finding, ...]:
    """The findings of Markdown text (and of the text itself read as HTML, for a
    field, which a template may place next to other fields)."""
    if not MARKUP.search(text) and "mermaid" not in text.lower() and not (
            raw and "script:" in _normalise(text)):
        return ()
    try:
        found = scan_html(_converter().reset().convert(text))
    except RecursionError:
        return (Finding("", "Markdown nested too deeply to read (quotes or lists inside each "
                        "other hundreds of times); flatten it"),)
    found += _mermaid(text)
    if raw:
        found += scan_html(text)
        if re.search(r"(java|vb)script:", _normalise(text)):
            found.append(Finding("script:", f"a javascript: URL, which {RUNS}"))
    return tuple(found)


def check_text(text: str, path: Path, line: int, problems: Problems, what: str) -> None:
    """A Markdown field of a YAML file: every finding at the field's line."""
    if budget := over_budget(text):  # before Markdown reads it
        problems.error(path, line, f"{what} has {budget[1]}")
        return
    for finding in _findings(text, raw=True):
        problems.error(path, line, f"{what} has {finding.message}")


@dataclass(frozen=True)
class Prose:
    """A page's Markdown source, kept to be checked once the site has rendered it."""

    text: str
    path: Path
    first_line: int


_deferred: ContextVar[dict[Path, Prose] | None] = ContextVar("peer_support_prose", default=None)


@contextmanager
def deferred_prose() -> Iterator[dict[Path, Prose]]:
    """Within it, check_prose keeps each page's source (by path) for check_rendered."""
    kept: dict[Path, Prose] = {}
    token = _deferred.set(kept)
    try:
        yield kept
    finally:
        _deferred.reset(token)


def check_prose(text: str, path: Path, first_line: int, problems: Problems) -> None:
    """A Markdown page (or a module's prose starting at `first_line`)."""
    lines = text.split("\n")
    if first_line == 1 and lines[0].strip() == "---":
        _front_matter(lines, path, problems)
    for index, line in enumerate(lines):
        if "ps:generated" in line:
            problems.error(path, first_line + index, 'the page has "ps:generated", a marker '
                           "only the builder writes; remove it")
    if budget := over_budget(text):  # before Markdown (here or in the build) reads it
        problems.error(path, first_line + budget[0], f"the page has {budget[1]}")
        return
    kept = _deferred.get()
    if kept is not None:
        kept[path] = Prose(text, path, first_line)
        return
    _report(_findings(text, raw=False), lines, path, first_line, problems)


def _front_matter(lines: list[str], path: Path, problems: Problems) -> None:
    """A page's title and description are plain text however YAML writes them
    ("\\u003c" is "<"): the theme prints the title raw in the navigation."""
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) if end else None
    except yaml.YAMLError:
        return  # MkDocs reports front matter it cannot read
    for key in ("title", "description"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if isinstance(value, str):
            line = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 1)
            check_plain(value, path, line, problems, f"the {key} of the page")


def check_rendered(html: str, prose: Prose, problems: Problems) -> None:
    """A page as the site rendered it, without the parts the builder generated,
    for the source kept by check_prose: the same findings, at the same lines."""
    found = scan_html(_without_generated(html)) + _mermaid(prose.text)
    if found:
        _report(found, prose.text.split("\n"), prose.path, prose.first_line, problems)


def generated_placeholder(name: str) -> str:
    """Where the builder's HTML called `name` goes on a page: marked as GENERATED is."""
    return f"<!-- ps:generated:{name} {_MARK} -->"


def without_markers(html: str) -> str:
    """A page with the GENERATED markers taken out, once it has been checked: the
    published site never shows a build's mark."""
    return html.replace(GENERATED[0], "").replace(GENERATED[1], "")


def _mermaid(text: str) -> list[Finding]:
    """A fenced mermaid block: a diagram once the site's Markdown turns it into one."""
    if ("```" in text or "~~~" in text) and MERMAID_FENCE.search(text):
        return [Finding("mermaid", CDN_CLASSES["mermaid"] + "; use an image in the site instead")]
    return []


def _without_generated(html: str) -> str:
    """The HTML without what the builder generated (between GENERATED markers)."""
    parts, at = [], 0
    while (start := html.find(GENERATED[0], at)) != -1 and (
            end := html.find(GENERATED[1], start)) != -1:
        parts.append(html[at:start])
        at = end + len(GENERATED[1])
    return "".join(parts) + html[at:]


def _report(findings, lines: list[str], path: Path, first_line: int, problems: Problems) -> None:
    seen: dict[str, int] = {}  # needle: the index of the last line it was found on
    for finding in findings:
        at = _locate(lines, finding.needle, seen.get(finding.needle, -1) + 1)
        if at is not None:
            seen[finding.needle] = at
        problems.error(path, first_line + (at or 0), f"the page has {finding.message}")


def _locate(lines: list[str], needle: str, start: int) -> int | None:
    """The index of the first line from `start` holding `needle` (any case)."""
    needle = needle.lower()
    for index in range(start, len(lines)):
        if needle and needle in lines[index].lower():
            return index
    return None if start == 0 else _locate(lines, needle, 0)


def check_plain(value: str, path: Path, line: int, problems: Problems, what: str) -> bool:
    """A title or name: one line of plain text, without Markdown or HTML brackets,
    nor a character reference (&lt;), which the theme's striptags turns back into
    the character, and so into a tag."""
    reference = html.unescape(value) != value  # what striptags does
    if found := CONTROL.search(value):
        problems.error(path, line, f"{what} holds a control character "
                       f"(U+{ord(found.group()):04X}); write one line of plain text")
        return False
    if found := BIDI.search(value):
        problems.error(path, line, f"{what} holds " + BIDI_WHAT.format(ord(found.group())))
        return False
    if PLAIN.fullmatch(value) and not reference:
        return True
    if PLAIN.fullmatch(value):
        ref = REFERENCE.search(value)
        problems.error(path, line, f'{what} holds "{ref.group(0) if ref else "&"}", an HTML '
                       "character reference, which the theme would turn back into the "
                       "character it stands for; write plain words instead")
        return False
    bad = next((ch for ch in value if not PLAIN.fullmatch(ch)), "")
    shown = {"\n": "a line break", "\r": "a line break"}.get(bad, f'"{bad}"')
    problems.error(path, line, f"{what} holds {shown}, which a title or name cannot: write "
                   "one line of plain text, without < > [ ] { } ` | or a backslash")
    return False


def check_phone(value: str, path: Path, line: int, problems: Problems, what: str) -> bool:
    """A number for a tel: or sms: link: digits, spaces, hyphens, brackets, a leading +."""
    if PHONE.fullmatch(value):
        return True
    problems.error(path, line, f'{what} is "{value}", which is not a phone number; write '
                   'digits only, such as "18007842433"')
    return False


def check_field_safety(got: dict, data: Node, path: Path, problems: Problems, what: str, *,
                       markdown: tuple[str, ...] = (), plain: tuple[str, ...] = (),
                       phone: tuple[str, ...] = ()) -> None:
    """Check the fields of one checked mapping (`got`, from check_fields) by kind:
    Markdown text, plain text (titles, names), phone numbers. A list field is
    checked item by item, each at its own line."""
    for names, check in ((markdown, check_text), (plain, check_plain), (phone, check_phone)):
        for name in names:
            value = got.get(name)
            lines = value.lines if isinstance(value, NodeList) else [data.lines.get(name, 1)]
            for item, line in zip(value if isinstance(value, NodeList) else [value], lines):
                if isinstance(item, str):
                    check(item, path, line, problems, f"the {name} of {what}")
