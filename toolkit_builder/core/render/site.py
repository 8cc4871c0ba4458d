"""Every page of a toolkit's plan, rendered in its order, and the nav as MkDocs reads it."""

from __future__ import annotations

from functools import partial
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Callable

from ..project import Module, Project
from ..site import NavItem, PageKind, PlannedPage, SitePlan, plan_site
from ..site.paths import TOPICS_INDEX
from .book import render_book
from .bounds import check_page_sizes
from .cache import PageCache, digest, module_digest
from .crossindex import collect_mentions, render_topics
from .markdown import nav_title
from .page import Page
from .parallel import spread
from .process import render_meeting_prints, render_process
from .renderer import Renderer
from .room import render_meeting_room

#: Page kind -> what renders a page of it (planned by ``site.plan``). A module page brings its
#: meeting's guide and handouts, the cross-index overview every topic page: those kinds are rendered
#: with them, in ``render_site``'s cached units, and have no entry here.
PageRenderer = Callable[[Renderer, PlannedPage], list[Page]]
PAGE_RENDERERS: dict[str, PageRenderer] = {
    PageKind.HOME: lambda renderer, _: [renderer.render_home()],
    PageKind.PROCESS: lambda renderer, planned: [render_process(renderer, planned.kind)],
    PageKind.ACTION_PLAN: lambda renderer, planned: [render_process(renderer, planned.kind)],
    PageKind.SECTION: lambda renderer, planned: [_section_page(renderer, planned)],
    PageKind.REFERENCES: lambda renderer, _: [renderer.render_references()],
    PageKind.GLOSSARY: lambda renderer, _: [renderer.render_glossary()],
    PageKind.BOOK: lambda renderer, _: [render_book(renderer)],
}


#: Kinds whose pages show nothing of a module's content beyond what every page may show (its title,
#: summary and place: ``cache.site_digest``), so they are kept from one rendering to the next as
#: long as that does not change.
OUTLINE_ONLY = {PageKind.HOME, PageKind.SECTION, PageKind.REFERENCES, PageKind.GLOSSARY}


def register_page_renderer(kind: str, render: PageRenderer) -> None:
    """What renders the pages of a kind registered with ``site.register_page_kind``."""
    PAGE_RENDERERS[kind] = render


def render_site(project: Project, overrides: str | Path | None = None, translations: Any = None,
                directory_urls: bool = True, pdf: bool = False, cache: PageCache | None = None,
                processes: int = 1, plan: SitePlan | None = None) -> list[Page]:
    """Every page of the plan (``plan_site``, made here if not given), in its order; a long topic
    page's further pages follow it.

    ``pdf``: the site has PDFs (`toolkit build --pdf`), so pages link to them. ``cache``: the
    pages of the previous rendering (``PageCache``); the module and topic pages whose content did
    not change are taken from it instead of being rendered again. ``processes``: how many
    processes render the module and topic pages (``parallel.spread``)."""
    renderer = Renderer(project, overrides, translations, directory_urls, pdf)
    plan = renderer.plan = plan or plan_site(project, renderer.gettext, pdf)
    cache = cache or PageCache()
    site = cache.start(project, overrides, directory_urls, pdf, catalogue_key(translations))
    # A meeting's guide and handouts print blocks of other modules: they depend on every module.
    everything = digest(site, *(module_digest(project, m) for m in project.modules)) if renderer.steps else site
    published = {m.id: m for m in project.modules}
    units: dict[str, tuple[str, Callable[[], list[Page]]]] = {}
    for planned in plan.of_kind(PageKind.MODULE):
        module = published[planned.module_id or ""]
        key = digest(everything if module.meeting() is not None else site, module_digest(project, module))
        units[planned.path] = (key, partial(_module_pages, renderer, module))
    if plan.page(TOPICS_INDEX) is not None:
        mentions = sorted((topic, [(m.module.id, m.kind, m.block.id if m.block else None,
                                    m.block.heading if m.block else None, m.text, m.anchor) for m in found])
                          for topic, found in collect_mentions(project).items())
        units[TOPICS_INDEX] = (digest(site, "topics", repr(mentions)), lambda: render_topics(renderer))
    # What the cache does not hold, rendered first, by several processes when there are several:
    # the topic pages cost about as much as 0.6 module page each (measured at 1,000 modules).
    wanted = [(key, 0.6 * len(project.modules) if path == TOPICS_INDEX else 1.0, render)
              for path, (key, render) in units.items() if key not in cache.pages]
    for (key, _, _), pages in zip(wanted, spread([(cost, render) for _, cost, render in wanted], processes)):
        cache.add(key, pages)
    # Each page of a unit goes at its planned place; a page out of the plan (a long topic page's
    # further pages) follows the page before it.
    placed: dict[str, list[Page]] = {}
    for key, render in units.values():
        last: list[Page] = []
        for page in cache.get(key, render):
            if plan.page(page.path) is not None or not last:
                last = placed.setdefault(page.path, [])
            last.append(page)
    site_pages: list[Page] = []
    for planned in plan.pages:
        found = placed.get(planned.path)
        if found is None and planned.kind in OUTLINE_ONLY:
            found = cache.get(digest(site, planned.kind, planned.path), partial(PAGE_RENDERERS[planned.kind], renderer,
                                                                                 planned))
        elif found is None:
            found = PAGE_RENDERERS[planned.kind](renderer, planned)
        site_pages.extend(found)
    cache.finish()
    check_page_sizes([(page.path, len(page.html), page.module_id) for page in site_pages], project)
    return site_pages


def _section_page(renderer: Renderer, planned: PlannedPage) -> Page:
    section = renderer.project.toolkit.section(planned.path.split("/")[0])
    assert section is not None, "planned from the toolkit's sections"
    return renderer.render_section(section)


def catalogue_key(translations: Any) -> list[tuple[Any, Any]]:
    """The interface strings of a catalogue, as the pages' cache key holds them."""
    return sorted(getattr(translations, "_catalog", {}).items(), key=repr)


def _module_pages(renderer: Renderer, module: Module) -> list[Page]:
    """A module's page, a meeting's facilitator guide and handouts after it, and the room of a meeting
    of the process."""
    room = render_meeting_room(renderer, module)
    return [renderer.render_module(module), *render_meeting_prints(renderer, module), *([room] if room else [])]


def site_nav(project: Project | SitePlan, translations: Any = None) -> list[Any]:
    """The nav as MkDocs writes it in mkdocs.yml, from the site's plan: the process (its parts and
    numbered meetings) first, then sections in declared order with their other modules in order, the
    cross-index, the references and the glossary. A meeting's guide and handouts are reached from its
    page, not the nav."""
    if isinstance(project, SitePlan):
        plan = project
    else:
        plan = plan_site(project, (translations or NullTranslations()).gettext)
    return [_mkdocs_item(item) for item in plan.nav()]


def _mkdocs_item(item: NavItem) -> Any:
    if item.path is not None:
        return {nav_title(item.title): item.path}
    children = [item.index] if item.index else []
    return {nav_title(item.title): [*children, *(_mkdocs_item(child) for child in item.children)]}


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
