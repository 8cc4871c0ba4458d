"""The `list` block: a bulleted or numbered list."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Markdown, Text
from .base import BaseBlock


class ListBlock(BaseBlock):
    """A bulleted or numbered list, with an optional text before and after."""

    type: Literal["list"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the list (Markdown).")
    ordered: bool = Field(False, description="true for a numbered list, false for bullets.")
    items: list[Text] = Field(min_length=1, description="The items of the list, one text each.")
    outro: Markdown | None = Field(None, description="Text after the list (Markdown).")
