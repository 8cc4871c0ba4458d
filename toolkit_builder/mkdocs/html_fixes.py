"""Small corrections to the HTML that Material for MkDocs writes, so every page is valid HTML.

Material puts these attributes outside any template block, so they cannot be overridden
in a partial; each fix names what the W3C Nu validator reports without it. And the indentation
its templates leave, which is dropped.
"""

from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes; Material sets it on its two toggles.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="\w+") autocomplete="off">')
# Section labels in the nav get an empty `tabindex=""`, which is not an integer.
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="\w+" id="\w+") tabindex="">')
# A section's index page has a table-of-contents title `<label for="__toc">` without the
# `__toc` control it would label.
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)


# With navigation.indexes, a section's nav is labelled by the toggle next to its index
# link, which holds only an icon: several navs end up with the same empty name (axe
# `landmark-unique`). The section's title inside the nav names it instead.
_SECTION_NAV = re.compile(r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(__nav_[\d_]+)_label'
                          r'("[^>]*>\s*<label class="md-nav__title" for="\2")>')


def fix_page(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    html = _EMPTY_TABINDEX.sub(r"\1>", html)
    html = _SECTION_NAV.sub(r'\1\2_title\3 id="\2_title">', html)
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
