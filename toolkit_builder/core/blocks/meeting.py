"""The `meeting` block: a meeting plan: why the team meets, what to prepare, the agenda."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..limits import MAX_HANDOUTS_PER_MEETING
from ..model import Markdown, Minutes, Slug, Strict, Text
from ..problems import Path_, did_you_mean
from .base import BaseBlock, Checks, Modules
from .items import items


class AgendaItem(Strict):
    """One part of a meeting's agenda."""

    title: Text = Field(description="What happens in this part.")
    minutes: Minutes = Field(description="How long it takes, in minutes.")
    details: Markdown | None = Field(None, description="How to run it (Markdown).")
    lead: Text | None = Field(None, description='Who leads this part ("Co-facilitators", "A peer support worker").')


class Handout(Strict):
    """Something to print and bring to a meeting."""

    title: Text = Field(description="The handout's name.")
    module: Slug | None = Field(None,
        description="A module of the toolkit to print for it, and optionally a block of that module.")
    block: Slug | None = Field(None, description="Id of the block of that module to print (e.g. its questions).")
    note: Text | None = Field(None, description="How the handout is used.")


class MeetingBlock(BaseBlock):
    """A meeting plan: why the team meets, what to prepare, and the agenda."""

    type: Literal["meeting"] = Field(description="The kind of block.")
    purpose: Markdown = Field(description="Why the team meets (Markdown).")
    participants: Text | None = Field(None, description="Who takes part.")
    preparation_minutes: Minutes = Field(description="How long the facilitator needs to prepare, in minutes.")
    preparation: list[Text] = Field(default_factory=list,
        description="What to do before the meeting, in order: the facilitator guide prints it as a checklist, "
                    "with the handouts to print and the materials to bring.")
    milestone: Text = Field(description="What the team has achieved when the meeting is done.")
    agenda: list[AgendaItem] = Field(min_length=1,
        description="The parts of the meeting, in order, with their timings.")
    materials: list[Text] = Field(default_factory=list, description="What to bring (flip chart, sticky notes...).")
    handouts: list[Handout] = Field(default_factory=list, description="What to print for the participants.")
    tips: list[Text] = Field(default_factory=list, description="Practical advice for the facilitator.")
    notes: Markdown | None = Field(None,
        description="Notes for the facilitator only (Markdown): on the meeting page and in the facilitator guide, "
                    "never in the handouts.")

    @classmethod
    def check_links(cls, data: dict[str, Any], at: Path_, checks: Checks, modules: Modules) -> None:
        """Handouts name an existing module and block.

        A module hidden by a localized copy still counts: the link is then shown as text. A
        block is only checked in a module of the same content folder: when a copy replaces an
        upstream module, upstream links lead to the new module's page (not to a block of it)."""
        printed: set[tuple[str, str | None]] = set()
        for h, handout in items(data.get("handouts")):
            target_id = handout.get("module") if isinstance(handout, dict) else None
            if h == MAX_HANDOUTS_PER_MEETING:  # a handout prints a whole module: bound what one file makes printed
                checks.problem(at + ("handouts", h), "output-too-large",
                               f"a meeting may have at most {MAX_HANDOUTS_PER_MEETING} handouts",
                               "print fewer handouts, or split the meeting")
            if not isinstance(target_id, str):
                continue
            where = at + ("handouts", h)
            block = handout.get("block") if isinstance(handout.get("block"), str) else None
            # A whole module holds its blocks: it counts as printed with any of them.
            if (target_id, block) in printed or (target_id, None) in printed or (
                    block is None and any(module == target_id for module, _ in printed)):
                checks.problem(where + ("module",), "output-too-large",
                               f"the module '{target_id}'{f' (its block {block!r})' if block else ''} is already "
                               "printed by an earlier handout of this meeting", "name each module or block once")
                continue
            printed.add((target_id, block))
            if not modules.exists(target_id):
                checks.problem(where + ("module",), "unknown-module", f"there is no module '{target_id}'",
                               did_you_mean(target_id, modules.ids(), "modules"))
                continue
            ids = modules.block_ids(target_id)
            if ids is None or not modules.same_layer(target_id):
                continue  # that module has mistakes of its own, reported there; or it is replaced
            block_id = handout.get("block")
            if isinstance(block_id, str) and block_id not in ids:
                hint = (did_you_mean(block_id, ids, "block ids of that module") if ids else
                        f"no block of '{target_id}' has an `id`: give the block you mean `id: {block_id}`")
                checks.problem(where + ("block",), "unknown-block",
                               f"the module '{target_id}' has no block '{block_id}'",
                               hint + "; or remove `block:` to link to the whole module")
