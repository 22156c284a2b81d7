"""How a site numbers its modules: as the course does ("course"), 1 to n in
the site's own order ("renumber", for an agency's subset), or not at all
("hidden"). The plugin's `numbering:` option; module links in the prose that
name a module by number ("[module 6](06-boundaries.md)") follow."""

from __future__ import annotations

import re

from builder.content.model import Module
from builder.pages.plain import md_escape

__all__ = ["NUMBERING", "apply_numbering", "relabel_module_links"]

NUMBERING = ("course", "renumber", "hidden")
# A link whose text names a module by its number, to a module page.
NUMBERED_LINK = re.compile(
    r"\[([Mm]odule) (\d+)\]\(((?:\.\./)?(?:modules/)?(\d\d-[a-z0-9-]+)\.md(?:#[^)]*)?)\)")


def apply_numbering(modules: list[Module], numbering: str) -> None:
    """Number the modules as the site shows them."""
    for position, module in enumerate(modules, start=1):
        if numbering == "renumber":
            module.number = position
        module.numbered = numbering != "hidden"


def relabel_module_links(markdown: str, modules: list[Module]) -> str:
    """"[module 6](06-boundaries.md)" names the module as this site does: by its
    number here, or by its title where numbers are hidden."""
    by_id = {m.id: m for m in modules}

    def relabel(m: re.Match) -> str:
        module = by_id.get(m.group(4))
        if module is None:
            return m.group(0)
        text = f"{m.group(1)} {module.number}" if module.numbered else md_escape(module.title)
        return f"[{text}]({m.group(3)})"

    return NUMBERED_LINK.sub(relabel, markdown)
