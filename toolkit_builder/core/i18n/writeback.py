"""Translated texts written into a `*.<lang>.yml` file, as a translator would edit it.

ruamel.yaml edits the file round trip: its comments, quotes, block texts and order stay as
they were, and only the texts that changed (and the `source:` stamp) are rewritten. A file
that does not exist yet is made with the texts in the source's order. What is written is read
back with the loader's own reader and merged onto the source before anything is saved, so a
text YAML would read differently is a problem, not a broken file.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..problems import Path_, Problem, display
from ..yamlpos import read_document
from .merge import DIGEST_KEY, merge
from .po import Texts
from .status import value_at as at


def _yaml() -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap what a translator wrapped
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return handler


def _scalar(text: str) -> Any:
    """A text as YAML writes it: a `|` block over several lines, plain where YAML 1.1 (which the
    loader reads) reads it back as the same text, else in double quotes."""
    if "\n" in text.rstrip("\n"):
        return LiteralScalarString(text)
    try:
        plain = yaml.safe_load(text) == text and text == text.strip()
    except yaml.YAMLError:
        plain = False
    return text if plain else DoubleQuotedScalarString(text)


def _order(source: Any, key: str) -> list[str]:
    return [k for k in source] if isinstance(source, dict) and key in source else []


def _put(node: Any, key: str | int, value: Any, source: Any) -> None:
    if isinstance(key, int):
        while len(node) <= key:
            node.append(None)
        node[key] = value
        return
    if key in node:
        node[key] = value
        return
    order = _order(source, key)
    before = order[: order.index(key)] if key in order else order
    position = max((i + 1 for i, existing in enumerate(node) if existing in before), default=0)
    if position == 0 and DIGEST_KEY in node and isinstance(node, CommentedMap):
        position = list(node).index(DIGEST_KEY) + 1
    node.insert(position, key, value)


def set_text(root: CommentedMap, path: Path_, text: str, source: Any) -> None:
    """Put a text at its path, making the maps and lists on the way (items before it left empty)."""
    node: Any = root
    for depth, key in enumerate(path[:-1]):
        child = node[key] if isinstance(node, dict) and key in node else (
            node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node) else None)
        wanted = CommentedSeq if isinstance(path[depth + 1], int) else CommentedMap
        if not isinstance(child, (list, dict)):
            child = wanted()
            _put(node, key, child, at(source, path[:depth]))
        node = child
    _put(node, path[-1], _scalar(text), at(source, path[:-1]))


def _header(language: str, shown: str) -> str:
    name = Locale.parse(language).get_display_name("en") or language
    return (f"# {name} ({language}) translation of {shown}, written by `toolkit i18n import {language}`.\n")


def planned_text(texts: Texts, strings: dict[Path_, str], stamp: str | None, language: str,
                 shown: str) -> str | None:
    """The new text of the translation file, or None when it would not change."""
    changed = {p: s for p, s in strings.items() if (texts.translated.get(p) or "").rstrip("\n") != s.rstrip("\n")}
    recorded = texts.translation.get(DIGEST_KEY) if isinstance(texts.translation, dict) else None
    if not changed and (stamp is None or stamp == recorded):
        return None
    handler = _yaml()
    target = texts.status.translation
    existing = target.is_file() and texts.status.state != "missing"
    root = handler.load(target.read_text(encoding="utf-8")) if existing else CommentedMap()
    if not isinstance(root, CommentedMap):
        root = CommentedMap()
    if stamp is not None:
        _put(root, DIGEST_KEY, stamp, {DIGEST_KEY: None})
    for path, text in (strings if not existing else changed).items():
        set_text(root, path, text, texts.source)
    buffer = io.StringIO()
    handler.dump(root, buffer)
    return buffer.getvalue() if existing else _header(language, shown) + buffer.getvalue()


def check_planned(texts: Texts, text: str, strings: dict[Path_, str], problems: list[Problem]) -> bool:
    """Whether the planned file reads back, merged onto its source, with every text as meant."""
    target = texts.status.translation
    before = len(problems)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / target.name
        scratch.write_text(text, encoding="utf-8")
        read: list[Problem] = []
        document = read_document(scratch, display(target), read)
        problems.extend(read)
    if document is None:
        return False
    merged = merge(texts.source, document.data, texts.status.model)
    for issue in merged.issues:
        line, column = document.where(issue.path)
        problems.append(Problem(display(target), line, column, issue.code, issue.message, issue.hint))
    for path, wanted in strings.items():
        if str(at(merged.data, path)).rstrip("\n") != wanted.rstrip("\n"):
            line, column = document.where(path)
            problems.append(Problem(display(target), line, column, "translation-structure",
                                    f"the text for '{'.'.join(map(str, path))}' cannot be placed in this file",
                                    "compare the file's structure with its source's, and fix it by hand"))
    return len(problems) == before
