"""The `considerations` block: implementation considerations (leadership, recruitment...)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Key, Markdown, Strict, Text
from .base import BaseBlock


class Consideration(Strict):
    """One implementation consideration."""

    title: Text | None = Field(None, description="A short title for the consideration.")
    text: Markdown = Field(description="The consideration (Markdown).")
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries for this consideration.")


class ConsiderationsBlock(BaseBlock):
    """Implementation considerations (leadership, job descriptions, recruitment...)."""

    type: Literal["considerations"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the considerations (Markdown).")
    items: list[Consideration] = Field(min_length=1, description="The considerations.")
    outro: Markdown | None = Field(None, description="Text after the considerations (Markdown).")
