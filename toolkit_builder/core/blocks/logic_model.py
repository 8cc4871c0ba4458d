"""The `logic_model` block: input, output, co-production and outcome."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Markdown, Strict, Text
from .base import BaseBlock


class LogicModelRow(Strict):
    """One row of a logic model."""

    input: Text = Field(description="What goes in (e.g. Education).")
    output: Text = Field(description="What it produces.")
    co_production: Text | None = Field(None, description="What people with lived experience bring to it; when no "
                                       "row has one, the table has no co-production column.")
    outcome: Text | None = Field(None, description="Left out on a row, the outcome of the row above spans it too.")


class LogicModelBlock(BaseBlock):
    """A logic model table: input, output, co-production and outcome."""

    type: Literal["logic_model"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the table (Markdown).")
    labels: dict[Literal["input", "output", "co_production", "outcome"], Text] = Field(default_factory=dict,
        description="Column headings that replace the defaults: input, output, co_production, outcome.")
    rows: list[LogicModelRow] = Field(min_length=1, description="The rows of the table.")
    figure: bool = Field(False,
        description="Draw the table as a flow figure: boxes joined by arrows, input to outcome.")
