"""The `prose` block: paragraphs of Markdown."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Markdown
from .base import BaseBlock


class ProseBlock(BaseBlock):
    """Paragraphs of text (Markdown)."""

    type: Literal["prose"] = Field(description="The kind of block.")
    text: Markdown = Field(
        description="The text (Markdown): a blank line between paragraphs, **bold**, *italic*, [links](https://...) "
                    "and [@key] citations.")
