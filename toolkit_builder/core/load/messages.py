"""Pydantic's validation errors turned into plain-language, located problems.

Messages come from the types: a pattern's message is registered with the field type
(``model.fields.matching``), a missing field's fix with the block type (``missing_hints``).
"""

from __future__ import annotations

import functools
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..blocks import BLOCK_TYPES, AnyBlock
from ..model import PATTERN_PROBLEMS
from ..problems import Path_, Problem, did_you_mean
from ..yamlpos import Document

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

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
    if annotation is AnyBlock and isinstance(element, str):
        return BLOCK_TYPES.get(element)
    return None


def _fields_at(root: Any, loc: tuple[str | int, ...]) -> list[str]:
    annotation = root
    for element in loc:
        annotation = _step(annotation, element)
        if annotation is None:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[Path_, Path_]:
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


def _explain(error: ErrorDetails, document: Document, root: Any, base: Path_ = ()) -> Problem:
    """Turn one pydantic error into a plain-language, located problem."""
    loc = tuple(error["loc"])
    data_path, model_path = _data_path(get(document.data, base), loc)
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
        hint = _missing_hint(root, model_path[:-1], name)
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
        code = "bad-value"
        template, hint = PATTERN_PROBLEMS.get(ctx.get("pattern", ""), ("'{value}' has the wrong form for '{name}'", None))
        message = template.format(value=value, name=name)
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
    elif kind == "language_code":
        code, message, hint = "unknown-language", error["msg"], ctx.get("hint")
    else:
        message = f"'{name}': {error['msg']}"
    return Problem(document.file, line, column, code, message, hint)


def get(data: Any, path: Path_) -> Any:
    for element in path:
        try:
            data = data[element]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@functools.lru_cache(maxsize=64)
def _adapter(root: Any) -> TypeAdapter[Any]:
    """The validator of a type, made once (a load validates every file of a kind with the same)."""
    return TypeAdapter(root)


def validate(root: Any, document: Document, problems: list[Problem], base: Path_ = (),
              content_dir: Path | None = None) -> Any:
    """``content_dir``: where files named by ``ContentPath`` fields must exist."""
    try:
        return _adapter(root).validate_python(get(document.data, base), context={"content_dir": content_dir})
    except ValidationError as error:
        seen: set[tuple[int, int, str]] = set()
        for item in error.errors():
            problem = _explain(item, document, root, base)
            key = (problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
        return None


def _missing_hint(root: Any, parent: Path_, name: str) -> str:
    """The fix for a missing required field: the block type's own words, else "add it"."""
    annotation = root
    for element in parent:
        annotation = _step(annotation, element)
        if annotation is None:
            break
    owner = _unwrap(annotation) if annotation is not None else None
    hints: dict[str, str] = getattr(owner, "missing_hints", {}) if isinstance(owner, type) else {}
    return hints.get(name, f"add `{name}:` with a value")
