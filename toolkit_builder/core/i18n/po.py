"""Content translations as gettext PO files, for translation platforms (Weblate, Crowdin,
Pontoon, Poedit, Lokalise...).

One PO file per content file. Each text of the source is a message: its path in the file is
the ``msgctxt`` (`blocks.2.items.0`), the source text the ``msgid``, the translation the file
carries the ``msgstr``; the field's description in the model is a comment for translators and
the source's file and line the message's location. A translation whose file is stale (the source
changed since it was stamped) or was never stamped is marked ``fuzzy``: it needs a look.

Reading them back (``read_translations``) checks every message before anything is written: a
context the source does not have, or a translation whose links or citations are not those of
its source, is a located problem at the PO file's line.

Babel's ``pofile`` reads and writes them: it is already what compiles the interface catalogues,
so one library handles every PO file of the project (polib would be a second one).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

import markdown
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po
from markdown.treeprocessors import Treeprocessor
from pydantic import BaseModel

from ..model import CITATION
from ..problems import Path_, Problem, display
from ..yamlpos import read_document
from .merge import _field_type, _model_for, _unwrap, merge, text_leaves
from .status import FileStatus
from .status import value_at as at

#: Separates the keys of a text's path in its ``msgctxt``.
SEPARATOR = "."


def context_of(path: Path_) -> str:
    """The ``msgctxt`` of a text: its path in the file (`blocks.2.heading`)."""
    return SEPARATOR.join(str(key) for key in path)


def description_of(data: Any, annotation: Any, path: Path_) -> str | None:
    """The model's description of the field a text sits in, for translators."""
    found: str | None = None
    for key in path:
        base, _ = _unwrap(annotation)
        model = _model_for(annotation, data)
        if isinstance(model, type) and issubclass(model, BaseModel) and isinstance(key, str):
            info = model.model_fields.get(key)
            found = info.description if info is not None and info.description else found
            annotation = _field_type(model, key)
        elif isinstance(key, int):
            annotation = typing.get_args(base)[0] if typing.get_args(base) else None
        else:
            annotation = typing.get_args(base)[1] if len(typing.get_args(base)) > 1 else None
        data = at(data, (key,))
    return found


@dataclass
class Texts:
    """A content file's texts and how far its translation carries them."""

    status: FileStatus
    #: (path, source text, source line) in document order.
    leaves: list[tuple[Path_, str, int]]
    #: The translation's text for each path it carries.
    translated: dict[Path_, str]
    source: Any
    translation: Any
    problems: list[Problem] = field(default_factory=list)


def texts_of(status: FileStatus) -> Texts:
    problems: list[Problem] = []
    document = read_document(status.source, display(status.source), problems, located=True)
    source = document.data if document is not None else {}
    leaves = [(path, text, document.where(path)[0] if document else 1)
              for path, text in text_leaves(source, status.model)]
    translation: Any = {}
    if status.state != "missing" and status.translation.is_file():
        read = read_document(status.translation, display(status.translation), problems)
        translation = read.data if read is not None and isinstance(read.data, dict) else {}
    merged = merge(source, translation, status.model)
    missing = set(merged.missing)
    translated = {path: value for path, _, _ in leaves if path not in missing
                  and isinstance(value := at(merged.data, path), str)}
    return Texts(status, leaves, translated, source, translation, problems)


def po_catalog(texts: Texts, language: str | None, shown: str) -> Catalog:
    """The PO catalogue of one content file (a template without translations when ``language`` is None)."""
    name = Locale.parse(language).get_display_name("en") if language else None
    catalog = Catalog(locale=language, domain=Path(shown).stem, project="toolkit content", fuzzy=False,
                      header_comment=(f"# {name + ' translation' if name else 'Texts'} of {shown}, "
                                      f"written by `toolkit i18n export`."
                                      + "\n# msgctxt is where the text sits in the file; keep links and [@citations]."))
    stale = texts.status.state in ("stale", "unstamped")
    for path, text, line in texts.leaves:
        string = texts.translated.get(path, "") if language else ""
        if string:  # msgfmt --check wants both to end in a line break, or neither
            string = string.rstrip("\n") + ("\n" if text.endswith("\n") else "")
        comment = description_of(texts.source, texts.status.model, path)
        catalog.add(text, string, locations=[(shown, line)], flags=["fuzzy"] if stale and string else [],
                    auto_comments=[comment] if comment else [], context=context_of(path))
        message = catalog.get(text, context=context_of(path))
        if message is not None:  # a "%" in prose is not a format string for msgfmt to check
            message.flags.discard("python-format")
    return catalog


def write_catalog(catalog: Catalog, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)


class _Links(Treeprocessor):  # type: ignore[misc]  # Python-Markdown ships no type hints
    found: list[str]

    def run(self, root: etree.Element) -> None:
        self.found = [element.get("href") or element.get("src") or "" for element in root.iter()
                      if element.tag in ("a", "img")]


def links_of(text: str) -> list[str]:
    """The targets of a text's Markdown links and images, as the Markdown converter reads them."""
    converter = markdown.Markdown()
    collector = _Links(converter)
    converter.treeprocessors.register(collector, "links", 0)
    converter.convert(text)
    return collector.found


def _is_site_link(target: str) -> bool:
    return ":" not in target.split("/")[0] and not target.startswith(("//", "#")) and bool(target)


def text_problems(source: str, translation: str) -> list[str]:
    """What a translation breaks of its source: its citations, the pages of the site it links to,
    or the number of its links. A link out of the site may lead to a page in the translation's
    language."""
    found = []
    if sorted(CITATION.findall(source)) != sorted(CITATION.findall(translation)):
        wanted = ", ".join(f"[@{key}]" for key in CITATION.findall(source)) or "none"
        found.append(f"its citations are not those of the source ({wanted})")
    links, translated = links_of(source), links_of(translation)
    if len(links) != len(translated):
        found.append(f"it has {len(translated)} link(s) where the source has {len(links)}")
    elif sorted(t for t in links if _is_site_link(t)) != sorted(t for t in translated if _is_site_link(t)):
        wanted = ", ".join(t for t in links if _is_site_link(t))
        found.append(f"its links to the site's pages differ from the source's ({wanted})")
    return found


@dataclass
class Translations:
    """What a PO file says a content file's texts are in its language."""

    #: Path -> translated text, for every message with a translation.
    strings: dict[Path_, str]
    #: Whether every text is translated, not fuzzy, and translates the source as it is now.
    current: bool


def _msgstr_line(lines: list[str], message: Message) -> int:
    start = (message.lineno or 1) - 1
    return next((i + 1 for i in range(start, len(lines)) if lines[i].startswith("msgstr")), start + 1)


def read_translations(path: Path, language: str, texts: Texts, problems: list[Problem]) -> Translations | None:
    """The translations a PO file holds for ``texts``' file, or None after located problems. A text
    that differs from the file's is checked against its source (links, citations)."""
    shown = display(path)
    before = len(problems)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError, OSError) as error:
        problems.append(Problem(shown, getattr(error, "lineno", 1) or 1, 1, "bad-catalogue",
                                f"the PO file cannot be read: {error}",
                                "check the quotes and the msgid/msgstr lines around this line"))
        return None
    declared = catalog.locale_identifier
    try:
        same = not declared or Locale.parse(declared) == Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        same = False
    if not same:
        problems.append(Problem(shown, 1, 1, "bad-catalogue", f"the file is in '{declared}', not '{language}'",
                                f"import it with `toolkit i18n import {declared}`, or fix its Language header"))
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    by_context = {context_of(p): (p, text) for p, text, _ in texts.leaves}
    strings: dict[Path_, str] = {}
    current = True
    for message in catalog:
        if not message.id:
            continue
        string = message.string if isinstance(message.string, str) else ""
        where = (shown, _msgstr_line(lines, message), 1)
        if message.context not in by_context:
            start = (message.lineno or 1) - 1
            line = next((i + 1 for i in range(start, max(start - 20, -1), -1) if lines[i].startswith("msgctxt")),
                        start + 1)
            problems.append(Problem(shown, line, 1, "translation-extra",
                                    f"the source has no text at '{message.context}'",
                                    "export the file again (`toolkit i18n export`): the source changed, or the "
                                    "msgctxt line was edited"))
            continue
        text_path, source = by_context[message.context]
        if string:
            # What the file has already is the loader's to judge (it may be stale): only new text is checked here.
            unchanged = (texts.translated.get(text_path) or "").rstrip("\n") == string.rstrip("\n")
            for broken in [] if unchanged else text_problems(source, string):
                problems.append(Problem(*where, "bad-catalogue", f"the translation of '{message.context}': {broken}",
                                        "keep every link and [@citation] of the msgid; translate only the words"))
            strings[text_path] = string
        current = current and bool(string) and not message.fuzzy and message.id == source
    current = current and set(strings) == {p for p, _, _ in texts.leaves}
    return Translations(strings, current) if len(problems) == before else None
