"""Rendering: the loaded project -> Markdown pages and a nav, through Jinja templates."""

from .book import book_paths
from .citations import Citations, format_reference
from .renderer import Page, Renderer
from .site import render_site, site_nav

__all__ = ["Citations", "book_paths", "Page", "Renderer", "format_reference", "render_site", "site_nav"]
