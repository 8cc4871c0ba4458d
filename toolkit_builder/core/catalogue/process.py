"""Catalogue entries: the process declared in toolkit.yml (parts and their meetings)."""

from __future__ import annotations

from ..limits import (
    MAX_GLOSSARY_HINTS_PER_PAGE,
    MAX_GLOSSARY_HINTS_PER_TEXT,
    MAX_HANDOUTS_PER_MEETING,
    MAX_PAGE_CHARACTERS,
)
from .entry import Entry

ENTRIES = [
    Entry(
        "output-too-large", "A page would be too large",
        "Each handout of a meeting prints a whole module, or a block of one, on the meeting's handouts page and "
        f"in its PDF. So a meeting may have at most {MAX_HANDOUTS_PER_MEETING} handouts, and names each module or "
        "block once: one small file could otherwise make a page of hundreds of megabytes that every reader "
        f"downloads. A generated page may be at most {MAX_PAGE_CHARACTERS:,} characters long (about 5 MB; the "
        "largest pages of a real toolkit are some 100 KB): `toolkit build` stops at a longer one, located at the "
        "file of the module whose page it is, and leaves the previous site as it was. (Texts have limits of their "
        f"own, `text-too-complex`; a text shows at most {MAX_GLOSSARY_HINTS_PER_TEXT} glossary hints and a page "
        f"{MAX_GLOSSARY_HINTS_PER_PAGE}, `too-many-glossary-hints`.)",
        "Print fewer handouts, or split the meeting in two; name each module or block once. Split a module whose "
        "page is too long into smaller modules.",
        "handouts:\n  - title: The plan\n    module: forming-the-team\n"
        "  - title: The plan again\n    module: forming-the-team   # already printed above",
        group="link",
    ),
    Entry(
        "not-a-meeting", "The module is not a meeting",
        "A part of the process (`process:` in `toolkit.yml`) lists a module under `meetings:`, but that module "
        "has no `meeting` block. A meeting of the process needs one: its purpose, preparation time, agenda and "
        "milestone make the meeting page, the facilitator guide, the handouts and the action plan.",
        "Add a `- type: meeting` block to the module, or list the module of the meeting you meant (the module "
        "id is its file name without `.yml`).",
        "process:\n  parts:\n    - id: planning\n      title: Planning\n"
        "      meetings: [recovery-education-and-training]   # a module without a meeting block",
        group="link",
    ),
    Entry(
        "duplicate-meeting", "The meeting is in the process twice",
        "A module is listed twice under `meetings:` in the process, in one part or in two. Meetings are numbered "
        "across the process and each has one row in the action plan, so each has one place.",
        "Remove one of the two; to run a meeting again, write a second meeting module for it.",
        "parts:\n  - id: planning\n    meetings: [forming-the-team]\n"
        "  - id: coaching\n    meetings: [forming-the-team]   # already in 'planning'",
        group="link",
    ),
    Entry(
        "empty-part", "The part has no meetings",
        "A part of the process lists no meeting, so the process page would show a step with nothing in it and "
        "the numbering would skip it.",
        "List the ids of the part's meeting modules under `meetings:`, in order, or remove the part.",
        "parts:\n  - id: coaching\n    title: Coaching\n    meetings: []",
        group="link",
    ),
]
