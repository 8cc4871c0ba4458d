"""A module (one page, made of blocks) and the project: everything loaded, in one language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .blocks import AnyBlock, MeetingBlock, on_register
from .model import GlossaryTerm, Key, Part, Reference, Slug, Strict, Text, Toolkit


class Module(Strict):
    """A module: one page of the toolkit, made of blocks. One file per module in `modules/<section>/<id>.yml`."""

    id: Slug = Field(
        description="The module's key: the same as the file name without .yml; lower-case letters, digits and dashes.")
    title: Text = Field(description="The module's title, shown as the page heading and in the navigation.")
    section: Slug = Field(
        description="Id of the section the module belongs to (see `sections:` in toolkit.yml); also the folder it "
                    "sits in.")
    summary: Text | None = Field(None,
        description="One sentence that tells a facilitator what the module is for; shown under the title and on the "
                    "section's page.")
    audience: list[Slug] = Field(default_factory=list,
        description="Who the module is for: ids from `audiences:` in toolkit.yml.")
    order: int | None = Field(None, description="Position within its section; modules without one follow, by title.")
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries the whole module draws on.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags of the whole module (`chime:hope`, `guidelines:6`), for the cross-index.")
    blocks: list[AnyBlock] = Field(min_length=1,
        description="The module's content, in order: each block starts with `- type:`.")

    def meeting(self) -> MeetingBlock | None:
        """The module's meeting plan (its first `meeting` block), if it has one."""
        return next((b for b in self.blocks if isinstance(b, MeetingBlock)), None)


class Untranslated(BaseModel):
    """What of a module shows in the default language because its translation lacks it."""

    model_config = ConfigDict(frozen=True)

    whole: bool = Field(False, description="No translation file at all.")
    fields: frozenset[str] = frozenset()
    blocks: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Step:
    """One meeting of the process: where it stands, and its neighbours."""

    #: 1 for the first meeting of the process; meetings are numbered across parts.
    number: int
    total: int
    part: Part
    #: 1 for the first part.
    part_number: int
    module: Module
    meeting: MeetingBlock
    previous: Module | None
    next: Module | None


class Project(BaseModel):
    """Everything loaded from the content folders, cross-checked, in one language."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    toolkit: Toolkit
    references: dict[str, Reference]
    glossary: list[GlossaryTerm]
    modules: list[Module]
    sources: dict[str, str] = Field(
        description="Module id -> path of its YAML file, relative to the content folder it comes from.")
    layers: dict[str, int] = Field(default_factory=dict,
        description="Module id -> index of the content folder it comes from (0: upstream; last: this site's own).")
    folders: tuple[Path, ...] = Field((),
        description="The content folders, upstream first (what ``layers`` and ``sources`` are relative to).")
    language: str = Field("en", description="The language the text is in.")
    untranslated: dict[str, Untranslated] = Field(default_factory=dict,
        description="Module id -> what of it is not translated into ``language``.")
    untranslated_terms: frozenset[int] = Field(frozenset(),
        description="Glossary terms (by position) not translated into ``language``.")

    def source_file(self, module_id: str) -> Path | None:
        """The YAML file of a module, in its content folder (None if the project does not know it)."""
        source, layer = self.sources.get(module_id), self.layers.get(module_id, 0)
        return self.folders[layer] / source if source is not None and layer < len(self.folders) else None

    def modules_in(self, section_id: str) -> list[Module]:
        found = [m for m in self.modules if m.section == section_id]
        return sorted(found, key=lambda m: (m.order is None, m.order or 0, m.title.lower()))

    def steps(self) -> list[Step]:
        """The meetings of the toolkit's process, in order (none without a process). A meeting
        this copy does not publish is left out, and the others are numbered without it."""
        return list(self._steps)

    @cached_property  # asked for by the plan, the renderer and the checks: worked out once
    def _steps(self) -> tuple[Step, ...]:
        process = self.toolkit.process
        if process is None:
            return ()
        published = {m.id: m for m in self.modules}
        found: list[tuple[int, Part, Module, MeetingBlock]] = []
        for part_number, part in enumerate(process.parts, start=1):
            for module_id in part.meetings:
                module = published.get(module_id)
                meeting = module.meeting() if module else None
                if module is not None and meeting is not None:
                    found.append((part_number, part, module, meeting))
        return tuple(Step(n, len(found), part, part_number, module, meeting,
                          found[n - 2][2] if n > 1 else None, found[n][2] if n < len(found) else None)
                     for n, (part_number, part, module, meeting) in enumerate(found, start=1))


def _rebuild() -> None:
    """A block type registered after these models were built joins their union of blocks."""
    Module.model_rebuild(force=True)
    Project.model_rebuild(force=True)


on_register(_rebuild)
