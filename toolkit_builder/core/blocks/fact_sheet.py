"""The `fact_sheet` block: a plain-language summary of one piece of research."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from ..model import Key, Markdown, Text
from ..problems import Path_
from .base import BaseBlock, Checks


class FactSheetBlock(BaseBlock):
    """A plain-language summary of one piece of research, with its full citation."""

    missing_hints: ClassVar[dict[str, str]] = {"reference": "add `reference:` with the key of the work in references.yml"}

    type: Literal["fact_sheet"] = Field(description="The kind of block.")
    reference: Key = Field(description="Key of the work in references.yml.")
    studied: Markdown = Field(description="What was studied, and why, in plain words.")
    participants: Markdown = Field(description="Who took part (how many people, which roles, where).")
    method: Markdown = Field(description="How the study was done (interviews, a case study...).")
    findings: list[Text] = Field(min_length=1, description="What was found, one finding per item.")
    implications: list[Text] = Field(min_length=1,
        description="What the findings mean for practice, one point per item.")
    limits: Markdown | None = Field(None,
        description="What to keep in mind when using the findings (a small sample, one site...).")

    @classmethod
    def check(cls, data: dict[str, Any], at: Path_, checks: Checks) -> None:
        if isinstance(data.get("reference"), (str, int)):
            checks.reference(at + ("reference",), str(data["reference"]))
