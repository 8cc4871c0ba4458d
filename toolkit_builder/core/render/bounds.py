"""What one generated page may weigh. A content file's own limits bound each text, and a meeting's
handouts are counted, but a page gathers many texts; its size is checked once it is made, so no
page out of proportion is written or served (``render_site`` calls it for every page)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..limits import MAX_PAGE_CHARACTERS
from ..problems import ContentError, Problem, display
from ..project import Project
from ..site.paths import GLOSSARY, REFERENCES

#: The file a page made from no module comes from, by the page's path.
_PAGE_FILES = {GLOSSARY: "glossary.yml", REFERENCES: "references.yml"}


def check_page_sizes(pages: Iterable[tuple[str, int, str | None]], project: Project) -> None:
    """Raise ``ContentError`` for every page of ``pages``, as (path, characters, module id or None),
    longer than ``MAX_PAGE_CHARACTERS``: an `output-too-large` at its module's file, at the line of
    its `id:` (a page of no module: at the file it is made from, or toolkit.yml)."""
    problems = [_problem(path, size, module_id, project)
                for path, size, module_id in pages if size > MAX_PAGE_CHARACTERS]
    if problems:
        raise ContentError(problems)


def _problem(path: str, size: int, module_id: str | None, project: Project) -> Problem:
    source = project.source_file(module_id) if module_id else None
    line = 1
    if source is not None:
        line = _id_line(source)
        fix = ("split the module into smaller modules; a meeting prints fewer or smaller handouts; "
               "glossary terms and their expansions stay short")
    else:
        name = _PAGE_FILES.get(path, "toolkit.yml")
        source = next((folder / name for folder in reversed(project.folders) if (folder / name).is_file()),
                      Path(name))
        fix = "make the texts the page gathers shorter, or fewer"
    return Problem(display(source), line, 1, "output-too-large",
                   f"the page {path} ({project.language}) would be {size:,} characters long; a page may be at most "
                   f"{MAX_PAGE_CHARACTERS:,}", fix)


def _id_line(path: Path) -> int:
    """The line of a module file's `id:` (1 if the file has none, or cannot be read)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, text in enumerate(lines, start=1) if text.startswith("id:")), 1)
