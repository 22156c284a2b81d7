"""Render the content model into pages: Markdown and HTML fragments made by
Jinja2 templates. Nothing here knows about MkDocs; the plugin places them."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import markdown as md
import yaml
from jinja2 import (Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined,
                    select_autoescape)
from markupsafe import Markup, escape

from builder.language import strip_markers
from builder.model import Course, Module, Question
from builder.plain import md_escape, short
from builder.safety import GENERATED

__all__ = ["Page", "STRINGS", "MODULE_LIST", "inline", "module_page", "module_page_parts",
           "module_list", "standards_page",
           "site_pages", "abbreviations", "unlink_missing_modules"]

# UI strings used by more than one template.
STRINGS = {
    "reflection_intro": "Take your time with these. Skip any prompt that doesn't feel right today.",
    "reflection_privacy": "What you write here is saved only in this browser, on this device. "
                          "Nobody else can see it, and it is never sent anywhere.",
}
TYPE_NAMES = {"single": "one answer", "multiple": "all that fit", "true-false": "true or false",
              "ordering": "put in order"}

RETURN_HEADING = re.compile(r"^## Returning to the core values\s*$", re.MULTILINE)
TITLE = re.compile(r"^# .*$", re.MULTILINE)
COMPETENCY_LINE = re.compile(r"^- \*\*(SP-\d+\.\d+)\*\*", re.MULTILINE)
MODULE_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)?(?:modules/)?(\d\d-[a-z0-9-]+)\.md(?:#[^)]*)?\)")
SECTION = r"^## {}\s*$(.*?)(?=^## |\Z)"
MODULE_LIST = "<!-- course-modules -->"  # where a page of the site's own lists the modules


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


@dataclass(frozen=True)
class Step:
    position: int  # 1-based place in the right order
    text: str


# Text with none of these is one plain paragraph: escaping it is all Markdown would do.
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\!#|~]|\n\s*\n|^\s*(?:[-+]|\d+\.)\s", re.MULTILINE)
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
    html = _converter().reset().convert(text)
    return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", html.strip(), flags=re.DOTALL))


def front_matter(**fields: str) -> str:
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
    env = Environment(loader=PackageLoader("builder", "templates"),
                      autoescape=select_autoescape(["html"], default_for_string=False),
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      bytecode_cache=_template_cache())
    env.filters["md"] = _markdown
    env.filters["md_inline"] = _markdown_inline
    env.globals["shuffled"] = shuffled
    env.globals["strings"] = STRINGS
    env.filters["short"] = short
    env.filters["md_escape"] = md_escape
    env.globals["type_names"] = TYPE_NAMES
    env.globals["front_matter"] = front_matter
    return env


def _render(template: str, **context) -> str:
    return _env().get_template(template).render(**context)


@lru_cache(maxsize=1024)
def _render_once(template: str, **context) -> str:
    """_render for frozen model objects (a quiz bank, a reflection set): the same
    content renders once a process, so `serve` renders only the bank that changed."""
    return _render(template, **context)


def module_page(module: Module, course: Course) -> str:
    """The Markdown of a module page: header, prose, self-check, reflections, glossary."""
    return module_page_parts(module, course).inlined


def module_page_parts(module: Module, course: Course) -> Page:
    """A module page, its self-check and reflections kept apart as HTML (Page.html)."""
    body = strip_markers(module.body)
    header = _render("module_header.md", module=module, competencies=course.competencies,
                 values=[course.core_values[v] for v in module.values if v in course.core_values])
    title = TITLE.search(body)
    if title:
        body = body[:title.end()] + "\n\n" + header + body[title.end():]
    else:
        body = header + body
    parts: list[str] = []
    html: list[tuple[str, str]] = []
    reflections = bool(module.reflections and module.reflections.prompts)
    if module.quiz and module.quiz.questions:
        parts.append(_kept_apart("self-check", _render_once("self_check.html", bank=module.quiz),
                                 html))
        parts.append(_render("self_check_done.md", bank=module.quiz, reflections=reflections,
                             next=_next_module(module, course)))
    if reflections:
        parts.append(_kept_apart("reflections", _render_once("reflections.html",
                                                             rset=module.reflections), html))
        parts.append("All your reflections, and deleting your data from this device, are on "
                     "[my progress](../progress.md).\n{: .ps-journal-more }")
    # The builder's own markup (a form, buttons): builder/safety.py reads the rest of the page.
    inserted = "\n\n".join([GENERATED[0], *parts, GENERATED[1]]) + "\n\n"
    if parts:
        found = RETURN_HEADING.search(body)
        body = body[:found.start()] + inserted + body[found.start():] if found else body + "\n\n" + inserted
    return Page(module.src_uri, body + "\n\n" + abbreviations(course) + "\n", tuple(html))


def _kept_apart(name: str, rendered: str, html: list[tuple[str, str]]) -> str:
    """A template's Markdown heading (the table of contents lists it) and, in place of
    the <section> of HTML under it, a placeholder; the HTML goes to `html`."""
    start = rendered.index("\n<section") + 1
    placeholder = f"<!-- ps:generated:{name} -->"  # content cannot write one (safety.py)
    html.append((placeholder, rendered[start:].rstrip("\n")))
    return rendered[:start] + placeholder


def _next_module(module: Module, course: Course) -> Module | None:
    index = course.modules.index(module)
    return course.modules[index + 1] if index + 1 < len(course.modules) else None


def standards_page(markdown: str) -> str:
    """Give each competency an anchor (#SP-2.4) that module pages link to."""
    return COMPETENCY_LINE.sub(
        lambda m: f'- <strong class="ps-competency" id="{m.group(1)}">{m.group(1)}</strong>', markdown)


def abbreviations(course: Course) -> str:
    """Glossary terms as Markdown abbreviations: hover definitions on a page. One
    definition a block (blank lines between): Python-Markdown reads a block of many
    definitions again after each one, which costs time quadratic in their number."""
    lines = []
    for term in (t for t in course.glossary if t.hover):
        definition = " ".join(term.definition.split())
        for form in (term.term, *term.also):
            for variant in {form, form[0].lower() + form[1:], form[0].upper() + form[1:]}:
                lines.append(f"*[{variant}]: {definition}")
    return "\n\n".join(sorted(set(lines)))


def _course_json(course: Course) -> str:
    data = {"modules": [{"id": m.id, "number": m.number, "title": m.title,
                         "questions": len(m.quiz.questions) if m.quiz else 0,
                         "prompts": [{"id": p.id, "text": " ".join(p.text.split())}
                                     for p in m.reflections.prompts] if m.reflections else []}
                        for m in course.modules]}
    return json.dumps(data, ensure_ascii=False)


def module_list(course: Course, page_dir: str = "") -> str:
    """The modules as Markdown, for a page in `page_dir`, with room for each one's status."""
    prefix = "../" * len([part for part in page_dir.split("/") if part])
    return _render("module_list.md", modules=course.modules, prefix=prefix)


def unlink_missing_modules(markdown: str, modules: set[str]) -> str:
    """Links to modules a site leaves out (an agency's subset) become plain text."""
    return MODULE_LINK.sub(lambda m: m.group(0) if m.group(2) in modules else m.group(1), markdown)


def section(markdown: str, heading: str) -> str:
    """The Markdown under one `## heading`, up to the next."""
    found = re.search(SECTION.format(re.escape(heading)), markdown, re.MULTILINE | re.DOTALL)
    return found.group(1).strip() if found else ""


def site_pages(course: Course, edition: str = "trainee", directory_urls: bool = True) -> list[Page]:
    """Every generated page of the site, for the given edition."""
    from builder import printables  # it renders with this module's templates

    modules = [{"id": m.id, "label": m.label, "title": m.title, "src_uri": m.src_uri,
                "url": f"modules/{m.id}/" if directory_urls else f"modules/{m.id}.html",
                "prompts": m.reflections.prompts if m.reflections else ()} for m in course.modules]
    pages = [
        *(module_page_parts(m, course) for m in course.modules),
        Page("glossary.md", _render("glossary.md", glossary=course.glossary)),
        Page("support-lines.md", _render("support_lines.md", lines=course.support_lines)),
        Page("progress.md", _render("progress.md", modules=modules, course_json=_course_json(course),
                                    up="../" if directory_urls else "")),
        Page("curriculum-map.md", curriculum_map(course)),
    ]
    if edition == "facilitator":
        guide = course.pages.get("guide")
        if guide and guide.is_file():
            pages.append(Page("facilitator/guide.md", strip_markers(guide.read_text(encoding="utf-8-sig"))))
        for m in course.modules:
            if m.facilitator:
                pages.append(Page(f"facilitator/{m.id}.md", printables.session_notes(m)))
            if m.quiz:
                pages.append(Page(f"facilitator/{m.id}-answers.md",
                                  _render("answer_key.md", module=m, notes_uri=f"{m.id}.md")))
            pages.append(Page(f"facilitator/{m.id}-handout.md", _render(
                "handout.md", module=m, takeaways=strip_markers(section(m.body, "Key takeaways")))))
        from builder.cohort_page import cohort_page  # and the insights it shows: facilitators' only

        pages.append(Page("facilitator/cohort.md", cohort_page(course, directory_urls)))
    return pages + printables.printable_pages(course, edition)


def curriculum_map(course: Course) -> str:
    built = {c: [m for m in course.modules if c in m.competencies] for c in course.competencies}
    assessed = {c: sum(c in q.competencies for m in course.modules if m.quiz
                       for q in m.quiz.questions) for c in course.competencies}
    return _render("curriculum_map.md", areas=course.areas, built=built, assessed=assessed)
