"""The `callout` block: a boxed note, tip, warning or example."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Markdown, Text
from .base import BaseBlock


class CalloutBlock(BaseBlock):
    """A boxed note, tip, important point, warning or example."""

    type: Literal["callout"] = Field(description="The kind of block.")
    kind: Literal["note", "tip", "important", "warning", "example"] = Field("note",
        description="How the box looks and what it says: note, tip, important, warning or example.")
    title: Text | None = Field(None, description="The box's title (optional).")
    text: Markdown = Field(description="The text in the box (Markdown).")
