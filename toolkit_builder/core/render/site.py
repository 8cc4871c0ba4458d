"""Every page of a toolkit, in nav order, and the nav itself."""

from __future__ import annotations

from gettext import NullTranslations
from pathlib import Path
from typing import Any

from ..project import Project
from ..sitemap import ACTION_PLAN, PROCESS, module_path, section_path
from .book import render_book
from .crossindex import render_topics, topics_nav
from .markdown import nav_title, nav_titles
from .process import render_meeting_prints, render_process
from .renderer import Page, Renderer


def render_site(project: Project, overrides: str | Path | None = None, translations: Any = None,
                directory_urls: bool = True, pdf: bool = False) -> list[Page]:
    """Every page of the toolkit, in nav order; a meeting's facilitator guide and handouts follow its page.

    ``pdf``: the site has PDFs (`toolkit build --pdf`), so pages link to them."""
    renderer = Renderer(project, overrides, translations, directory_urls, pdf)
    pages = [renderer.render_home()]
    pages.extend(render_process(renderer))
    for section in project.toolkit.sections:
        pages.append(renderer.render_section(section))
        for module in project.modules_in(section.id):
            pages.append(renderer.render_module(module))
            pages.extend(render_meeting_prints(renderer, module))
    pages.extend(render_topics(renderer))
    if project.references:
        pages.append(renderer.render_references())
    if project.glossary:
        pages.append(renderer.render_glossary())
    if pdf:  # the front of the whole toolkit's PDF
        pages.append(render_book(renderer))
    return pages


def site_nav(project: Project, translations: Any = None) -> list[Any]:
    """The nav as MkDocs writes it in mkdocs.yml: the process (its parts and numbered meetings) first,
    then sections in declared order with their other modules in order. A meeting's guide and handouts
    are reached from its page, not the nav."""
    _ = (translations or NullTranslations()).gettext
    nav: list[Any] = [{nav_title(_("Home")): "index.md"}]
    steps = project.steps()
    process = project.toolkit.process
    if process is not None:
        children: list[Any] = [PROCESS]
        for part in process.parts:
            meetings = [{f"{s.number}. {nav_title(s.module.title)}": module_path(s.module.section, s.module.id)}
                        for s in steps if s.part is part]
            if meetings:
                children.append({nav_title(part.title): meetings})
        children.append({nav_title(_("Action plan")): ACTION_PLAN})
        nav.append({nav_title(process.title or _("The process")): children})
    in_process = {s.module.id for s in steps}
    for section in project.toolkit.sections:
        pages: list[str | dict[str, str]] = [section_path(section.id)]
        pages += [{nav_title(m.title): module_path(section.id, m.id)} for m in project.modules_in(section.id)
                  if m.id not in in_process]
        nav.append({nav_title(section.title): pages})
    nav.extend(nav_titles(topics_nav(project, _)))
    if project.references:
        nav.append({nav_title(_("References")): "references.md"})
    if project.glossary:
        nav.append({nav_title(_("Glossary")): "glossary.md"})
    return nav
