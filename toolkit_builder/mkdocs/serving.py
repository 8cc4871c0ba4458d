"""What `toolkit serve` keeps from one rebuild to the next, per output folder (so per language).

`toolkit serve` builds every language in turn, each into its own folder, with one plugin
instance (MkDocs keeps a plugin that has `on_startup` across the configurations of a process).
What is kept is kept per output folder: its last build, rendered pages and page files, so a
rebuild never takes another language's pages, and the page files always match the HTML in
their folder (the problems pages too, which replace a language's pages while the content is
broken). The parsed content files are shared: they are the same files.

With dirty rebuilds, each page's HTML is a file that is rewritten only when it changed, or
when the page's nav changed, so MkDocs rebuilds only the pages whose file is newer than their
HTML. The theme's files are listed once (``list_theme_once``), not at every rebuild.
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
from ..core.render.compiled import COMPILED
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
        #: The theme's files (Jinja's listing of its folders), by the folders and the site's own
        #: theme files (``list_theme_once``).
        self.theme_files: dict[Any, list[str]] = {}
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


def list_theme_once(theme: Any, listed: dict[Any, list[str]]) -> None:
    """Make ``theme`` list its files once for all the rebuilds of `serve`: MkDocs lists and filters
    every file of the theme's folders at every build to find the static ones (Material's icons are
    14,000 files), and they do not change while serving. A site's own theme folder (custom_dir)
    may: its files' names and times are part of what the listing is kept by. And the templates of
    every environment made from the theme (the search plugin makes its own) are compiled once."""
    get_env = theme.get_env

    def get_env_listed_once() -> Any:
        env = get_env()
        env.bytecode_cache = COMPILED
        list_templates = env.list_templates
        custom = Path(theme.custom_dir) if theme.custom_dir else None
        own = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in custom.rglob("*"))) if custom and custom.is_dir() else ()
        folders = (tuple(getattr(env.loader, "searchpath", ())), own)

        def listed_once(extensions: Any = None, filter_func: Any = None) -> list[str]:
            key = (folders, tuple(extensions or ()), getattr(filter_func, "__code__", filter_func))
            if key not in listed:
                listed[key] = list_templates(extensions, filter_func)
            return list(listed[key])

        env.list_templates = listed_once
        return env

    theme.get_env = get_env_listed_once


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
