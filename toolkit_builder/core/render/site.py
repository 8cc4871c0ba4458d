"""Every page of a toolkit, in nav order, and the nav itself."""

from __future__ import annotations

from gettext import NullTranslations
from pathlib import Path
from typing import Any

from ..project import Project
from ..sitemap import module_path, section_path
from .crossindex import render_topics, topics_nav
from .markdown import nav_title, nav_titles
from .renderer import Page, Renderer


def render_site(project: Project, overrides: str | Path | None = None, translations: Any = None,
                directory_urls: bool = True) -> list[Page]:
    """Every page of the toolkit, in nav order."""
    renderer = Renderer(project, overrides, translations, directory_urls)
    pages = [renderer.render_home()]
    for section in project.toolkit.sections:
        pages.append(renderer.render_section(section))
        pages.extend(renderer.render_module(m) for m in project.modules_in(section.id))
    pages.extend(render_topics(renderer))
    if project.references:
        pages.append(renderer.render_references())
    if project.glossary:
        pages.append(renderer.render_glossary())
    return pages


def site_nav(project: Project, translations: Any = None) -> list[Any]:
    """The nav as MkDocs writes it in mkdocs.yml: sections in declared order, modules in order."""
    _ = (translations or NullTranslations()).gettext
    nav: list[Any] = [{nav_title(_("Home")): "index.md"}]
    for section in project.toolkit.sections:
        children: list[str | dict[str, str]] = [section_path(section.id)]
        children += [{nav_title(m.title): module_path(section.id, m.id)} for m in project.modules_in(section.id)]
        nav.append({nav_title(section.title): children})
    nav.extend(nav_titles(topics_nav(project, _)))
    if project.references:
        nav.append({nav_title(_("References")): "references.md"})
    if project.glossary:
        nav.append({nav_title(_("Glossary")): "glossary.md"})
    return nav
