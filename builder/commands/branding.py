"""An agency's starting colours and placeholder logo, as `new-agency` writes them
(pages/assets/agency.css and pages/assets/logo.svg)."""

from __future__ import annotations

import re

__all__ = ["COLOURS", "HEADER_TEXT", "DARK_BACKGROUND", "agency_css", "logo_svg", "initials"]

# The course's own colours (builder/site/assets/peer-support.css), which a copy
# starts from: each with what it colours and what it must read against.
COLOURS = {
    "primary": "#00695c",    # the header, behind white text; links and buttons on white
    "accent": "#bf360c",     # links under the pointer, on white
    "dark_links": "#80cbc4",  # links in the dark scheme, on its background
}
HEADER_TEXT = "#ffffff"  # the theme's text and icons on the header (--md-primary-bg-color)
DARK_BACKGROUND = "#1e2129"  # the dark scheme's page background (Material's slate)


def agency_css(owner: str) -> str:
    """pages/assets/agency.css: every value in it explained. `owner` is the
    agency's name in the possessive ("Harbourview Community Services'")."""
    return f"""\
/* {owner.replace("*/", "* /")} colours. They start as the course's own: replace the three colours
 * (#...) with yours. A contrast checker on each pair below is enough; each
 * pair needs at least 4.5:1.
 *
 * --md-primary-fg-color   the header, behind its white text and your logo
 *                         (white on it), and, in the light scheme, links and
 *                         buttons (on the white page).
 * --md-accent-fg-color    links and menu entries under the pointer (on white).
 * --md-accent-fg-color--transparent
 *                         a faint tint of the accent (10% of it, the rest
 *                         see-through) behind a search result or a button
 *                         under the pointer. It follows the accent: leave it.
 * --md-typeset-a-color    links in the dark scheme, a light shade of your
 *                         primary colour (on the dark background, {DARK_BACKGROUND}).
 */
[data-md-color-primary=custom] {{
  --md-primary-fg-color: {COLOURS["primary"]};
}}
[data-md-color-accent=custom] {{
  --md-accent-fg-color: {COLOURS["accent"]};
  --md-accent-fg-color--transparent: color-mix(in srgb, var(--md-accent-fg-color) 10%, transparent);
}}
[data-md-color-scheme=slate][data-md-color-primary=custom] {{
  --md-typeset-a-color: {COLOURS["dark_links"]};
}}
"""


def initials(name: str) -> str:
    """Up to two letters for the placeholder logo: "Harbourview Community" is "HC"."""
    letters = [word[0] for word in re.findall(r"\w+", name) if word[0].isalpha()]
    return "".join(letters[:2]).upper() or "A"


def logo_svg(name: str) -> str:
    """A placeholder logo: the initials in white on a disc of the primary colour,
    ringed in white. On the header (the primary colour) the ring and the letters
    read; as the browser tab's icon, on a light or a dark tab, the disc does. Plain
    drawing only (the output gate refuses an SVG with a link, style or `&`)."""
    white, fill = HEADER_TEXT, COLOURS["primary"]
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
            f'<circle cx="12" cy="12" r="11" fill="{fill}" stroke="{white}" stroke-width="1.5"/>'
            '<text x="12" y="15.5" text-anchor="middle" font-family="sans-serif" font-size="9" '
            f'font-weight="700" fill="{white}">{initials(name)}</text></svg>\n')

