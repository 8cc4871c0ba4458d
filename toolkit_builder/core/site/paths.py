"""Where every page of a site goes: the one list of the pages a toolkit makes.

The renderer writes these pages, the loader checks links in texts against them, and
``toolkit serve`` shows its problems page at each of them while the content is broken.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .layers import module_files
from .model import Audience, Framework, Toolkit

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


def site_pages(toolkit: Toolkit | None, modules: Iterable[tuple[str, str]]) -> set[str]:
    """Every page path of a site: ``modules`` is (section id, module id) of each module.

    Without a toolkit (it did not load) the pages are judged from the module files alone."""
    modules = list(modules)
    pages = {HOME, GLOSSARY, REFERENCES, TOPICS_INDEX}
    pages |= {section_path(section) for section, _ in modules}
    pages |= {module_path(section, module_id) for section, module_id in modules}
    if toolkit is not None:
        if toolkit.process is not None:
            pages |= {PROCESS, ACTION_PLAN}
        pages |= {section_path(s.id) for s in toolkit.sections}
        pages |= {component_path(f, c.key) for f in toolkit.frameworks for c in f.components}
        pages |= {audience_path(a) for a in toolkit.audiences}
    return pages


def pages_from_files(content_dir: str | Path) -> set[str]:
    """Pages a content folder makes, judged from its file names alone (its content may not load)."""
    return site_pages(None, [(section, path.stem) for path, section in module_files(Path(content_dir))])
