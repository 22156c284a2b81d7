"""What a page is (`Page`: a path and its Markdown, with the builder's HTML kept
apart), the Jinja2 environment every page is rendered with and its filters
(Markdown, plain text), and the one way to write a page's front matter.

A content field is Markdown rendered once, on its own (`md`, `md_inline`): a
reference definition (`[w]: picture.png`) in one field means nothing in another.
A generated page places the HTML of its fields with `{% filter keep %}...{%
endfilter %}` (render_page): the page's Markdown holds a placeholder, and the
HTML goes in once the page is converted, so Markdown never reads a field again."""

from __future__ import annotations

import hashlib
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import markdown as md
import yaml
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from builder.checks.policy import generated_placeholder
from builder.content.model import Question
from builder.pages.plain import md_escape, short, tooltip

__all__ = ["Page", "inline", "section", "STRINGS", "TYPE_NAMES", "render", "render_once",
           "render_page", "front_matter", "shuffled"]

SECTION = r"^## {}\s*$(.*?)(?=^## |\Z)"


@dataclass(frozen=True)
class Page:
    src_uri: str  # where the page sits in the site, such as modules/01-foundations.md
    markdown: str
    # HTML the builder made (a self-check, the reflections), as (placeholder, html): the
    # Markdown holds the placeholder, and the site puts the HTML in its place once the
    # page is converted. Markdown would only copy it, slowly: it is most of a module page.
    html: tuple[tuple[str, str], ...] = ()

    @property
    def inlined(self) -> str:
        """The Markdown with the HTML in it: what a site without the plugin would need."""
        return inline(self.markdown, self.html)


def inline(text: str, html: tuple[tuple[str, str], ...], *, each_once: bool = False) -> str:
    """`text` (a page's Markdown, or the HTML made of it) with each placeholder replaced."""
    for placeholder, fragment in html:
        if each_once and text.count(placeholder) != 1:
            raise ValueError(f"{placeholder} is on the page {text.count(placeholder)} times, not once")
        text = text.replace(placeholder, fragment)
    return text




def section(markdown: str, heading: str) -> str:
    """The Markdown under one `## heading`, up to the next."""
    found = re.search(SECTION.format(re.escape(heading)), markdown, re.MULTILINE | re.DOTALL)
    return found.group(1).strip() if found else ""


# UI strings used by more than one template.
STRINGS = {
    "reflection_intro": "Take your time with these. Skip any prompt that doesn't feel right today.",
    # Under every module's reflections heading, linked to the safety page (reflections.html).
    "reflection_privacy": "Saved in this browser on this device; anyone using this browser "
                          "can open it.",
    "reflection_privacy_link": "Keeping it private, and clearing it from this device",
    # What "complete" means, as status.js counts it (AUTHORING.md, "Learner data in the browser").
    "complete_means": "A module is complete when you have answered every one of its self-check "
                      "questions (your first-try score is kept beside it), and mastered when every "
                      "answer is right.",
}
TYPE_NAMES = {"single": "one answer", "multiple": "all that fit", "true-false": "true or false",
              "ordering": "put in order"}

@dataclass(frozen=True)
class Step:
    position: int  # 1-based place in the right order
    text: str


# Text with none of these is one plain paragraph: escaping it is all Markdown would do.
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\!#|~]|\n\s*\n|^\s*(?:[-+]|\d+\.)\s", re.MULTILINE)
ONE_PARAGRAPH = re.compile(r"<p>((?:(?!</?p>).)*)</p>((?:\s*<!--(?:(?!-->).)*-->)*)", re.DOTALL)
_SYNTAX_CHARACTERS = re.compile(r"[*_`\[\]<>&\\!#|~]")  # the first part alone: faster to search


def _plain(text: str) -> bool:
    """Whether text has none of MARKDOWN_SYNTAX (most quiz text is one line of words)."""
    if _SYNTAX_CHARACTERS.search(text):
        return False
    if "\n" not in text and text.strip() and text.lstrip()[0] not in "-+0123456789":
        return True  # one line that cannot start a list
    return not MARKDOWN_SYNTAX.search(text)


@cache
def _converter() -> md.Markdown:
    return md.Markdown(output_format="html")


@lru_cache(maxsize=4096)  # an option's text is shown twice: as the option and in the answer
def _markdown(text: str) -> Markup:
    if _plain(text):
        return Markup(f"<p>{escape(text.strip())}</p>")
    return Markup(_converter().reset().convert(text))


@lru_cache(maxsize=4096)
def _markdown_inline(text: str) -> Markup:
    if _plain(text):
        return Markup(escape(text.strip()))
    html = _converter().reset().convert(text).strip()
    # One paragraph, and any comments (safety markers) on lines after it: the paragraph's
    # words, the comments after them.
    one = ONE_PARAGRAPH.fullmatch(html)
    return Markup(one.group(1) + one.group(2) if one else html)


def front_matter(**fields: Any) -> str:
    """A page's YAML front matter, written by the YAML dumper: any title is safe."""
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{text}---"


def shuffled(question: Question) -> list[Step]:
    """The steps of an ordering question in a stable order that is never the answer."""
    steps = [Step(i, s) for i, s in enumerate(question.steps, start=1)]
    key = lambda s: hashlib.sha256(f"{question.id}:{s.text}".encode()).hexdigest()  # noqa: E731
    mixed = sorted(steps, key=key)
    if mixed == steps:
        mixed = mixed[1:] + mixed[:1]
    return mixed


class _TemplateCache(FileSystemBytecodeCache):
    """Our templates compiled once a machine, in Jinja's per-user temporary folder."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a cache that cannot be written only makes builds slower
            pass


def _template_cache() -> _TemplateCache | None:
    try:
        return _TemplateCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


@cache
def _env() -> Environment:
    # .html templates are escaped; .md templates write Markdown for MkDocs to render.
    env = Environment(loader=PackageLoader("builder.pages", "templates"),
                      autoescape=select_autoescape(["html"], default_for_string=False),
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      bytecode_cache=_template_cache())
    env.filters["md"] = _markdown
    env.filters["md_inline"] = _markdown_inline
    env.filters["keep"] = _keep
    env.globals["shuffled"] = shuffled
    env.globals["strings"] = STRINGS
    env.filters["short"] = short
    env.filters["md_escape"] = md_escape
    env.filters["tooltip"] = tooltip
    env.globals["type_names"] = TYPE_NAMES
    env.globals["front_matter"] = front_matter
    return env


def render(template: str, **context) -> str:
    return _env().get_template(template).render(**context)


_kept: ContextVar[tuple[str, list[tuple[str, str]]] | None] = ContextVar("peer_support_kept",
                                                                         default=None)


def render_page(src_uri: str, template: str, *, prefix: str = "", **context) -> Page:
    """A generated page whose template keeps its HTML apart (the `keep` filter): the
    placeholders are numbered from `prefix`, unique on the page."""
    token = _kept.set((prefix, []))
    try:
        markdown = render(template, **context)
        return Page(src_uri, markdown, tuple(_kept.get()[1]))  # type: ignore[index]
    finally:
        _kept.reset(token)


def _keep(html: str) -> Markup:
    """HTML a generated page shows as it is: a placeholder (its own block) in the
    Markdown, the HTML put in its place after Markdown is done (Page.html)."""
    kept = _kept.get()
    if kept is None:
        raise RuntimeError("the keep filter is for templates rendered with render_page")
    prefix, found = kept
    placeholder = generated_placeholder(f"html-{prefix}{len(found) + 1}")
    found.append((placeholder, str(html).strip()))
    return Markup(f"\n\n{placeholder}\n\n")


@lru_cache(maxsize=1024)
def render_once(template: str, **context) -> str:
    """render for frozen model objects (a quiz bank, a reflection set): the same
    content renders once a process, so `serve` renders only the bank that changed."""
    return render(template, **context)


