"""The whole toolkit as one printed document: which pages it holds, in which order, and its
front (a cover and a contents list).

Which pages it holds, and their order, is the site plan's (``site.plan``: the pages it puts in
the book, in the nav's order): the process (its overview, the meetings in order, the action
plan), then each section (its page, then its other modules), then the references and the
glossary. The home page and the cross-index pages are left out: the cover and contents take the
home page's place, and the topic pages only list places that the book already holds. The contents'
page numbers are filled in once the document is printed (tools/pdf.py): Chromium does not
support CSS `target-counter()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from ..history import build_date
from ..site import SitePlan, plan_site
from ..site.paths import BOOK
from .page import Page
from .renderer import Renderer


def book_contents(plan: SitePlan) -> list[tuple[str, str, int]]:
    """The pages of the whole toolkit's PDF after its front, in order: (path, title, level)."""
    return [(page.path, page.title, page.book or 0) for page in plan.book()]


def render_book(renderer: Renderer, today: date | None = None) -> Page:
    """The front of the whole toolkit's PDF: a cover (title, description, organization, date,
    language) and the contents, each entry a link to its page, with room for its page number.
    The date is the build's (``SOURCE_DATE_EPOCH`` when set, so a build can be reproduced)."""
    project = renderer.project
    plan = renderer.plan or plan_site(project, renderer.gettext, pdf=True)
    renderer.start_page(BOOK)
    entries = [(BookEntry(path, title, level), renderer.link(path)) for path, title, level in book_contents(plan)]
    text = renderer.env.get_template("book.html.j2").render(
        entries=entries, date=format_date(today or build_date(), format="long", locale=project.language),
        language_label=renderer.language_name(project.language))
    return renderer.page(BOOK, project.toolkit.title, text, kind="book")


@dataclass(frozen=True)
class BookEntry:
    """One entry of the book's contents: its path, its title, its level there (0 or 1)."""

    path: str
    title: str
    level: int = 0
