"""What the site does to a page's Markdown and to the HTML made of it: one code
path for the plugin (builder/site/plugin.py, the fast way for `serve`) and for
`python -m builder generate` (builder/commands/generate.py), which writes the
same pages as Markdown that any Material-compatible engine builds as it is."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from builder.checks.policy import without_markers
from builder.content.model import Course
from builder.pages.render import MODULE_LIST, module_list, unlink_missing_modules
from builder.pages.safety_points import LIST_MARKER as SAFETY_LIST
from builder.pages.safety_points import (place_safety_points, place_safety_points_markdown,
                                         safety_points_list)
from builder.pages.templating import inline
from builder.site.numbering import relabel_module_links

__all__ = ["page_markdown", "page_html", "standalone_markdown", "external_links"]

EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]+)"(?![^>]*\brel=)')


def page_markdown(markdown: str, src_uri: str, course: Course, numbering: str,
                  whole_course: bool) -> str:
    """A page's Markdown as the site shows it: module links named as this site numbers
    them, the module list and the safety points list filled in, and (in an agency's
    subset) links to modules the site leaves out made plain text."""
    if numbering != "course":
        markdown = relabel_module_links(markdown, course.modules)
    if MODULE_LIST in markdown:
        markdown = markdown.replace(MODULE_LIST, module_list(course, posixpath.dirname(src_uri)))
    if SAFETY_LIST in markdown:
        markdown = markdown.replace(SAFETY_LIST, safety_points_list(course.safety_points))
    if whole_course:  # every module link resolves
        return markdown
    return unlink_missing_modules(markdown, {m.id for m in course.modules})


def page_html(html: str, fragments: tuple[tuple[str, str], ...], course: Course,
              site_url: str | None) -> str:
    """The HTML MkDocs made of a page: the builder's own HTML put in place, the
    safety points placed after the paragraphs that touch them, outbound links safe."""
    html = without_markers(inline(html, fragments, each_once=True))
    html = place_safety_points(html, course.safety_points)
    return external_links(html, site_url)


def standalone_markdown(markdown: str, fragments: tuple[tuple[str, str], ...], course: Course,
                        site_url: str | None) -> str:
    """page_html's work done on the Markdown, for an engine without our plugin: the
    builder's HTML and the safety point boxes in it as raw HTML."""
    # The builder's HTML gets its boxes as the plugin places them (after a </p>); the
    # Markdown around it gets them as raw HTML blocks.
    markdown = place_safety_points_markdown(markdown, course.safety_points)
    fragments = tuple((placeholder, place_safety_points(html, course.safety_points))
                      for placeholder, html in fragments)
    markdown = without_markers(inline(markdown, fragments, each_once=True))
    return external_links(markdown, site_url)


def external_links(html: str, site_url: str | None) -> str:
    """Outbound links in HTML send no referrer and get no hold on this page."""
    own = urlsplit(site_url or "").netloc
    return EXTERNAL_LINK.sub(
        lambda m: m.group(0) if urlsplit(m.group(1)).netloc == own
        else f'{m.group(0)} rel="noopener noreferrer"', html)

