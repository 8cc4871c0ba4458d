"""What every block type is made of, and the registry that makes a block type one module.

A block type is a subclass of ``BaseBlock`` with a ``type: Literal["name"]`` field, in a
module with its template beside it (``name.html.j2``). Defining the class registers it:
the union that ``Module.blocks`` validates against, the JSON Schema, the loader's messages,
the cross-index and the published files all read the registry. Hooks a block type may
override, all optional:

- ``check``: cross-checks on the block's raw data (does the framework it names exist?),
  which run even when the model found other mistakes in the file;
- ``check_links``: checks against the other modules (does the block it names exist?);
- ``mentions``: the places of the block the cross-index lists under a topic;
- ``files``: files of the content folder the block publishes (a video, its captions);
- ``template_context``: what its template needs besides the block.
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, NamedTuple, Protocol, Union

from pydantic import Field

from ..model.fields import Key, Slug, Strict, Text
from ..model.toolkit import Framework, Toolkit
from ..problems import Path_

#: Registry of block types: the `type:` an editor writes -> its class, in the order defined.
BLOCK_TYPES: dict[str, type["BaseBlock"]] = {}
#: Called after a block type registers (the module model rebuilds its union of blocks).
_on_register: list[Callable[[], None]] = []


class Checks(Protocol):
    """What a block type's checks may ask of the loader, for one file (see ``core.load.checks``)."""

    def problem(self, path: Path_, code: str, message: str, hint: str | None = None) -> None: ...
    def reference(self, path: Path_, key: str) -> None: ...
    def tag(self, path: Path_, tag: str) -> None: ...
    def audience(self, path: Path_, audience: str) -> None: ...
    def component(self, path: Path_, framework: Framework, key: str) -> None: ...

    @property
    def toolkit(self) -> Toolkit: ...
    @property
    def layer(self) -> Path: ...


class Modules(Protocol):
    """The modules of the project, as read, for checks across modules."""

    def exists(self, module_id: str) -> bool: ...
    def block_ids(self, module_id: str) -> list[str] | None: ...
    def same_layer(self, module_id: str) -> bool: ...
    def ids(self) -> list[str]: ...


class Mention(NamedTuple):
    """One place of a block linked to a topic of the cross-index."""

    #: (framework id, component key), or ("audience", audience id).
    topic: tuple[str, str]
    #: "block" (a tagged block), "row" (a framework table row), "mapped" (a row mapped to the
    #: component), "question", "group" (questions to ask an audience), "faq" (a question answered).
    kind: str
    #: The row's component, the question or the group heading.
    text: str | None = None
    anchor: str | None = None


def tag_topic(tag: str) -> tuple[str, str]:
    framework_id, _, key = tag.partition(":")
    return framework_id, key


class BaseBlock(Strict):
    """Fields every block has."""

    id: Slug | None = Field(None,
        description="Anchor of the block on its page; also the stable key a translation refers to.")
    heading: Text | None = Field(None,
        description="The block's heading on the page; leave out for a block that continues the one above.")
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries this block draws on; they become numbered notes.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags, written `framework:component` (e.g. `chime:hope`, `guidelines:1`).")

    if TYPE_CHECKING:
        #: The block's `type:`: each block type declares it as a field with a ``Literal``.
        type: str

    #: The `type:` of the block, from its ``type`` field's literal.
    type_name: ClassVar[str] = ""
    #: Required fields whose absence needs more than "add it": field name -> fix.
    missing_hints: ClassVar[dict[str, str]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        field = cls.model_fields.get("type")
        if field is None:
            return  # a shared base of some block types, not a type of its own
        (name,) = typing.get_args(field.annotation)
        cls.type_name = name
        BLOCK_TYPES[name] = cls
        for callback in _on_register:
            callback()

    # ------------------------------------------------------------------ hooks

    @classmethod
    def check(cls, data: dict[str, Any], at: Path_, checks: Checks) -> None:
        """Cross-checks on the raw data of one block at ``at`` in its file."""

    @classmethod
    def check_links(cls, data: dict[str, Any], at: Path_, checks: Checks, modules: Modules) -> None:
        """Checks of what the block names in other modules."""

    def mentions(self, toolkit: Toolkit) -> Iterator[Mention]:
        """The places of this block the cross-index lists (its own tags are added for it)."""
        return iter(())

    def files(self) -> Iterator[str]:
        """Files of the content folder this block publishes, relative to the folder."""
        return iter(())

    def template_context(self, toolkit: Toolkit) -> dict[str, Any]:
        return {}

    @classmethod
    def template_path(cls) -> Path:
        """The block's template: ``<type>.html.j2`` beside the module that defines the class."""
        return Path(sys.modules[cls.__module__].__file__ or "").with_name(f"{cls.type_name}.html.j2")


if TYPE_CHECKING:
    #: To the type checker, any block is a ``BaseBlock``.
    AnyBlock = BaseBlock
else:
    class AnyBlock:
        """Any registered block type, told apart by `type` (a discriminated union built from the
        registry when a model that holds blocks is built or rebuilt)."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            types = tuple(BLOCK_TYPES.values())
            union = types[0] if len(types) == 1 else Union[types]
            return handler.generate_schema(typing.Annotated[union, Field(discriminator="type")])


def on_register(callback: Callable[[], None]) -> None:
    _on_register.append(callback)
