"""A budget on Markdown before anything converts it. Python-Markdown takes time
that grows with the square of some inputs (a paragraph of `[[[[`, `<a <a <a`,
`<!--<!--`; a page of tens of thousands of elements, which the abbreviations
of the glossary then walk again and again), so a 1 MB line of them would keep
`check` and the build busy for minutes. No page of the course comes near the
budget: the longest module has under a thousand marks and lines, its busiest
paragraph about a hundred."""

from __future__ import annotations

import re

__all__ = ["BLOCK_LIMIT", "TEXT_LIMIT", "over_budget"]

# The characters that start Markdown or HTML syntax (not `|`: a table's cells are cheap).
MARKS = "[]()<>*_`!&{}\\#"
BLOCK_LIMIT = 2_000   # marks and lines in one paragraph (blank lines apart); about 20 times the most
TEXT_LIMIT = 50_000   # marks and lines in one page or field; about 50 times the most
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _weight(text: str) -> int:
    return sum(text.count(mark) for mark in MARKS) + text.count("\n")


def over_budget(text: str) -> tuple[int, str] | None:
    """(the line within `text`, counted from 0, and why) when `text` is past the
    budget; None when it is within it."""
    total = _weight(text)
    if total <= BLOCK_LIMIT:
        return None
    if total > TEXT_LIMIT:
        return 0, (f"{total:,} Markdown marks and lines in all (brackets, stars, underscores, "
                   f"backticks, < and the like), more than the {TEXT_LIMIT:,} the site can turn "
                   "into a page in reasonable time; split it into smaller pages")
    gaps = [(m.start(), m.end()) for m in BLANK_LINE.finditer(text)]
    for start, end in zip([0] + [after for _, after in gaps], [before for before, _ in gaps]
                          + [len(text)]):
        weight = _weight(text[start:end])
        if weight > BLOCK_LIMIT:
            return text.count("\n", 0, start), (
                f"a paragraph with {weight:,} Markdown marks and lines (brackets, stars, "
                f"underscores, backticks, < and the like), more than the {BLOCK_LIMIT:,} the "
                "site can read in reasonable time; split it into smaller paragraphs")
    return None
