"""The located YAML reader: safe, bounded, and keeping the line and column of every value.

Content files come from pull requests, so the reader refuses what could stall or exhaust
a build (huge files, alias bombs, deep nesting, control characters) with a located problem
instead, and every later check can point at the line it is about. Most files have no problem to
locate: an ordinary file is read the quick way (``yamlplain``), its data alone, and its positions
are found when a check first asks for one, by reading its text again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import yaml

from .limits import (
    BAD_CHARACTER,
    BIDI_CONTROL,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    TextBudget,
    unsafe_file,
)
from .limits import (
    known_plain as _known_plain,
)
from .problems import Path_, Problem
from .yamlplain import LOOK_CLOSER, SAFE_LOADER, STR_TAG, plain_data
from .yamlplain import ordinary as _ordinary

MERGE_TAG = "tag:yaml.org,2002:merge"


COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


Positions = dict[Path_, tuple[int, int]]


class Document:
    """A parsed YAML file: plain data, and the (line, column) of every value and key.

    A file read the quick way keeps its text instead, read again with positions the first time
    one is asked for (``where``, ``positions``): from the same text, so the same positions."""

    def __init__(self, file: str, data: Any, positions: Positions | None = None,
                 key_positions: Positions | None = None, text: str | None = None,
                 located: Document | None = None):
        self.file = file
        self.data = data
        self._positions = positions
        self._key_positions = key_positions
        #: The text the positions come from, or the document that has them (``with_data``).
        self._text = text
        self._located = located

    def with_data(self, data: Any) -> Document:
        """Other data (a translation laid over its source) at this file's positions."""
        return Document(self.file, data, located=self)

    def _locate(self) -> tuple[Positions, Positions]:
        if self._positions is None or self._key_positions is None:
            if self._located is not None:
                self._positions, self._key_positions = self._located._locate()
            else:
                located = _Reader(self.file, []).read(self._text.encode("utf-8"), located=True) if self._text else None
                self._positions = located.positions if located else {}
                self._key_positions = located.key_positions if located else {}
                self._text = None
        return self._positions, self._key_positions

    @property
    def positions(self) -> Positions:
        return self._locate()[0]

    @property
    def key_positions(self) -> Positions:
        return self._locate()[1]

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``path``, else of its closest parent."""
        positions, key_positions = self._locate()
        if key and path in key_positions:
            return key_positions[path]
        while path not in positions and path:
            path = path[:-1]
        return positions.get(path, (1, 1))


class _Reader:
    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        self.nodes = 0
        self.alias_uses: dict[tuple[int, Any], tuple[int, int]] = {}
        self.constructor = yaml.SafeLoader("")
        #: What the file's texts have used of the converter's limits.
        self.texts = TextBudget()
        #: Whether every text of the file is already known to be free of bad characters and
        #: within the Markdown limits (see ``limits.known_plain``), so no text needs checking alone.
        self.known_plain = False
        #: Where each value (and key) of the file starts, by its path.
        self.positions: Positions = {}
        self.key_positions: Positions = {}

    def problem(self, line: int, column: int, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, column, code, message, hint))

    def read(self, raw: bytes, located: bool = False) -> Document | None:
        """The file's document, or None after a problem; ``located``: with its positions at once
        (else an ordinary file is read the quick way, and located when first asked)."""
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
        if not text.strip() or all(row.strip().startswith("#") or not row.strip() for row in text.splitlines()):
            self.problem(1, 1, "empty-file", "the file is empty", "add the module's fields, or delete the file")
            return None
        loader = None
        try:
            if _ordinary(text):
                # The common case, parsed by libyaml: no anchors (so no alias bombs), shallow, small.
                self.known_plain = _known_plain(text)
                if self.known_plain and not located:
                    data = plain_data(text)
                    if data is not LOOK_CLOSER:
                        return Document(self.file, data, text=text)
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
        self.positions, self.key_positions = {}, {}
        try:
            data = self._walk(nodes[0], (), 0)
        except _TooBig as error:
            self.problem(error.line, error.column, "file-too-large", str(error),
                         "remove the aliases (`*name`) that repeat large parts, or split the file")
            return None
        return Document(self.file, data, self.positions, self.key_positions)

    def _walk(self, node: yaml.Node, path: Path_, depth: int,
              via: tuple[int, int] | None = None) -> Any:
        """``via``: where the first alias on the way here was used; a bomb is reported there."""
        self.nodes += 1
        mark = node.start_mark
        if self.nodes > MAX_NODES:
            raise _TooBig(*cast("tuple[int, int]", via or (mark.line + 1, mark.column + 1)),
                          f"the file expands to more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise _TooBig(*cast("tuple[int, int]", via or (mark.line + 1, mark.column + 1)),
                          f"the file nests deeper than {MAX_DEPTH} levels")
        self.positions.setdefault(path, (mark.line + 1, mark.column + 1))
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
                    first = self.key_positions[path + (key,)]
                    self.problem(km.line + 1, km.column + 1, "duplicate-key",
                                 f"the key '{key}' appears twice (first on line {first[0]})",
                                 "keep one of them")
                    continue
                self.key_positions[path + (key,)] = (km.line + 1, km.column + 1)
                result[key] = self._walk(value_node, path + (key,), depth + 1,
                                         via or self.alias_uses.get((id(node), id(key_node))))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._walk(child, path + (i,), depth + 1, via or self.alias_uses.get((id(node), i)))
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
        if self.known_plain and node.tag == STR_TAG:
            return node.value  # what PyYAML's constructor returns for a text, without its overhead
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
            what = ("a control that changes the direction of text" if BIDI_CONTROL.match(bad.group(0))
                    else "an invisible or invalid character")
            self.problem(m.line + 1, m.column + 1, "bad-character",
                         f"this text holds {what} (U+{ord(bad.group(0)):04X})",
                         "delete it (text copied from another program may carry it), or retype the text")
            return None
        if isinstance(value, str) and not self.known_plain:
            # Reported, and kept: the file cannot build, and the model's checks still run on the rest.
            self._plain_enough(value, m.line + 1, m.column + 1)
        return value

    def _plain_enough(self, text: str, line: int, column: int) -> None:
        for code, message, hint in self.texts.problems(text):
            self.problem(line, column, code, message, hint)


def _key_of(node: yaml.Node) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else id(node)


class _BoundedLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type hints
    """Safe loading that stops at ``MAX_NODES`` values or ``MAX_DEPTH`` levels while it composes,
    so a huge or deeply nested file ends early, in bounded memory and without deep recursion."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.count = 0
        self.depth = 0
        #: (parent node, key node or index) -> (line, column) of each alias (`*name`) used there.
        self.alias_uses: dict[tuple[int, Any], tuple[int, int]] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
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


def parse_document(raw: bytes, display: str, problems: list[Problem], located: bool = False) -> Document | None:
    """The document of a YAML file's bytes, or None after a problem (see ``read_document``)."""
    return _Reader(display, problems).read(raw, located)


def read_document(path: Path, display: str, problems: list[Problem], root: Path | None = None,
                  located: bool = False, store: Any = None) -> Document | None:
    """The document of a YAML file, or None after a problem. With ``root``, the file must be a
    regular file inside that folder (see ``unsafe_file``). ``located``: its positions found at once,
    for a caller that asks for many (else when first asked for). ``store``: data kept by the bytes
    of files read the quick way before (``load.documents.StoredData``), used and added to."""
    refused = unsafe_file(path, root) if root is not None else None
    if refused is not None:
        problems.append(Problem(display, 1, 1, "unreadable", *refused))
        return None
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
    if store is not None and not located:
        data = store.get(raw)
        if data is not LOOK_CLOSER:
            return Document(display, data, text=raw.decode("utf-8-sig"))
    document = parse_document(raw, display, problems, located)
    if store is not None and document is not None and document._text is not None:  # read the quick way
        store.put(raw, document.data)
    return document
