"""Load the content folders into the typed model, in one language or all of them.

Each file is read (located when a problem needs its positions), validated with the model, its translation laid over
it, and then the files are cross-checked. Every problem of a run is collected and
raised as one ``ContentError``; no other exception escapes for a content mistake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Collection, cast

from ..i18n.catalogues import catalogue_problems
from ..i18n.merge import Merged, merge, text_leaves
from ..layers import UPSTREAM_TRANSLATIONS, ContentDirs, content_layers, module_files
from ..model import Glossary, GlossaryTerm, Reference, Toolkit, ToolkitOverlay
from ..problems import ContentError, Problem, did_you_mean, display
from ..project import Module, Project, Untranslated
from ..site import PlannedPage, paths_before_load, plan_site
from ..yamlpos import Document, read_document
from .checks import Checker, check_links, glossary_anchors
from .documents import DataStore, DocumentCache
from .messages import validate


class _Loader:
    """Loads the files of every content layer in one language, collecting problems."""

    def __init__(self, layers: list[Path], language: str | None, cache: dict[Path, Document] | None = None,
                 kept: DocumentCache | None = None, checked: dict[Any, Any] | None = None,
                 store: DataStore | None = None):
        self.layers = layers
        self.language = language
        self.problems: list[Problem] = []
        #: Parsed files, shared by the loads of one project in several languages.
        self.cache = cache if cache is not None else {}
        #: Parsed files kept from earlier loads, used while their bytes are the same.
        self.kept = kept
        #: The files read by the load at hand (while results are kept, see ``DocumentCache``).
        self.reads: list[tuple[Path, Document]] | None = None
        #: What each source file checked as without a problem, shared by the loads of one project in
        #: several languages: a translated load lays the translation over a source checked already.
        self.checked = checked if checked is not None else {}
        #: The data of files read before, kept on disk between runs (``StoredData``).
        self.store = store

    def read(self, path: Path) -> Document | None:
        document = self._read(path)
        if self.reads is not None and document is not None:
            self.reads.append((path, document))
        return document

    def _read(self, path: Path) -> Document | None:
        if path in self.cache:
            return self.cache[path]
        document = self.kept.get(path) if self.kept is not None else None
        if document is None:
            root = next((layer for layer in self.layers if path.is_relative_to(layer)), path.parent)
            before = len(self.problems)
            document = read_document(path, display(path), self.problems, root, store=self.store)
            if document is not None and self.kept is not None and len(self.problems) == before:
                self.kept.put(path, document)
        if document is not None:
            self.cache[path] = document
        return document

    def translation_of(self, relative: Path, layers: list[Path]) -> Path | None:
        """The translation of a file (by its path within a layer); the last layer's wins."""
        name = relative.with_name(f"{relative.stem}.{self.language}.yml")
        for layer in reversed(layers):
            if (layer / name).is_file():
                return layer / name
        return None

    def upstream_translation_of(self, layer: Path, relative: Path) -> Path | None:
        """A translation of an upstream file kept by a later layer in its `upstream/` folder
        (how a localized copy adds a language without editing upstream files)."""
        name = relative.with_name(f"{relative.stem}.{self.language}.yml")
        later = self.layers[self.layers.index(layer) + 1:]
        for other in reversed(later):
            if (other / UPSTREAM_TRANSLATIONS / name).is_file():
                return other / UPSTREAM_TRANSLATIONS / name
        return None

    def load(self, layer: Path, relative: Path, root: Any, translate: bool,
             any_layer: bool = False) -> tuple[Any, Document | None, Merged | None]:
        """(value, source document, merge result) of one file, or (None, ...) after a problem.

        A module's translation may come from any layer (an overlay can add a language to
        upstream modules); the translation of toolkit.yml or glossary.yml sits beside it.
        """
        results = self.kept.results if self.kept is not None else None
        if results is None:
            return self._load(layer, relative, root, translate, any_layer)
        key = (layer, relative, root, translate, any_layer, self.language)
        kept = results.get(key)
        if kept is not None and all(self._read(path) is document for path, document in kept[0]):
            return cast("tuple[Any, Document | None, Merged | None]", kept[1])  # the same files: the same result
        before, self.reads = len(self.problems), []
        try:
            result = self._load(layer, relative, root, translate, any_layer)
        finally:
            reads, self.reads = self.reads, None
        if len(self.problems) == before:  # a file with a mistake is checked again, and its problems said
            results[key] = (reads, result)
        return result

    def _load(self, layer: Path, relative: Path, root: Any, translate: bool,
              any_layer: bool = False) -> tuple[Any, Document | None, Merged | None]:
        path = layer / relative
        document = self.read(path)
        if document is None:
            return None, None, None
        before = len(self.problems)
        value = self.checked.get((document, root, layer))
        if value is None:
            value = validate(root, document, self.problems, content_dir=layer)
            if value is not None and len(self.problems) == before:
                self.checked[(document, root, layer)] = value
        if not translate or value is None or len(self.problems) > before:
            return value, document, None
        # A module's translation comes from its own folder or a later one (a copy may translate an
        # upstream module), never from an earlier one: an upstream translation of a module that a
        # copy replaces is not a translation of the replacement.
        later = self.layers[self.layers.index(layer):]
        translation_path = self.translation_of(relative, later if any_layer else [layer])
        if translation_path is None and not any_layer:
            translation_path = self.upstream_translation_of(layer, relative)
        if translation_path is None:
            missing = [p for p, _ in text_leaves(document.data, root)]
            return value, document, Merged(document.data, missing=missing)
        translation = self.read(translation_path)
        if translation is None:
            return value, document, None
        merged = merge(document.data, translation.data, root)
        for issue in merged.issues:
            line, column = translation.where(issue.path, key=True)
            self.problems.append(Problem(translation.file, line, column, issue.code, issue.message, issue.hint))
        if root is Module and isinstance(merged.data, dict):
            # A block with any text missing is shown whole in the source language.
            blocks = {p[1] for p in merged.missing if len(p) > 1 and p[0] == "blocks"}
            for index in blocks:
                merged.data["blocks"][index] = document.data["blocks"][index]
        merged_doc = translation.with_data(merged.data)
        translated = validate(root, merged_doc, self.problems, content_dir=layer)
        return translated, document, merged

    def orphans(self, languages: list[str], module_ids: set[str]) -> None:
        """Translation files of modules that do not exist, or in undeclared languages."""
        for layer in self.layers:
            for path in sorted((layer / "modules").glob("*/*.*.yml")):
                stem, _, language = path.stem.rpartition(".")
                where = display(path)
                if "." in stem:
                    continue
                if language not in languages:
                    self.problems.append(Problem(where, 1, 1, "unknown-language",
                                                 f"'{language}' is not one of the toolkit's languages",
                                                 f"add '{language}' to `languages` in toolkit.yml, or rename the file; "
                                                 + did_you_mean(language, languages, "languages")))
                elif stem not in module_ids:
                    self.problems.append(Problem(where, 1, 1, "translation-orphan",
                                                 f"there is no module '{stem}' to translate",
                                                 did_you_mean(stem, sorted(module_ids), "modules")))


def load_project(content_dirs: ContentDirs, language: str | None = None,
                 _cache: dict[Path, Document] | None = None, kept: DocumentCache | None = None,
                 _cross_checked: bool = False, _checked: dict[Any, Any] | None = None,
                 store: DataStore | None = None) -> Project:
    """Load and check every file of the content folders; raise ``ContentError`` listing all problems.

    ``content_dirs`` is one folder, or an upstream folder followed by overlays that add,
    replace (same module id) or hide modules. ``language`` picks the language of the
    text (default: the toolkit's own); missing translations fall back to the default.
    ``kept`` keeps parsed files from one load to the next (``DocumentCache``).
    """
    layers = content_layers(content_dirs)
    base = layers[0]
    toolkit_path = base / "toolkit.yml"
    if not toolkit_path.is_file():
        raise ContentError([Problem(display(toolkit_path), 1, 1, "missing-file",
                                    f"there is no toolkit.yml in {display(base)}",
                                    "run `toolkit validate` on the content folder, or create toolkit.yml")])
    loader = _Loader(layers, None, _cache, kept, _checked, store)
    problems = loader.problems

    # The toolkit first, in the default language, to know which language to load.
    toolkit, toolkit_doc, _ = loader.load(base, Path("toolkit.yml"), Toolkit, False)
    overlays: list[tuple[Any, Document | None, Path]] = []
    for layer in layers[1:]:
        if (layer / "toolkit.yml").is_file():
            overlay, doc, _ = loader.load(layer, Path("toolkit.yml"), ToolkitOverlay, False)
            overlays.append((overlay, doc, layer))
    if toolkit is not None:
        for overlay, _, _ in overlays:
            if overlay is not None:
                toolkit = overlay.apply(toolkit)
    default = toolkit.language if toolkit else "en"
    language = language or default
    if toolkit is not None and language not in toolkit.languages:
        assert toolkit_doc is not None  # the toolkit was read from it
        raise ContentError(problems + [Problem(display(toolkit_path), *toolkit_doc.where(("languages",)),
                                               "unknown-language",
                                               f"'{language}' is not one of the toolkit's languages",
                                               did_you_mean(language, toolkit.languages, "languages"))])
    translate = language != default
    loader.language = language
    problems.extend(catalogue_problems(language, layers))  # the interface strings of this language
    if translate and toolkit is not None:
        translated, _, _ = loader.load(base, Path("toolkit.yml"), Toolkit, True)
        if translated is not None:
            for layer_overlay in overlays:
                overlay, _, layer = layer_overlay
                if overlay is not None:
                    local, _, _ = loader.load(layer, Path("toolkit.yml"), ToolkitOverlay, True)
                    translated = (local or overlay).apply(translated)
            toolkit = translated

    references: dict[str, Reference] = {}
    glossary: list[GlossaryTerm] = []
    untranslated_terms: set[int] = set()
    for layer in layers:
        if (layer / "references.yml").is_file():
            refs, _, _ = loader.load(layer, Path("references.yml"), dict[str, Reference], False)
            references.update(refs or {})
        if (layer / "glossary.yml").is_file():
            loaded, glossary_doc, merged = loader.load(layer, Path("glossary.yml"), Glossary, translate)
            terms = loaded.terms if loaded else []
            if glossary_doc is not None:
                glossary_anchors(glossary_doc, terms, problems)
            replaced = {t.term for t in terms}
            offset = len([t for t in glossary if t.term not in replaced])
            glossary = [t for t in glossary if t.term not in replaced] + list(terms or [])
            if merged:
                untranslated_terms |= {offset + cast(int, p[1]) for p in merged.missing if len(p) > 1}

    # The cross-checks read the files in the default language (ids, tags, links), which every
    # language shares: after a load in the default language found nothing, they would find nothing.
    checker = Checker(toolkit, references, problems) if toolkit and not _cross_checked else None
    if checker and toolkit_doc:
        checker.toolkit_file(toolkit_doc)
        for _, doc, _ in overlays:
            if doc is not None:
                checker.branding(doc)
                checker.citations(doc, doc.data)

    found: dict[str, tuple[Path, Path]] = {}
    for layer in layers:
        for path, _section in module_files(layer):
            found[path.stem] = (layer, path)  # a later layer replaces a module by id
    modules: list[Module] = []
    sources: dict[str, str] = {}
    origin: dict[str, int] = {}
    untranslated: dict[str, Untranslated] = {}
    documents: dict[str, Document] = {}
    hidden: set[str] = set()
    for overlay, doc, _ in overlays:
        if overlay is not None:
            assert doc is not None  # the overlay was read from it
            for i, module_id in enumerate(overlay.hide):
                if module_id not in found:
                    problems.append(Problem(doc.file, *doc.where(("hide", i)), "unknown-module",
                                            f"there is no module '{module_id}' to hide",
                                            did_you_mean(module_id, sorted(found), "modules")))
                hidden.add(module_id)
    for layer in layers:
        for path, _section in module_files(layer):
            if found.get(path.stem, (None, None))[1] != path:
                continue
            relative = path.relative_to(layer)
            module, document, merged = loader.load(layer, relative, Module, translate, any_layer=True)
            if checker and document is not None:
                checker.module(document, path.parent.name, path.stem, layer)
            if module is None or document is None:
                continue
            if module.id in documents:
                first = documents[module.id]
                line, column = document.where(("id",))
                problems.append(Problem(document.file, line, column, "duplicate-id",
                                        f"the module id '{module.id}' is already used by {first.file}",
                                        "give each module its own id (and file name)"))
                continue
            documents[module.id] = document
            if module.id in hidden:
                continue
            modules.append(module)
            sources[module.id] = relative.as_posix()
            origin[module.id] = layers.index(layer)
            if merged is not None and merged.missing:
                untranslated[module.id] = Untranslated(
                    whole=merged.translated == 0,
                    fields=frozenset(p[0] for p in merged.missing if len(p) == 1),
                    blocks=frozenset(p[1] for p in merged.missing if len(p) > 1 and p[0] == "blocks"),
                )
    if toolkit is not None:
        loader.orphans(toolkit.languages, set(found))
    if checker is not None:
        layer_of = {module_id: layer for module_id, (layer, _) in found.items()}
        check_links(checker, documents, layer_of)
        sections = {module_id: path.parent.name for module_id, (_layer, path) in found.items()}
        pages = paths_before_load(toolkit, [(section, module_id) for module_id, section in sections.items()])
        checker.page_links(documents, pages, sections)
        for doc in [toolkit_doc] + [d for _, d, _ in overlays]:
            if doc is not None:
                checker.start_modules(doc, set(found))
                checker.process(doc, found, documents)

    if problems:
        raise ContentError(problems)
    project = Project(toolkit=toolkit, references=references, glossary=glossary, modules=modules, sources=sources,
                      layers=origin, folders=tuple(layers), language=language, untranslated=untranslated,
                      untranslated_terms=frozenset(untranslated_terms))
    if not _cross_checked:
        clashes = plan_site(project).clashes
        if clashes:
            raise ContentError([_clash(layers, project, *pair) for pair in clashes])
    return project


def _clash(layers: list[Path], project: Project, first: PlannedPage, second: PlannedPage, target: str) -> Problem:
    """Two pages (or their PDFs) at one path: located at the later one's file, naming the other."""

    def what(page: PlannedPage) -> str:
        if page.module_id and page.kind == "module":
            return f"module '{page.module_id}'"
        if page.module_id:
            return f"the {page.kind} of meeting '{page.module_id}'"
        return f"the {page.kind} page"

    module_id = second.module_id if second.module_id and second.kind == "module" else first.module_id
    line = 1
    if module_id and module_id in project.sources:
        path = layers[project.layers.get(module_id, 0)] / project.sources[module_id]
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, start=1) if text.startswith("id:")), 1)
        where = display(path)
    else:
        where = display(layers[-1] / "toolkit.yml")
    return Problem(where, line, 1, "path-clash", f"{what(second)} and {what(first)} would both be written at {target}",
                   "give the module (or the section) another id; a module's file name and `id:` change together")


def load_languages(content_dirs: ContentDirs, only: Collection[str] = (),
                   kept: DocumentCache | None = None, store: DataStore | None = None) -> dict[str, Project]:
    """The project in each of its languages (or in the default one and those of ``only``), default
    first; every problem of every language (a translation's mistakes included) in one ``ContentError``.
    ``kept`` keeps parsed files from one load to the next (``DocumentCache``); ``store``, the data of
    files read the quick way from one run to the next (``StoredData``)."""
    cache: dict[Path, Document] = {}
    checked: dict[Any, Any] = {}
    default = load_project(content_dirs, None, cache, kept, _checked=checked, store=store)
    projects = {default.language: default}
    problems: list[Problem] = []
    for language in default.toolkit.languages:
        if language in projects or (only and language not in only):
            continue
        try:
            projects[language] = load_project(content_dirs, language, cache, kept, _cross_checked=True, _checked=checked,
                                              store=store)
        except ContentError as error:
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        raise ContentError(problems)
    return projects
