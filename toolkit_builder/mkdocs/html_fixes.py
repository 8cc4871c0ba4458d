"""Small corrections to the HTML that Material for MkDocs writes, so every page is valid HTML.

Material puts these attributes outside any template block, so they cannot be overridden
in a partial (those of the nav are set right in `theme/partials/nav-item.html`); each fix
names what the W3C Nu validator reports without it. And the indentation
its templates leave, which is dropped.
"""

from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes; Material sets it on its two toggles.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="\w+") autocomplete="off">')
# A section's index page has a table-of-contents title `<label for="__toc">` without the
# `__toc` control it would label.
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)


def fix_page(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    if 'id="__toc"' not in html:
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html


# Material's templates indent every line of the nested nav and the header: at 1,000 modules
# that is a third of a page's weight. A line break followed by spaces, tabs or more line breaks
# shows as one space anyway, so it is written as one line break; except inside elements that
# keep their white space (code, text areas) or whose text is code, and the footer, whose links'
# visible text axe compares with their labels (`label-content-name-mismatch`).
_KEEPS_SPACES = re.compile(r"<(pre|textarea|script|footer)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INDENTATION = re.compile(r"\n[ \t\r\n]+")


def drop_indentation(html: str) -> str:
    parts, start = [], 0
    for kept in _KEEPS_SPACES.finditer(html):
        parts.append(_INDENTATION.sub("\n", html[start:kept.start()]))
        parts.append(kept.group(0))
        start = kept.end()
    parts.append(_INDENTATION.sub("\n", html[start:]))
    return "".join(parts)
