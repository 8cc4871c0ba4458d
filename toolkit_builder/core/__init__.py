"""The core: YAML content -> validated model -> Markdown pages. It imports nothing from MkDocs
(an import-linter contract checks it), so it could serve another site engine."""

from .load import load_languages, load_project
from .problems import ContentError, Problem
from .render import Page, render_site, site_nav

__all__ = ["ContentError", "Page", "Problem", "load_languages", "load_project", "render_site", "site_nav"]
