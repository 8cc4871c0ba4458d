"""The `faq` block: questions and answers, each answer with an anchor of its own."""

from __future__ import annotations

from typing import Any, Iterator, Literal

from pydantic import Field

from ..model import Key, Markdown, Slug, Strict, Text, Toolkit
from ..problems import Path_
from .base import BaseBlock, Checks, Mention, tag_topic
from .items import items


class FaqItem(Strict):
    """One question and its answer."""

    id: Slug = Field(
        description="The answer's anchor: `page/#id` links straight to it. The same in every language.")
    question: Text = Field(description="The question, as a reader would ask it.")
    answer: Markdown = Field(description="The answer (Markdown); cite sources with `[@key]`.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags or nothing, written `framework:component` (e.g. `chime:hope`): the cross-index "
                    "lists the question under them.")


class FaqBlock(BaseBlock):
    """Frequently asked questions: each a heading with its answer below, linkable, searchable and readable
    without JavaScript."""

    type: Literal["faq"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the questions (Markdown).")
    items: list[FaqItem] = Field(min_length=1, description="The questions and their answers, in order.")

    @classmethod
    def check(cls, data: dict[str, Any], at: Path_, checks: Checks) -> None:
        seen: set[str] = set()
        for i, item in items(data.get("items")):
            if not isinstance(item, dict):
                continue
            item_id = item.get("id")
            if isinstance(item_id, str):
                if item_id in seen:
                    checks.problem(at + ("items", i, "id"), "duplicate-id",
                                   f"the question id '{item_id}' is used twice in this block",
                                   "give each question its own id")
                seen.add(item_id)
            for t, tag in items(item.get("tags")):
                checks.tag(at + ("items", i, "tags", t), tag)

    def mentions(self, toolkit: Toolkit) -> Iterator[Mention]:
        """Each question under its tags."""
        for item in self.items:
            for tag in item.tags:
                yield Mention(tag_topic(tag), "faq", item.question, item.id)
