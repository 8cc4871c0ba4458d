"""The `framework` block: a framework's components with their themes, and what each maps to."""

from __future__ import annotations

from typing import Any, Iterator, Literal

from pydantic import Field

from ..model import Key, Markdown, Slug, Strict, Text, Toolkit
from ..problems import Path_, did_you_mean
from .base import BaseBlock, Checks, Mention
from .items import items


class FrameworkEntry(Strict):
    """One row of a framework table: a component, its themes and what it maps to."""

    key: Key = Field(description="Key of a component of the block's framework, as declared in toolkit.yml.")
    label: Text | None = Field(None, description="Overrides the component's label from toolkit.yml for this table.")
    themes: list[Text] = Field(min_length=1, description="Themes for this component, one text each.")
    maps_to: list[Key] = Field(default_factory=list,
        description="Keys of the components of the framework this one maps to (guideline dimensions).")
    cites: list[Key] = Field(default_factory=list, description="Keys of references.yml entries for this row.")


class FrameworkBlock(BaseBlock):
    """A table of a framework's components with themes, e.g. CHIME mapped to the Guidelines dimensions."""

    type: Literal["framework"] = Field(description="The kind of block.")
    framework: Slug = Field(description="Id of a framework declared in toolkit.yml (e.g. chime).")
    intro: Markdown | None = Field(None, description="Text before the table (Markdown).")
    components: list[FrameworkEntry] = Field(min_length=1,
        description="The rows of the table: one entry per component.")
    outro: Markdown | None = Field(None, description="Text after the table (Markdown).")
    figure: bool = Field(False,
        description="Show the framework's figure (its components around its centre) above the table.")

    @classmethod
    def check(cls, data: dict[str, Any], at: Path_, checks: Checks) -> None:
        framework_id = data.get("framework")
        if not isinstance(framework_id, str):
            return
        toolkit = checks.toolkit
        framework = toolkit.framework(framework_id)
        if framework is None:
            checks.problem(at + ("framework",), "unknown-framework", f"unknown framework '{framework_id}'",
                           did_you_mean(framework_id, [f.id for f in toolkit.frameworks], "frameworks in toolkit.yml"))
            return
        target = toolkit.framework(framework.maps_to) if framework.maps_to else None
        for c, entry in items(data.get("components")):
            if not isinstance(entry, dict):
                continue
            if "key" in entry:
                checks.component(at + ("components", c, "key"), framework, entry["key"])
            for m, key in items(entry.get("maps_to")):
                if target is None:
                    checks.problem(at + ("components", c, "maps_to"), "unknown-framework",
                                   f"the framework '{framework.id}' does not map to another framework",
                                   "remove `maps_to`, or set `maps_to:` on the framework in toolkit.yml")
                    break
                checks.component(at + ("components", c, "maps_to", m), target, key)

    def template_context(self, toolkit: Toolkit) -> dict[str, Any]:
        framework = toolkit.framework(self.framework)
        target = toolkit.framework(framework.maps_to) if framework and framework.maps_to else None
        return {"framework": framework, "target": target}

    def mentions(self, toolkit: Toolkit) -> Iterator[Mention]:
        """A row under its component, and under each component it maps to."""
        framework = toolkit.framework(self.framework)
        if framework is None:
            return
        target = toolkit.framework(framework.maps_to) if framework.maps_to else None
        for entry in self.components:
            component = framework.component(entry.key)
            label = entry.label or (component.label if component else entry.key)
            anchor = f"{self.id or framework.id}-{entry.key}"
            yield Mention((framework.id, entry.key), "row", label, anchor)
            for key in entry.maps_to if target else []:
                assert target is not None  # there are no keys without a target
                yield Mention((target.id, key), "mapped", label, anchor)
