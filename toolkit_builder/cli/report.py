"""What the commands print: problems (as GitHub annotations too, in Actions), warnings, logs."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from ..core.problems import ContentError
from ..core.project import Project
from ..tools.lint import lint_project
from ..tools.report import annotation, log_text, reading_ease_label

_EXPLAIN_HINT = "Each problem's code is explained, with how to fix it, by `toolkit explain CODE` (e.g. `toolkit explain {code}`)."


def report(error: ContentError) -> None:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in error.problems:
            click.echo(annotation(problem))
    click.echo(log_text(str(error)), err=True)
    click.echo(_EXPLAIN_HINT.format(code=error.problems[0].code if error.problems else "unknown-key"), err=True)


def setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def lint(project: Project, path: str | Path | list[Path], cache_dir: Path | None = None) -> int:
    """Print the warnings and each module's reading ease; return the number of warnings. With
    ``cache_dir``, the warnings of modules that did not change since the last run are kept there."""
    report = lint_project(project, path, cache_dir)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in report.problems:
            click.echo(annotation(problem))
    for problem in report.problems:
        click.echo(log_text(str(problem)), err=True)
    if report.reading_ease:
        click.echo(f"Reading ease, {report.language} ({report.formula}, 0-100; plain language is 60 or more):")
        for module_id, score in sorted(report.reading_ease.items()):
            name = Path(project.sources[module_id])
            if report.language != project.toolkit.language:  # the texts scored are the translation's
                name = name.with_suffix(f".{report.language}.yml")
            click.echo(log_text(f"  {name.as_posix()}: {score:.0f} ({reading_ease_label(score)})"))
    return len(report.problems)
