"""Small corrections to the HTML that Material for MkDocs writes, so every page is valid HTML.

Material puts these attributes outside any template block, so they cannot be overridden
in a partial; each fix names what the W3C Nu validator reports without it.
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


def fix_page(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
    html = _EMPTY_TABINDEX.sub(r"\1>", html)
    if 'id="__toc"' not in html:
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
