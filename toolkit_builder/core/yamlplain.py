"""The quick way to read an ordinary YAML file: its data alone, without positions.

Most content files have no problem, and no check ever asks where one of their values is. For an
ordinary file (``ordinary``: small, no anchors, no escapes, no bad characters, shallow) whose texts
are within the converter's limits, libyaml composes the file with a cheaper resolver (the same
tags as PyYAML's, without its per-node bookkeeping for path resolvers) and the data is built from
the nodes directly. Anything the located reader (``yamlpos``) would report, and anything unusual
(a tag, a merge key, a key that is not a text, a duplicate key, a value that needs PyYAML's
constructor and fails), makes ``plain_data`` give up (``LOOK_CLOSER``): the located reader then
reads the file and reports exactly what it always did. Positions are found later, by reading the
file's text again, only when a check has a problem to locate.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .limits import BAD_CHARACTER, MAX_DEPTH, MAX_NODES

#: libyaml's parser when PyYAML has it (about 20 times faster), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

#: Longer files take the located reader: each value takes at least a character, so a file this short
#: holds fewer values than ``MAX_NODES`` (the quick way counts them anyway).
PLAIN_MAX_CHARACTERS = MAX_NODES // 2

#: What ``plain_data`` gives when the located reader must read the file.
LOOK_CLOSER: Any = object()

_ANCHOR = re.compile(r"(?:^|[\s:\-\[{,])&[^\s,\[\]{}]")
_DEEP_INDENT = re.compile(r"^ {%d}" % (2 * MAX_DEPTH + 1), re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


def ordinary(text: str) -> bool:
    """Whether libyaml can compose the file safely: no anchors (so nothing an alias could
    repeat), no control characters, small, and too shallow to exhaust the stack."""
    # A backslash may be an escape (`"\\ud800"`) whose character the pure-Python reader reports well.
    if len(text) > 200_000 or "\\" in text or ("&" in text and _ANCHOR.search(text)) or BAD_CHARACTER.search(text):
        return False
    if _DEEP_INDENT.search(text):
        return False
    if sum(text.count(char) for char in "[{") <= MAX_DEPTH:  # too few brackets to nest too deep
        return True
    depth = deepest = 0
    for char in _BRACKETS.findall(text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest <= MAX_DEPTH


def _resolvers(loader: Any) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's implicit resolvers by a scalar's first character, with those for any character after."""
    table = loader.yaml_implicit_resolvers
    anywhere = table.get(None, [])
    return {first: list(found) + list(anywhere) for first, found in table.items() if first is not None}


class _PlainLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]  # PyYAML ships no type hints
    """libyaml's composer with PyYAML's safe resolver, without the path-resolver bookkeeping it does
    for every node (no path resolver is ever registered here). Same tags as ``SAFE_LOADER``."""

    _by_first = _resolvers(SAFE_LOADER)
    _anywhere = list(SAFE_LOADER.yaml_implicit_resolvers.get(None, []))

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self._by_first.get(value[:1], self._anywhere):
                    if pattern.match(value):
                        return str(tag)
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


class _LookCloser(Exception):
    pass


class _Builder:
    def __init__(self) -> None:
        self.nodes = 0
        self.constructor: yaml.SafeLoader | None = None

    def value(self, node: yaml.Node, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise _LookCloser
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            if tag == STR_TAG:
                return node.value
            return self.scalar(node)
        if kind is yaml.MappingNode:
            if tag != MAP_TAG:
                raise _LookCloser
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                # A merge key (`<<`), a number, a tag or a collection as a key: the located reader's business.
                if type(key_node) is not yaml.ScalarNode or key_node.tag != STR_TAG or key_node.value in result:
                    raise _LookCloser
                result[key_node.value] = self.value(value_node, depth + 1)
            return result
        if kind is yaml.SequenceNode and tag == SEQ_TAG:
            return [self.value(child, depth + 1) for child in node.value]
        raise _LookCloser

    def scalar(self, node: yaml.Node) -> Any:
        """A number, a date, `null`, `true`...: built by PyYAML's constructor, as the located reader does."""
        if self.constructor is None:
            self.constructor = yaml.SafeLoader("")
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception as error:  # noqa: BLE001 - any failure is reported by the located reader
            raise _LookCloser from error
        if isinstance(value, (bytes, str)):
            raise _LookCloser
        return value


def plain_data(text: str) -> Any:
    """The data of an ordinary file whose texts are known to be within limits (``yamlpos``), or
    ``LOOK_CLOSER`` when the located reader must read it (a mistake to report, or anything unusual)."""
    if len(text) > PLAIN_MAX_CHARACTERS:
        return LOOK_CLOSER
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LOOK_CLOSER
        return _Builder().value(node, 0)
    except (yaml.YAMLError, _LookCloser):
        return LOOK_CLOSER
    finally:
        loader.dispose()
