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
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .model import (
    BLOCK_TYPES,
    GlossaryTerm,
    Module,
    Project,
    Reference,
    Toolkit,
)

#: Largest YAML file the loader reads; toolkit files are a few kilobytes.
MAX_FILE_BYTES = 2_000_000
#: Values one file may expand to; stops alias ("billion laughs") bombs.
MAX_NODES = 100_000
MAX_DEPTH = 60

CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
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
            self.problem(line, column, "yaml-syntax", f"YAML syntax error: {what}", _yaml_hint(what))
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
        self.alias_uses = loader.alias_uses
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
        hint = f"add `{name}:` with a value"
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
            hint = "put text in quotes if it looks like a number or true/false" if kind == "string_type" else None
    elif kind == "string_too_short":
        code, message = "empty-value", f"'{name}' is empty"
        hint = "write a text, or remove the line if the field is optional"
    elif kind == "too_short":
        code = "wrong-type"
        message = f"'{name}' needs at least {ctx.get('min_length')} item(s), it has {ctx.get('actual_length', 0)}"
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
        else:
            message = f"'{value}' has the wrong form for '{name}'"
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
            for g, group in _items(block.get("groups")):
                if not isinstance(group, dict):
                    continue
                for a, audience in _items(group.get("audience")):
                    self.audience(document, at + ("groups", g, "audience", a), audience)
                for q, question in _items(group.get("questions")):
                    for t, tag in _items(question.get("tags") if isinstance(question, dict) else None):
                        self.tag(document, at + ("groups", g, "questions", q, "tags", t), tag)
        self.citations(document, document.data)

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


def load_project(content_dir: str | os.PathLike) -> Project:
    """Load and check every file of a content folder; raise ``ContentError`` listing all problems."""
    content_dir = Path(content_dir)
    problems: list[Problem] = []
    toolkit_path = content_dir / "toolkit.yml"
    if not toolkit_path.is_file():
        raise ContentError([Problem(_display(toolkit_path), 1, 1, "missing-file",
                                    f"there is no toolkit.yml in {_display(content_dir)}",
                                    "run `toolkit validate` on the content folder, or create toolkit.yml")])

    toolkit_doc = read_document(toolkit_path, _display(toolkit_path), problems)
    toolkit = _validate(Toolkit, toolkit_doc, problems, content_dir=content_dir) if toolkit_doc else None

    references: dict[str, Reference] = {}
    ref_doc = None
    ref_path = content_dir / "references.yml"
    if ref_path.is_file():
        ref_doc = read_document(ref_path, _display(ref_path), problems)
        if ref_doc:
            references = _validate(dict[str, Reference], ref_doc, problems, content_dir=content_dir) or {}

    glossary: list[GlossaryTerm] = []
    glossary_path = content_dir / "glossary.yml"
    if glossary_path.is_file():
        glossary_doc = read_document(glossary_path, _display(glossary_path), problems)
        if glossary_doc:
            glossary = _validate(list[GlossaryTerm], glossary_doc, problems, content_dir=content_dir) or []

    modules: list[Module] = []
    sources: dict[str, str] = {}
    documents: dict[str, Document] = {}
    checker = _Checker(toolkit, references, problems) if toolkit else None
    if checker and toolkit_doc:
        checker.toolkit_file(toolkit_doc)
    for path, _section in module_files(content_dir):
        document = read_document(path, _display(path), problems)
        if document is None:
            continue
        if checker:
            checker.module(document, path.parent.name, path.stem)
        module = _validate(Module, document, problems, content_dir=content_dir)
        if module is None:
            continue
        if module.id in documents:
            first = documents[module.id]
            line, column = document.where(("id",))
            problems.append(Problem(document.file, line, column, "duplicate-id",
                                    f"the module id '{module.id}' is already used by {first.file}",
                                    "give each module its own id (and file name)"))
            continue
        documents[module.id] = document
        modules.append(module)
        sources[module.id] = path.relative_to(content_dir).as_posix()

    if problems:
        raise ContentError(problems)
    return Project(toolkit=toolkit, references=references, glossary=glossary, modules=modules, sources=sources)
