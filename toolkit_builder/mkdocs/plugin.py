"""MkDocs adapter: feeds the pages rendered by the core to MkDocs.

Each hook is a few lines that delegate to the core (``core.load`` and ``core.render``);
content mistakes become a ``PluginError`` whose message lists every located problem, or,
while serving, a problems page at every address. What one build knows lives in a
``_Build`` made afresh in ``on_config``; what one page needs goes into its template
context, never into the shared config.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Literal, cast

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from ..core.branding import branding_css
from ..core.build import LanguageBuild, layers_key, prepare
from ..core.files import published_files
from ..core.history import last_updated, updated_html
from ..core.i18n import edit_link, language_links, text_direction
from ..core.load import DocumentCache
from ..core.model import Organization
from ..core.problems import ContentError
from ..core.project import Project
from ..core.render import Page, render_site, site_nav
from ..core.render.accessibility import report_link
from ..core.render.cache import PageCache
from ..core.render.compiled import COMPILED
from ..core.render.markdown import one_line
from ..core.render.page import outdated_templates
from ..core.render.typography import finalizer
from ..core.site import PageKind, PlannedPage, SitePlan, pages_from_files
from ..core.site.paths import BOOK, toolkit_pdf_path
from .config import ToolkitConfig, translate_palette
from .html_fixes import drop_indentation, fix_page
from .pages import FinishedPage, nav_titles
from .problems import problems_page
from .serving import Serving, list_theme_once, write_pages

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page as MkDocsPage
    from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.plugins.toolkit")

ASSETS = Path(__file__).parent / "assets"
#: Theme partials of the toolkit (language switcher, footer, accessible search, print
#: actions); a site's custom_dir overrides them.
THEME = Path(__file__).parent / "theme"
#: Stylesheets added to every page, in this order, before the project's own.
STYLESHEETS = ("assets/toolkit/toolkit.css", "assets/toolkit/access.css", "assets/toolkit/print.css")
SCRIPT = "assets/toolkit/toolkit.js"
BRAND_CSS = "assets/toolkit/brand.css"
#: Assets only an offline copy has: the shim that runs Material's search worker from `file://`
#: (ORIGIN.txt beside it says where it comes from).
OFFLINE_ASSETS = ASSETS / "offline"
SEARCH_SHIM = "assets/toolkit/offline/iframe-worker/shim.js"
REQUIRED_EXTENSIONS = ("attr_list", "toc", "abbr")


def N_(message: str) -> str:
    """Marks an interface string for the catalogue that is translated later, where it is used."""
    return message


#: The colour scheme toggle's labels that Material's documentation (and this project's
#: mkdocs.yml) use; a site's own labels are translated too when its catalogue has them.
PALETTE_LABELS = (N_("Switch to dark mode"), N_("Switch to light mode"))


@dataclass
class _Build:
    """What one build (one language) knows, made in ``on_config``."""

    layers: list[Path] = field(default_factory=list)
    templates_dir: Path = Path()
    project: Project | None = None
    #: The site's plan: which pages it has, where, and what each is for.
    plan: SitePlan | None = None
    pages: list[Page] = field(default_factory=list)
    updated: dict[str, datetime] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)
    brand_css: str = ""
    gettext: Callable[[str], str] = str
    nav: list[Any] = field(default_factory=list)
    #: Pages whose source changed since the previous build of `serve` (all of them at first).
    changed: list[str] = field(default_factory=list)

    @cached_property  # asked for by every page: computed once, after the pages are made
    def generated(self) -> set[str]:
        return {page.path for page in self.pages}


# mkdocs' BasePlugin.__init_subclass__ has no type hints.
class ToolkitPlugin(BasePlugin[ToolkitConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.build = _Build()
        #: The languages `toolkit serve -l` builds (None: every one); the switcher says which are not.
        self.served: set[str] | None = None
        #: The language to build, loaded and planned by the `toolkit` command (``hand_over``); else the
        #: plugin prepares its own.
        self.handed: LanguageBuild | None = None
        #: While serving: what each language keeps from one rebuild to the next (``serving.py``).
        self.serve: Serving[_Build] | None = None
        #: The parsed files, rendered pages and page files (dirty rebuilds) of the build at hand.
        self.documents: DocumentCache | None = None
        self.rendered = PageCache()
        self.pages_dir: Path | None = None
        self.previous_nav: list[Any] = []

    def hand_over(self, language_build: LanguageBuild | None) -> None:
        """The language the next build makes, as `toolkit build` or `toolkit serve` prepared it
        (``core.build.prepare``), so the content is not loaded again; None: the plugin prepares it."""
        self.handed = language_build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Also keeps this plugin instance across the rebuilds of `serve`.
        # MkDocs may hand the same instance to the next command of the process: start afresh.
        self.on_shutdown()
        self.serving = command == "serve"
        self.serve = Serving(dirty, _Build()) if self.serving else None
        self.documents = self.serve.documents if self.serve is not None else None
        self.rendered = PageCache()

    def on_shutdown(self) -> None:
        if self.serve is not None:
            self.serve.close()
        self.serve, self.pages_dir, self.serving = None, None, False

    # Before other plugins: search reads the theme language set here.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        layers = [root / u for u in self.config.upstream] + [root / self.config.content_dir]
        language = self.config.language or None
        kept = self.serve.of(config.site_dir) if self.serve is not None else None
        previous = kept.build if kept is not None else self.build
        self.previous_nav = previous.nav
        self.build = build = _Build(layers=layers, templates_dir=(root / self.config.templates_dir).resolve())
        if kept is not None:  # this folder's, not the last one `toolkit serve` built (another language's)
            kept.build, self.rendered, self.pages_dir = build, kept.rendered, kept.pages_dir
        if self.serve is not None:
            list_theme_once(config.theme, self.serve.theme_files)
        self._theme(config)
        if outdated := outdated_templates(build.templates_dir):
            raise PluginError("\n".join(outdated))
        if self.config.offline:
            self._offline(config)
        try:  # a content problem found by loading, or by rendering (a page too long)
            prepared = self._language_build(layers, language)
            pages = render_site(prepared.project, build.templates_dir, prepared.translations,
                                config.use_directory_urls, self.config.pdf, self.rendered,
                                processes=1 if self.serving else self.config.render_processes, plan=prepared.plan)
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            return self._show_problems(config, error, previous.generated)
        build.project = project = prepared.project
        build.plan, build.pages = prepared.plan, pages
        build.updated = last_updated(layers[-1])
        build.gettext = prepared.gettext
        build.media = published_files(project, layers)
        build.nav = site_nav(prepared.plan)
        if config.nav is None:
            config.nav = build.nav
        # The theme writes the site name unescaped (in <title>, the header, meta tags).
        config.site_name = str(escape(one_line(project.toolkit.title)))
        config.theme["language"] = project.language
        config.theme["direction"] = text_direction(project.language)  # Babel's, for <body dir>
        translate_palette(config, prepared.gettext)
        build.brand_css = branding_css(project.toolkit.branding)
        if build.brand_css and BRAND_CSS not in config.extra_css:
            config.extra_css.append(BRAND_CSS)
        # Material shows its language menu when `alternate` is set; it is not a list here, so
        # Material's own links (relative to the wrong root on translated pages) are not written;
        # partials/alternate.html writes ours from the page context.
        if len(project.toolkit.languages) > 1:
            config.extra["alternate"] = True
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        if self.pages_dir is not None:
            build.changed = write_pages(self.pages_dir, build.pages, self.previous_nav, build.nav)
        # Block templates may sit inside the theme folder (overrides/toolkit/); they are
        # inputs of the build, not files to publish.
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(build.templates_dir):
                files.remove(file)
        titles = nav_titles(config.nav)
        for page in build.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            # Pages the plan keeps out of the nav (a meeting's guide and handouts, reached from its
            # page; the front of the whole toolkit's PDF, for paper) and the further pages of a long
            # topic page (reached from its first): out of the nav, on purpose.
            planned = build.plan.page(page.path) if build.plan else None
            hidden = not page.in_nav or (planned is not None and planned.nav is None)
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            # While serving, the page's file on disk tells a dirty rebuild whether it changed.
            file = File.generated(config, page.path, abs_src_path=str(self.pages_dir / page.path),
                                  inclusion=inclusion) if self.pages_dir is not None else \
                File.generated(config, page.path, content=page.html, inclusion=inclusion)
            FinishedPage(titles.get(page.path), file, config, page)  # sets file.page
            files.append(file)
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file() and (self.config.offline or not asset.is_relative_to(OFFLINE_ASSETS)):
                uri = f"assets/toolkit/{asset.relative_to(ASSETS).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        if build.brand_css:
            files.append(File.generated(config, BRAND_CSS, content=build.brand_css))
        for uri, path in sorted(build.media.items()):  # videos, captions and posters of media blocks
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.pages_dir is not None:
            # A dirty rebuild reads only the pages it rebuilds; the others are links of the pages it
            # does (previous and next, the nav), and a page not read has no title: read them.
            for page in nav.pages:
                if page.markdown is None and not page.file.is_modified():
                    page.read_source(config)
        return nav

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        planned = self._planned(page)
        if planned is not None and not planned.roles.in_search:  # a guide repeats its meeting's page...
            page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_context(self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        build = self.build
        planned = self._planned(page)
        # "Edit this page" only for modules of this site's own content folder.
        own = planned is not None and planned.kind == PageKind.MODULE and planned.source is not None \
            and planned.source.layer == len(build.layers) - 1
        source = planned.source.path if own and planned is not None and planned.source else None
        if source and self.config.edit_url and build.project:
            # On a translated page: its translation file, or the page that creates it.
            page.edit_url = edit_link(self.config.edit_url, build.layers[-1], source, build.project.language,
                                      build.project.toolkit.language)
        if source in build.updated:  # Material shows it at the end of the page
            page.meta["revision_date"] = updated_html(build.updated[source], build.project.language if build.project
                                                      else "en", build.gettext("Last updated"))
        page.meta.setdefault("toolkit", self._actions(page))
        if page.file.src_uri in build.generated and not page.is_homepage and page.title:
            # The theme writes `page.title | striptags` into <title>, which turns `&lt;` back into `<`;
            # a title in meta is written as it is, so it stays text, set as the page's language sets it
            # (MkDocs takes the title from the table of contents, which drops no-break spaces).
            title = escape(Markup(page.title).striptags())
            page.meta["title"] = str(finalizer(build.project.language)(title) if build.project else title)
        # A plain dict that themes and plugins add keys to; mkdocs' TypedDict lists only its own.
        cast("dict[str, Any]", context).update(self._context(page))
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        # Pages made from a theme template alone (404.html): links to the home page.
        cast("dict[str, Any]", context).update(self._context(None))
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs makes the theme's environment afresh for every build: its templates are compiled
        # once a process (while serving, not at every rebuild), and once for every build that
        # follows when the `toolkit` command keeps them on disk (cli/config.py).
        env.bytecode_cache = COMPILED
        return env

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return fix_page(output_content) if template_name.endswith(".html") else output_content

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return drop_indentation(fix_page(output))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        for layer in self.build.layers:
            server.watch(str(layer))
        return server

    # ------------------------------------------------------------------ helpers

    def _theme(self, config: MkDocsConfig) -> None:
        """The toolkit's partials, stylesheets, script and Markdown extensions."""
        custom = 1 if config.theme.custom_dir else 0
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(custom, str(THEME))
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.extra_css[:0] = [css for css in STYLESHEETS if css not in config.extra_css]
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)

    def _offline(self, config: MkDocsConfig) -> None:
        """A copy that opens from the disk: links to `page.html` (a folder opened from the disk
        shows its listing, not its index.html), set before the pages are rendered, and the search
        worker's shim from the site itself. Material's offline plugin adds its shim from unpkg.com
        only when no polyfill names iframe-worker, so this one takes its place. No 404 page: no
        server shows it, and its links start at the root of a web server."""
        config.use_directory_urls = False
        config.theme.static_templates.discard("404.html")
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SEARCH_SHIM]

    def _context(self, page: MkDocsPage | None) -> dict[str, Any]:
        """What the toolkit's partials read for one page (None: a page with no source)."""
        project = self.build.project
        organization: Organization | None = project.toolkit.organization if project else None
        gettext = self.build.gettext
        return {"toolkit_alternates": self._alternates(page), "toolkit_organization": organization,
                "toolkit_made_with": gettext("Made with"),  # Material's footer line, translated
                "toolkit_report": report_link(project, page.title or "", page.canonical_url or page.url, gettext)
                if page and project else None}

    def _actions(self, page: MkDocsPage) -> dict[str, Any] | None:
        """The print button and PDF link shown with a page's title (partials/actions.html)."""
        _ = self.build.gettext
        planned = self._planned(page)
        if planned is not None and planned.roles.printable:
            pdf_labels = {PageKind.MODULE: _("Download this module as a PDF"),
                          PageKind.FACILITATOR_GUIDE: _("Download this facilitator guide as a PDF"),
                          PageKind.HANDOUTS: _("Download these handouts as a PDF")}
            label = pdf_labels.get(planned.kind)  # type: ignore[call-overload]
            pdf = planned.pdf if self.config.pdf and label else None
            return {"print": True, "print_label": _("Print this page"), "pdf": pdf, "pdf_label": label}
        if page.is_homepage and self.config.pdf and self.build.project:
            return {"print": False, "pdf": toolkit_pdf_path(self.build.project.toolkit.title),
                    "pdf_label": _("Download the whole toolkit as a PDF")}
        return None

    def _planned(self, page: MkDocsPage) -> PlannedPage | None:
        return self.build.plan.page(page.file.src_uri) if self.build.plan else None

    def _language_build(self, layers: list[Path], language: str | None) -> LanguageBuild:
        """The language to build: as the `toolkit` command handed it over, else prepared here."""
        handed = self.handed
        if (handed is not None and handed.layers == layers_key(layers)
                and (language is None or handed.language == language)
                and (self.config.pdf == (handed.plan.page(BOOK) is not None))):
            return handed
        builds = prepare(layers, [language] if language else (), pdf=self.config.pdf, kept=self.documents)
        return builds[language] if language in builds else next(iter(builds.values()))

    def _alternates(self, page: MkDocsPage | None) -> list[dict[str, Any]]:
        """Links to ``page`` (None: the home page) in every language, relative to the page."""
        project = self.build.project
        if project is None or len(project.toolkit.languages) < 2:
            return []
        toolkit = project.toolkit
        url = page.url if page is not None else ""
        to_root = get_relative_url(".", url).rstrip("/") + "/" if url else ""
        links = language_links(toolkit.languages, toolkit.language, project.language, url)
        for link in links:
            link["href"] = posixpath.normpath(to_root + link.pop("link")) + ("/" if url.endswith("/") or not url
                                                                             else "")
            link["current"] = link["lang"] == project.language
            if self.served is not None and link["lang"] not in self.served:
                link["not_served"] = self.build.gettext("%(language)s: not served (toolkit serve -l %(code)s)") % {
                    "language": link["name"], "code": link["lang"]}
        return links

    def _show_problems(self, config: MkDocsConfig, error: ContentError, shown: set[str]) -> MkDocsConfig:
        """While serving, every page shows the problems instead of a stale page: the pages the
        content's files make, and those of the last build (a reader may have any of them open)."""
        # Not a warning: in strict mode MkDocs would then abort and keep serving the stale site.
        log.info("The site shows these problems until they are fixed.\n%s", error)
        build = self.build
        paths = shown.union(*(pages_from_files(layer) for layer in build.layers))
        html = problems_page(error.problems)
        build.pages = [Page(path, "Problems", html) for path in sorted(paths)]
        build.nav = [{"Problems": "index.md"}]
        if config.nav is None:
            config.nav = [{"Problems": "index.md"}]
        return config
