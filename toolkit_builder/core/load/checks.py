"""Cross-checks between files: what a module names must be declared somewhere.

They run on the raw YAML data, so they report alongside the model's own messages even
when a file has other mistakes. Checks that belong to one block type live with it
(``BaseBlock.check`` and ``check_links``); this module runs them.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, cast

from ..blocks import BLOCK_TYPES
from ..blocks.items import items
from ..branding import contrast_problems
from ..model import CITATION, Audience, Branding, Framework, GlossaryTerm, Reference, Section, Toolkit
from ..problems import Path_, Problem, did_you_mean
from ..site.paths import ACTION_PLAN, PROCESS, section_path, term_anchor
from ..yamlpos import Document

#: A Markdown link to another page of the site by its Markdown file.
#: Linear in the length of the text: no part can run over a `[` or `(` that starts another try.
PAGE_LINK_IN_TEXT = re.compile(
    r"(?<!\\)\[[^\[\]\n]*\]\(\s*<?((?![a-z]+:|/)[^()\[\]\s#>]+\.md)(?:#[^()\[\]\s>]*)?>?"
    r"(?:\s+'[^'\n]*'|\s+\"[^\"\n]*\")?\s*\)")


class Checker:
    """Cross-checks between files: what a module names must be declared somewhere."""

    def __init__(self, toolkit: Toolkit, references: dict[str, Reference], problems: list[Problem]):
        self.toolkit = toolkit
        self.references = references
        self.problems = problems

    def problem(self, document: Document, path: Path_, code: str, message: str, hint: str | None = None,
                key: bool = False) -> None:
        line, column = document.where(path, key=key)
        self.problems.append(Problem(document.file, line, column, code, message, hint))

    def reference(self, document: Document, path: Path_, key: str) -> None:
        if not isinstance(key, str):  # the model's checks report a value of the wrong type
            return
        if key not in self.references:
            self.problem(document, path, "unknown-reference", f"unknown reference '{key}'",
                         did_you_mean(key, self.references, "references in references.yml"))

    def citations(self, document: Document, data: Any) -> None:
        """Every `cites:` list and every inline `[@key]` in any text. The keys are gathered without
        their paths first: a path is worked out only when a key is unknown."""
        if not all(key in self.references for key in _cited(data)):
            self._citations(document, data)

    def _citations(self, document: Document, data: Any, path: Path_ = ()) -> None:
        if isinstance(data, dict):
            for name, value in data.items():
                if name == "cites" and isinstance(value, list):
                    for i, key in enumerate(value):
                        self.reference(document, path + (name, i), str(key))
                else:
                    self._citations(document, value, path + (name,))
        elif isinstance(data, list):
            for i, value in enumerate(data):
                self._citations(document, value, path + (i,))
        elif isinstance(data, str):
            for match in CITATION.finditer(data):
                self.reference(document, path, match.group(1))

    def tag(self, document: Document, path: Path_, tag: str) -> None:
        if not isinstance(tag, str):  # as above (`tags: [{a: b}]`)
            return
        framework_id, _, key = tag.partition(":")
        framework = self.toolkit.framework(framework_id)
        if not key or framework is None:
            frameworks = self.toolkit.frameworks
            # The examples are tags of this toolkit's own frameworks.
            examples = " or ".join(f"`{f.id}:{f.components[0].key}`" for f in frameworks[:2])
            self.problem(document, path, "bad-tag", f"'{tag}' is not a framework tag",
                         f"write `framework:key`, e.g. {examples}; frameworks: {', '.join(f.id for f in frameworks)}"
                         if frameworks else "declare the framework under `frameworks:` in toolkit.yml first")
        else:
            self.component(document, path, framework, key)

    def component(self, document: Document, path: Path_, framework: Framework, key: str) -> None:
        if framework.component(key) is None:
            keys = [c.key for c in framework.components]
            mapped_to = any(f.maps_to == framework.id for f in self.toolkit.frameworks)
            self.problem(document, path, "unknown-dimension" if mapped_to else "unknown-component",
                         f"unknown {framework.item_name or 'component'} '{key}' of "
                         f"{framework.short_title or framework.title}",
                         did_you_mean(key, keys, (framework.item_name_plural or f"{framework.item_name}s")
                                      if framework.item_name else "components"))

    def toolkit_file(self, document: Document) -> None:
        for kind, declared in cast("tuple[tuple[str, Sequence[Section | Audience | Framework]], ...]",
                                   (("section", self.toolkit.sections), ("audience", self.toolkit.audiences),
                                    ("framework", self.toolkit.frameworks))):
            seen: set[str] = set()
            plural = kind + "s"
            for i, item in enumerate(declared):
                if item.id in seen:
                    self.problem(document, (plural, i, "id"), "duplicate-id", f"the {kind} id '{item.id}' is used twice",
                                 "give each one its own id")
                seen.add(item.id)
        for i, framework in enumerate(self.toolkit.frameworks):
            if framework.maps_to and self.toolkit.framework(framework.maps_to) is None:
                self.problem(document, ("frameworks", i, "maps_to"), "unknown-framework",
                             f"unknown framework '{framework.maps_to}'",
                             did_you_mean(framework.maps_to, [f.id for f in self.toolkit.frameworks], "frameworks"))
        self.branding(document)
        for i, section in enumerate(self.toolkit.sections):
            if section.id in self.toolkit.languages:
                self.problem(document, ("sections", i, "id"), "bad-value",
                             f"the section id '{section.id}' is also one of the toolkit's languages, whose pages "
                             f"live in the folder {section.id}/", "give the section another id")
        if self.toolkit.language not in self.toolkit.languages:
            self.problem(document, ("language",), "bad-value",
                         f"the default language '{self.toolkit.language}' is not in 'languages'",
                         f"add '{self.toolkit.language}' to languages")
        self.citations(document, document.data)

    def module(self, document: Document, expected_section: str, expected_id: str, layer: Path) -> None:
        """Checks on the raw data, so they run even when the model found other mistakes."""
        file_checks = FileChecks(self, document, layer)
        data = document.data if isinstance(document.data, dict) else {}
        toolkit = self.toolkit
        section, module_id = data.get("section"), data.get("id")
        if isinstance(section, str):
            if toolkit.section(section) is None:
                self.problem(document, ("section",), "unknown-section", f"the section '{section}' is not declared",
                             did_you_mean(section, [s.id for s in toolkit.sections], "sections in toolkit.yml")
                             + "; or declare it under `sections:` in toolkit.yml")
            elif section != expected_section:
                self.problem(document, ("section",), "wrong-folder",
                             f"the module says section '{section}' but sits in the folder '{expected_section}'",
                             f"move the file to modules/{section}/ or change `section:`")
        if isinstance(module_id, str) and module_id != expected_id:
            self.problem(document, ("id",), "wrong-file-name",
                         f"the module id '{module_id}' does not match its file name '{expected_id}.yml'",
                         f"rename the file to {module_id}.yml or change `id:` to '{expected_id}'")
        for i, audience in items(data.get("audience")):
            self.audience(document, ("audience", i), audience)
        for t, tag in items(data.get("tags")):
            self.tag(document, ("tags", t), tag)
        block_ids: set[str] = set()
        for b, block in items(data.get("blocks")):
            if not isinstance(block, dict):
                continue
            at = ("blocks", b)
            block_id = block.get("id")
            if isinstance(block_id, str):
                if block_id in block_ids:
                    self.problem(document, at + ("id",), "duplicate-id",
                                 f"the block id '{block_id}' is used twice in this module", "give each block its own id")
                block_ids.add(block_id)
            for t, tag in items(block.get("tags")):
                self.tag(document, at + ("tags", t), tag)
            block_type = BLOCK_TYPES.get(str(block.get("type")))
            if block_type is not None:
                block_type.check(block, at, file_checks)
        self.citations(document, document.data)

    def page_links(self, documents: dict[str, Document], pages: set[str], sections: dict[str, str]) -> None:
        """Links in module texts to other pages (`../education/x.md`) lead to pages that exist."""
        for module_id, document in documents.items():
            base = sections.get(module_id, "")
            # The texts are walked without their paths first: a path is worked out only for a broken link.
            if not any(_broken_links(text, base, pages) for text in _texts(document.data) if ".md" in text):
                continue
            for path, text in _strings(document.data):
                for match, target in _broken_links(text, base, pages):
                    by_name = [p for p in sorted(pages) if posixpath.basename(p) == posixpath.basename(target)]
                    hint = (f"links are relative to this module's page ({base}/{module_id}.md): "
                            + (f"write '{posixpath.relpath(by_name[0], base)}'" if by_name
                               else "check the module's section folder and file name"))
                    self.problem(document, path, "broken-link", f"the link '{match.group(1)}' leads to no page",
                                 hint)

    def start_modules(self, document: Document, modules: Iterable[str]) -> None:
        """An audience's recommended modules (`start:`) exist (a hidden one is left out of the page)."""
        data = document.data if isinstance(document.data, dict) else {}
        for a, audience in items(data.get("audiences")):
            for s, module_id in items(audience.get("start") if isinstance(audience, dict) else None):
                if module_id not in modules:
                    self.problem(document, ("audiences", a, "start", s), "unknown-module",
                                 f"there is no module '{module_id}'", did_you_mean(module_id, sorted(modules), "modules"))

    def process(self, document: Document, modules: Iterable[str], documents: dict[str, Document]) -> None:
        """The process of a toolkit.yml (upstream or a copy's): parts with meetings, each meeting a module with a
        `meeting` block, in one place only. A module hidden by a copy still counts: it is left out of the pages."""
        data = document.data.get("process") if isinstance(document.data, dict) else None
        if not isinstance(data, dict):
            return
        for i, section in items(document.data.get("sections")):
            section_id = section.get("id") if isinstance(section, dict) else None
            if isinstance(section_id, str) and section_path(section_id) in (PROCESS, ACTION_PLAN):
                self.problem(document, ("sections", i, "id"), "bad-value",
                             f"the section id '{section_id}' is the address of the process pages",
                             "give the section another id (and move its folder to match)")
        known = sorted(modules)
        placed: dict[str, str] = {}
        part_ids: set[str] = set()
        for p, part in items(data.get("parts")):
            if not isinstance(part, dict):
                continue
            at: Path_ = ("process", "parts", p)
            name = str(part.get("id", p + 1))
            if name in part_ids:
                self.problem(document, at + ("id",), "duplicate-id", f"the part id '{name}' is used twice",
                             "give each part its own id")
            part_ids.add(name)
            meetings = part.get("meetings")
            if not meetings:
                self.problem(document, at + (("meetings",) if "meetings" in part else ()), "empty-part",
                             f"the part '{name}' has no meetings",
                             "list the ids of its meeting modules under `meetings:`, or remove the part")
            for m, module_id in items(meetings):
                where = at + ("meetings", m)
                module_id = str(module_id)
                if module_id in placed:
                    self.problem(document, where, "duplicate-meeting",
                                 f"the meeting '{module_id}' is already in the part '{placed[module_id]}'",
                                 "a meeting has one place in the process: remove one of the two")
                    continue
                placed[module_id] = name
                if module_id not in known:
                    self.problem(document, where, "unknown-module", f"there is no module '{module_id}'",
                                 did_you_mean(module_id, known, "modules"))
                elif module_id in documents and not _has_meeting(documents[module_id]):
                    self.problem(document, where, "not-a-meeting",
                                 f"the module '{module_id}' has no `meeting` block, so it cannot be a meeting",
                                 "add a `- type: meeting` block to that module (purpose, milestone, agenda...), "
                                 "or list a module that has one")

    def branding(self, document: Document) -> None:
        data = document.data.get("branding") if isinstance(document.data, dict) else None
        if not isinstance(data, dict):
            return
        try:
            branding = Branding.model_validate(data)
        except ValueError:
            return  # the model reports the wrong values
        for name, message in contrast_problems(branding):
            self.problem(document, ("branding", name), "low-contrast", message,
                         "choose a darker colour; https://webaim.org/resources/contrastchecker/ helps")

    def audience(self, document: Document, path: Path_, audience: str) -> None:
        if not isinstance(audience, str):  # as above
            return
        if self.toolkit.audience(audience) is None:
            self.problem(document, path, "unknown-audience", f"unknown audience '{audience}'",
                         did_you_mean(audience, [a.id for a in self.toolkit.audiences], "audiences in toolkit.yml"))



def _has_meeting(document: Document) -> bool:
    data = document.data if isinstance(document.data, dict) else {}
    return any(isinstance(b, dict) and b.get("type") == "meeting" for _, b in items(data.get("blocks")))


def _broken_links(text: str, base: str, pages: set[str]) -> list[tuple[re.Match[str], str]]:
    """The links of a text to pages (relative to the page of its module, in ``base``) that lead to none."""
    found = []
    for match in PAGE_LINK_IN_TEXT.finditer(text):
        target = posixpath.normpath(posixpath.join(base, match.group(1)))
        if target not in pages:
            found.append((match, target))
    return found


def _texts(data: Any) -> Iterator[str]:
    """Every text of a document, in no particular order and without its path (the quick walk)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def _cited(data: Any) -> Iterator[str]:
    """The reference keys a document cites (``Checker.citations``), without their paths."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "[@" in value:
                yield from (match.group(1) for match in CITATION.finditer(value))
        elif isinstance(value, dict):
            for name, item in value.items():
                if name == "cites" and isinstance(item, list):
                    yield from (str(key) for key in item)
                else:
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text of a document with its path."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, path + (name,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))
    elif isinstance(data, str):
        yield path, data


class FileChecks:
    """The checks a block type may run (``blocks.Checks``), bound to one file."""

    def __init__(self, checker: Checker, document: Document, layer: Path):
        self.checker, self.document, self.layer = checker, document, layer
        self.toolkit = checker.toolkit

    def problem(self, path: Path_, code: str, message: str, hint: str | None = None) -> None:
        self.checker.problem(self.document, path, code, message, hint)

    def reference(self, path: Path_, key: str) -> None:
        self.checker.reference(self.document, path, key)

    def tag(self, path: Path_, tag: str) -> None:
        self.checker.tag(self.document, path, tag)

    def audience(self, path: Path_, audience: str) -> None:
        self.checker.audience(self.document, path, audience)

    def component(self, path: Path_, framework: Framework, key: str) -> None:
        self.checker.component(self.document, path, framework, key)


class ModuleIndex:
    """The modules as read (``blocks.Modules``), seen from one of them."""

    def __init__(self, documents: dict[str, Document], layers: dict[str, Path], source_id: str):
        self.documents, self.layers, self.source_id = documents, layers, source_id

    def exists(self, module_id: str) -> bool:
        return module_id in self.layers

    def ids(self) -> list[str]:
        return sorted(self.layers)

    def block_ids(self, module_id: str) -> list[str] | None:
        document = self.documents.get(module_id)
        if document is None:
            return None
        data = document.data if isinstance(document.data, dict) else {}
        return [str(b["id"]) for _, b in items(data.get("blocks")) if isinstance(b, dict) and "id" in b]

    def same_layer(self, module_id: str) -> bool:
        return self.layers.get(module_id) == self.layers.get(self.source_id)


def check_links(checker: Checker, documents: dict[str, Document], layers: dict[str, Path]) -> None:
    """What blocks name in other modules (a meeting's handouts) exists."""
    for module_id, document in documents.items():
        data = document.data if isinstance(document.data, dict) else {}
        index = ModuleIndex(documents, layers, module_id)
        file_checks = FileChecks(checker, document, layers.get(module_id, Path()))
        for b, block in items(data.get("blocks")):
            block_type = BLOCK_TYPES.get(str(block.get("type"))) if isinstance(block, dict) else None
            if block_type is not None:
                block_type.check_links(block, ("blocks", b), file_checks, index)


def glossary_anchors(document: Document, terms: list[GlossaryTerm], problems: list[Problem]) -> None:
    """Terms that differ only in capitals or punctuation would share one place on the glossary page."""
    seen: dict[str, str] = {}
    for i, term in enumerate(terms):
        anchor = term_anchor(term.term)
        if anchor in seen:
            line, column = document.where(("terms", i, "term"))
            problems.append(Problem(document.file, line, column, "duplicate-id",
                                    f"the terms '{seen[anchor]}' and '{term.term}' get the same place on the glossary "
                                    f"page (#{anchor})", "make the terms differ in their letters or digits, not only "
                                    "in capitals or punctuation; or merge them into one entry"))
        seen.setdefault(anchor, term.term)
