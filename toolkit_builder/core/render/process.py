"""The process and what each meeting prints: the process overview, the action plan, and a
facilitator guide and a handouts package per meeting.

The guide and the handouts are made from the meeting block and the blocks its handouts
name, never from copies: a block changed in its module changes in every package. The
handouts package holds participant material only: meeting plans, and so their
facilitator notes, are never part of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..blocks import BaseBlock, Handout, MeetingBlock
from ..project import Module, Untranslated
from ..site.paths import ACTION_PLAN, PROCESS, meeting_print_path
from .page import Page
from .renderer import Renderer


def render_process(renderer: Renderer, kind: str = "process") -> Page:
    """The process overview (``kind`` "process") or the action plan ("action-plan")."""
    process = renderer.project.toolkit.process
    assert process is not None, "planned only for a toolkit with a process"
    _ = renderer.gettext
    parts = renderer.process_parts()
    title = process.title or _("The process")
    path, template, page_title = ((ACTION_PLAN, "action-plan.html.j2", _("Action plan")) if kind == "action-plan"
                                  else (PROCESS, "process-overview.html.j2", title))
    renderer.start_page(path)
    text = renderer.env.get_template(template).render(
        process=process, title=page_title, process_title=title, parts=parts, steps=list(renderer.steps.values()))
    return renderer.page(path, page_title, text, kind=kind)


@dataclass
class _Included:
    """One handout as its package prints it: the blocks it names, rendered."""

    handout: Handout
    #: Whether the handout is a whole module (its blocks keep their headings).
    whole: bool = False
    blocks: list[dict[str, Any]] = field(default_factory=list)


def _handout_blocks(module: Module, handout: Handout) -> list[tuple[int, BaseBlock]]:
    """The blocks of ``module`` a handout names: one block, or the whole module but its meeting plans."""
    if handout.block:
        return [(i, b) for i, b in enumerate(module.blocks) if b.id == handout.block]
    return [(i, b) for i, b in enumerate(module.blocks) if not isinstance(b, MeetingBlock)]


def render_meeting_prints(renderer: Renderer, module: Module) -> list[Page]:
    """A meeting module's facilitator guide and handouts package (nothing for another module)."""
    meeting = module.meeting()
    if meeting is None:
        return []
    context: dict[str, Any] = dict(module=module, meeting=meeting, step=renderer.steps.get(module.id),
                                   default_language=renderer.project.toolkit.language)
    return [_render_guide(renderer, module, meeting, context), _render_handouts(renderer, module, meeting, context)]


def _render_guide(renderer: Renderer, module: Module, meeting: MeetingBlock, context: dict[str, Any]) -> Page:
    path = meeting_print_path(module.section, module.id, "facilitator-guide")
    renderer.start_page(path)
    title = renderer.gettext("Facilitator guide: %(meeting)s") % {"meeting": module.title}
    with renderer.citations() as citations, renderer.texts_of(module):
        text = renderer.env.get_template("facilitator-guide.html.j2").render(
            title=title, times=_agenda_times(renderer, meeting), prints=renderer.meeting_prints(module),
            notes=citations.notes, **context)  # called at the end of the page, once the texts cite
    return renderer.page(path, title, text, module_id=module.id, kind="facilitator-guide")


def _render_handouts(renderer: Renderer, module: Module, meeting: MeetingBlock, context: dict[str, Any]) -> Page:
    path = meeting_print_path(module.section, module.id, "handouts")
    renderer.start_page(path)
    title = renderer.gettext("Handouts: %(meeting)s") % {"meeting": module.title}
    published = {m.id: m for m in renderer.project.modules}
    with renderer.citations() as citations:
        included, elsewhere = [], []
        for handout in meeting.handouts:
            source = published.get(handout.module) if handout.module else None
            blocks = _handout_blocks(source, handout) if source else []
            if source is None or not blocks:  # not in the toolkit, or hidden by this copy
                elsewhere.append(handout)
                continue
            item = _Included(handout, whole=not handout.block)
            untranslated = renderer.project.untranslated.get(source.id, Untranslated())
            for index, block in blocks:
                with renderer.texts_of(source):
                    html = renderer.render_block(block, 4 if item.whole and block.heading else 3)
                item.blocks.append({"block": block, "html": html,
                                    "untranslated": untranslated.whole or index in untranslated.blocks})
            included.append(item)
        text = renderer.env.get_template("handouts.html.j2").render(
            title=title, included=included, elsewhere=elsewhere, prints=renderer.meeting_prints(module),
            notes=citations.notes(), **context)
    return renderer.page(path, title, text, module_id=module.id, kind="handouts")


def _agenda_times(renderer: Renderer, meeting: MeetingBlock) -> list[tuple[str, str]]:
    """When each part of the agenda starts and ends, counted from the start of the meeting ("0:10", "0:25")."""

    def clock(minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        return renderer.gettext("%(hours)d:%(minutes)02d") % {"hours": hours, "minutes": rest}

    times, start = [], 0
    for item in meeting.agenda:
        times.append((clock(start), clock(start + item.minutes)))
        start += item.minutes
    return times
