"""`toolkit pdf`: tagged PDFs of each module and of the whole toolkit, printed by Chromium."""

from __future__ import annotations

import re

PDF_DIR = "pdf"


def module_pdf_path(module_id: str) -> str:
    """Where a module's PDF goes, relative to the site root."""
    return f"{PDF_DIR}/{module_id}.pdf"


def toolkit_pdf_path(title: str) -> str:
    """Where the whole toolkit's PDF goes, named after the toolkit (e.g. pdf/walk-the-talk.pdf)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "toolkit"
    return f"{PDF_DIR}/{slug}.pdf"
