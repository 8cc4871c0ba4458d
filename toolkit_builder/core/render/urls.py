"""Links between generated pages, written into HTML the site engine does not rewrite.

Page Markdown links (`[x](other.md)`) are resolved by the site engine; links inside
block HTML are not, so the core computes them the way MkDocs lays out pages: with
directory URLs `education/x.md` is served at `education/x/`, without them at
`education/x.html`.
"""

from __future__ import annotations

import posixpath


def page_url(path: str, directory_urls: bool = True) -> str:
    """Where the page made from ``path`` (e.g. `education/x.md`) is served, from the site root."""
    stem = path[:-3] if path.endswith(".md") else path
    if not path.endswith(".md"):
        return path  # a file published as it is
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_path: str, to_path: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    """Link from the page made from ``from_path`` to the page or file ``to_path``."""
    here = page_url(from_path, directory_urls)
    there = page_url(to_path, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    if not base.endswith("/") and base:
        base += "/"
    link = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    if (not there or there.endswith("/")) and not link.endswith("/"):
        link += "/"
    if link == "./":
        link = ""
    if anchor:
        return f"{link}#{anchor}"
    return link or "./"
