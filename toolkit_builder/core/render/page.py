"""A generated page: its finished HTML, its headings and its table of contents.

Generated pages reach the site engine as HTML; no Markdown runs over them. Their headings get
what Python-Markdown's `toc` extension gives the headings of a Markdown page (the same ids, made
by its own `slugify` and `unique`, a permalink after the text), and the page's table of contents
is the list of them, so search, the sidebar and links to anchors work as on any page. The
permalink's title is an interface string, in the page's language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markupsafe import Markup, escape

from .markdown import inert


@dataclass(frozen=True)
class Heading:
    """One heading of a page, as its table of contents lists it."""

    level: int
    id: str
    #: The heading's text as HTML (entities, no tags): what a table of contents shows.
    name: str
    #: The element, as written into the page.
    html: str
    classes: str = ""
    #: Its content, as HTML.
    inner: str = ""


@dataclass
class Headings:
    """The headings of the page being rendered, in order; a template writes one by calling it."""

    permalink_title: str = "Permanent link"
    #: What sets the heading's text as its language sets it (Jinja's ``finalize`` of the page's
    #: language): applied before the table of contents takes the text.
    finalize: Callable[[Any], Any] = lambda value: value
    found: list[Heading] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    _counters: dict[str, int] = field(default_factory=dict)

    def __call__(self, level: int, text: Any, id: str | None = None, classes: str | None = None) -> Markup:
        """An `<hN>` element with ``text`` (HTML if Markup, else text), its id (``id``, else the
        slug of its text, unique on the page) and its permalink."""
        if not 1 <= int(level) <= 6:
            raise ValueError(f"a heading's level is 1 to 6, not {level}")
        inner = Markup(self.finalize(text if isinstance(text, Markup) else escape(text)))
        name = strip_tags(str(inner))
        ident = id or unique(slugify(html.unescape(name), "-"), self._ids, self._counters)
        self._ids.add(ident)
        element = Markup('<h{level} id="{id}"{cls}>{inner}<a class="headerlink" href="#{id}" title="{title}">'
                         "&para;</a></h{level}>").format(
            level=int(level), id=ident, cls=Markup(' class="{}"').format(classes) if classes else "", inner=inner,
            title=self.permalink_title)
        self.found.append(Heading(int(level), ident, name, str(element), classes or "", str(inner)))
        return element

    def start(self, permalink_title: str) -> None:
        """A new page: no headings, no ids taken."""
        self.permalink_title = permalink_title
        self.found, self._ids, self._counters = [], set(), {}


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its HTML and headings, and the content file it comes from."""

    path: str
    title: str
    html: str
    source: str | None = None
    #: Id of the module the page shows, if any (for a meeting's guide or handouts, the meeting's module).
    module_id: str | None = None
    #: What the page is (a ``site.PageKind``, or a kind registered from outside); None for the pages
    #: that do not say (the kind is the plan's: ``SitePlan.page(path).kind``).
    kind: str | None = None
    #: False for a page reached from another page only (the further pages of a long topic page).
    in_nav: bool = True
    #: The page's headings, in order: its table of contents.
    toc: tuple[Heading, ...] = ()


def outdated_templates(overrides: str | Path | None) -> list[str]:
    """What is wrong with the page templates of an override folder, a line each: page templates are
    HTML (`module.html.j2`), and one in the old Markdown form (`module.md.j2`) would be ignored."""
    folder = Path(overrides) if overrides else None
    if folder is None or not folder.is_dir():
        return []
    return [f"{old}: page templates write finished HTML now; rename it {old.name[:-len('.md.j2')]}.html.j2, write "
            "its text as HTML and its headings with {{ heading(level, text, id) }} (README: Changing how blocks look)"
            for old in sorted(folder.glob("*.md.j2"))]


def as_markdown(html: str, headings: tuple[Heading, ...] | list[Heading]) -> str:
    """A page as a Markdown file for another engine (``toolkit export``): its HTML, each heading a
    Markdown heading line with its id and classes (attr_list), so that engine makes the table of
    contents and permalinks; their text inert, so its Markdown changes nothing in it."""
    parts, rest = [], html
    for heading in headings:
        before, found, after = rest.partition(heading.html)
        if not found:  # not in the page as written (a template that changed it): leave it as it is
            continue
        rest = after.lstrip("\n")
        attributes = " ".join([f"#{heading.id}", *(f".{name}" for name in heading.classes.split())])
        parts += [before.rstrip("\n"), f"\n\n{'#' * heading.level} {inert(heading.inner)} {{ {attributes} }}\n\n"]
    return "".join([*parts, rest.lstrip("\n")])


def toc_tokens(headings: tuple[Heading, ...] | list[Heading]) -> list[dict[str, Any]]:
    """The headings as Python-Markdown's `toc` extension hands them to a site engine (nested)."""
    return list(nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.name, "html": h.name,
                                  "data-toc-label": ""} for h in headings]))
