"""Load a content folder into the typed model, reporting every mistake with its place.

The loader reads YAML safely, keeps the line and column of every value, validates
with the model and then cross-checks the files against each other (sections,
frameworks, references, audiences). It collects every problem of a run and raises
one ``ContentError`` holding all of them; no other exception escapes for a
content mistake.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, Union

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .model import (
    BLOCK_TYPES,
    MEDIA_PATH_PATTERN,
    Glossary,
    GlossaryTerm,
    Module,
    Project,
    Reference,
    Toolkit,
    ToolkitOverlay,
    Untranslated,
)

#: libyaml's parser when PyYAML has it (about 20 times faster), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Largest YAML file the loader reads; toolkit files are a few kilobytes.
MAX_FILE_BYTES = 2_000_000
#: Values one file may expand to; stops alias ("billion laughs") bombs.
MAX_NODES = 100_000
MAX_DEPTH = 60

#: Folder of an overlay holding translations of the upstream toolkit.yml and glossary.yml.
UPSTREAM_TRANSLATIONS = "upstream"

CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
#: A Markdown link to another page of the site by its Markdown file.
PAGE_LINK_IN_TEXT = re.compile(r"(?<!\\)\[[^\]\n]*\]\(\s*<?((?![a-z]+:|/)[^)\s#>]+\.md)(?:#[^)\s>]*)?>?(?:\s+'[^']*'|\s+\"[^\"]*\")?\s*\)")

#: Fixes for required fields whose absence needs more than "add it".
MISSING_FIELD_HINTS = {
    "captions": "a video needs captions: add `captions:` with a WebVTT file (`- file: media/name.en.vtt`, "
                "`language: en`), so people who cannot hear it can follow",
    "transcript": "a video needs a transcript: add `transcript:` with the words spoken and what is shown, "
                  "for people who cannot watch or hear it",
    "reference": "add `reference:` with the key of the work in references.yml",
}
#: Characters no text should hold: controls (other than tab and line breaks) and lone surrogates,
#: which YAML's escapes (`"\0"`, `"\ud800"`) can write but no page can show or store.
BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MERGE_TAG = "tag:yaml.org,2002:merge"
COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")

Path_ = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Problem:
    """One mistake in the content, located and explained."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.code}] {self.message}"
        return f"{text}\n    fix: {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        message = self.message + (f" Fix: {self.hint}" if self.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.file},line={self.line},col={self.column},title={self.code}::{message}"


class ContentError(Exception):
    """The content folder has mistakes; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the toolkit content"
        super().__init__(summary + ":\n" + "\n".join(str(p) for p in self.problems))


# --------------------------------------------------------------------------- YAML with positions


@dataclass
class Document:
    """A parsed YAML file: plain data plus the (line, column) of every value and key."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]]
    key_positions: dict[Path_, tuple[int, int]]

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``path``, else of its closest parent."""
        table = self.key_positions if key else self.positions
        if key and path in table:
            return table[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class _Reader:
    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        self.nodes = 0
        self.alias_uses: dict = {}
        self.constructor = yaml.SafeLoader("")

    def problem(self, line: int, column: int, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, column, code, message, hint))

    def read(self, raw: bytes) -> Document | None:
        if len(raw) > MAX_FILE_BYTES:
            self.problem(1, 1, "file-too-large", f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
                         "split the module into smaller modules")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            self.problem(line, column, "not-utf8", "the file is not valid UTF-8 text",
                         "save the file with UTF-8 encoding")
            return None
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            self.problem(line, 1, "not-utf8", "the file contains a NUL character", "save the file as plain text")
            return None
        if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
            self.problem(1, 1, "empty-file", "the file is empty", "add the module's fields, or delete the file")
            return None
        loader = None
        try:
            if _ordinary(text):
                # The common case, parsed by libyaml: no anchors (so no alias bombs), shallow, small.
                nodes = list(yaml.compose_all(text, Loader=SAFE_LOADER))
            else:
                loader = _BoundedLoader(text)
                nodes = []
                while loader.check_node():
                    nodes.append(loader.get_node())
        except _TooBig as error:
            self.problem(error.line, error.column, "file-too-large", str(error),
                         "check the brackets and indentation around this line, or split the file")
            return None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = " ".join(filter(None, [error.context, error.problem]))
            source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
            if "\t" in source_line[: max(column, 1)] or "'\\t'" in what:
                what, hint = "a tab character is used for indentation", "indent with spaces, not tabs"
            else:
                hint = _yaml_hint(what)
            self.problem(line, column, "yaml-syntax", f"YAML syntax error: {what}", hint)
            return None
        except yaml.reader.ReaderError as error:  # a control character YAML does not allow
            before = text[: error.position]
            line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
            self.problem(line, column, "bad-character",
                         f"the file holds an invisible control character (U+{error.character:04X})",
                         "delete it (text copied from another program may carry it), or retype the text")
            return None
        except yaml.YAMLError as error:
            self.problem(1, 1, "yaml-syntax", f"YAML error: {error}", None)
            return None
        finally:
            if loader is not None:
                loader.dispose()
        self.alias_uses = loader.alias_uses if loader is not None else {}
        if len(nodes) != 1:
            mark = nodes[1].start_mark if len(nodes) > 1 else None
            line = mark.line + 1 if mark else 1
            self.problem(line, 1, "yaml-syntax", "the file holds more than one YAML document",
                         "remove the `---` line; one file holds one module")
            return None
        document = Document(self.file, None, {}, {})
        try:
            document.data = self._walk(nodes[0], (), document, 0)
        except _TooBig as error:
            self.problem(error.line, error.column, "file-too-large", str(error),
                         "remove the aliases (`*name`) that repeat large parts, or split the file")
            return None
        return document

    def _walk(self, node: yaml.Node, path: Path_, document: Document, depth: int,
              via: tuple[int, int] | None = None) -> Any:
        """``via``: where the first alias on the way here was used; a bomb is reported there."""
        self.nodes += 1
        mark = node.start_mark
        if self.nodes > MAX_NODES:
            raise _TooBig(*(via or (mark.line + 1, mark.column + 1)),
                          f"the file expands to more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise _TooBig(*(via or (mark.line + 1, mark.column + 1)),
                          f"the file nests deeper than {MAX_DEPTH} levels")
        document.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.CollectionNode) and node.tag not in COLLECTION_TAGS:
            self.problem(mark.line + 1, mark.column + 1, "wrong-type", f"the YAML tag '{node.tag}' is not allowed",
                         "remove the tag (the word starting with `!`)")
        if isinstance(node, yaml.MappingNode):
            self._merge(node, set())
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                km = key_node.start_mark
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    self.problem(km.line + 1, km.column + 1, "wrong-type", "a key must be a plain word",
                                 "write keys as `name: value`")
                    continue
                key = str(key)
                if key in result:
                    first = document.key_positions[path + (key,)]
                    self.problem(km.line + 1, km.column + 1, "duplicate-key",
                                 f"the key '{key}' appears twice (first on line {first[0]})",
                                 "keep one of them")
                    continue
                document.key_positions[path + (key,)] = (km.line + 1, km.column + 1)
                result[key] = self._walk(value_node, path + (key,), document, depth + 1,
                                         via or self.alias_uses.get((id(node), id(key_node))))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._walk(child, path + (i,), document, depth + 1, via or self.alias_uses.get((id(node), i)))
                    for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _merge(self, node: yaml.MappingNode, busy: set[int]) -> None:
        """Resolve merge keys (`<<: *base`) in place. As YAML says, the mapping's own keys win over
        merged ones, and earlier merged mappings over later ones; merged duplicates are dropped, so
        merges of merges cannot multiply into a memory bomb, and a mapping cannot merge itself."""
        if not any(key.tag == MERGE_TAG for key, _ in node.value):
            return
        if id(node) in busy or len(busy) > MAX_DEPTH:
            mark = node.start_mark
            raise _TooBig(mark.line + 1, mark.column + 1, "a mapping merges itself (`<<:`), directly or not")
        busy.add(id(node))
        own, merged = [], []
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG:
                own.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    m = source.start_mark
                    self.problem(m.line + 1, m.column + 1, "yaml-syntax", "`<<:` merges mappings only",
                                 "merge an anchored mapping (`<<: *name`), or remove the `<<:` line")
                    continue
                self._merge(source, busy)
                merged.extend(source.value)
        busy.discard(id(node))
        seen = {_key_of(key) for key, _ in own}
        kept = []
        for key_node, value_node in merged:
            if _key_of(key_node) not in seen:
                seen.add(_key_of(key_node))
                kept.append((key_node, value_node))
        node.value = kept + own

    def _scalar(self, node: yaml.Node) -> Any:
        m = node.start_mark
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception as error:  # noqa: BLE001 - PyYAML's constructors fail in many ways on a bad
            # tagged value (`!!timestamp 2001-13-45x` raises AttributeError); each is a content mistake.
            reason = error.problem if isinstance(error, yaml.MarkedYAMLError) else error
            self.problem(m.line + 1, m.column + 1, "wrong-type", f"this value cannot be read: {reason}",
                         "put the value in quotes")
            return None
        if isinstance(value, bytes):
            self.problem(m.line + 1, m.column + 1, "wrong-type", "binary data (`!!binary`) cannot be used here",
                         "write the value as text")
            return None
        if isinstance(value, str) and (bad := BAD_CHARACTER.search(value)):
            self.problem(m.line + 1, m.column + 1, "bad-character",
                         f"this text holds an invisible or invalid character (U+{ord(bad.group(0)):04X})",
                         "delete it (text copied from another program may carry it), or retype the text")
            return None
        return value


def _key_of(node: yaml.Node) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else id(node)


_ANCHOR = re.compile(r"(?:^|[\s:\-\[{,])&[^\s,\[\]{}]")
_INDENT = re.compile(r"^ *", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


def _ordinary(text: str) -> bool:
    """Whether libyaml can compose the file safely: no anchors (so nothing an alias could
    repeat), no control characters, small, and too shallow to exhaust the stack."""
    # A backslash may be an escape (`"\\ud800"`) whose character the pure-Python reader reports well.
    if len(text) > 200_000 or "\\" in text or _ANCHOR.search(text) or BAD_CHARACTER.search(text):
        return False
    if max(len(m) for m in _INDENT.findall(text)) > 2 * MAX_DEPTH:
        return False
    depth = deepest = 0
    for char in _BRACKETS.findall(text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest <= MAX_DEPTH


class _BoundedLoader(yaml.SafeLoader):
    """Safe loading that stops at ``MAX_NODES`` values or ``MAX_DEPTH`` levels while it composes,
    so a huge or deeply nested file ends early, in bounded memory and without deep recursion."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.count = 0
        self.depth = 0
        #: (parent node, key node or index) -> (line, column) of each alias (`*name`) used there.
        self.alias_uses: dict[tuple[int, Any], tuple[int, int]] = {}

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            self.alias_uses[(id(parent), index if isinstance(index, int) else id(index))] = (
                mark.line + 1, mark.column + 1)
        self.count += 1
        self.depth += 1
        try:
            if self.count > MAX_NODES or self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                what = (f"more than {MAX_NODES:,} values" if self.count > MAX_NODES
                        else f"values nested deeper than {MAX_DEPTH} levels")
                raise _TooBig(mark.line + 1, mark.column + 1, f"the file holds {what}")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooBig(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column = line, column


def _yaml_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a text containing ': ' must be put in quotes, or indented under its key"
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in what:
        return "each line of a mapping needs `key: value`; check the line above for a missing colon"
    if "expected <block end>" in what or "did not find expected" in what:
        return "check the indentation: items of one list or mapping must line up"
    if "found character" in what and "'@'" in what or "'`'" in what:
        return "a text starting with @ or ` must be put in quotes"
    if "found undefined alias" in what:
        return "define the anchor (`&name`) before using the alias (`*name`)"
    return "check the line and the line above it (quotes, colons, indentation)"


def read_document(path: Path, display: str, problems: list[Problem]) -> Document | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # judged before reading: a huge file is never read into memory
            problems.append(Problem(display, 1, 1, "file-too-large",
                                    f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                                    "split the module into smaller modules"))
            return None
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # it may have grown since
    except OSError as error:
        problems.append(Problem(display, 1, 1, "unreadable", f"the file cannot be read: {error.strerror}"))
        return None
    return _Reader(display, problems).read(raw)


# --------------------------------------------------------------------------- validation messages

_TYPE_NAMES = {
    "string_type": "a text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a mapping (lines of `key: value`)",
    "model_type": "a mapping (lines of `key: value`)",
    "model_attributes_type": "a mapping (lines of `key: value`)",
}


_TYPE_HINTS = {
    "string_type": "put text in quotes if it looks like a number or true/false",
    "int_type": "write a whole number, like 3",
    "int_parsing": "write a whole number, like 3",
    "int_from_float": "write a whole number, like 3",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "list_type": "write each item on its own line starting with `- `, or all of them in brackets: [a, b]",
    "dict_type": "write `key: value` lines, indented under this one",
    "model_type": "write `key: value` lines, indented under this one",
    "model_attributes_type": "write `key: value` lines, indented under this one",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], what: str) -> str:
    choices = list(choices)
    best = _suggest(word, choices)
    listed = ", ".join(f"'{c}'" for c in choices)
    if best:
        return f"did you mean '{best}'? ({what}: {listed})"
    return f"use one of: {listed}" if choices else f"no {what} are declared"


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
            else:
                return annotation
        else:
            return annotation


def _step(annotation: Any, element: str | int) -> Any:
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(element) if isinstance(element, str) else None
        return field.annotation if field else None
    if origin is list and isinstance(element, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    if origin in (Union, types.UnionType) and isinstance(element, str):
        return BLOCK_TYPES.get(element)
    return None


def _fields_at(root: Any, loc: tuple) -> list[str]:
    annotation = root
    for element in loc:
        annotation = _step(annotation, element)
        if annotation is None:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _data_path(data: Any, loc: tuple) -> tuple[Path_, Path_]:
    """Split a pydantic ``loc`` into the path in the data and the path in the model.

    Discriminated unions add the tag (`'contrast'`) to ``loc``; it is not in the data.
    """
    data_path: list[str | int] = []
    model_path: list[str | int] = []
    current = data
    for i, element in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and element in current:
            data_path.append(element)
            model_path.append(element)
            current = current[element]
        elif isinstance(current, list) and isinstance(element, int) and 0 <= element < len(current):
            data_path.append(element)
            model_path.append(element)
            current = current[element]
        elif not last and isinstance(current, dict) and element in BLOCK_TYPES:
            model_path.append(element)  # union tag: in the model, not in the data
        else:
            data_path.append(element)
            model_path.append(element)
            current = None
    return tuple(data_path), tuple(model_path)


def _field_name(path: Path_) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "value"


def _explain(error: dict, document: Document, root: Any, base: Path_ = ()) -> Problem:
    """Turn one pydantic error into a plain-language, located problem."""
    loc = tuple(error["loc"])
    data_path, model_path = _data_path(_get(document.data, base), loc)
    path = base + data_path
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    name = _field_name(data_path) if data_path else "file"
    line, column = document.where(path)
    code, hint = "wrong-type", None

    if kind == "missing":
        line, column = document.where(path[:-1])
        code, message = "missing-field", f"the required field '{name}' is missing"
        hint = MISSING_FIELD_HINTS.get(name, f"add `{name}:` with a value")
    elif kind == "extra_forbidden":
        line, column = document.where(path, key=True)
        allowed = _fields_at(root, model_path[:-1])
        code, message = "unknown-key", f"unknown key '{name}'"
        hint = did_you_mean(name, allowed, "keys allowed here")
    elif kind == "union_tag_invalid":
        code = "unknown-block-type"
        tag = ctx.get("tag", value)
        line, column = document.where(path + ("type",))
        message = f"unknown block type '{tag}'"
        hint = did_you_mean(str(tag), BLOCK_TYPES, "block types")
    elif kind == "union_tag_not_found":
        code, message = "missing-field", "this block has no 'type'"
        hint = "add `type:` with one of: " + ", ".join(BLOCK_TYPES)
    elif kind in _TYPE_NAMES:
        if kind in ("model_type", "dict_type") and value is None:
            message = f"'{name}' is empty"
            hint = "fill it in, or remove the line"
        else:
            message = f"'{name}' should be {_TYPE_NAMES[kind]}, not {_describe(value)}"
            hint = _TYPE_HINTS.get(kind)
            if kind == "string_type" and isinstance(value, dict):
                hint = "a text containing ': ' is read as `key: value`; put the whole text in quotes"
    elif kind == "string_too_short":
        code, message = "empty-value", f"'{name}' is empty"
        hint = "write a text, or remove the line if the field is optional"
    elif kind == "too_short":
        code = "wrong-type"
        message = f"'{name}' needs at least {ctx.get('min_length')} item(s), it has {ctx.get('actual_length', 0)}"
        hint = "add the missing item(s), each on its own line starting with `- `"
    elif kind == "too_long":
        message = f"'{name}' takes at most {ctx.get('max_length')} item(s), it has {ctx.get('actual_length')}"
        if ctx.get("max_length") == 2:
            hint = "each row is a pair: `- [left text, right text]`; put a text containing a comma in quotes"
    elif kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        code = "bad-value"
        if pattern.startswith("^[a-z0-9]"):
            message = f"'{value}' is not a valid {name}"
            hint = "use lower-case letters, digits and dashes only, e.g. 'recovery-education'"
        elif "10\\." in pattern:
            message = f"'{value}' is not a DOI"
            hint = "write the DOI alone, e.g. 10.1111/inm.12596 (no https://doi.org/)"
        elif "https?" in pattern:
            message = f"'{value}' is not a web address"
            hint = "write the full address, starting with https://"
        elif pattern == MEDIA_PATH_PATTERN:
            code, message = "bad-value", f"'{value}' is not a path inside the content folder"
            hint = ("write the path from the content folder, e.g. media/welcome.mp4: no `..`, no leading `/`, "
                    "no web address; letters, digits, dots, dashes and underscores only")
        else:
            message = f"'{value}' has the wrong form for '{name}'"
    elif kind in ("greater_than_equal", "less_than_equal"):
        code = "bad-value"
        bound = ctx.get("ge", ctx.get("le"))
        message = f"'{name}' is {value}; it must be {'at least' if 'ge' in ctx else 'at most'} {bound}"
        hint = "a duration is a whole number of minutes, e.g. `minutes: 15`" if "minutes" in name else None
    elif kind == "literal_error":
        code = "bad-value"
        expected = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        message = f"'{value}' is not allowed for '{name}'"
        hint = did_you_mean(str(value), expected, "allowed values")
    elif kind == "content_path":
        code, message, hint = "bad-path", error["msg"], ctx.get("hint")
    else:
        message = f"'{name}': {error['msg']}"
    return Problem(document.file, line, column, code, message, hint)


def _get(data: Any, path: Path_) -> Any:
    for element in path:
        try:
            data = data[element]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _validate(root: Any, document: Document, problems: list[Problem], base: Path_ = (),
              content_dir: Path | None = None) -> Any:
    """``content_dir``: where files named by ``ContentPath`` fields must exist."""
    try:
        return TypeAdapter(root).validate_python(_get(document.data, base), context={"content_dir": content_dir})
    except ValidationError as error:
        seen: set[tuple] = set()
        for item in error.errors():
            problem = _explain(item, document, root, base)
            key = (problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
        return None


# --------------------------------------------------------------------------- the project


class _Checker:
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
        if key not in self.references:
            self.problem(document, path, "unknown-reference", f"unknown reference '{key}'",
                         did_you_mean(key, self.references, "references in references.yml"))

    def citations(self, document: Document, data: Any, path: Path_ = ()) -> None:
        """Every `cites:` list and every inline `[@key]` in any text."""
        if isinstance(data, dict):
            for name, value in data.items():
                if name == "cites" and isinstance(value, list):
                    for i, key in enumerate(value):
                        self.reference(document, path + (name, i), str(key))
                else:
                    self.citations(document, value, path + (name,))
        elif isinstance(data, list):
            for i, value in enumerate(data):
                self.citations(document, value, path + (i,))
        elif isinstance(data, str):
            for match in CITATION.finditer(data):
                self.reference(document, path, match.group(1))

    def tag(self, document: Document, path: Path_, tag: str) -> None:
        framework_id, _, key = tag.partition(":")
        framework = self.toolkit.framework(framework_id)
        if not key or framework is None:
            self.problem(document, path, "bad-tag", f"'{tag}' is not a framework tag",
                         "write `framework:component`, e.g. `chime:hope` or `guidelines:1`; frameworks: "
                         + ", ".join(f.id for f in self.toolkit.frameworks))
        else:
            self.component(document, path, framework, key)

    def component(self, document: Document, path: Path_, framework, key: str) -> None:
        if framework.component(key) is None:
            keys = [c.key for c in framework.components]
            mapped_to = any(f.maps_to == framework.id for f in self.toolkit.frameworks)
            self.problem(document, path, "unknown-dimension" if mapped_to else "unknown-component",
                         f"unknown {framework.item_name} '{key}' of {framework.short_title or framework.title}",
                         did_you_mean(key, keys, f"{framework.item_name_plural or framework.item_name + 's'}"))

    def toolkit_file(self, document: Document) -> None:
        for kind, items in (("section", self.toolkit.sections), ("audience", self.toolkit.audiences),
                            ("framework", self.toolkit.frameworks)):
            seen: set[str] = set()
            plural = kind + "s"
            for i, item in enumerate(items):
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
        if self.toolkit.language not in self.toolkit.languages:
            self.problem(document, ("language",), "bad-value",
                         f"the default language '{self.toolkit.language}' is not in 'languages'",
                         f"add '{self.toolkit.language}' to languages")
        self.citations(document, document.data)

    def module(self, document: Document, expected_section: str, expected_id: str) -> None:
        """Checks on the raw data, so they run even when the model found other mistakes."""
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
        for i, audience in _items(data.get("audience")):
            self.audience(document, ("audience", i), audience)
        for t, tag in _items(data.get("tags")):
            self.tag(document, ("tags", t), tag)
        block_ids: set[str] = set()
        for b, block in _items(data.get("blocks")):
            if not isinstance(block, dict):
                continue
            at = ("blocks", b)
            block_id = block.get("id")
            if isinstance(block_id, str):
                if block_id in block_ids:
                    self.problem(document, at + ("id",), "duplicate-id",
                                 f"the block id '{block_id}' is used twice in this module", "give each block its own id")
                block_ids.add(block_id)
            for t, tag in _items(block.get("tags")):
                self.tag(document, at + ("tags", t), tag)
            if block.get("type") == "framework":
                self.framework_block(document, at, block)
            if block.get("type") == "fact_sheet" and isinstance(block.get("reference"), (str, int)):
                self.reference(document, at + ("reference",), str(block["reference"]))
            for g, group in _items(block.get("groups")):
                if not isinstance(group, dict):
                    continue
                for a, audience in _items(group.get("audience")):
                    self.audience(document, at + ("groups", g, "audience", a), audience)
                for q, question in _items(group.get("questions")):
                    for t, tag in _items(question.get("tags") if isinstance(question, dict) else None):
                        self.tag(document, at + ("groups", g, "questions", q, "tags", t), tag)
        self.citations(document, document.data)

    def media(self, document: Document, layer: Path) -> None:
        """Files named by media blocks exist inside the content folder and are what they say."""
        from .media import check_media_block

        data = document.data if isinstance(document.data, dict) else {}
        for b, block in _items(data.get("blocks")):
            if isinstance(block, dict) and block.get("type") == "media":
                def report(path, *, code, message, hint, at=("blocks", b)):
                    self.problem(document, at + path, code, message, hint)

                check_media_block(block, layer, report)

    def page_links(self, documents: dict[str, Document], pages: set[str], sections: dict[str, str]) -> None:
        """Links in module texts to other pages (`../education/x.md`) lead to pages that exist."""
        for module_id, document in documents.items():
            base = sections.get(module_id, "")
            for path, text in _strings(document.data):
                for match in PAGE_LINK_IN_TEXT.finditer(text):
                    target = posixpath.normpath(posixpath.join(base, match.group(1)))
                    if target not in pages:
                        by_name = [p for p in sorted(pages) if posixpath.basename(p) == posixpath.basename(target)]
                        hint = (f"links are relative to this module's page ({base}/{module_id}.md): "
                                + (f"write '{posixpath.relpath(by_name[0], base)}'" if by_name
                                   else "check the module's section folder and file name"))
                        self.problem(document, path, "broken-link", f"the link '{match.group(1)}' leads to no page",
                                     hint)

    def module_links(self, documents: dict[str, Document], existing: dict[str, Path]) -> None:
        """Links from one module to another (meeting handouts) name an existing module and block.

        A module hidden by a localized copy still counts: the link is then shown as text. A
        block is only checked in a module of the same content folder: when a copy replaces an
        upstream module, upstream links lead to the new module's page (not to a block of it)."""
        def block_ids(module_id: str) -> list[str]:
            data = documents[module_id].data
            blocks = data.get("blocks") if isinstance(data, dict) else None
            return [str(x["id"]) for _, x in _items(blocks) if isinstance(x, dict) and "id" in x]

        for document in documents.values():
            data = document.data if isinstance(document.data, dict) else {}
            for b, block in _items(data.get("blocks")):
                if not isinstance(block, dict):
                    continue
                for h, handout in _items(block.get("handouts")):
                    target_id = handout.get("module") if isinstance(handout, dict) else None
                    if not isinstance(target_id, str):
                        continue
                    at = ("blocks", b, "handouts", h)
                    if target_id not in existing:
                        self.problem(document, at + ("module",), "unknown-module", f"there is no module '{target_id}'",
                                     did_you_mean(target_id, sorted(existing), "modules"))
                        continue
                    if target_id not in documents:
                        continue  # that module has mistakes of its own, reported there
                    source_id = next(k for k, d in documents.items() if d is document)
                    if existing.get(target_id) != existing.get(source_id):
                        continue
                    block_id = handout.get("block")
                    ids = block_ids(target_id)
                    if isinstance(block_id, str) and block_id not in ids:
                        hint = (did_you_mean(block_id, ids, "block ids of that module") if ids else
                                f"no block of '{target_id}' has an `id`: give the block you mean `id: {block_id}`")
                        self.problem(document, at + ("block",), "unknown-block",
                                     f"the module '{target_id}' has no block '{block_id}'",
                                     hint + "; or remove `block:` to link to the whole module")

    def start_modules(self, document: Document, modules: Iterable[str]) -> None:
        """An audience's recommended modules (`start:`) exist (a hidden one is left out of the page)."""
        data = document.data if isinstance(document.data, dict) else {}
        for a, audience in _items(data.get("audiences")):
            for s, module_id in _items(audience.get("start") if isinstance(audience, dict) else None):
                if module_id not in modules:
                    self.problem(document, ("audiences", a, "start", s), "unknown-module",
                                 f"there is no module '{module_id}'", did_you_mean(module_id, sorted(modules), "modules"))

    def branding(self, document: Document) -> None:
        data = document.data.get("branding") if isinstance(document.data, dict) else None
        if not isinstance(data, dict):
            return
        from .branding import contrast_problems
        from .model import Branding

        try:
            branding = Branding.model_validate(data)
        except ValueError:
            return  # the model reports the wrong values
        for name, message in contrast_problems(branding):
            self.problem(document, ("branding", name), "low-contrast", message,
                         "choose a darker colour; https://webaim.org/resources/contrastchecker/ helps")

    def audience(self, document: Document, path: Path_, audience: str) -> None:
        if self.toolkit.audience(audience) is None:
            self.problem(document, path, "unknown-audience", f"unknown audience '{audience}'",
                         did_you_mean(audience, [a.id for a in self.toolkit.audiences], "audiences in toolkit.yml"))

    def framework_block(self, document: Document, at: Path_, block: dict) -> None:
        framework_id = block.get("framework")
        if not isinstance(framework_id, str):
            return
        framework = self.toolkit.framework(framework_id)
        if framework is None:
            self.problem(document, at + ("framework",), "unknown-framework", f"unknown framework '{framework_id}'",
                         did_you_mean(framework_id, [f.id for f in self.toolkit.frameworks],
                                      "frameworks in toolkit.yml"))
            return
        target = self.toolkit.framework(framework.maps_to) if framework.maps_to else None
        for c, entry in _items(block.get("components")):
            if not isinstance(entry, dict):
                continue
            if "key" in entry:
                self.component(document, at + ("components", c, "key"), framework, entry["key"])
            for m, key in _items(entry.get("maps_to")):
                if target is None:
                    self.problem(document, at + ("components", c, "maps_to"), "unknown-framework",
                                 f"the framework '{framework.id}' does not map to another framework",
                                 "remove `maps_to`, or set `maps_to:` on the framework in toolkit.yml")
                    break
                self.component(document, at + ("components", c, "maps_to", m), target, key)


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


def _items(value: Any) -> list[tuple[int, Any]]:
    """(index, item) of a list; nothing for anything else (the model reports wrong types)."""
    if not isinstance(value, list):
        return []
    return [(i, item if isinstance(item, dict) else str(item)) for i, item in enumerate(value)
            if item is not None]


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def module_files(content_dir: Path) -> Iterator[tuple[Path, str]]:
    """Module files (not translations) under ``modules/<section>/``, with their section folder."""
    modules_dir = content_dir / "modules"
    if not modules_dir.is_dir():
        return
    for path in sorted(modules_dir.glob("*/*.yml")):
        if "." not in path.stem:  # `<id>.fr.yml` is a translation
            yield path, path.parent.name


ContentDirs = Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]]


def content_layers(content_dirs: ContentDirs) -> list[Path]:
    """The content folders, upstream first: one folder, or an upstream and overlays."""
    if isinstance(content_dirs, (str, os.PathLike)):
        return [Path(content_dirs)]
    return [Path(d) for d in content_dirs]


class _Loader:
    """Loads the files of every content layer in one language, collecting problems."""

    def __init__(self, layers: list[Path], language: str | None, cache: dict | None = None):
        self.layers = layers
        self.language = language
        self.problems: list[Problem] = []
        #: Parsed files, shared by the loads of one project in several languages.
        self.cache = cache if cache is not None else {}

    def read(self, path: Path) -> Document | None:
        if path in self.cache:
            return self.cache[path]
        document = read_document(path, _display(path), self.problems)
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

    def load(self, layer: Path, relative: Path, root: Any, translate: bool, any_layer: bool = False):
        """(value, source document, merge result) of one file, or (None, ...) after a problem.

        A module's translation may come from any layer (an overlay can add a language to
        upstream modules); the translation of toolkit.yml or glossary.yml sits beside it.
        """
        path = layer / relative
        document = self.read(path)
        if document is None:
            return None, None, None
        before = len(self.problems)
        value = _validate(root, document, self.problems, content_dir=layer)
        if not translate or value is None or len(self.problems) > before:
            return value, document, None
        from .i18n import Merged, merge, text_leaves

        translation_path = self.translation_of(relative, self.layers if any_layer else [layer])
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
        merged_doc = Document(translation.file, merged.data, translation.positions, translation.key_positions)
        translated = _validate(root, merged_doc, self.problems, content_dir=layer)
        return translated, document, merged

    def orphans(self, languages: list[str], module_ids: set[str]) -> None:
        """Translation files of modules that do not exist, or in undeclared languages."""
        for layer in self.layers:
            for path in sorted((layer / "modules").glob("*/*.*.yml")):
                stem, _, language = path.stem.rpartition(".")
                where = _display(path)
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


def load_project(content_dirs: ContentDirs, language: str | None = None, _cache: dict | None = None) -> Project:
    """Load and check every file of the content folders; raise ``ContentError`` listing all problems.

    ``content_dirs`` is one folder, or an upstream folder followed by overlays that add,
    replace (same module id) or hide modules. ``language`` picks the language of the
    text (default: the toolkit's own); missing translations fall back to the default.
    """
    layers = content_layers(content_dirs)
    base = layers[0]
    toolkit_path = base / "toolkit.yml"
    if not toolkit_path.is_file():
        raise ContentError([Problem(_display(toolkit_path), 1, 1, "missing-file",
                                    f"there is no toolkit.yml in {_display(base)}",
                                    "run `toolkit validate` on the content folder, or create toolkit.yml")])
    loader = _Loader(layers, None, _cache)
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
        raise ContentError(problems + [Problem(_display(toolkit_path), *toolkit_doc.where(("languages",)),
                                               "unknown-language",
                                               f"'{language}' is not one of the toolkit's languages",
                                               did_you_mean(language, toolkit.languages, "languages"))])
    translate = language != default
    loader.language = language
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
            loaded, _, merged = loader.load(layer, Path("glossary.yml"), Glossary, translate)
            terms = loaded.terms if loaded else []
            replaced = {t.term for t in terms}
            offset = len([t for t in glossary if t.term not in replaced])
            glossary = [t for t in glossary if t.term not in replaced] + list(terms or [])
            if merged:
                untranslated_terms |= {offset + p[1] for p in merged.missing if len(p) > 1}

    checker = _Checker(toolkit, references, problems) if toolkit else None
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
                checker.module(document, path.parent.name, path.stem)
                checker.media(document, layer)
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
        checker.module_links(documents, {module_id: layer for module_id, (layer, _) in found.items()})
        sections = {module_id: path.parent.name for module_id, (_layer, path) in found.items()}
        pages = {"index.md", "glossary.md", "references.md", "topics/index.md"}
        pages |= {f"{s.id}/index.md" for s in toolkit.sections} if toolkit else set()
        pages |= {f"{section}/{module_id}.md" for module_id, section in sections.items()}
        if toolkit is not None:
            from .crossindex import audience_path, component_path

            pages |= {component_path(f, c.key) for f in toolkit.frameworks for c in f.components}
            pages |= {audience_path(a) for a in toolkit.audiences}
        checker.page_links(documents, pages, sections)
        for doc in [toolkit_doc] + [d for _, d, _ in overlays]:
            if doc is not None:
                checker.start_modules(doc, set(found))

    if problems:
        raise ContentError(problems)
    return Project(toolkit=toolkit, references=references, glossary=glossary, modules=modules, sources=sources,
                   layers=origin, language=language, untranslated=untranslated,
                   untranslated_terms=frozenset(untranslated_terms))


def load_languages(content_dirs: ContentDirs) -> dict[str, Project]:
    """The project in each of its languages, default first; every problem of every language
    (a translation's mistakes included) in one ``ContentError``."""
    cache: dict = {}
    default = load_project(content_dirs, None, cache)
    projects = {default.language: default}
    problems: list[Problem] = []
    for language in default.toolkit.languages:
        if language in projects:
            continue
        try:
            projects[language] = load_project(content_dirs, language, cache)
        except ContentError as error:
            problems.extend(p for p in error.problems if p not in problems)
    if problems:
        raise ContentError(problems)
    return projects
