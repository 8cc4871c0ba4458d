"""Problems for machines and reviewers: GitHub Actions annotations with a link to the
catalogue entry, and the names of reading-ease bands."""

from __future__ import annotations

import os
from pathlib import Path

from ..core.catalogue import CATALOGUE
from ..core.problems import Problem, log_text

__all__ = ["DOCS_PAGE", "annotation", "help_url", "log_text", "reading_ease_label"]

#: Where the catalogue is published in a repository, relative to its root.
DOCS_PAGE = "docs/errors.md"


def help_url(code: str) -> str | None:
    """Address of a code's entry in docs/errors.md on the repository's host, when running in GitHub Actions."""
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    revision = os.environ.get("GITHUB_SHA") or "HEAD"
    if not (server and repository and Path(DOCS_PAGE).is_file() and code in CATALOGUE):
        return None
    return f"{server}/{repository}/blob/{revision}/{DOCS_PAGE}#{code}"


def annotation(problem: Problem) -> str:
    """A GitHub Actions annotation for a problem, with a link to its catalogue entry when there is
    one. File names and messages come from content, so every part is escaped (``Problem.github_annotation``):
    the annotation is one line, and content starts none."""
    return problem.github_annotation(help_url(problem.code))


def reading_ease_label(score: float) -> str:
    """Flesch's own names for bands of the reading-ease score."""
    for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain language"),
                         (50, "fairly difficult"), (30, "difficult")):
        if score >= floor:
            return label
    return "very difficult"
