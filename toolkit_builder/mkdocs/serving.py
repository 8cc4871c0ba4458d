"""What `toolkit serve` keeps from one rebuild to the next, per output folder (so per language).

`toolkit serve` builds every language in turn, each into its own folder, with one plugin
instance (MkDocs keeps a plugin that has `on_startup` across the configurations of a process).
What is kept is kept per output folder: its last build, rendered pages and page files, so a
rebuild never takes another language's pages, and the page files always match the HTML in
their folder (the problems pages too, which replace a language's pages while the content is
broken). The parsed content files are shared: they are the same files.

With dirty rebuilds, each page's Markdown is a file that is rewritten only when it changed, or
when the page's nav changed, so MkDocs rebuilds only the pages whose file is newer than their
HTML.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..core.load import DocumentCache
from ..core.render import Page
from ..core.render.cache import PageCache
from ..core.render.site import nav_changes

B = TypeVar("B")


@dataclass
class Kept(Generic[B]):
    """One output folder's: its last build, the pages rendered for it, and where its page files are."""

    build: B
    rendered: PageCache = field(default_factory=PageCache)
    pages_dir: Path | None = None


class Serving(Generic[B]):
    """The state `toolkit serve` keeps; ``dirty``: MkDocs rebuilds only the pages whose file changed."""

    def __init__(self, dirty: bool, empty: B):
        self.documents = DocumentCache()
        self.root = Path(tempfile.mkdtemp(prefix="toolkit-pages-")) if dirty else None
        self.empty = empty
        self.folders: dict[str, Kept[B]] = {}
        if dirty:
            # The pages whose nav changed are rebuilt too (see write_pages): the warning does not apply.
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildIsAccurate())

    def of(self, site_dir: str) -> Kept[B]:
        """What the builds into ``site_dir`` kept."""
        kept = self.folders.get(site_dir)
        if kept is None:
            folder = self.root / str(len(self.folders)) if self.root is not None else None
            kept = self.folders[site_dir] = Kept(self.empty, pages_dir=folder)
        return kept

    def close(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


def write_pages(folder: Path, pages: list[Page], previous_nav: list[Any], nav: list[Any]) -> list[str]:
    """Write the pages whose HTML changed, and touch those whose nav changed; return both."""
    stale = nav_changes(previous_nav, nav)
    changed = []
    for page in pages:
        path = folder / page.path
        if path.is_file() and path.read_text(encoding="utf-8") == page.html and not (
                stale is None or page.path in stale):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.html, encoding="utf-8")
        changed.append(page.path)
    return changed


class _DirtyBuildIsAccurate(logging.Filter):
    """Drops MkDocs' warning that a dirty build leaves stale navigation: the plugin rebuilds the
    pages whose nav changed. (In strict mode the warning would stop every rebuild of `serve`.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")
