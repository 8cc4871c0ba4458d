"""Every page of a toolkit, in nav order, and the nav itself."""

from __future__ import annotations

from functools import partial
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Callable

from ..project import Module, Project
from ..sitemap import ACTION_PLAN, PROCESS, module_path, section_path
from .book import render_book
from .cache import PageCache, digest, module_digest
from .crossindex import collect_mentions, render_topics, topics_nav
from .markdown import nav_title, nav_titles
from .parallel import spread
from .process import render_meeting_prints, render_process
from .renderer import Page, Renderer


def render_site(project: Project, overrides: str | Path | None = None, translations: Any = None,
                directory_urls: bool = True, pdf: bool = False, cache: PageCache | None = None,
                processes: int = 1) -> list[Page]:
    """Every page of the toolkit, in nav order; a meeting's facilitator guide and handouts follow its page.

    ``pdf``: the site has PDFs (`toolkit build --pdf`), so pages link to them. ``cache``: the
    pages of the previous rendering (``PageCache``); the module and topic pages whose content did
    not change are taken from it instead of being rendered again. ``processes``: how many
    processes render the module and topic pages (``parallel.spread``)."""
    renderer = Renderer(project, overrides, translations, directory_urls, pdf)
    cache = cache or PageCache()
    catalogue = sorted(getattr(translations, "_catalog", {}).items(), key=repr)  # the interface strings
    site = cache.start(project, overrides, directory_urls, pdf, catalogue)
    # A meeting's guide and handouts print blocks of other modules: they depend on every module.
    everything = digest(site, *(module_digest(project, m) for m in project.modules)) if project.steps() else site
    modules: dict[str, tuple[str, Callable[[], list[Page]]]] = {}
    for section in project.toolkit.sections:
        for module in project.modules_in(section.id):
            key = digest(everything if module.meeting() is not None else site, module_digest(project, module))
            modules[module.id] = (key, partial(_module_pages, renderer, module))
    mentions = sorted((topic, [(m.module.id, m.kind, m.block.id if m.block else None,
                                m.block.heading if m.block else None, m.text, m.anchor) for m in found])
                      for topic, found in collect_mentions(project).items())
    topics: tuple[str, Callable[[], list[Page]]] = (digest(site, "topics", repr(mentions)),
                                                    lambda: render_topics(renderer))
    # What the cache does not hold, rendered first, by several processes when there are several:
    # the topic pages cost about as much as 0.6 module page each (measured at 1,000 modules).
    wanted = [(key, 1.0 if name else 0.6 * len(project.modules), render)
              for name, (key, render) in [*modules.items(), (None, topics)] if key not in cache.pages]
    for (key, _, _), pages in zip(wanted, spread([(cost, render) for _, cost, render in wanted], processes)):
        cache.add(key, pages)
    pages = [renderer.render_home()]
    pages.extend(render_process(renderer))
    for section in project.toolkit.sections:
        pages.append(renderer.render_section(section))
        for module in project.modules_in(section.id):
            pages.extend(cache.get(*modules[module.id]))
    pages.extend(cache.get(*topics))
    cache.finish()
    if project.references:
        pages.append(renderer.render_references())
    if project.glossary:
        pages.append(renderer.render_glossary())
    if pdf:  # the front of the whole toolkit's PDF
        pages.append(render_book(renderer))
    return pages


def _module_pages(renderer: Renderer, module: Module) -> list[Page]:
    """A module's page, and a meeting's facilitator guide and handouts after it."""
    return [renderer.render_module(module), *render_meeting_prints(renderer, module)]


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


def _nav_paths(item: Any) -> set[str]:
    """The page paths of a nav item (a path, {title: path} or {title: [items]})."""
    if isinstance(item, str):
        return {item}
    if isinstance(item, dict):
        return set().union(*(_nav_paths(value) for value in item.values()))
    if isinstance(item, list):
        return set().union(*(_nav_paths(value) for value in item))
    return set()


def _nav_title(item: Any) -> str:
    return item if isinstance(item, str) else str(next(iter(item), "")) if isinstance(item, dict) else ""


def nav_changes(old: list[Any], new: list[Any]) -> set[str] | None:
    """The pages whose nav differs between two navs as ``site_nav`` makes them, where a page shows
    the top level and its own top-level section: those of a changed section, or None (every
    page) when the top level itself changed."""
    if [_nav_title(item) for item in old] != [_nav_title(item) for item in new]:
        return None
    stale: set[str] = set()
    for before, after in zip(old, new):
        if before != after:
            stale |= _nav_paths(before) | _nav_paths(after)
    return stale
