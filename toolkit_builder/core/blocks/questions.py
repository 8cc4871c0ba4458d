"""The `questions` block: interview questions for co-production, grouped, printable as a worksheet."""

from __future__ import annotations

from typing import Any, Iterator, Literal

from pydantic import Field

from ..model import Key, Markdown, Slug, Strict, Text, Toolkit
from ..problems import Path_
from .base import BaseBlock, Checks, Mention, tag_topic
from .items import items


class Question(Strict):
    """One question to ask."""

    text: Text = Field(description="The question.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags, written `framework:component` (e.g. `chime:hope`).")


class QuestionGroup(Strict):
    """Questions under one heading, for one or more audiences."""

    heading: Text | None = Field(None, description="Heading of the group.")
    intro: Markdown | None = Field(None, description="Text before the questions (Markdown).")
    audience: list[Slug] = Field(default_factory=list,
        description="Who these questions are for: ids from `audiences:` in toolkit.yml.")
    questions: list[Question] = Field(min_length=1, description="The questions of the group.")


class QuestionsBlock(BaseBlock):
    """Interview questions for co-production, in groups; printable as a worksheet."""

    type: Literal["questions"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the questions (Markdown).")
    groups: list[QuestionGroup] = Field(min_length=1, description="Groups of questions.")
    outro: Markdown | None = Field(None, description="Text after the questions (Markdown).")

    @classmethod
    def check(cls, data: dict[str, Any], at: Path_, checks: Checks) -> None:
        for g, group in items(data.get("groups")):
            if not isinstance(group, dict):
                continue
            for a, audience in items(group.get("audience")):
                checks.audience(at + ("groups", g, "audience", a), audience)
            for q, question in items(group.get("questions")):
                for t, tag in items(question.get("tags") if isinstance(question, dict) else None):
                    checks.tag(at + ("groups", g, "questions", q, "tags", t), tag)

    def mentions(self, toolkit: Toolkit) -> Iterator[Mention]:
        """Each group under the audiences it is for, each question under its tags."""
        for group in self.groups:
            for audience in group.audience:
                yield Mention(("audience", audience), "group", group.heading, self.id)
            for question in group.questions:
                for tag in question.tags:
                    yield Mention(tag_topic(tag), "question", question.text, self.id)
