"""The `contrast` block: two ideas compared row by row."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..model import Markdown, Text
from .base import BaseBlock


class ContrastBlock(BaseBlock):
    """A two-column table that compares two ideas row by row."""

    type: Literal["contrast"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the table (Markdown).")
    left: Text = Field(description="Heading of the left column.")
    right: Text = Field(description="Heading of the right column.")
    rows: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(min_length=1,
        description="The rows, each a pair: `- [left text, right text]`. Put a text containing a comma in quotes.")
