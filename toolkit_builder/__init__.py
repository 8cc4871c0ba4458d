"""toolkit-builder: publish implementation toolkits from structured YAML modules."""

from .core import ContentError, Page, Problem, load_project, render_site, site_nav

__all__ = ["ContentError", "Page", "Problem", "load_project", "render_site", "site_nav"]
__version__ = "0.1.0"
