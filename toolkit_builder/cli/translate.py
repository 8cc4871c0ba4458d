"""`toolkit i18n`: what is missing or stale in each language, and the UI string catalogues."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..core.i18n import PACKAGE_LOCALES, extract_messages, interface_coverage, stamp, translation_status
from ..core.load import load_project
from ..core.problems import ContentError
from .config import config_layers
from .report import report


@click.group()
def i18n() -> None:
    """Translations: what is missing or stale, and the UI string catalogues."""


@i18n.command("status")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Exit 1 when anything is missing, partly translated or stale.")
@click.option("--details", is_flag=True, help="List the source lines each translation lacks.")
def i18n_status(config_file: str, strict: bool, details: bool) -> None:
    """Per language: the files missing, partly translated and stale (source changed since)."""
    layers = config_layers(config_file)
    try:
        project = load_project(layers)
    except ContentError as error:
        report(error)
        sys.exit(1)
    toolkit = project.toolkit
    incomplete = 0
    for language in toolkit.languages:
        total_strings, untranslated = interface_coverage(language, layers)
        if untranslated:
            incomplete += 1
            click.echo(f"{language}: interface strings: {total_strings - len(untranslated)} of {total_strings} "
                       f"translated; pages show the others in English. Translate them in "
                       f"locale/{language}/LC_MESSAGES/toolkit.po (from toolkit.pot)")
            if details:
                for message in untranslated[:30]:
                    click.echo(f"           untranslated: {message!r}")
        if language == toolkit.language:
            continue
        results = translation_status(layers, language)
        counts = {state: sum(r.state == state for r in results) for state in ("complete", "partial", "stale",
                                                                               "missing")}
        total = sum(r.total for r in results)
        done = sum(r.translated for r in results if r.state != "missing")
        share = 100 * done / total if total else 100.0
        click.echo(f"{language}: {share:.0f}% of texts translated; {len(results)} files: "
                   + ", ".join(f"{n} {state}" for state, n in counts.items()))
        for result in results:
            if result.state == "complete":
                continue
            incomplete += 1
            click.echo(f"  {result.state:<8} {os.path.relpath(result.translation)} "
                       f"({result.translated}/{result.total} texts)")
            if details and result.missing_lines:
                lines = ", ".join(map(str, result.missing_lines[:30]))
                click.echo(f"           untranslated: {os.path.relpath(result.source)} lines {lines}")
            if result.state == "stale":
                click.echo("           the source changed since; update the text, then run "
                           f"`toolkit i18n stamp {language}`")
    if strict and incomplete:
        sys.exit(1)


@i18n.command("stamp")
@click.argument("language")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def i18n_stamp(language: str, files: tuple[Path, ...], config_file: str) -> None:
    """Mark translations into LANGUAGE as up to date with their sources (all, or the FILES given)."""
    chosen = {f.resolve() for f in files}
    changed = 0
    for result in translation_status(config_layers(config_file), language):
        if result.state == "missing" or (chosen and result.translation.resolve() not in chosen):
            continue
        if stamp(result.translation, result.digest):
            changed += 1
            click.echo(f"stamped {os.path.relpath(result.translation)}")
    click.echo(f"{changed} file(s) updated")


@i18n.command("extract")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .pot template (default: the package's locale/toolkit.pot).")
def i18n_extract(output: Path | None) -> None:
    """Extract the UI strings of the templates and code into a .pot catalogue template."""
    output = output or PACKAGE_LOCALES / "toolkit.pot"
    count = extract_messages(output)
    click.echo(f"{count} messages written to {output}")
