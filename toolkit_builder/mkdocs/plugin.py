"""MkDocs adapter: feeds the pages rendered by the core to MkDocs.

Each hook is a few lines that delegate to the core (``loader`` and ``render``);
content mistakes become a ``PluginError`` whose message lists every located problem.
"""

from __future__ import annotations

import logging
import os
import posixpath
from datetime import datetime
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from ..core.branding import branding_css
from ..core.files import published_files
from ..core.history import last_updated, updated_html
from ..core.i18n import language_links, load_translations
from ..core.load import load_project
from ..core.problems import ContentError
from ..core.render import Page, render_site, site_nav
from ..core.sitemap import pages_from_files
from ..tools.pdf import module_pdf_path, toolkit_pdf_path
from .html_fixes import fix_page
from .problems import problems_page

log = logging.getLogger("mkdocs.plugins.toolkit")

ASSETS = Path(__file__).parent / "assets"
#: Theme partials of the toolkit (language switcher, footer, accessible search, print
#: actions); a site's custom_dir overrides them.
THEME = Path(__file__).parent / "theme"
#: Stylesheets added to every page, in this order, before the project's own.
STYLESHEETS = ("assets/toolkit/toolkit.css", "assets/toolkit/access.css", "assets/toolkit/print.css")
SCRIPT = "assets/toolkit/toolkit.js"
REQUIRED_EXTENSIONS = ("attr_list", "toc", "abbr")


class ToolkitConfig(base.Config):
    #: The content folder (toolkit.yml, modules/...), relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    #: Folder of Jinja templates that replace the bundled ones, relative to mkdocs.yml.
    templates_dir = c.Type(str, default="overrides/toolkit")
    #: Address that a module's YAML path (e.g. `modules/education/x.yml`) is appended to
    #: for the "edit this page" button; empty for no button.
    edit_url = c.Type(str, default="")
    #: Upstream content folders this site builds on, relative to mkdocs.yml (oldest first);
    #: `content_dir` is laid over them.
    upstream = c.ListOfItems(c.Type(str), default=[])
    #: Language to build; default: the TOOLKIT_LANGUAGE environment variable, else the
    #: toolkit's own language. `toolkit build` builds every language.
    language = c.Type(str, default="")
    #: Link module pages (and the home page) to their PDFs in `pdf/`; `toolkit pdf` turns this
    #: on for the build whose pages it renders, so a link appears only with its PDF.
    pdf = c.Type(bool, default=False)


class ToolkitPlugin(BasePlugin[ToolkitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.sources: dict[str, str] = {}
        self.updated: dict[str, datetime] = {}
        self.serving = False
        self.alternates: list[dict] = []
        self.brand_css = ""
        self.module_pages: dict[str, str] = {}
        self.gettext = str
        self.generated: set[str] = set()

    def on_startup(self, *, command, dirty):
        # Also keeps this plugin instance across the rebuilds of `serve`.
        self.serving = command == "serve"

    # Before other plugins: search reads the theme language set here.
    @event_priority(100)
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.content_dir = root / self.config.content_dir
        self.layers = [root / u for u in self.config.upstream] + [self.content_dir]
        language = self.config.language or os.environ.get("TOOLKIT_LANGUAGE") or None
        self.templates_dir = (root / self.config.templates_dir).resolve()
        self.updated = last_updated(self.content_dir)
        try:
            project = load_project(self.layers, language)
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            return self._show_problems(config, error)
        self.project = project
        translations = load_translations(project.language, self.layers)
        self.gettext = translations.gettext
        self.pages = render_site(project, self.templates_dir, translations, config.use_directory_urls)
        self.module_pages = {p.path: p.module_id for p in self.pages if p.module_id}
        self.media = published_files(project, self.layers)
        own_layer = len(self.layers) - 1
        # "Edit this page" only for modules of this site's own content folder.
        self.sources = {p.path: p.source for p in self.pages
                        if p.module_id and project.layers.get(p.module_id) == own_layer}
        self.generated = {p.path for p in self.pages}
        if config.nav is None:
            config.nav = site_nav(project, translations)
        # The theme writes the site name unescaped (in <title>, the header, meta tags).
        config.site_name = str(escape(" ".join(project.toolkit.title.split())))
        custom = 1 if config.theme.custom_dir else 0
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(custom, str(THEME))
        config.theme["language"] = project.language
        config.extra["toolkit_organization"] = project.toolkit.organization
        self.brand_css = branding_css(project.toolkit.branding)
        if self.brand_css:
            config.extra_css.append("assets/toolkit/brand.css")
        # Material shows its language menu when `alternate` is set; it is not a list here, so
        # Material's own links (relative to the wrong root on translated pages) are not written;
        # overrides/partials/alternate.html writes ours.
        self.alternates = self._alternates(None)
        if self.alternates:
            config.extra["alternate"] = True
            config.extra["toolkit_alternates"] = self.alternates
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.extra_css[:0] = [css for css in STYLESHEETS if css not in config.extra_css]
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        self.title = project.toolkit.title
        return config

    def on_files(self, files, *, config):
        # Block templates may sit inside the theme folder (overrides/toolkit/); they are
        # inputs of the build, not files to publish.
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(self.templates_dir):
                files.remove(file)
        for page in self.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.path, content=page.markdown))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file():
                uri = f"assets/toolkit/{asset.relative_to(ASSETS).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        if self.brand_css:
            files.append(File.generated(config, "assets/toolkit/brand.css", content=self.brand_css))
        for uri, path in sorted(self.media.items()):  # videos, captions and posters of media blocks
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_page_context(self, context, *, page, config, nav):
        source = self.sources.get(page.file.src_uri)
        if source and self.config.edit_url:
            page.edit_url = self.config.edit_url.rstrip("/") + "/" + source
        if self.alternates:
            # The language switcher leads to this same page in each language.
            config.extra["toolkit_alternates"] = self._alternates(page)
        if source in self.updated:  # Material shows it at the end of the page
            page.meta["revision_date"] = updated_html(self.updated[source])
        page.meta.setdefault("toolkit", self._actions(page))
        if page.file.src_uri in self.generated and not page.is_homepage and page.title:
            # The theme writes `page.title | striptags` into <title>, which turns `&lt;` back into `<`;
            # a title in meta is written as it is, so it stays text.
            page.meta["title"] = str(escape(Markup(page.title).striptags()))
        return context

    def _actions(self, page) -> dict | None:
        """The print button and PDF link shown with a page's title (partials/actions.html)."""
        _ = self.gettext
        module_id = self.module_pages.get(page.file.src_uri)
        if module_id:
            pdf = module_pdf_path(module_id) if self.config.pdf else None
            return {"print": True, "print_label": _("Print this page"), "pdf": pdf,
                    "pdf_label": _("Download this module as a PDF")}
        if page.is_homepage and self.config.pdf:
            return {"print": False, "pdf": toolkit_pdf_path(self.title),
                    "pdf_label": _("Download the whole toolkit as a PDF")}
        return None

    def on_post_template(self, output_content, *, template_name, config):
        return fix_page(output_content) if template_name.endswith(".html") else output_content

    def on_post_page(self, output, *, page, config):
        output = fix_page(output)
        if self.alternates:
            # The same page in the other languages, for browsers and search engines.
            links = "".join(f'<link rel="alternate" href="{a["href"]}" hreflang="{a["lang"]}">'
                            for a in config.extra["toolkit_alternates"] if not a["current"])
            output = output.replace("</head>", links + "</head>", 1)
            config.extra["toolkit_alternates"] = self.alternates
        return output

    def _alternates(self, page) -> list[dict]:
        """Links to ``page`` (None: the home page) in every language, relative to the page."""
        toolkit = self.project.toolkit
        if len(toolkit.languages) < 2:
            return []
        url = page.url if page is not None else ""
        to_root = get_relative_url(".", url).rstrip("/") + "/" if url else ""
        links = language_links(toolkit.languages, toolkit.language, self.project.language, url)
        for link in links:
            link["href"] = posixpath.normpath(to_root + link.pop("link")) + ("/" if url.endswith("/") or not url
                                                                             else "")
            link["current"] = link["lang"] == self.project.language
        return links

    def on_serve(self, server, *, config, builder):
        for layer in self.layers:
            server.watch(str(layer))
        return server

    def _show_problems(self, config, error: ContentError):
        """While serving, every page shows the problems instead of a stale page."""
        # Not a warning: in strict mode MkDocs would then abort and keep serving the stale site.
        log.info("The site shows these problems until they are fixed.\n%s", error)
        paths = {page.path for page in self.pages}.union(*(pages_from_files(layer) for layer in self.layers))
        markdown = problems_page(error.problems)
        self.pages = [Page(path, "Problems", markdown) for path in sorted(paths)]
        self.sources = {}
        self.module_pages = {}
        self.alternates = []
        self.brand_css = ""
        if config.nav is None:
            config.nav = [{"Problems": "index.md"}]
        return config
