"""JSON Schemas of the content files, generated from the typed model.

Editors that speak the YAML language server protocol (VS Code with the Red Hat YAML
extension, and others) read the ``# yaml-language-server: $schema=...`` line at the top
of each content file, then autocomplete keys, show each field's description on hover and
flag mistakes while typing. The schemas come from ``model.py``: field descriptions are each
field's ``Field(description=...)``, block descriptions the class docstrings.

The schemas are written as JSON Schema draft-07, the version the YAML language server
implements. They check the shape of one file; what only the whole toolkit can tell (is
this section declared? is this reference in references.yml?) stays with ``toolkit validate``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from ..core.blocks import BLOCK_TYPES
from ..core.i18n import DIGEST_KEY
from ..core.limits import UnsafeTarget, unsafe_target, write_in_folder
from ..core.model import Glossary, Reference, Toolkit, ToolkitOverlay
from ..core.model.fields import _int_to_str
from ..core.project import Module
from .terminology import Terminology

if TYPE_CHECKING:
    from pydantic_core import core_schema

DRAFT = "http://json-schema.org/draft-07/schema#"

#: File name in schema/ -> (the type a file validates against, title, description).
SCHEMAS: dict[str, tuple[Any, str, str]] = {
    "toolkit.schema.json": (
        Toolkit, "toolkit.yml",
        "The toolkit: its title, languages, sections in order, audiences and frameworks.",
    ),
    "overlay-toolkit.schema.json": (
        ToolkitOverlay, "toolkit.yml of an organization's copy",
        "What a copy changes in its upstream toolkit (`toolkit init` writes it): organization, branding, "
        "sections of its own, modules to hide, languages. Every field is optional.",
    ),
    "module.schema.json": (
        Module, "Toolkit module",
        "One module of the toolkit: a page made of blocks, in content/modules/<section>/<id>.yml.",
    ),
    "references.schema.json": (
        dict[str, Reference], "references.yml",
        "Every work the toolkit cites, keyed: modules cite them with `cites: [key]` or `[@key]` in a text.",
    ),
    "glossary.schema.json": (
        Glossary, "glossary.yml",
        "Terms and abbreviations; abbreviations get a hover hint wherever they appear.",
    ),
    "terms.schema.json": (
        Terminology, "terms.<language>.yml",
        "One language's terminology: for each idea, the forms to write and the forms `toolkit validate` reports.",
    ),
}


def _is_int_to_str(schema: Mapping[str, Any]) -> bool:
    function = schema.get("function", {}).get("function")
    return schema.get("type") == "function-before" and function is _int_to_str


def _text_or_number(text: dict[str, Any], **number: Any) -> dict[str, Any]:
    # One schema with two types rather than `anyOf`: editors show one description, and
    # `pattern`/`minLength` apply to texts only, `minimum` to numbers only.
    return {**text, "type": ["string", "integer"], **number}


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, told that keys written as numbers (`maps_to: [3, 5]`) are fine."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        if _is_int_to_str(schema):
            return _text_or_number(self.generate_inner(schema["schema"]))
        return super().function_before_schema(schema)

    def chain_schema(self, schema: core_schema.ChainSchema) -> JsonSchemaValue:
        steps = schema["steps"]
        if _is_int_to_str(steps[0]):
            # A slug: a number, or a text that matches the pattern checked by the last step.
            return _text_or_number(self.generate_inner(steps[-1]), minimum=0)
        return super().chain_schema(schema)


def _untitled(definition: dict[str, Any]) -> None:
    for prop in definition.get("properties", {}).values():
        prop.pop("title", None)  # pydantic's "Maps To" says less than the description


def _blocks_schema(definitions: dict[str, Any]) -> dict[str, Any]:
    """Blocks as `type` + one `if`/`then` per type, instead of pydantic's `oneOf`.

    With `oneOf`, a mistake in a block makes every alternative fail and editors report
    "no schema matched". Here `type` is checked against the list of types first, then
    the block is checked against its own type's fields only, so messages point at the
    wrong key or value.
    """
    descriptions = [definitions[c.__name__].get("description", "") for c in BLOCK_TYPES.values()]
    return {
        "description": "A block of the module: `type` says which kind, and each kind has its own fields.",
        "type": "object",
        "required": ["type"],
        "properties": {
            "type": {
                "enum": list(BLOCK_TYPES),
                # Shown next to each choice by VS Code's completion list; validators ignore it.
                "enumDescriptions": descriptions,
                "description": "The kind of block: "
                + "; ".join(f"`{t}`: {d.rstrip('.')}" for t, d in zip(BLOCK_TYPES, descriptions)) + ".",
            },
        },
        "allOf": [
            {
                "if": {"properties": {"type": {"const": t}}, "required": ["type"]},
                "then": {"$ref": f"#/definitions/{c.__name__}"},
            }
            for t, c in BLOCK_TYPES.items()
        ],
    }


def _draft7(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output as draft-07: `definitions`, no siblings of `$ref`."""
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft7(value) for key, value in node.items()}
    if "$ref" in node:
        node["$ref"] = node["$ref"].replace("#/$defs/", "#/definitions/")
        if len(node) > 1:  # draft-07 ignores every keyword next to `$ref`
            node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    if "discriminator" in node and "oneOf" in node:
        node = {"$ref": "#/definitions/Block"}
    return node


def generate(root: Any, title: str, description: str) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of content file."""
    schema = TypeAdapter(root).json_schema(schema_generator=_Generator, mode="validation")
    definitions = schema.pop("$defs", {})
    for definition in definitions.values():
        _untitled(definition)
    _untitled(schema)
    if any(name in definitions for name in (c.__name__ for c in BLOCK_TYPES.values())):
        definitions["Block"] = _blocks_schema(definitions)
    schema = _draft7(schema)
    definitions = _draft7(definitions)
    schema.pop("title", None)
    schema.pop("description", None)
    result = {"$schema": DRAFT, "title": title, "description": description, **schema}
    if definitions:
        result["definitions"] = dict(sorted(definitions.items()))
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _optional(node: Any) -> Any:
    """The same schema with nothing required: a translation may leave any text out, and a mapping
    may be empty (`-` alone keeps a block's place in a list while its texts are still comments)."""
    if isinstance(node, list):
        return [_optional(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _optional(value) for key, value in node.items() if key not in ("required", "minItems", "if", "then")}
    if result.get("type") == "object":
        result["type"] = ["object", "null"]
    return result


def translation_schema() -> dict[str, Any]:
    """One schema for `<name>.<lang>.yml` files: the structure of a toolkit, glossary or module
    file with every field optional, plus the digest of the source the translation matches."""
    parts = []
    definitions: dict[str, Any] = {}
    for root in (Module, Toolkit, Glossary):
        schema = _optional(generate(root, "", ""))
        definitions.update(schema.pop("definitions", {}))
        for key in ("$schema", "title", "description"):
            schema.pop(key, None)
        schema.setdefault("properties", {})[DIGEST_KEY] = {
            "type": "string",
            "description": "Digest of the source text this translation was made from; "
                           "`toolkit i18n stamp <language>` writes it.",
        }
        parts.append(schema)
    return {
        "$schema": DRAFT,
        "title": "Translation",
        "description": "A translation of a module, toolkit.yml or glossary.yml: the same structure as its "
                       "source, carrying only the text. Lists are matched by position.",
        "anyOf": parts,
        "definitions": dict(sorted(definitions.items())),
    }


def schemas() -> dict[str, str]:
    """File name -> text of every schema, as written to schema/."""
    result = {name: render(generate(*spec)) for name, spec in SCHEMAS.items()}
    result["translation.schema.json"] = render(translation_schema())
    return result


def write_schemas(folder: str | Path, root: str | Path | None = None) -> list[Path]:
    """Write every schema into ``folder``; return the files that changed. The writes follow the content
    folder's rule (``write_in_folder``) within ``root`` (by default the folder's parent): nothing is read or
    written through a link, so a `schema/` folder or file linked elsewhere is refused (``UnsafeTarget``)
    before anything is written."""
    folder = Path(folder)
    root = Path(root) if root is not None else Path(os.path.abspath(folder)).parent
    texts = schemas()
    for name in texts:
        refused = unsafe_target(folder / name, root)
        if refused is not None:
            raise UnsafeTarget(refused)
    changed = []
    for name, text in texts.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_in_folder(path, root, text)
            changed.append(path)
    return changed


def stale_schemas(folder: str | Path, root: str | Path | None = None) -> list[str]:
    """The schemas missing from ``folder``, or out of date, or not to be read (a link: ``write_schemas``)."""
    folder = Path(folder)
    root = Path(root) if root is not None else Path(os.path.abspath(folder)).parent
    return [name for name, text in schemas().items()
            if unsafe_target(folder / name, root) is not None or not (folder / name).is_file()
            or (folder / name).read_text(encoding="utf-8") != text]
