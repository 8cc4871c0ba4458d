"""The whole toolkit as one printed document: which pages it holds, in which order, and its
front (a cover and a contents list).

The order is the nav's: the process (its overview, the meetings in order, the action plan),
then each section (its page, then its other modules), then the glossary and the references.
The home page and the cross-index pages are left out: the cover and contents take the home
page's place, and the topic pages only list places that the book already holds. The contents'
page numbers are filled in once the document is printed (tools/pdf.py): Chromium does not
support CSS `target-counter()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from babel.dates import format_date

from ..project import Project
from ..sitemap import ACTION_PLAN, BOOK, GLOSSARY, PROCESS, REFERENCES, module_path, section_path
from .markdown import tidy
from .renderer import Page, Renderer


@dataclass(frozen=True)
class BookEntry:
    """One page of the book: its path, its title in the contents, its level there (0 or 1)."""

    path: str
    title: str
    level: int = 0


def book_contents(project: Project, gettext: Callable[[str], str] = str) -> list[BookEntry]:
    """The pages of the whole toolkit's PDF after its front, in order."""
    _ = gettext
    entries: list[BookEntry] = []
    steps = project.steps()
    process = project.toolkit.process
    if process is not None:
        entries.append(BookEntry(PROCESS, process.title or _("The process")))
        entries += [BookEntry(module_path(s.module.section, s.module.id), f"{s.number}. {s.module.title}", 1)
                    for s in steps]
        entries.append(BookEntry(ACTION_PLAN, _("Action plan"), 1))
    in_process = {s.module.id for s in steps}
    for section in project.toolkit.sections:
        entries.append(BookEntry(section_path(section.id), section.title))
        entries += [BookEntry(module_path(section.id, m.id), m.title, 1) for m in project.modules_in(section.id)
                    if m.id not in in_process]
    if project.glossary:
        entries.append(BookEntry(GLOSSARY, _("Glossary")))
    if project.references:
        entries.append(BookEntry(REFERENCES, _("References")))
    return entries


def book_paths(project: Project) -> list[str]:
    """Every page of the whole toolkit's PDF, its front first."""
    return [BOOK, *(entry.path for entry in book_contents(project))]


def render_book(renderer: Renderer, today: date | None = None) -> Page:
    """The front of the whole toolkit's PDF: a cover (title, description, organization, date,
    language) and the contents, each entry a link to its page, with room for its page number."""
    project = renderer.project
    renderer.start_page(BOOK)
    entries = [(entry, renderer.link(entry.path)) for entry in book_contents(project, renderer.gettext)]
    text = renderer.env.get_template("book.md.j2").render(
        entries=entries, date=format_date(today or date.today(), format="long", locale=project.language),
        language_label=renderer.language_name(project.language))
    return Page(BOOK, project.toolkit.title, tidy(text), kind="book")
