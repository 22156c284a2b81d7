"""A site's own pages (its docs_dir: the course's home, an agency's home, about us
and any more): each read and checked like the course's content, and placed in
the navigation in the order their front matter gives (`order: 1`, `order: 2`,
...), then the pages without an order, by file name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from builder.checks.policy import check_prose
from builder.content.files import read_content
from builder.content.problems import Problems
from builder.load.module import split_front_matter

__all__ = ["check_own_pages", "in_order"]


def check_own_pages(docs_dir: Path, problems: Problems) -> dict[str, int | None]:
    """Check every page in `docs_dir`; return each one's order (None: not given),
    by its path inside `docs_dir`."""
    orders: dict[str, int | None] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        text = read_content(path, problems, anywhere=True)
        if text is not None:
            check_prose(text, path, 1, problems)
            orders[path.relative_to(docs_dir).as_posix()] = _order(text, path, problems)
    return orders


def in_order(pages: Iterable[str], orders: Mapping[str, int | None]) -> list[str]:
    """`pages` in their front matter's order, then those without one by name."""
    def key(page: str) -> tuple[bool, int, str]:
        order = orders.get(page)
        return order is None, order or 0, page
    return sorted(pages, key=key)


def _order(text: str, path: Path, problems: Problems) -> int | None:
    front, _, _ = split_front_matter(text)
    try:
        meta = yaml.safe_load(front) if front else None
    except yaml.YAMLError:
        return None  # MkDocs reports front matter it cannot read
    if not isinstance(meta, dict) or "order" not in meta:
        return None
    order = meta["order"]
    if isinstance(order, int) and not isinstance(order, bool):
        return order
    rows = text.split("\n")
    line = next((i for i, row in enumerate(rows, 1) if row.startswith("order:")), 1)
    problems.error(path, line, f'"{rows[line - 1].strip()}" is not a whole number; write '
                   "order: 1 for the page to come first among your own pages, order: 2 for the "
                   "next")
    return None
