"""Warnings about content that is valid but could serve readers better.

Errors (``loader``) stop a build; warnings do not, unless ``toolkit validate --strict``
asks for it. The linter runs on a project that loaded without errors, reads each file
again for the line numbers, and reports problems with severity ``warning``:

- ``missing-summary``: a module without a summary;
- ``heading-jump``: a Markdown heading in a text that skips a level of the page outline;
- ``missing-alt``: a Markdown image without a text alternative;
- ``uncited-reference``: an entry of references.yml that nothing cites;
- ``unused-term``: a glossary term that no module uses;
- ``hard-to-read``: a paragraph with a low reading-ease score;
- ``avoided-term``: a form the language's terminology list (``terms.<language>.yml``) avoids;
- ``too-many-glossary-hints``: a text (or a module's texts together) holding more glossary terms than
  a page shows hints for;
- ``placeholder-text``: text a skeleton of `toolkit init` or `toolkit new module` wrote to be
  replaced (an address at example.org, "Replace this text..."), still there.

It also measures every module's reading ease, which ``toolkit validate`` prints: Flesch's
formula in English, and the formula textstat holds for the language otherwise (for French,
Kandel and Moles' adaptation of Flesch's, on the same 0-100 scale). A project loaded in a
language other than the toolkit's default is linted on its translations: warnings point at
the translation files, and what does not depend on the language (summaries, references) is
left to the default language's run; texts not translated yet (shown in the default language)
are not scored or checked there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, cast

from pydantic import BaseModel

from ..core.limits import MAX_GLOSSARY_HINTS_PER_PAGE, MAX_GLOSSARY_HINTS_PER_TEXT
from ..core.model import CITATION
from ..core.problems import Problem, display
from ..core.project import Module, Project
from ..core.render.extensions import GlossaryIndex
from ..core.render.typography import typography
from ..core.yamlpos import Document, read_document
from .lintcache import LintCache, warnings_of
from .placeholders import find_placeholders
from .terminology import TermList, load_terminology
from .texts import ATX_HEADING, LIST_MARKER, Path_, paragraphs, plain, terms_used, texts

#: Below this Flesch reading-ease score a paragraph is flagged (30: "very difficult",
#: university-graduate level; plain language aims at 60 and more).
HARD_TO_READ = 30.0
#: Paragraphs shorter than this are not scored: the formula means little on a few words.
MIN_WORDS = 25
#: The reading-ease formula textstat applies per language (Flesch's own for the others it knows).
FORMULAS = {"en": "Flesch", "fr": "Kandel-Moles", "de": "Amstad", "es": "Fernández Huerta", "it": "Flesch-Vacca",
            "nl": "Flesch-Douma"}

_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
#: A Markdown code span, whose straight quotes are code (linear: no nesting, no backtracking).
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_FEWER_TERMS = ("a hint helps where a term first appears: write the expansion out, or split the text; a glossary "
                "term of a letter or two matches every such word")

@dataclass
class LintReport:
    """The warnings of a project, and each module's reading ease (module id -> score) by ``formula``."""

    problems: list[Problem] = field(default_factory=list)
    reading_ease: dict[str, float] = field(default_factory=dict)
    language: str = "en"
    formula: str = "Flesch"


# --------------------------------------------------------------------------- positions


class _Source:
    """A content file, read again for positions only when a warning needs one.

    The loader does not keep positions once the model is built; most files have no
    warning, so most are not parsed twice.
    """

    def __init__(self, path: Path):
        self.path = path
        self.file = display(path)
        self._document: Document | None = None
        self._lines: list[str] | None = None

    @property
    def document(self) -> Document | None:
        if self._document is None:
            self._document = read_document(self.path, self.file, [], located=True)
        return self._document

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                self._lines = self.path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines = []
        return self._lines

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        return self.document.where(path, key=key) if self.document else (1, 1)

    def line_of(self, path: Path_, snippet: str) -> tuple[int, int]:
        """Line of ``snippet`` (a line of the text at ``path``), searched from where the text starts.

        Texts are often block scalars (`text: |`) spread over many lines; the first words of
        the snippet locate it. Falls back to where the value starts.
        """
        line, column = self.where(path)
        words = " ".join(snippet.split()[:4])
        if words:
            for number in range(line, min(len(self.lines), line + 400) + 1):
                found = self.lines[number - 1].find(words)
                if found >= 0:
                    return number, found + 1
        return line, column


# --------------------------------------------------------------------------- checks


class _Linter:
    def __init__(self, project: Project, layers: list[Path], cache_dir: Path | None = None):
        self.project = project
        self.layers = layers
        self.content_dir = layers[-1]
        self.language = project.language or project.toolkit.language
        self.translated = self.language != project.toolkit.language
        self.report = LintReport(language=self.language, formula=FORMULAS.get(self.language, "Flesch"))
        self.terms: TermList | None = None
        expansions = {t.term: t.expansion for t in project.glossary if t.expansion}  # as the renderer's
        self.hints = GlossaryIndex(expansions)
        self.cache = LintCache(cache_dir, self.language, layers, repr(sorted(expansions.items())))

    def warn(self, source: _Source, at: tuple[int, int], code: str, message: str, hint: str) -> None:
        self.report.problems.append(Problem(source.file, at[0], at[1], code, message, hint, severity="warning"))

    def source(self, relative: str, layer: int = -1) -> _Source:
        """A file of a layer, or its translation in the linted language (from any layer) when there is one."""
        if self.translated:
            name = Path(relative).with_suffix(f".{self.language}.yml")
            for folder in reversed(self.layers):
                if (folder / name).is_file():
                    return _Source(folder / name)
        return _Source(self.layers[layer] / relative)

    def run(self) -> LintReport:
        import textstat  # imported only when warnings are asked for: it loads dictionaries (start-up time)

        try:
            textstat.set_lang(self.language)
            self.scoring = True
        except Exception:  # a language textstat does not know: no scores
            self.scoring = False
        self.textstat = textstat
        terms_problems: list[Problem] = []
        self.terms = load_terminology(self.layers, self.language, terms_problems)
        self.report.problems.extend(terms_problems)
        cited: set[str] = set()
        glossary = [term.term for term in self.project.glossary]
        used_terms: set[int] = set()
        for module in self.project.modules:
            entry = self.cached_module(module)
            cited.update(entry["cited"])
            used_terms.update(self.cache.terms_in(entry, glossary))
        self.cache.save()
        cited.update(_cited(self.project.toolkit))
        toolkit_words = [plain(text) for _, text in texts(self.project.toolkit)]
        self.wording(self.source("toolkit.yml", 0), self.project.toolkit)
        if not self.translated:
            self.toolkit_placeholders()
        if (self.content_dir / "glossary.yml").is_file():
            untranslated = self.project.untranslated_terms if self.translated else frozenset()
            self.wording(self.source("glossary.yml"), self.project.glossary, ("terms",),
                         skip=lambda path: path[1] in untranslated)
        if not self.translated:
            self.references(cited)
        self.glossary(used_terms | terms_used(glossary, "\n".join(toolkit_words)))
        self.report.problems.sort(key=lambda p: (p.file, p.line, p.column))
        return self.report

    # ------------------------------------------------------------------ per module

    def cached_module(self, module: Module) -> dict[str, Any]:
        """A module's warnings, reading ease, plain texts and citations: kept from an earlier run
        when nothing they depend on changed (``LintCache``), else found now."""
        source = self.source(self.project.sources[module.id], self.project.layers.get(module.id, -1))
        key = self.cache.key(self.project, module, source.path)
        entry = self.cache.get(key)
        if entry is not None:
            self.report.problems.extend(warnings_of(entry))
            if entry["ease"] is not None:
                self.report.reading_ease[module.id] = entry["ease"]
            return entry
        before = len(self.report.problems)
        module_texts = list(texts(module))  # walked once: the checks below all read them
        self.cache.scores.asked = []
        self.module(module, source, module_texts)
        words = [plain(text) for _, text in module_texts]
        cited = sorted(set(_cited(module)))
        return self.cache.put(key, self.report.problems[before:], self.report.reading_ease.get(module.id), words, cited,
                              sorted(set(self.cache.scores.asked)))

    def foreign(self, module_id: str, path: Path_) -> bool:
        """Whether the text at ``path`` of a module shows in the default language (not translated yet)."""
        missing = self.project.untranslated.get(module_id) if self.translated else None
        if missing is None:
            return False
        return missing.whole or (path[0] == "blocks" and path[1] in missing.blocks) or path[0] in missing.fields

    def module(self, module: Module, source: _Source, module_texts: list[tuple[Path_, str]]) -> None:
        """``module_texts``: its texts (``texts``), in order."""
        self.wording(source, module, skip=lambda path: self.foreign(module.id, path), value_texts=module_texts)
        if not self.translated:
            for path, found in find_placeholders(module):
                self.placeholder(source, path, found)
        if not module.summary and not self.translated:
            self.warn(source, source.where(("title",), key=True), "missing-summary",
                      f"the module '{module.id}' has no summary",
                      "add `summary:` with one sentence that tells a facilitator what the module is for")
        outlines = [{"level": 3 if block.heading else 2, "first": True} for block in module.blocks]
        for path, text in module_texts:
            if path[0] == "blocks":
                self.headings(source, path, text, outlines[cast(int, path[1])])
        if not self.translated:
            self.leads(source, module)
        self.glossary_hints(source, module)
        rules = typography(self.language)
        all_text: list[str] = []
        for path, text in module_texts:
            if self.foreign(module.id, path):
                continue
            if rules and rules.quotes and _CODE_SPAN.sub("", text).count('"') % 2:
                self.warn(source, source.line_of(path, text.strip().split("\n")[0]), "unpaired-quote",
                          f"a straight quote (\") has no pair in this text: the page cannot tell whether it opens "
                          f"or closes, so it cannot set it as {rules.quotes[0]} or {rules.quotes[1]}",
                          f"add the missing quote, or type {rules.quotes[0]} and {rules.quotes[1]} yourself")
            if _IMAGE_WITHOUT_ALT.search(text):
                image = cast("re.Match[str]", _IMAGE_WITHOUT_ALT.search(text))
                self.warn(source, source.line_of(path, text[image.start():]),
                          "missing-alt", "an image has no text alternative",
                          "describe the image between the brackets: ![what the image shows](picture.png)")
            for paragraph in paragraphs(text):
                words = plain(paragraph)
                all_text.append(words)
                if self.scoring and len(words.split()) >= MIN_WORDS:
                    score = self.cache.scores.score(words, self.textstat.flesch_reading_ease)
                    if score < HARD_TO_READ:
                        self.warn(source, source.line_of(path, paragraph.strip().splitlines()[0]), "hard-to-read",
                                  f"this paragraph is hard to read (reading ease {score:.0f}; aim for 60 or more)",
                                  "split long sentences and prefer short, everyday words")
        if self.scoring and all_text:
            ease = self.cache.scores.score("\n\n".join(all_text), self.textstat.flesch_reading_ease)
            self.report.reading_ease[module.id] = round(ease, 1)

    def glossary_hints(self, source: _Source, module: Module) -> None:
        """A text, or a module's texts together, with more glossary terms than their page shows hints for."""
        shown = 0
        for path, text in texts(module):
            count = 0 if self.foreign(module.id, path) else self.hints.count(text)
            shown += min(count, MAX_GLOSSARY_HINTS_PER_TEXT)
            if count > MAX_GLOSSARY_HINTS_PER_TEXT:
                self.warn(source, source.where(path), "too-many-glossary-hints",
                          f"this text holds {count:,} glossary terms; a text shows a hint for the first "
                          f"{MAX_GLOSSARY_HINTS_PER_TEXT} only, the others are plain words", _FEWER_TERMS)
        if shown > MAX_GLOSSARY_HINTS_PER_PAGE:
            self.warn(source, source.where(("id",)), "too-many-glossary-hints",
                      f"the module's texts hold {shown:,} glossary hints; a page shows the first "
                      f"{MAX_GLOSSARY_HINTS_PER_PAGE} only, the others are plain words", _FEWER_TERMS)

    def leads(self, source: _Source, module: Module) -> None:
        """Every agenda item of a meeting says who leads it (the facilitator guide prints it)."""
        for b, block in enumerate(module.blocks):
            for i, item in enumerate(getattr(block, "agenda", None) or []):
                if not getattr(item, "lead", None):
                    self.warn(source, source.where(("blocks", b, "agenda", i, "title"), key=True), "agenda-without-lead",
                              f"the agenda item '{item.title}' does not say who leads it",
                              "add `lead:` under it: the co-chairs, the facilitator, a member with lived experience...")

    def headings(self, source: _Source, path: Path_, text: str, outline: dict[str, Any]) -> None:
        """Markdown headings in one text of a block, against the page outline.

        The page title is h1; a block's `heading:` is h2, so a heading inside that
        block's texts may start at h3 (h2 in a block without a heading); after that,
        each heading goes at most one level deeper than the one before it.
        """
        lines = text.splitlines()
        for i, line in enumerate(lines):
            level = None
            match = ATX_HEADING.match(line)
            if match:
                level = len(match.group(1))
            elif i > 0 and lines[i - 1].strip() and _SETEXT_UNDERLINE.match(line) and not LIST_MARKER.match(line):
                level = 1 if line.strip().startswith("=") else 2
                line = lines[i - 1]
            if level is None:
                continue
            allowed = outline["level"] if outline["first"] else outline["level"] + 1
            if level == 1:
                self.warn(source, source.line_of(path, line), "heading-jump",
                          "a level-1 heading inside a text: the page title is the page's only level-1 heading",
                          f"write it as a level-{min(allowed, 3)} heading: {'#' * min(allowed, 3)} ...")
            elif level > allowed:
                self.warn(source, source.line_of(path, line), "heading-jump",
                          f"a level-{level} heading follows a level-{allowed - 1} heading, skipping a level",
                          f"make it a level-{allowed} heading: {'#' * allowed} ...")
            outline["level"], outline["first"] = max(level, 2), False

    def wording(self, source: _Source, value: Any, path: Path_ = (),
                skip: Callable[[Path_], bool] = lambda path: False,
                value_texts: list[tuple[Path_, str]] | None = None) -> None:
        """Forms the language's terminology list avoids, in every text of ``value`` (``value_texts``
        when they were listed already) but those ``skip``s."""
        if self.terms is None:
            return
        for where, text in value_texts if value_texts is not None else texts(value, path=path):
            if skip(where):
                continue
            for avoided in self.terms.find(text):
                # Located by the words from the form on (the form alone may also sit earlier in a form to use).
                self.warn(source, source.line_of(where, text[avoided.start:].split("\n")[0]), "avoided-term",
                          f"'{avoided.found}': this toolkit writes '{avoided.use}' (terms.{self.language}.yml)",
                          f"write '{avoided.use}', or another form that terms.{self.language}.yml lists under `use`")

    def placeholder(self, source: _Source, path: Path_, found: str) -> None:
        self.warn(source, source.line_of(path, found), "placeholder-text",
                  f"'{found}' was written by a skeleton, to be replaced",
                  "write your own text or address here (example.org, .com and .net are not real addresses)")

    def toolkit_placeholders(self) -> None:
        """Placeholders in toolkit.yml, located in the layer (the upstream's or a copy's) that sets them."""
        files = [_Source(layer / "toolkit.yml") for layer in reversed(self.layers) if (layer / "toolkit.yml").is_file()]
        for path, found in find_placeholders(self.project.toolkit):
            source = next((f for f in files if f.document and path in f.document.positions), files[-1])
            self.placeholder(source, path, found)

    # ------------------------------------------------------------------ across files

    def references(self, cited: set[str]) -> None:
        if not (self.content_dir / "references.yml").is_file():
            return
        source = self.source("references.yml")
        for key in self.project.references:
            if key not in cited:
                self.warn(source, source.where((key,), key=True), "uncited-reference",
                          f"the reference '{key}' is not cited anywhere",
                          f"cite it with `cites: [{key}]` or `[@{key}]` where it supports the text, or remove it")

    def glossary(self, used: set[int]) -> None:
        """``used``: the terms (by index) the texts use, each module's found once and kept (``LintCache``)."""
        if not (self.content_dir / "glossary.yml").is_file():
            return
        source = self.source("glossary.yml")
        for i, term in enumerate(self.project.glossary):
            if i not in used:
                self.warn(source, source.where(("terms", i, "term")), "unused-term",
                          f"the glossary term '{term.term}' is not used in any module",
                          "remove it, or check that its spelling matches the modules' texts")


def _cited(value: Any) -> Iterator[str]:
    """Every reference key a model object cites: its `cites` lists and `[@key]` in its texts."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "cites" and isinstance(item, list):
                yield from (str(key) for key in item)
            else:
                yield from _cited(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _cited(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _cited(item)
    elif isinstance(value, str):
        yield from (m.group(1) for m in CITATION.finditer(value))


def lint_project(project: Project, content_dir: str | Path | list[Path] | tuple[Path, ...],
                 cache_dir: Path | None = None) -> LintReport:
    """Warnings about a loaded project (see the module docstring), and each module's reading ease;
    with ``cache_dir``, a module's are kept there and reused while it does not change (``LintCache``)."""
    layers = [Path(d) for d in content_dir] if isinstance(content_dir, (list, tuple)) else [Path(content_dir)]
    return _Linter(project, layers, cache_dir).run()
