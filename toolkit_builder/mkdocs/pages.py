"""Generated pages as MkDocs pages that are already finished.

The core renders each generated page to HTML with its table of contents (``core.render.headings``).
A ``FinishedPage`` hands both to MkDocs as they are, as Material's blog plugin does with its views:
MkDocs runs no Markdown over it, so no generated text is converted twice. Every other step of
MkDocs (plugins' page events, search, the theme) sees a page like any other. Hand-written pages
under `docs/` are ordinary MkDocs pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from ..core.render import Page
from ..core.render.page import toc_tokens

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files


class FinishedPage(MkDocsPage):
    """A page whose HTML and table of contents the core made (``page``)."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, page: Page) -> None:
        super().__init__(title, file, config)
        self.finished = page
        # The title a Markdown page gets from its first heading, known before rendering: a dirty
        # rebuild of `serve` links to pages it does not render again.
        first = next((heading for heading in page.toc if heading.level == 1), None)
        self._title_from_render = first.name if first is not None else None

    def read_source(self, config: MkDocsConfig) -> None:
        # Nothing to read: no Markdown, no front matter (the plugin sets the page's meta).
        self.markdown, self.meta = "", {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.finished.html
        self.toc = get_toc(cast(Any, toc_tokens(self.finished.toc)))  # the `toc` extension's tokens
        self.present_anchor_ids = {heading.id for heading in self.finished.toc}


def nav_titles(nav: Any) -> dict[str, str | None]:
    """Page path -> its title in a nav as mkdocs.yml writes it (None: the page's own title)."""
    titles: dict[str, str | None] = {}

    def walk(item: Any, title: str | None = None) -> None:
        if isinstance(item, str):
            titles.setdefault(item, title)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, str(key))
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return titles
