"""The search index through the output gate (builder/site/gate.py). The theme's
search shows each entry's title and text as HTML, so they may hold only the
markup its search plugin keeps (paragraphs, code, lists, sub- and superscript,
never with attributes) and the hidden words of ours (`<span hidden>`, the
digits of a phone number: pages/search_digits.py); everything else in them is
text, escaped. A location is a path in this site. The offline build's copy of the
index as a script must be the index itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

__all__ = ["INDEX", "check_search_index"]

INDEX = "search/search_index.json"
INLINED = "search/search_index.js"
KEPT = re.compile(r"</?(?:p|code|pre|li|ol|ul|sub|sup)>|<span hidden>|</span>")
SCHEME = re.compile(r"[\x00-\x20]*([a-zA-Z][a-zA-Z0-9+.-]*):")


def check_search_index(site_dir: Path) -> list[tuple[str, str]]:
    """(what, text to find in the content) for each thing in the index that would show
    as markup, or lead elsewhere; nothing when there is no index."""
    path = site_dir / INDEX
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    found: list[tuple[str, str]] = []
    inlined = site_dir / INLINED  # the offline build's copy, as a script
    if inlined.is_file() and inlined.read_text(encoding="utf-8") != f"var __index = {text}":
        found.append((f"has {INLINED} beside it that is not the index as the theme inlines it; "
                      "build again", ""))
    try:
        docs = json.loads(text).get("docs", [])
    except (ValueError, AttributeError):
        return found + [("is not the search index the theme writes (not JSON with its "
                         "entries); build again", "")]
    for doc in docs if isinstance(docs, list) else [None]:
        if not isinstance(doc, dict):
            return found + [("has an entry that is not the theme's; build again", "")]
        title = str(doc.get("title", ""))
        for field in ("title", "text"):
            rest = KEPT.sub("", str(doc.get(field, "")))
            if "<" in rest:
                at = rest.index("<")
                shown = " ".join(rest[at:at + 50].split())
                found.append((f'has a search entry ("{" ".join(title.split())[:40]}") whose '
                              f'{field} holds "{shown}", which the search would show as markup; '
                              "write < as &lt; in the content", shown[:30]))
        location = str(doc.get("location", ""))
        if (scheme := SCHEME.match(location)) and scheme.group(1).lower() not in ("http", "https"):
            found.append((f'has a search entry ("{title[:40]}") that leads to "{location[:60]}", '
                          "an address outside the site", location[:30]))
    return found
