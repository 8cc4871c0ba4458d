"""MkDocs adapter: feeds the pages rendered by the core to MkDocs.

Each hook is a few lines that delegate to the core (``loader`` and ``render``);
content mistakes become a ``PluginError`` whose message lists every located problem.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from .loader import ContentError, load_project
from .render import Page, render_site, site_nav

log = logging.getLogger("mkdocs.plugins.toolkit")

ASSETS = Path(__file__).parent / "assets"
REQUIRED_EXTENSIONS = ("attr_list", "toc", "abbr")


class ToolkitConfig(base.Config):
    #: The content folder (toolkit.yml, modules/...), relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    #: Folder of Jinja templates that replace the bundled ones, relative to mkdocs.yml.
    templates_dir = c.Type(str, default="overrides/toolkit")
    #: Address that a module's YAML path (e.g. `modules/education/x.yml`) is appended to
    #: for the "edit this page" button; empty for no button.
    edit_url = c.Type(str, default="")


class ToolkitPlugin(BasePlugin[ToolkitConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.sources: dict[str, str] = {}
        self.generated: set[str] = set()

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.content_dir = root / self.config.content_dir
        try:
            project = load_project(self.content_dir)
        except ContentError as error:
            raise PluginError(str(error)) from None
        self.templates_dir = (root / self.config.templates_dir).resolve()
        self.pages = render_site(project, self.templates_dir)
        self.sources = {p.path: p.source for p in self.pages if p.source}
        self.generated = {p.path for p in self.pages}
        if config.nav is None:
            config.nav = site_nav(project)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.extra_css.insert(0, "assets/toolkit/toolkit.css")
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
        return files

    def on_page_context(self, context, *, page, config, nav):
        source = self.sources.get(page.file.src_uri)
        if source and self.config.edit_url:
            page.edit_url = self.config.edit_url.rstrip("/") + "/" + source
        if page.file.src_uri in self.generated and not page.is_homepage and page.title:
            # The theme writes `page.title | striptags` into <title>, which turns `&lt;` back into `<`;
            # a title in meta is written as it is, so it stays text.
            page.meta["title"] = str(escape(Markup(page.title).striptags()))
        return context

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_dir))
        return server
