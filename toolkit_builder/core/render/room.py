"""A meeting's room: the page a facilitator runs the meeting from (start time, current agenda
item, timer, notes, milestone). One per meeting of the process, beside its facilitator guide and
handouts; out of search and PDFs, since the meeting page and the guide carry the same texts."""

from __future__ import annotations

from ..project import Module
from ..site import PageKind, room_path
from .page import Page
from .process import _agenda_times as agenda_times  # one clock for the guide and the room
from .renderer import Renderer


def render_meeting_room(renderer: Renderer, module: Module) -> Page | None:
    """The room of a meeting of the process (None for any other module)."""
    step = renderer.steps.get(module.id)
    meeting = module.meeting()
    if step is None or meeting is None:
        return None
    path = room_path(module.section, module.id)
    renderer.start_page(path)
    title = renderer.gettext("Meeting room: %(meeting)s") % {"meeting": module.title}
    with renderer.texts_of(module):
        text = renderer.env.get_template("room.html.j2").render(
            title=title, module=module, meeting=meeting, step=step, times=agenda_times(renderer, meeting),
            prints=renderer.meeting_prints(module))
    return renderer.page(path, title, text, module_id=module.id, kind=PageKind.MEETING_ROOM)
