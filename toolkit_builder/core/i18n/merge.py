"""Translations: merge `<id>.<lang>.yml` files onto their sources, and the UI catalogues.

A translation file has the structure of its source and carries only the text (fields
typed ``Text`` or ``Markdown`` in the model). Lists are matched by position; ``id``,
``type`` and ``key`` may be repeated as anchors and must then match the source. The
file records the digest of the source text it was made from (``source:``), so a
changed source shows up as a stale translation.

Untranslated parts fall back to the default language. A block with any text missing
is shown whole in the default language, so a passage is never half in one language.
"""

from __future__ import annotations

import functools
import hashlib
import json
import typing
from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from ..blocks import BLOCK_TYPES, AnyBlock
from ..model import TRANSLATABLE
from ..problems import Path_

#: Fields a translation may repeat to show what it translates; they must equal the source.
ANCHORS = ("id", "type", "key")


#: Top-level key of a translation file holding the digest of the source text.
DIGEST_KEY = "source"


_T = typing.TypeVar("_T")


def _by_identity(function: typing.Callable[[Any], _T]) -> typing.Callable[[Any], _T]:
    """Remember a function of a type by the type's identity: a typing object (``Annotated[...]``)
    hashes its arguments, recursively, every time, and a merge asks about a type at every value.
    The types asked about are kept alive here, so an identity is never reused; a type written out
    in a call (``dict[str, Reference]``) is a new object each time, so the memory is bounded."""
    memo: dict[int, tuple[Any, _T]] = {}

    @functools.wraps(function)
    def remembered(annotation: Any) -> _T:
        found = memo.get(id(annotation))
        if found is not None and found[0] is annotation:
            return found[1]
        result = function(annotation)
        if len(memo) > 4096:
            memo.clear()
        memo[id(annotation)] = (annotation, result)
        return result
    return remembered


@_by_identity
def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type without Annotated/Optional wrappers, and whether it is translatable text."""
    translatable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args: typing.Sequence[Any] = typing.get_args(annotation)
            translatable = translatable or any(a is TRANSLATABLE for a in args[1:])
            annotation = args[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, translatable
            annotation = args[0]
        else:
            return annotation, translatable


@functools.lru_cache(maxsize=None)
def _field_type(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    if info is None:
        return None
    if any(m is TRANSLATABLE for m in info.metadata):
        return typing.Annotated[info.annotation, TRANSLATABLE]
    return info.annotation


def _model_for(annotation: Any, data: Any) -> Any:
    """Resolve a discriminated union of blocks by the data's `type`."""
    base, _ = _unwrap(annotation)
    if base is AnyBlock and isinstance(data, dict):
        return BLOCK_TYPES.get(str(data.get("type")))
    return base


@_by_identity
def has_text(annotation: Any) -> bool:
    """Whether a value of this type holds any translatable text."""
    base, translatable = _unwrap(annotation)
    if translatable:
        return True
    origin = typing.get_origin(base)
    if origin in (list, dict):
        return any(has_text(a) for a in typing.get_args(base))
    if base is AnyBlock:
        return True
    if isinstance(base, type) and issubclass(base, BaseModel):
        return any(has_text(_field_type(base, n)) for n in base.model_fields)
    return False


def text_leaves(data: Any, annotation: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every translatable string of ``data`` with its path, in document order."""
    base, translatable = _unwrap(annotation)
    model = _model_for(annotation, data)
    if translatable and isinstance(data, str):
        yield path, data
    elif isinstance(data, list):
        item = typing.get_args(base)[0] if typing.get_args(base) else None
        for i, value in enumerate(data):
            yield from text_leaves(value, item, path + (i,))
    elif isinstance(data, dict):
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, value in data.items():
                sub = _field_type(model, name)
                if sub is not None:
                    yield from text_leaves(value, sub, path + (name,))
        elif typing.get_origin(base) is dict:
            value_type = typing.get_args(base)[1]
            for name, value in data.items():
                yield from text_leaves(value, value_type, path + (name,))


def digest(data: Any, annotation: Any) -> str:
    """A short fingerprint of the source's text: it changes when any text changes."""
    leaves = [[list(p), t] for p, t in text_leaves(data, annotation)]
    return hashlib.sha256(json.dumps(leaves, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


@dataclass
class Issue:
    """A mismatch between a translation and its source, at a path in the translation."""

    path: Path_
    code: str
    message: str
    hint: str | None = None


@dataclass
class Merged:
    data: Any
    #: Paths (in the source) of text the translation does not carry.
    missing: list[Path_] = field(default_factory=list)
    translated: int = 0
    issues: list[Issue] = field(default_factory=list)


def merge(source: Any, translation: Any, annotation: Any) -> Merged:
    """Lay the translation's text over a copy of the source."""
    result = Merged(None)
    top = dict(translation) if isinstance(translation, dict) else translation
    if isinstance(top, dict):
        top.pop(DIGEST_KEY, None)
    result.data = _merge(source, top, annotation, (), result)
    return result


def _merge(source: Any, translation: Any, annotation: Any, path: Path_, result: Merged) -> Any:
    base, translatable = _unwrap(annotation)
    if translatable and isinstance(source, str):
        if translation is None:
            result.missing.append(path)
            return source
        if not isinstance(translation, str):
            result.issues.append(Issue(path, "translation-wrong-type", "this should be a text, as in the source",
                                       "write the translated text; put it in quotes if it contains ': ' or starts "
                                       "with [ or {"))
            result.missing.append(path)
            return source
        result.translated += 1
        return translation
    if isinstance(source, list):
        item = typing.get_args(base)[0] if typing.get_args(base) else None
        if translation is None:
            translation = []
        elif not isinstance(translation, list):
            result.issues.append(Issue(path, "translation-wrong-type", "this should be a list, as in the source",
                                       "write one item per line starting with `- `, in the source's order"))
            translation = []
        elif len(translation) > len(source) and has_text(item):
            for i in range(len(source), len(translation)):
                result.issues.append(Issue(path + (i,), "translation-extra",
                                           f"item {i + 1} is not in the source, which has {len(source)}",
                                           "remove it, or add it to the source first"))
        # A shorter list is a partial translation: the rest falls back and is listed by
        # `toolkit i18n status`, not an error.
        return [_merge(s, translation[i] if i < len(translation) else None, item, path + (i,), result)
                for i, s in enumerate(source)]
    if isinstance(source, dict):
        model = _model_for(annotation, source)
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        if translation is None:
            translation = {}
        elif not isinstance(translation, dict):
            result.issues.append(Issue(path, "translation-wrong-type", "this should be a mapping, as in the source",
                                       "write the translated fields as `name: text` lines, as in the source"))
            translation = {}
        merged: dict[str, Any] = {}
        for name, value in source.items():
            sub = _field_type(model, name) if is_model else (typing.get_args(base)[1] if typing.get_args(base) else None)
            if sub is not None and has_text(sub):
                if name in translation and translation[name] is None and is_model \
                        and not model.model_fields[name].is_required():
                    merged[name] = None  # this language has no such text (e.g. no abbreviation to expand)
                    result.translated += 1
                else:
                    merged[name] = _merge(value, translation.get(name), sub, path + (name,), result)
            else:
                merged[name] = value
                if name in translation and name in ANCHORS and translation[name] != value:
                    result.issues.append(Issue(path + (name,), "translation-mismatch",
                                               f"'{name}' is '{translation[name]}' here but '{value}' in the source",
                                               "blocks and items are matched by position; keep the order of the source"))
        for name, value in translation.items():
            sub = _field_type(model, name) if is_model else (typing.get_args(base)[1] if typing.get_args(base) else None)
            if name in source:
                if name not in ANCHORS and not (sub is not None and has_text(sub)):
                    result.issues.append(Issue(path + (name,), "translation-structure",
                                               f"'{name}' is not text: a translation carries only text",
                                               f"remove '{name}'; change it in the source file instead"))
            elif is_model and has_text(_field_type(model, name)) or (not is_model and typing.get_origin(base) is dict):
                merged[name] = value  # optional text the source leaves to the default (e.g. a label)
            elif name not in ANCHORS:
                result.issues.append(Issue(path + (name,), "translation-extra", f"the source has no '{name}' here",
                                           "remove it, or add it to the source first"))
        return merged
    return source
