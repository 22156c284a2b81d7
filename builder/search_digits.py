"""Phone numbers are written with hyphens (9-8-8, 1-800-784-2433), which the
site's search splits into single digits: a search for 988 would find nothing.
Beside each such number, the search index gets its digits as one hidden word."""

from __future__ import annotations

import json
import re

__all__ = ["PHONE", "add_digit_words"]

# Single digits in threes or more (9-8-8, 8-1-1) and North American numbers
# (310-6789, 604-555-0199, 1-800-784-2433); not dates (2026-11-30) or ranges (2-3).
PHONE = re.compile(r"(?<![\w-])(?:\d(?:-\d){2,}|(?:1-)?(?:\d{3}-)?\d{3}-\d{4})(?![\w-])")


def _with_digits(text: str) -> str:
    return PHONE.sub(lambda m: f'{m.group(0)}<span hidden> {m.group(0).replace("-", "")}</span>',
                     text)


def add_digit_words(index_json: str) -> str:
    """Material's search_index.json, with the digits of every phone number as a word."""
    index = json.loads(index_json)
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = _with_digits(doc[field])
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)
