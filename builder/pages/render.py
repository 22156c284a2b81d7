"""Render the content model into pages: Markdown and HTML fragments made by
Jinja2 templates. Nothing here knows about MkDocs; the plugin places them."""

from __future__ import annotations

import json
import re

from builder.checks.language import strip_markers
from builder.checks.policy import GENERATED, generated_placeholder
from builder.content.model import Course, Module
from builder.pages import printables
from builder.pages.plain import tooltip
from builder.pages.practice import PRACTISED, practice_section
from builder.pages.review import review_page
from builder.pages.templating import Page, render, render_once, render_page

__all__ = ["MODULE_LIST", "module_page", "module_page_parts", "module_list", "standards_page",
           "site_pages", "abbreviations", "unlink_missing_modules"]

RETURN_HEADING = re.compile(r"^## Returning to the core values\s*$", re.MULTILINE)
TITLE = re.compile(r"^# .*$", re.MULTILINE)
COMPETENCY_LINE = re.compile(r"^- \*\*(SP-\d+\.\d+)\*\*", re.MULTILINE)
MODULE_LINK = re.compile(r"\[([^\[\]]+)\]\((?:\.\./)?(?:modules/)?(\d\d-[a-z0-9-]+)\.md(?:#[^)]*)?\)")
MODULE_LIST = "<!-- course-modules -->"  # where a page of the site's own lists the modules


def module_page(module: Module, course: Course) -> str:
    """The Markdown of a module page: header, prose, practice, self-check, reflections, glossary."""
    return module_page_parts(module, course).inlined


def module_page_parts(module: Module, course: Course) -> Page:
    """A module page, its practice, self-check and reflections kept apart as HTML (Page.html)."""
    body = strip_markers(module.body)
    header = render("module_header.md", module=module, competencies=course.competencies,
                 values=[course.core_values[v] for v in module.values if v in course.core_values])
    title = TITLE.search(body)
    if title:
        body = body[:title.end()] + "\n\n" + header + body[title.end():]
    else:
        body = header + body
    parts: list[str] = []
    html: list[tuple[str, str]] = []
    reflections = bool(module.reflections and module.reflections.prompts)
    if module.practice and module.practice.exercises:  # between the reading and the self-check
        parts.append(_kept_apart("practice", practice_section(module.practice), html))
    if module.quiz and module.quiz.questions:
        parts.append(_kept_apart("self-check", render_once("self_check.html", bank=module.quiz),
                                 html))
        parts.append(render("self_check_done.md", bank=module.quiz, reflections=reflections,
                             next=_next_module(module, course)))
    if reflections:
        parts.append(_kept_apart("reflections", render_once("reflections.html",
                                                             rset=module.reflections), html))
        parts.append("All your reflections, and deleting your data from this device, are on "
                     "[my progress](../progress.md).\n{: .ps-journal-more }")
    # The builder's own markup (a form, buttons): builder/checks/policy.py reads the rest of the page.
    inserted = "\n\n".join([GENERATED[0], *parts, GENERATED[1]]) + "\n\n"
    if parts:
        found = RETURN_HEADING.search(body)
        body = body[:found.start()] + inserted + body[found.start():] if found else body + "\n\n" + inserted
    return Page(module.src_uri, body + "\n\n" + abbreviations(course) + "\n", tuple(html))


def _kept_apart(name: str, rendered: str, html: list[tuple[str, str]]) -> str:
    """A template's Markdown heading (the table of contents lists it) and, in place of
    the <section> of HTML under it, a placeholder; the HTML goes to `html`."""
    start = rendered.index("\n<section") + 1
    placeholder = generated_placeholder(name)  # content cannot write one (checks/policy.py)
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
    """Glossary terms as Markdown abbreviations: hover definitions on a page, as text
    the theme's tooltips cannot read as markup (plain.tooltip). One definition a
    block (blank lines between): Python-Markdown reads a block of many definitions
    again after each one, which costs time quadratic in their number."""
    lines = []
    for term in (t for t in course.glossary if t.hover):
        definition = tooltip(term.definition)
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
    return render("module_list.md", modules=course.modules, prefix=prefix)


def unlink_missing_modules(markdown: str, modules: set[str]) -> str:
    """Links to modules a site leaves out (an agency's subset) become plain text."""
    return MODULE_LINK.sub(lambda m: m.group(0) if m.group(2) in modules else m.group(1), markdown)


def site_pages(course: Course, edition: str = "trainee", directory_urls: bool = True) -> list[Page]:
    """Every generated page of the site, for the given edition."""
    modules = [{"id": m.id, "label": m.label, "title": m.title, "src_uri": m.src_uri,
                "url": f"modules/{m.id}/" if directory_urls else f"modules/{m.id}.html",
                "questions": len(m.quiz.questions) if m.quiz else 0,
                "prompts": m.reflections.prompts if m.reflections else (),
                "practice": bool(m.practice)} for m in course.modules]
    review_url = "review/" if directory_urls else "review.html"
    pages = [
        *(module_page_parts(m, course) for m in course.modules),
        render_page("glossary.md", "glossary.md", glossary=course.glossary),
        render_page("support-lines.md", "support_lines.md", lines=course.support_lines),
        Page("progress.md", render("progress.md", modules=modules, course_json=_course_json(course),
                                    up="../" if directory_urls else "", practised_means=PRACTISED,
                                    review_url=review_url)),
        Page("curriculum-map.md", curriculum_map(course)),
        review_page(course, directory_urls),
    ]
    if edition == "facilitator":
        guide = course.pages.get("guide")
        if guide and guide.is_file():
            pages.append(Page("facilitator/guide.md", strip_markers(guide.read_text(encoding="utf-8-sig"))))
        for m in course.modules:
            if m.facilitator:
                pages.append(Page(f"facilitator/{m.id}.md", printables.session_notes(m)))
            if m.quiz:
                pages.append(printables.answer_key(m))
            pages.append(printables.handout(m))
        from builder.pages.cohort import cohort_page  # and the insights it shows: facilitators' only

        pages.append(Page("facilitator/cohort.md", cohort_page(course, directory_urls)))
    return pages + printables.printable_pages(course, edition)


def curriculum_map(course: Course) -> str:
    built = {c: [m for m in course.modules if c in m.competencies] for c in course.competencies}
    assessed = {c: sum(c in q.competencies for m in course.modules if m.quiz
                       for q in m.quiz.questions) for c in course.competencies}
    return render("curriculum_map.md", areas=course.areas, built=built, assessed=assessed)
