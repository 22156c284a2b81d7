"""Content text as plain text: for headings, tables and data that a script
shows with textContent, where Markdown and HTML would show as written."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as md

__all__ = ["plain", "short", "md_escape", "tooltip"]

TAG = re.compile(r"<[^<>]+>")  # not "<" inside: linear on "<<<<"
# A sentence ends at . ? or ! and a space, but not after an initial ("B.C. Provincial").
SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<=[.?!])[\"”’)]*\s")


def plain(text: str) -> str:
    """Markdown as one line of plain text."""
    rendered = md.markdown(text.strip(), output_format="html")
    return " ".join(html.unescape(TAG.sub(" ", rendered)).split()).replace(" ,", ",")


def short(text: str, limit: int = 80) -> str:
    """The first sentence of some Markdown, as plain text cut to `limit` characters
    at a word boundary."""
    flat = plain(text)
    first = next((flat[:m.end()] for m in SENTENCE_END.finditer(flat)
                  if _balanced(flat[:m.end()])), flat).rstrip()
    if len(first) <= limit:
        return first
    return first[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@lru_cache(maxsize=4096)  # each glossary definition is on every module page
def tooltip(text: str) -> str:
    """Markdown as the text of a `title` (a Markdown link title or abbreviation) that
    the theme's tooltips show as HTML: plain text, its characters written as
    references twice over (Markdown keeps them, the browser decodes the attribute
    once), so the tooltip shows the words and never markup."""
    return html.escape(html.escape(plain(text), quote=False))


def md_escape(text: str) -> str:
    """Plain text that Markdown shows as it is."""
    return re.sub(r"([\\`*_\[\]<>#{}|!])", r"\\\1", text)


def _balanced(text: str) -> bool:
    """No quotation is left open (a sentence end inside a quote is not the end)."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")
