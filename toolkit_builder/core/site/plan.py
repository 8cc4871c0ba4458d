"""The plan of a site: which pages it has, in which order, where each goes and what each is for.

This is the one place that knows it. The renderer renders the planned pages (by kind, from one
table: ``render/site.py``), the MkDocs plugin and ``toolkit export`` hand them to an engine, the
nav, the whole toolkit's book and the PDF jobs are read from it, and the loader checks links in
texts against its paths.

A site is planned in regions, in rank order: the home page, the process (its overview, the
meetings with their facilitator guides and handouts, the action plan), the sections and their
other modules, the cross-index, the references, the glossary, the book's front. A region's
planner lists its pages in order. To add a page kind: give it a name (a ``PageKind`` member for
the package's own, any other string for a package outside), its ``Roles``, a planner and a rank
with ``register_page_kind``, and a function that renders it with ``render.register_page_renderer``
(see ``tests/fixtures/page_kind_plugin/``). Nav, search, print, book and PDFs follow from the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from ..i18n.status import translation_name
from ..layers import module_files
from ..model import GlossaryTerm, Reference, Toolkit
from ..project import Module, Project
from .paths import (
    ACTION_PLAN,
    BOOK,
    GLOSSARY,
    HOME,
    MEETING_PACK,
    MEETING_PRINTS,
    PROCESS,
    REFERENCES,
    TOPICS_INDEX,
    audience_path,
    component_path,
    meeting_print_path,
    module_path,
    pdf_path,
    section_path,
    toolkit_pdf_path,
)

Gettext = Callable[[str], str]


class PageKind(str, Enum):
    """What a page of the package's own is. A page kind registered from outside is a plain string."""

    HOME = "home"
    PROCESS = "process"
    ACTION_PLAN = "action-plan"
    SECTION = "section"
    MODULE = "module"
    FACILITATOR_GUIDE = "facilitator-guide"
    HANDOUTS = "handouts"
    MEETING_ROOM = "meeting-room"
    TOPICS = "topics"
    TOPIC = "topic"
    REFERENCES = "references"
    GLOSSARY = "glossary"
    BOOK = "book"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Roles:
    """What the pages of a kind are for, besides being read."""

    #: Found by the site's search.
    in_search: bool = True
    #: Shows a print button (and a PDF link when the site has PDFs and the page one).
    printable: bool = False
    #: The page has a PDF of its own (``pdf_path(module id, pdf)``); None: no PDF of its own.
    pdf: str | None = None


#: Kind -> roles. A kind not listed has the default roles (searched, no print button, no PDF).
ROLES: dict[str, Roles] = {
    PageKind.PROCESS: Roles(printable=True),
    PageKind.ACTION_PLAN: Roles(printable=True),
    PageKind.MODULE: Roles(printable=True, pdf="module"),
    # A guide or handouts package repeats its meeting's page and blocks: search finds those.
    PageKind.FACILITATOR_GUIDE: Roles(in_search=False, printable=True, pdf="facilitator-guide"),
    PageKind.HANDOUTS: Roles(in_search=False, printable=True, pdf="handouts"),
    # The front of the whole toolkit's PDF: a cover and a list of pages.
    PageKind.BOOK: Roles(in_search=False),
}

#: A group of the nav: (key, title); a page's place in the nav is the path of groups above it.
NavGroup = tuple[str, str]


@dataclass(frozen=True)
class Source:
    """A content file a page is made from: its path in its content folder, and which folder (0: upstream)."""

    path: str
    layer: int
    #: The translation file of the page's language, relative to the same folder (None: the default language).
    translation: str | None = None


@dataclass(frozen=True)
class PlannedPage:
    """One page of the site, before it is rendered."""

    path: str
    kind: str
    #: Its title in the nav and the book's contents.
    title: str
    module_id: str | None = None
    source: Source | None = None
    #: The groups above it in the nav (outermost first); None: not in the nav (reached from another page).
    nav: tuple[NavGroup, ...] | None = ()
    #: The page is its group's own page (listed first in the group, without a title of its own).
    nav_index: bool = False
    #: Its level in the book's contents (0 or 1); None: not in the book.
    book: int | None = None
    #: Its own title, where the nav's differs (a meeting's is numbered in the nav).
    heading: str | None = None
    #: Where its PDF goes, for a page with a PDF that is no module's (a kind registered from outside).
    pdf_target: str | None = None

    @property
    def roles(self) -> Roles:
        return ROLES.get(self.kind, Roles())

    @property
    def pdf(self) -> str | None:
        """Where the page's own PDF goes (from the site root), if it has one."""
        kind = self.roles.pdf
        if not kind:
            return None
        return self.pdf_target or (pdf_path(self.module_id, kind) if self.module_id else None)


@dataclass(frozen=True)
class PdfJob:
    """One PDF to print: the pages it is made of (paths of the plan, in order) and where it goes."""

    title: str
    target: str
    pages: tuple[str, ...]
    #: The first page is a front whose contents list gets the page numbers of the others.
    contents: bool = False


class Planner(Protocol):
    def __call__(self, project: Project, gettext: Gettext, /) -> Iterable[PlannedPage]: ...


@dataclass(frozen=True)
class _Region:
    rank: float
    name: str
    planner: Planner


_REGIONS: list[_Region] = []


def register_page_kind(kind: str, roles: Roles, planner: Planner, rank: float) -> None:
    """Adds a kind of page to every site planned from now on: ``planner`` lists its pages (in order)
    at ``rank`` among the regions of the site (home 0, process 10, sections 20, cross-index 30,
    references 40, glossary 50, book 90). Registering a kind again replaces it."""
    ROLES[kind] = roles
    _REGIONS[:] = [r for r in _REGIONS if r.name != kind]
    _REGIONS.append(_Region(rank, kind, planner))
    _REGIONS.sort(key=lambda region: region.rank)


@dataclass(frozen=True)
class SitePlan:
    """Every page of one language's site, in order, and what follows from them."""

    title: str
    pages: tuple[PlannedPage, ...]
    #: Two pages (or PDFs) planned at one path (a section whose id is taken by a generated page...):
    #: (the first, the second in plan order, the path); the loader reports them (``path-clash``).
    clashes: tuple[tuple[PlannedPage, PlannedPage, str], ...] = ()
    by_path: dict[str, PlannedPage] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_path.update((page.path, page) for page in self.pages)

    @property
    def paths(self) -> set[str]:
        return set(self.by_path)

    def page(self, path: str) -> PlannedPage | None:
        return self.by_path.get(path)

    def of_kind(self, *kinds: str) -> Iterator[PlannedPage]:
        return (page for page in self.pages if page.kind in kinds)

    def book(self) -> list[PlannedPage]:
        """The pages of the whole toolkit's PDF after its front, in order."""
        return [page for page in self.pages if page.book is not None]

    def pdf_jobs(self) -> list[PdfJob]:
        """A PDF per page that has one of its own, one per meeting (its pack), then the whole toolkit."""
        jobs = [PdfJob(page.heading or page.title, page.pdf, (page.path,)) for page in self.pages if page.pdf]
        jobs += self.meeting_packs()
        jobs.append(PdfJob(self.title, toolkit_pdf_path(self.title),
                           (BOOK, *(page.path for page in self.book())), contents=True))
        return jobs

    def meeting_packs(self) -> list[PdfJob]:
        """A PDF per meeting: its facilitator guide, then its handouts, so that one print does."""
        titles = {page.module_id: page.heading or page.title for page in self.of_kind(PageKind.MODULE)}
        handouts = {page.module_id: page.path for page in self.of_kind(PageKind.HANDOUTS)}
        return [PdfJob(titles.get(g.module_id, g.title), pdf_path(g.module_id, MEETING_PACK), (g.path, handouts[g.module_id]))
                for g in self.of_kind(PageKind.FACILITATOR_GUIDE) if g.module_id and g.module_id in handouts]

    def nav(self) -> list[NavItem]:
        """The nav as a tree: each item a page (title, path) or a group (title, items); a group's own
        page comes first, as its ``index``."""
        root: list[NavItem] = []
        groups: dict[tuple[NavGroup, ...], NavItem] = {}
        for page in self.pages:
            if page.nav is None:
                continue
            items = root
            for depth in range(1, len(page.nav) + 1):
                key = page.nav[:depth]
                if key not in groups:
                    groups[key] = NavItem(key[-1][1])
                    items.append(groups[key])
                items = groups[key].children
            if page.nav_index and page.nav:
                groups[page.nav].index = page.path
            else:
                items.append(NavItem(page.title, page.path))
        return root


@dataclass
class NavItem:
    """A page of the nav (``path``), or a group of pages (``children``, its own page ``index`` first)."""

    title: str
    path: str | None = None
    index: str | None = None
    children: list[NavItem] = field(default_factory=list)


def plan_site(project: Project, gettext: Gettext = str, pdf: bool = False) -> SitePlan:
    """The plan of ``project``'s site in its language. ``pdf``: the site has PDFs, so the book's
    front is a page of it too."""
    pages: list[PlannedPage] = []
    for region in _REGIONS:
        if region.name == PageKind.BOOK and not pdf:
            continue
        pages.extend(region.planner(project, gettext))
    plan = SitePlan(project.toolkit.title, tuple(pages))
    return replace(plan, clashes=tuple(_clashes(plan)), by_path={})


def _clashes(plan: SitePlan) -> Iterator[tuple[PlannedPage, PlannedPage, str]]:
    """Pairs of pages that would be written at one path, or whose PDFs would (a module whose id is a
    meeting's id and "-handouts" or "-meeting-pack"; a module named as the toolkit, whose PDF is the
    whole toolkit's). A PDF job is the first page it prints; the whole toolkit's is the book's front."""
    seen: dict[str, PlannedPage] = {}
    for page in plan.pages:
        other = seen.setdefault(page.path, page)
        if other is not page:
            yield other, page, page.path
    book = PlannedPage(BOOK, PageKind.BOOK, plan.title, nav=None)
    pdfs: dict[str, PlannedPage] = {}
    for job in plan.pdf_jobs():
        page = book if job.contents else plan.page(job.pages[0]) or book
        other = pdfs.setdefault(job.target, page)
        if other is not page:
            yield other, page, job.target


# ---------------------------------------------------------------------- the package's own regions

def _source(project: Project, module_id: str) -> Source | None:
    path = project.sources.get(module_id)
    if path is None:
        return None
    translation = None
    if project.language != project.toolkit.language:
        translation = translation_name(path, project.language).as_posix()
    return Source(path, project.layers.get(module_id, 0), translation)


def _module_pages(project: Project, _: Gettext, module: Module, title: str, nav: tuple[NavGroup, ...],
                  meeting: bool) -> Iterator[PlannedPage]:
    """A module's page, and a meeting's facilitator guide and handouts after it."""
    module_id, section, heading = module.id, module.section, module.title
    source = _source(project, module_id)
    yield PlannedPage(module_path(section, module_id), PageKind.MODULE, title, module_id, source, nav, book=1,
                      heading=heading if heading != title else None)
    if meeting:
        headings = {"facilitator-guide": _("Facilitator guide: %(meeting)s"), "handouts": _("Handouts: %(meeting)s")}
        for kind in MEETING_PRINTS:
            yield PlannedPage(meeting_print_path(section, module_id, kind), PageKind(kind),
                              headings[kind] % {"meeting": heading}, module_id, source, None)


def _home(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    yield PlannedPage(HOME, PageKind.HOME, _("Home"))


def _process(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    process = project.toolkit.process
    if process is None:
        return
    group = (("process", process.title or _("The process")),)
    yield PlannedPage(PROCESS, PageKind.PROCESS, group[0][1], nav=group, nav_index=True, book=0)
    for step in project.steps():
        module = step.module
        yield from _module_pages(project, _, module, f"{step.number}. {module.title}",
                                 (*group, (f"part-{step.part_number}", step.part.title)), True)
    yield PlannedPage(ACTION_PLAN, PageKind.ACTION_PLAN, _("Action plan"), nav=group, book=1)


def _sections(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    in_process = {step.module.id for step in project.steps()}
    for section in project.toolkit.sections:
        group = ((f"section-{section.id}", section.title),)
        yield PlannedPage(section_path(section.id), PageKind.SECTION, section.title, nav=group, nav_index=True,
                          book=0)
        for module in project.modules_in(section.id):
            if module.id not in in_process:
                yield from _module_pages(project, _, module, module.title, group, module.meeting() is not None)


def _topics(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    """The cross-index: an overview, then a page per framework component and per audience. A long
    topic page goes on over further pages, which its renderer adds after it (out of the nav)."""
    toolkit = project.toolkit
    if not toolkit.frameworks and not toolkit.audiences:
        return
    group = (("topics", _("Browse by topic")),)
    yield PlannedPage(TOPICS_INDEX, PageKind.TOPICS, group[0][1], nav=group, nav_index=True)
    for framework in toolkit.frameworks:
        inner = (*group, (f"framework-{framework.id}", framework.short_title or framework.title))
        for component in framework.components:
            title = f"{component.key}. {component.label}" if component.key.isdigit() else component.label
            yield PlannedPage(component_path(framework, component.key), PageKind.TOPIC, title, nav=inner)
    for audience in toolkit.audiences:
        yield PlannedPage(audience_path(audience), PageKind.TOPIC, audience.label,
                          nav=(*group, ("audiences", _("Audiences"))))


def _references(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    if project.references:
        yield PlannedPage(REFERENCES, PageKind.REFERENCES, _("References"), book=0)


def _glossary(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    if project.glossary:
        yield PlannedPage(GLOSSARY, PageKind.GLOSSARY, _("Glossary"), book=0)


def _book(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    yield PlannedPage(BOOK, PageKind.BOOK, project.toolkit.title, nav=None)


for _rank, _kind, _planner in ((0, PageKind.HOME, _home), (10, PageKind.PROCESS, _process),
                               (20, PageKind.SECTION, _sections), (30, PageKind.TOPICS, _topics),
                               (40, PageKind.REFERENCES, _references), (50, PageKind.GLOSSARY, _glossary),
                               (90, PageKind.BOOK, _book)):
    _REGIONS.append(_Region(_rank, _kind, _planner))


def paths_before_load(toolkit: Toolkit | None, modules: Iterable[tuple[str, str]]) -> set[str]:
    """The page paths of a site judged before its project exists (the loader checks links in texts
    against them; ``serve`` shows its problems page at each): ``modules`` is (section id, module id)
    of each module file. The references and glossary pages are counted in, as a text may link to
    them before their files load; without a toolkit (it did not load), the sections come from the
    module files."""
    modules = list(modules)
    # Copies of one: building each with its defaults has pydantic inspect every default's factory.
    stand_in = Module.model_construct(id="", section="", title="", order=None, blocks=[])
    stand_ins = [stand_in.model_copy(update={"id": module_id, "section": section, "title": module_id})
                 for section, module_id in modules]
    if toolkit is None:
        toolkit = Toolkit.model_construct(title="", language="en", languages=["en"], frameworks=[], audiences=[],
                                          process=None, sections=[])
    project = Project.model_construct(toolkit=toolkit, modules=stand_ins, references={"": Reference.model_construct(title="")},
                                      glossary=[GlossaryTerm.model_construct(term="", definition="")], sources={}, layers={}, language="",
                                      untranslated={}, untranslated_terms=frozenset())
    return (plan_site(project).paths | {HOME, TOPICS_INDEX, REFERENCES, GLOSSARY}
            | {section_path(section) for section, _ in modules}
            | {module_path(section, module_id) for section, module_id in modules})


def pages_from_files(content_dir: str | Path) -> set[str]:
    """Pages a content folder makes, judged from its file names alone (its content may not load)."""
    return paths_before_load(None, [(section, path.stem) for path, section in module_files(Path(content_dir))])
