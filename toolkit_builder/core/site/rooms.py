"""The meeting rooms: a page per meeting of the process, the one a facilitator runs it from
(``render/room.py``). A region of the plan of its own, after the process: out of the nav, the
search index and the PDFs, since the meeting page and its guide carry the same texts."""

from __future__ import annotations

from typing import Iterator

from ..project import Project
from .paths import meeting_print_path
from .plan import Gettext, PageKind, PlannedPage, Roles, register_page_kind

#: Where a meeting's room goes, beside its facilitator guide and handouts.
ROOM = "room"


def room_path(section_id: str, module_id: str) -> str:
    return meeting_print_path(section_id, module_id, ROOM)


def _rooms(project: Project, _: Gettext) -> Iterator[PlannedPage]:
    for step in project.steps():
        module = step.module
        yield PlannedPage(room_path(module.section, module.id), PageKind.MEETING_ROOM,
                          _("Meeting room: %(meeting)s") % {"meeting": module.title}, module.id, nav=None)


register_page_kind(PageKind.MEETING_ROOM, Roles(in_search=False), _rooms, rank=11)
