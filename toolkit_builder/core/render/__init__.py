"""Rendering: the loaded project -> Markdown pages and a nav, through Jinja templates."""

from .citations import Citations, format_reference
from .page import Page
from .renderer import Renderer
from .site import register_page_renderer, render_site, site_nav

# The page kinds the package registers as any package outside would (their modules register them).
from . import accessibility  # noqa: E402,F401  # isort: skip

__all__ = ["Citations", "Page", "Renderer", "format_reference", "register_page_renderer", "render_site", "site_nav"]
