"""The layout steps that need the page laid out for paper, done in the browser just before
Chromium prints a PDF (tools/pdf.py).

print.css keeps together what belongs together (`break-inside: avoid`: a handout, a group of
questions, a glossary entry...). Chromium honours that by moving the whole thing to the next
sheet, even when it is longer than a sheet and will be cut anyway, leaving most of a page
empty. So here each such part is measured at the width it is printed at, and a part longer
than a page is let go: it starts where it is. Handouts are wrapped first, each in a
``.tk-handout``, so a handout starts a new sheet only when it does not fit in what is left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page as BrowserPage

#: Paper sizes Chromium prints on (``page.pdf(format=...)``), in millimetres, portrait.
PAPER_MM = {"Letter": (215.9, 279.4), "A4": (210.0, 297.0), "Legal": (215.9, 355.6)}
#: CSS pixels per millimetre (96 per inch).
PX_PER_MM = 96 / 25.4

#: Each handout (its h2.tk-handout-title and what follows, up to the next h2) in a .tk-handout.
_WRAP_HANDOUTS = """() => {
    for (const title of document.querySelectorAll('article h2.tk-handout-title')) {
        const handout = document.createElement('div');
        handout.className = 'tk-handout';
        title.before(handout);
        let next = title;
        while (next && !(next !== title && next.tagName === 'H2')) {
            const following = next.nextElementSibling;
            handout.append(next);
            next = following;
        }
    }
}"""

#: The page's margins from print.css's @page rule, in CSS pixels: [top, right, bottom, left].
_PAGE_MARGINS = """() => {
    const rules = [];
    const walk = list => { for (const rule of list) {
        if (rule instanceof CSSPageRule && !rule.selectorText) rules.push(rule);
        else if (rule.cssRules && rule instanceof CSSMediaRule && matchMedia(rule.conditionText).matches) walk(rule.cssRules);
    } };
    for (const sheet of document.styleSheets) { try { walk(sheet.cssRules); } catch (error) { /* another origin's */ } }
    const probe = document.createElement('div');
    document.body.append(probe);
    const length = value => { probe.style.height = value || '0'; return probe.getBoundingClientRect().height; };
    const sides = ['Top', 'Right', 'Bottom', 'Left'];
    const margins = sides.map(side => rules.reduce((found, rule) => rule.style['margin' + side] || found, ''));
    const pixels = margins.map(length);
    probe.remove();
    return pixels;
}"""

#: Lets go of `break-inside: avoid` on every part taller than ``height``; returns how many.
_LET_GO_OF_LONG_PARTS = """(height) => {
    let count = 0;
    for (const el of document.querySelectorAll('article *')) {
        const style = getComputedStyle(el);
        if (!style.breakInside.startsWith('avoid') || style.display === 'none') continue;
        if (el.getBoundingClientRect().height > height) {
            el.style.breakInside = 'auto';
            count += 1;
        }
    }
    return count;
}"""


def content_box(paper: str, margins: list[float]) -> tuple[float, float]:
    """The width and height (CSS pixels) left for the content on a sheet of ``paper``."""
    width, height = PAPER_MM[paper]
    top, right, bottom, left = margins
    return width * PX_PER_MM - left - right, height * PX_PER_MM - top - bottom


def lay_out_for_paper(page: BrowserPage, paper: str) -> int:
    """Wrap the handouts and let go of the parts longer than a page, on a page already emulating
    print media; returns how many parts were let go. The viewport takes the printed width, so
    what is measured is what is printed."""
    page.evaluate(_WRAP_HANDOUTS)
    width, height = content_box(paper, page.evaluate(_PAGE_MARGINS))
    page.set_viewport_size({"width": round(width), "height": round(height)})
    # A little under a page: what is measured on screen and what is laid out on paper may
    # differ by a line's rounding.
    return int(page.evaluate(_LET_GO_OF_LONG_PARTS, height * 0.97))
