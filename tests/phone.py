"""What the phone and large-text tests share (issue 25): a page at a phone's
width in a colour scheme, with the text size doubled as a trainee would set it
in their browser, and the measure of every tap target on a page."""

from __future__ import annotations

from browsing import open_page
from playwright.sync_api import Page

WIDTHS = (320, 360)
SCHEMES = {"light": "default", "dark": "slate"}


def phone(browser, width: int = 360, scheme: str = "light", large: bool = False,
          height: int = 780) -> Page:
    """A touch phone's page. `large`: the browser's text size doubled (its default font
    size, 16 px to 32 px, which the site's rem and media queries in em follow), the
    setting a trainee changes, not a zoom. Close it with page.context.close()."""
    page = open_page(browser, viewport={"width": width, "height": height}, color_scheme=scheme,
                     is_mobile=True, has_touch=True)
    if large:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    return page


def settle(page: Page, scheme: str) -> None:
    page.wait_for_load_state("load")
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])


def root_font_px(page: Page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


# Every visible control of the page smaller than 44 x 44 px, as "what: W x H". Left out:
# links inside running text (WCAG 2.5.8 exempts a target in a sentence, whose size the
# line height of the text around it sets), a label for a control that is itself 44 px
# (the control is the target: 2.5.8's "equivalent"), an input inside its label (the label
# is the target), anything off-screen (a closed drawer) or transparent (a file input
# under its label).
SMALL_TARGETS = """() => {
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], '
        + '[tabindex="0"], [role=button]';
    const big = e => { const b = e.getBoundingClientRect(); return b.width >= 44 && b.height >= 44; };
    const block = e => { let b = e.parentElement;
        while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement; return b; };
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        if (!r.width || !r.height || s.visibility === 'hidden') continue;
        if (r.right <= 0 || r.left >= innerWidth) continue;
        let clear = false;
        for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') clear = true;
        if (clear || (el.matches('input') && el.closest('label'))) continue;
        if (el.matches('input') && [...(el.labels || [])].some(big)) continue;
        if (el.matches('label[for]') && document.getElementById(el.htmlFor)
            && big(document.getElementById(el.htmlFor))) continue;
        if (el.matches('a') && s.display === 'inline') {
            const b = block(el);
            if (b && b.textContent.trim().length > el.textContent.trim().length + 1) continue;
        }
        if (r.width < 44 || r.height < 44)
            out.push(el.outerHTML.slice(0, 100) + ': ' + Math.round(r.width) + ' x ' + Math.round(r.height));
    }
    return out;
}"""


def small_targets(page: Page) -> list[str]:
    return page.evaluate(SMALL_TARGETS)


def overlaps(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
