"""Phone numbers are written with hyphens (9-8-8, 1-800-784-2433), which the
site's search splits into single digits: a search for 988 would find nothing.
Beside each such number, the search index gets its digits as one hidden word."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["PHONE", "add_digit_words"]

# Single digits in threes or more (9-8-8, 8-1-1) and North American numbers
# (310-6789, 604-555-0199, 1-800-784-2433); not dates (2026-11-30) or ranges (2-3).
PHONE = re.compile(r"(?<![\w-])(?:\d(?:-\d){2,}|(?:1-)?(?:\d{3}-)?\d{3}-\d{4})(?![\w-])"
                   r"(?!<span hidden>)")  # a number that has its digits already is left alone
HYPHENATED = re.compile(r"\d-\d")  # what every such number holds: most text has none, and
# a pattern that starts with a digit is searched much faster than PHONE


def _with_digits(text: str) -> str:
    return PHONE.sub(lambda m: f'{m.group(0)}<span hidden> {m.group(0).replace("-", "")}</span>',
                     text)


def add_digit_words(entries: Iterable[dict]) -> None:
    """The entries of Material's search index (location, title, text), each phone
    number with its digits beside it as a word. Entries that have them keep them."""
    for entry in entries:
        for field in ("title", "text"):
            if isinstance(entry.get(field), str) and HYPHENATED.search(entry[field]):
                entry[field] = _with_digits(entry[field])
