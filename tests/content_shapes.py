"""Walk the content model's classes to find every field and make data that fills it.

The fuzz and injection tests build their modules from these shapes, so a new block
type (or a new field on one) is covered by them without editing the tests.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Callable

from annotated_types import MaxLen, MinLen
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from toolkit_builder.core.blocks import BLOCK_TYPES, AnyBlock
from toolkit_builder.core.model import TRANSLATABLE
from toolkit_builder.core.project import Project

SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"


@dataclass(frozen=True)
class Shape:
    """What one field holds: ``kind`` is text, pattern, key, bool, int, literal, list, dict, model or blocks."""

    kind: str
    args: tuple = ()
    min: int = 0
    max: int | None = None
    pattern: str | None = None


def shape_of(annotation: Any, metadata: list | tuple = ()) -> Shape:
    metadata = list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            for item in extra:
                metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
            annotation = base
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
            elif all(isinstance(a, type) and a in BLOCK_TYPES.values() for a in args):
                return Shape("blocks")
            else:
                raise TypeError(f"no shape for the union {annotation!r}")
        else:
            break
    if annotation is AnyBlock:
        return Shape("blocks")
    low = next((m.min_length for m in metadata if isinstance(m, MinLen)), 0)
    high = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
    origin = typing.get_origin(annotation)
    if annotation is str:
        pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
        if any(m is TRANSLATABLE for m in metadata):
            return Shape("text")
        if pattern:
            return Shape("pattern", pattern=pattern)
        return Shape("key")
    if annotation is bool:
        return Shape("bool")
    if annotation is int:
        return Shape("int")
    if origin is typing.Literal:
        return Shape("literal", typing.get_args(annotation))
    if origin is list:
        return Shape("list", (shape_of(typing.get_args(annotation)[0]),), low, high)
    if origin is dict:
        key, value = typing.get_args(annotation)
        return Shape("dict", (shape_of(key), shape_of(value)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", (annotation,))
    raise TypeError(f"no shape for {annotation!r}: teach tests/content_shapes.py about it")


def fields_of(cls: type[BaseModel]) -> dict[str, tuple[Shape, bool]]:
    """Field name -> (shape, required) for one model class."""
    return {name: (shape_of(info.annotation, info.metadata), info.is_required())
            for name, info in cls.model_fields.items()}


@dataclass
class Vocabulary:
    """Names a module may refer to, taken from a loaded project, so generated modules pass the cross-checks."""

    references: list[str]
    audiences: list[str]
    sections: list[str]
    framework: str
    components: list[str]
    mapped: list[str]
    tags: list[str]

    @classmethod
    def of(cls, project: Project) -> "Vocabulary":
        toolkit = project.toolkit
        framework = next(f for f in toolkit.frameworks if f.maps_to)
        target = toolkit.framework(framework.maps_to)
        tags = [f"{f.id}:{c.key}" for f in toolkit.frameworks for c in f.components]
        return cls(references=sorted(project.references), audiences=[a.id for a in toolkit.audiences],
                   sections=[s.id for s in toolkit.sections], framework=framework.id,
                   components=[c.key for c in framework.components], mapped=[c.key for c in target.components],
                   tags=tags)

    def choices(self, owner: type[BaseModel], name: str) -> list[str] | None:
        """Allowed values of a field that names something declared elsewhere; None for free values."""
        if name == "cites":
            return self.references
        if name == "tags":
            return self.tags
        if name == "audience":
            return self.audiences
        if name == "section":
            return self.sections
        if name == "framework":
            return [self.framework]
        if owner.__name__ == "FactSheetBlock" and name == "reference":
            return self.references
        if owner.__name__ == "Handout" and name == "module":
            return ["recovery-education-and-training"]
        if owner.__name__ == "Handout" and name == "block":
            return ["chime"]
        if owner.__name__ in ("MediaBlock", "CaptionTrack") and name in MEDIA_SAMPLES:
            return [MEDIA_SAMPLES[name]]
        if owner.__name__ == "FrameworkEntry" and name == "key":
            return self.components
        if owner.__name__ == "FrameworkEntry" and name == "maps_to":
            return self.mapped
        return None


# --------------------------------------------------------------------------- every field filled


#: Files a filled media block names; tests that fill one create them (see ``write_media_samples``).
MEDIA_SAMPLES = {"video": "media/sample.mp4", "file": "media/sample.vtt", "poster": "media/sample.png",
                 "language": "en"}


def write_media_samples(content) -> None:
    """Stand-in media files for a filled media block, under the content folder."""
    folder = content / "media"
    folder.mkdir(exist_ok=True)
    (folder / "sample.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (folder / "sample.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", encoding="utf-8")
    (folder / "sample.png").write_bytes(b"\x89PNG\r\n\x1a\n")


PATTERN_EXAMPLES = {
    SLUG_PATTERN: "sample-1",
    r"^10\.\d{4,9}/\S+$": "10.1234/sample",
    r"^https?://\S+$": "https://example.org/sample",
}


def filled(cls: type[BaseModel], vocabulary: Vocabulary, text: Callable[[tuple], str], path: tuple = ()) -> dict:
    """Data for ``cls`` with every field present; ``text(path)`` gives the value of each text field."""
    data: dict[str, Any] = {}
    for name, (shape, _required) in fields_of(cls).items():
        data[name] = _filled_value(shape, cls, name, vocabulary, text, path + (name,))
    return data


def _filled_value(shape: Shape, owner, name, vocabulary, text, path):
    choices = vocabulary.choices(owner, name)
    if shape.kind == "text":
        return text(path)
    if shape.kind in ("pattern", "key"):
        if choices:
            return choices[0]
        if name == "id" and len(path) > 1 and isinstance(path[-2], int):
            return f"sample-{path[-2] + 1}"  # items of a list (questions of an FAQ) each have their own id
        return PATTERN_EXAMPLES[shape.pattern] if shape.pattern else "sample"
    if shape.kind == "bool":
        return True
    if shape.kind == "int":
        return 1
    if shape.kind == "literal":
        return shape.args[0]
    if shape.kind == "list" and shape.args[0].kind == "blocks":
        return _filled_value(shape.args[0], owner, name, vocabulary, text, path)
    if shape.kind == "list":
        count = max(shape.min, 2 if shape.max is None else shape.max)
        if owner.__name__ == "MeetingBlock" and name == "handouts":
            count = 1  # a meeting prints each block once (output-too-large), and the handouts name one
        if choices and shape.args[0].kind in ("key", "pattern"):
            return (choices * count)[:min(count, len(choices))]
        return [_filled_value(shape.args[0], owner, name, vocabulary, text, path + (i,)) for i in range(count)]
    if shape.kind == "dict":
        key = shape.args[0]
        keys = key.args if key.kind == "literal" else ("sample",)
        return {k: _filled_value(shape.args[1], owner, name, vocabulary, text, path + (k,)) for k in keys}
    if shape.kind == "model":
        return filled(shape.args[0], vocabulary, text, path)
    if shape.kind == "blocks":
        return [dict(filled(block, vocabulary, text, path + (i,)), id=f"{block_type.replace('_', '-')}-block")
                for i, (block_type, block) in enumerate(BLOCK_TYPES.items())]
    raise TypeError(shape)


def text_paths(cls: type[BaseModel], path: tuple = ()) -> list[tuple]:
    """Every text field reachable from ``cls`` (one entry per field, list items as index 0)."""
    found = []
    for name, (shape, _required) in fields_of(cls).items():
        found.extend(_text_paths(shape, path + (name,)))
    return found


def _text_paths(shape: Shape, path: tuple) -> list[tuple]:
    if shape.kind == "text":
        return [path]
    if shape.kind in ("list", "dict"):
        return _text_paths(shape.args[-1], path + (0,))
    if shape.kind == "model":
        return text_paths(shape.args[0], path)
    if shape.kind == "blocks":
        return [p for block_type, block in BLOCK_TYPES.items() for p in text_paths(block, path + (block_type,))]
    return []


# --------------------------------------------------------------------------- hypothesis strategies


def valid(cls: type[BaseModel], vocabulary: Vocabulary, text: st.SearchStrategy[str],
          fixed: dict[str, Any] | None = None) -> st.SearchStrategy[dict]:
    """Data for ``cls`` that the model accepts (optional fields sometimes left out); ``fixed`` sets fields."""
    required, optional = {}, {}
    for name, (shape, is_required) in fields_of(cls).items():
        if fixed and name in fixed:
            required[name] = st.just(fixed[name])
            continue
        strategy = _valid_value(shape, cls, name, vocabulary, text)
        (required if is_required else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _valid_value(shape: Shape, owner, name, vocabulary: Vocabulary, text) -> st.SearchStrategy:
    if owner.__name__ == "MeetingBlock" and name == "handouts":
        # A handout names a block of another module; the generated module is alone, so none.
        return st.just([])
    choices = vocabulary.choices(owner, name)
    if shape.kind == "text":
        return text
    if shape.kind in ("pattern", "key"):
        if choices:
            return st.sampled_from(choices)
        if shape.pattern:
            return st.from_regex(shape.pattern.replace("*$", "{0,12}$"), fullmatch=True)
        return st.text(st.characters(categories=("L", "N")), min_size=1, max_size=8)
    if shape.kind == "bool":
        return st.booleans()
    if shape.kind == "int":
        # Durations (minutes) must be at least 1; a module's order may be any number.
        return st.integers(-5, 99) if name == "order" else st.integers(1, 600)
    if shape.kind == "literal":
        return st.sampled_from(shape.args)
    if shape.kind == "list":
        item = _valid_value(shape.args[0], owner, name, vocabulary, text)
        size = dict(min_size=shape.min, max_size=shape.max if shape.max is not None else max(shape.min, 3))
        if shape.args[0].kind == "model" and "id" in shape.args[0].args[0].model_fields:
            # Items with ids (an FAQ's questions) each have their own: a repeated one is a located mistake.
            return st.lists(item, unique_by=lambda d: d.get("id"), **size)
        return st.lists(item, **size)
    if shape.kind == "dict":
        key, value = shape.args
        return st.dictionaries(_valid_value(key, owner, name, vocabulary, text),
                               _valid_value(value, owner, name, vocabulary, text), max_size=4)
    if shape.kind == "model":
        return valid(shape.args[0], vocabulary, text)
    if shape.kind == "blocks":
        return st.one_of([valid(block, vocabulary, text) for block in BLOCK_TYPES.values()])
    raise TypeError(shape)
