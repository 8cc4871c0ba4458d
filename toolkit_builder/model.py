"""Typed content model of a toolkit.

Everything a content editor writes in YAML is validated against these classes.
Text that a translation will carry is typed ``Text`` (or ``Markdown`` for
multi-paragraph text); every other field is structure and stays the same in
every language.

Adding a block type means: one class here, one entry in ``BLOCK_TYPES`` and one
template in ``templates/blocks/<type>.html.j2``.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError


class Translatable:
    """Marks a text field that a translation file carries."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "Translatable()"


TRANSLATABLE = Translatable()


def _int_to_str(value: object) -> object:
    # Editors write dimension keys as numbers (`maps_to: [3, 5]`); keys are strings.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: One line of translatable text; may hold inline Markdown (links, emphasis).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]
#: Translatable text that may hold several Markdown paragraphs.
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]
#: A machine key: lower case letters, digits and dashes.
Slug = Annotated[str, BeforeValidator(_int_to_str), StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
#: A key that refers to an entry declared elsewhere (reference, component...).
Key = Annotated[str, BeforeValidator(_int_to_str), StringConstraints(min_length=1)]


def content_path_problem(path: str, content_dir: str | Path | None = None) -> tuple[str, str] | None:
    """What is wrong with ``path`` as a file of the content folder, as (message, fix); None if nothing.

    Without ``content_dir`` only the form is checked; with it, the file must also exist there,
    inside the folder (a link out of it does not count).
    """
    example = "write the path from the content folder, e.g. media/picture.png"
    if re.match(r"^([a-zA-Z]:[\\/]|[/\\])", path):
        return f"'{path}' is an absolute path; files must be inside the content folder", example
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
        return (f"'{path}' is a web address; a file of the content folder is expected here",
                "save the file in the content folder (e.g. in media/) and " + example[0].lower() + example[1:])
    if "\\" in path:
        return f"'{path}' uses '\\' between folders", "use '/' between folders, e.g. media/picture.png"
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        return f"'{path}' leads out of the content folder", example
    if content_dir is None:
        return None
    root = Path(content_dir).resolve()
    target = root / normal
    if not target.resolve().is_relative_to(root):
        return f"'{path}' is a link to a file outside the content folder", "copy the file into the content folder"
    if target.is_dir():
        return f"'{path}' is a folder, not a file", "name a file in it, e.g. " + posixpath.join(normal, "picture.png")
    if not target.is_file():
        siblings = sorted(p.name for p in target.parent.iterdir()) if target.parent.is_dir() else []
        close = [s for s in siblings if s.lower() == target.name.lower()] or [
            s for s in siblings if posixpath.splitext(s)[0] == posixpath.splitext(target.name)[0]]
        hint = f"did you mean '{posixpath.join(posixpath.dirname(normal), close[0])}'?" if close else (
            "check the spelling; paths start at the content folder, e.g. media/picture.png")
        return f"there is no file '{normal}' in the content folder", hint
    return None


def _content_path(path: str, info: ValidationInfo) -> str:
    content_dir = (info.context or {}).get("content_dir")
    problem = content_path_problem(path, content_dir)
    if problem:
        raise PydanticCustomError("content_path", problem[0], {"hint": problem[1]})
    return posixpath.normpath(path)


#: A file of the content folder (an image, a download, captions), written from the content folder:
#: `media/chime.png`. No absolute paths, no web addresses, no `..` out of the folder; when the loader
#: validates, the file must exist inside the content folder.
ContentPath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_content_path)]


class Strict(BaseModel):
    """Base for every content class: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- toolkit.yml


class Section(Strict):
    id: Slug
    title: Text
    summary: Text | None = None


class Audience(Strict):
    id: Slug
    label: Text
    description: Text | None = None


class Component(Strict):
    key: Key
    label: Text
    description: Text | None = None


class Framework(Strict):
    id: Slug
    title: Text
    short_title: Text | None = None
    description: Text | None = None
    #: Column heading for the components in a framework table ("Recovery component").
    component_label: Text = "Component"
    #: Column heading for the themes in a framework table ("Suggested themes").
    themes_label: Text = "Themes"
    #: How one component is called when cited ("dimension" gives "dimensions 3 and 5").
    item_name: Text = "component"
    item_name_plural: Text | None = None
    #: Another framework whose components this one's components map to.
    maps_to: Slug | None = None
    cites: list[Key] = Field(default_factory=list)
    components: list[Component] = Field(min_length=1)

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)


class Toolkit(Strict):
    title: Text
    short_title: Text | None = None
    description: Markdown | None = None
    language: Slug = "en"
    languages: list[Slug] = Field(default_factory=lambda: ["en"])
    sections: list[Section] = Field(min_length=1)
    audiences: list[Audience] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)


# --------------------------------------------------------------------------- references.yml, glossary.yml


class Reference(Strict):
    #: As printed in the reference list: "Leamy, M., Bird, V., & Slade, M."
    authors: Text
    year: int
    title: Text
    #: Journal, book or publisher the work appeared in.
    container: Text | None = None
    publisher: Text | None = None
    volume: Key | None = None
    issue: Key | None = None
    pages: Key | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class GlossaryTerm(Strict):
    term: Text
    #: Expansion shown on hover for abbreviations (PWLE -> people with lived ...).
    expansion: Text | None = None
    definition: Markdown
    see_also: list[Text] = Field(default_factory=list)


# --------------------------------------------------------------------------- blocks


class BaseBlock(Strict):
    #: Anchor of the block on its page; also the stable key a translation refers to.
    id: Slug | None = None
    heading: Text | None = None
    cites: list[Key] = Field(default_factory=list)
    #: Framework tags, written `framework:component` (e.g. `chime:hope`, `guidelines:1`).
    tags: list[Key] = Field(default_factory=list)


class ProseBlock(BaseBlock):
    type: Literal["prose"]
    text: Markdown


class ListBlock(BaseBlock):
    type: Literal["list"]
    intro: Markdown | None = None
    ordered: bool = False
    items: list[Text] = Field(min_length=1)
    outro: Markdown | None = None


class CalloutBlock(BaseBlock):
    type: Literal["callout"]
    kind: Literal["note", "tip", "important", "warning", "example"] = "note"
    title: Text | None = None
    text: Markdown


class ContrastBlock(BaseBlock):
    type: Literal["contrast"]
    intro: Markdown | None = None
    left: Text
    right: Text
    rows: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(min_length=1)


class FrameworkEntry(Strict):
    key: Key
    #: Overrides the component's label from toolkit.yml for this table.
    label: Text | None = None
    themes: list[Text] = Field(min_length=1)
    #: Keys of the components of the framework this one maps to (guideline dimensions).
    maps_to: list[Key] = Field(default_factory=list)
    cites: list[Key] = Field(default_factory=list)


class FrameworkBlock(BaseBlock):
    type: Literal["framework"]
    framework: Slug
    intro: Markdown | None = None
    components: list[FrameworkEntry] = Field(min_length=1)
    outro: Markdown | None = None


class Question(Strict):
    text: Text
    tags: list[Key] = Field(default_factory=list)


class QuestionGroup(Strict):
    heading: Text | None = None
    intro: Markdown | None = None
    audience: list[Slug] = Field(default_factory=list)
    questions: list[Question] = Field(min_length=1)


class QuestionsBlock(BaseBlock):
    type: Literal["questions"]
    intro: Markdown | None = None
    groups: list[QuestionGroup] = Field(min_length=1)
    outro: Markdown | None = None


class Consideration(Strict):
    title: Text | None = None
    text: Markdown
    cites: list[Key] = Field(default_factory=list)


class ConsiderationsBlock(BaseBlock):
    type: Literal["considerations"]
    intro: Markdown | None = None
    items: list[Consideration] = Field(min_length=1)
    outro: Markdown | None = None


class LogicModelRow(Strict):
    input: Text
    output: Text
    co_production: Text
    #: Left out on a row, the outcome of the row above spans it too.
    outcome: Text | None = None


class LogicModelBlock(BaseBlock):
    type: Literal["logic_model"]
    intro: Markdown | None = None
    labels: dict[Literal["input", "output", "co_production", "outcome"], Text] = Field(default_factory=dict)
    rows: list[LogicModelRow] = Field(min_length=1)


#: Registry of block types: the `type:` an editor writes -> its class.
BLOCK_TYPES: dict[str, type[BaseBlock]] = {
    "prose": ProseBlock,
    "list": ListBlock,
    "callout": CalloutBlock,
    "contrast": ContrastBlock,
    "framework": FrameworkBlock,
    "questions": QuestionsBlock,
    "considerations": ConsiderationsBlock,
    "logic_model": LogicModelBlock,
}

Block = Annotated[
    Union[
        ProseBlock,
        ListBlock,
        CalloutBlock,
        ContrastBlock,
        FrameworkBlock,
        QuestionsBlock,
        ConsiderationsBlock,
        LogicModelBlock,
    ],
    Field(discriminator="type"),
]


# --------------------------------------------------------------------------- modules


class Module(Strict):
    id: Slug
    title: Text
    section: Slug
    summary: Text | None = None
    audience: list[Slug] = Field(default_factory=list)
    #: Position within its section; modules without one follow, by title.
    order: int | None = None
    cites: list[Key] = Field(default_factory=list)
    blocks: list[Block] = Field(min_length=1)


class Project(BaseModel):
    """Everything loaded from one content folder, cross-checked."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    toolkit: Toolkit
    references: dict[str, Reference]
    glossary: list[GlossaryTerm]
    modules: list[Module]
    #: Module id -> path of its YAML file, relative to the content folder.
    sources: dict[str, str]

    def modules_in(self, section_id: str) -> list[Module]:
        found = [m for m in self.modules if m.section == section_id]
        return sorted(found, key=lambda m: (m.order is None, m.order or 0, m.title.lower()))
