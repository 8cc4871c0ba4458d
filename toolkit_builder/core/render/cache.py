"""Pages kept from one rendering of a site to the next (`toolkit serve` rebuilds after each edit).

A module's page is found again by a hash of the module as loaded and of everything else a
module page shows from the rest of the toolkit (the toolkit, references, glossary, the other
modules' titles, summaries and places, the options and the templates); the cross-index pages by
a hash of the places they list. So an edit re-renders the edited module's page, and the topic
pages only if it changed what they list. Templates are compiled once per process.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import Any, Callable

from ..project import Module, Project
from .page import Page


def digest(*parts: str | bytes) -> str:
    """A hash of ``parts``, each kept apart from the next."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else part.encode())
        hashed.update(b"\0")
    return hashed.hexdigest()


def _templates(overrides: str | Path | None) -> str:
    """The site's own templates (their names, sizes and times): a change to one re-renders everything."""
    folder = Path(overrides) if overrides else None
    if folder is None or not folder.is_dir():
        return ""
    return "|".join(f"{p.relative_to(folder)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                    for p in sorted(folder.rglob("*")) if p.is_file())


def site_digest(project: Project, *options: Any) -> str:
    """What every page may show besides its own module: all but the modules' own contents."""
    outline = [(m.id, m.section, m.title, m.summary, m.order, m.audience, m.tags, m.meeting() is not None)
               for m in project.modules]
    return digest(project.model_dump_json(exclude={"modules", "untranslated"}), repr(outline), repr(options))


#: id(module) -> (the module, weakly; a hash of it as JSON): a loaded module is frozen, and `toolkit
#: serve` loads the same module object again for a file that did not change, so a rebuild hashes
#: only the modules that changed. An entry goes when its module does.
_HASHED: dict[int, tuple[weakref.ref[Module], str]] = {}


def _module_hash(module: Module) -> str:
    key = id(module)
    kept = _HASHED.get(key)
    if kept is not None and kept[0]() is module:
        return kept[1]
    hashed = digest(module.model_dump_json())
    _HASHED[key] = (weakref.ref(module, lambda _, key=key: _HASHED.pop(key, None)), hashed)  # type: ignore[misc]
    return hashed


def module_digest(project: Project, module: Module) -> str:
    missing = project.untranslated.get(module.id)
    return digest(_module_hash(module), missing.model_dump_json() if missing is not None else "-")


def project_digest(project: Project) -> str:
    """A hash of the whole project as loaded."""
    return digest(project.model_dump_json(exclude={"modules"}), *(_module_hash(m) for m in project.modules))


class PageCache:
    """The pages of the last rendering, by key; ``rendered`` counts the pages rendered anew."""

    def __init__(self) -> None:
        self.pages: dict[str, list[Page]] = {}
        self.used: dict[str, list[Page]] = {}
        self.rendered = 0

    def start(self, project: Project, overrides: str | Path | None, *options: Any) -> str:
        """Begin a rendering: the hash every key of this rendering starts with."""
        self.used = {}
        self.rendered = 0
        return site_digest(project, _templates(overrides), *options)

    def add(self, key: str, pages: list[Page]) -> None:
        """Pages rendered anew for this rendering ahead of being asked for (``render_site``)."""
        self.pages[key] = pages
        self.rendered += len(pages)

    def get(self, key: str, render: Callable[[], list[Page]]) -> list[Page]:
        pages = self.pages.get(key)
        if pages is None:
            pages = render()
            self.rendered += len(pages)
        self.used[key] = pages
        return pages

    def finish(self) -> None:
        """Keep only what this rendering used."""
        self.pages, self.used = self.used, {}
