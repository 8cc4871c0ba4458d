"""Where each page and PDF of a site goes: the addresses alone. Which pages a site has, in which
order and with which roles, is the plan's (``plan.py``)."""

from __future__ import annotations

import re
import unicodedata

from ..model import Audience, Framework

#: Folder of the cross-index pages in the site.
TOPICS = "topics"
HOME = "index.md"
REFERENCES = "references.md"
GLOSSARY = "glossary.md"
TOPICS_INDEX = f"{TOPICS}/index.md"
#: The process: its overview and the action plan made of the meetings' milestones.
PROCESS = "process/index.md"
ACTION_PLAN = "process/action-plan.md"
#: The front of the whole toolkit's PDF (cover and contents): a page made only by `toolkit build
#: --pdf`, out of the nav and the search index.
BOOK = "book.md"
#: Folder of the PDFs in the site (`toolkit build --pdf`).
PDF_DIR = "pdf"
#: What a meeting prints besides its page: the facilitator guide and the handouts package.
MEETING_PRINTS = ("facilitator-guide", "handouts")
#: A meeting's guide, then its handouts, in one PDF: what a facilitator prints for a meeting.
MEETING_PACK = "meeting-pack"


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "x"


def term_anchor(term: str) -> str:
    """The anchor of a glossary term on the glossary page: its letters and digits, in any script."""
    return "term-" + (re.sub(r"[\W_]+", "-", term.lower()).strip("-") or "x")


def section_path(section_id: str) -> str:
    return f"{section_id}/index.md"


def module_path(section_id: str, module_id: str) -> str:
    return f"{section_id}/{module_id}.md"


def meeting_print_path(section_id: str, module_id: str, kind: str) -> str:
    """A meeting's facilitator guide or handouts package (``kind``), under its page's address."""
    return f"{section_id}/{module_id}/{kind}.md"


def pdf_path(module_id: str, kind: str = "module") -> str:
    """Where the PDF of a module, or of a meeting's guide or handouts (``kind``), goes from the site root."""
    return f"{PDF_DIR}/{module_id}.pdf" if kind == "module" else f"{PDF_DIR}/{module_id}-{kind}.pdf"


def component_path(framework: Framework, key: str) -> str:
    return f"{TOPICS}/{framework.id}-{_slug(key)}.md"


def audience_path(audience: Audience) -> str:
    return f"{TOPICS}/for-{audience.id}.md"


def topic_page_path(path: str, number: int) -> str:
    """Page ``number`` (from 1) of a cross-index page whose first page is ``path``."""
    return path if number == 1 else f"{path.removesuffix('.md')}/page-{number}.md"


def toolkit_pdf_path(title: str) -> str:
    """Where the whole toolkit's PDF goes, named after the toolkit (e.g. pdf/recovery-in-practice.pdf)."""
    ascii_title = unicodedata.normalize("NFKD", title.replace("’", " ")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "toolkit"
    return f"{PDF_DIR}/{slug}.pdf"
