"""What a site engine needs to build one language: the project, its interface catalogue, its plan.

``prepare`` loads and checks the content once for every language a build makes, reads and
compiles each language's catalogue once, and plans each language's site. The `toolkit` command
hands each language's ``LanguageBuild`` to the engine explicitly (the MkDocs plugin's
``hand_over``); a plain `mkdocs build` prepares its own. A ``LanguageBuild`` can be sent to another
process (``spawn`` as well as ``fork``): the project goes as it is, the catalogue is compiled again
there from its files (a few milliseconds; gettext's objects cannot be pickled).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Collection

from .i18n import load_translations
from .layers import ContentDirs, content_layers, module_files_of
from .load import DocumentCache, load_languages
from .load.documents import ParsedAhead
from .project import Project
from .site import SitePlan, plan_site


@dataclass
class LanguageBuild:
    """One language of a site, ready to render: loaded, checked, translated and planned."""

    project: Project
    layers: tuple[Path, ...]
    plan: SitePlan
    translations: NullTranslations = field(default_factory=NullTranslations, compare=False)

    @property
    def language(self) -> str:
        return self.project.language

    @property
    def gettext(self) -> Any:
        return self.translations.gettext

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["translations"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.translations = load_translations(self.project.language, list(self.layers))


def prepare(content_dirs: ContentDirs, languages: Collection[str] = (), pdf: bool = False,
            kept: DocumentCache | None = None, processes: int = 1) -> dict[str, LanguageBuild]:
    """Every language of ``languages`` (all of the toolkit's if empty) and the default one, default
    first; raises ``ContentError`` with every problem of every language. ``pdf``: the site has PDFs
    (its plan holds the book's front). ``kept``: parsed files kept across the rebuilds of `serve`.
    ``processes``: how many processes parse the module files (``ParsedAhead``)."""
    layers = tuple(layer.resolve() for layer in content_layers(content_dirs))
    ahead = ParsedAhead(module_files_of(layers, languages), processes) if processes > 1 else None
    builds = {}
    for code, project in load_languages(list(layers), languages, kept, store=ahead).items():
        translations = load_translations(code, list(layers))
        builds[code] = LanguageBuild(project, layers, plan_site(project, translations.gettext, pdf), translations)
    return builds


def layers_key(content_dirs: ContentDirs) -> tuple[Path, ...]:
    """The content folders as a ``LanguageBuild`` holds them, to tell whether one was made from them."""
    return tuple(layer.resolve() for layer in content_layers(content_dirs))
