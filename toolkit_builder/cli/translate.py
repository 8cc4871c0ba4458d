"""`toolkit i18n`: what is missing or stale in each language, and the UI string catalogues."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from babel import Locale, UnknownLocaleError

from ..core.i18n import (
    DOMAIN,
    PACKAGE_LOCALES,
    extract_messages,
    interface_coverage,
    skeleton,
    stamp,
    start_catalogue,
    translation_status,
)
from ..core.i18n.exchange import NotMatched, apply, export, plan_import
from ..core.i18n.update import new_strings, update_catalogue
from ..core.limits import UnsafeTarget, unsafe_target, write_in_folder
from ..core.load import load_project
from ..core.problems import ContentError, Problem
from ..core.project import Project
from .config import config_layers
from .report import report


def _layer_of(path: Path, layers: list[Path]) -> Path:
    """The content folder that holds ``path`` as written (the last, when none does: then the
    content-folder rule refuses to write it)."""
    absolute = Path(os.path.abspath(path))
    return next((layer for layer in reversed(layers) if absolute.is_relative_to(os.path.abspath(layer))), layers[-1])


def _loaded(layers: list[Path]) -> Project:
    """The content in its own language, or its problems reported and exit 1."""
    try:
        return load_project(layers)
    except ContentError as error:
        report(error)
        sys.exit(1)


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
    project = _loaded(layers)
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
        own = layers[-1] / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        fresh = new_strings(language, own) if own.is_file() else []
        if fresh:
            click.echo(f"{language}: {len(fresh)} interface string(s) new since {os.path.relpath(own)} was last "
                       f"updated; `toolkit i18n update {language}` adds them")
            for message in fresh[:30] if details else []:
                click.echo(f"           new: {message!r}")
        if language == toolkit.language:
            continue
        results = translation_status(layers, language)
        counts = {state: sum(r.state == state for r in results) for state in ("complete", "partial", "stale",
                                                                               "unstamped", "missing")}
        total = sum(r.total for r in results)
        done = sum(r.translated for r in results if r.state != "missing")
        share = 100 * done / total if total else 100.0
        click.echo(f"{language}: {share:.0f}% of texts translated; {len(results)} files: "
                   + ", ".join(f"{n} {state}" for state, n in counts.items()))
        for result in results:
            if result.state == "complete":
                continue
            incomplete += 1
            copied = f"; {result.copied} still as in the source" if result.copied else ""
            click.echo(f"  {result.state:<9} {os.path.relpath(result.translation)} "
                       f"({result.translated}/{result.total} texts{copied})")
            if details and result.missing_lines:
                lines = ", ".join(map(str, result.missing_lines[:30]))
                click.echo(f"            untranslated: {os.path.relpath(result.source)} lines {lines}")
            if result.state == "stale":
                click.echo("            the source changed since; update the text, then run "
                           f"`toolkit i18n stamp {language}`")
            elif result.state == "unstamped":
                click.echo("            every text is there but the file was never stamped; check it against the "
                           f"source, then run `toolkit i18n stamp {language} {os.path.relpath(result.translation)}`")
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
    layers = config_layers(config_file)
    for result in translation_status(layers, language):
        if result.state == "missing" or (chosen and result.translation.resolve() not in chosen):
            continue
        refused = unsafe_target(result.translation, _layer_of(result.translation, layers))
        if refused is not None:
            click.echo(f"kept {os.path.relpath(result.translation)}: {refused}", err=True)
            continue
        if stamp(result.translation, result.digest):
            changed += 1
            click.echo(f"stamped {os.path.relpath(result.translation)}")
    click.echo(f"{changed} file(s) updated")


@i18n.command("start")
@click.argument("language")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def i18n_start(language: str, files: tuple[Path, ...], config_file: str) -> None:
    """Start translating into LANGUAGE: a skeleton `<name>.<LANGUAGE>.yml` for every source file
    (or the source FILES given) that has no translation yet, and the interface strings' catalogue
    locale/LANGUAGE/LC_MESSAGES/toolkit.po of the site's own content folder. Never overwrites a file."""
    try:
        Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        raise click.BadParameter(f"'{language}' is not a language code Babel knows (e.g. 'es', 'pt_BR')",
                                 param_hint="LANGUAGE") from None
    layers = config_layers(config_file)
    project = _loaded(layers)
    if language == project.toolkit.language:
        raise click.BadParameter(f"'{language}' is the language the content is written in", param_hint="LANGUAGE")
    if language not in project.toolkit.languages:
        raise click.BadParameter(f"'{language}' is not in `languages` of {os.path.relpath(layers[-1] / 'toolkit.yml')}"
                                 f"; add it there first (languages: [{', '.join(project.toolkit.languages)}, "
                                 f"{language}])", param_hint="LANGUAGE")
    results = translation_status(layers, language)
    chosen = {f.resolve(): f for f in files}
    unknown = set(chosen) - {r.source.resolve() for r in results}
    if unknown:
        raise click.BadParameter(", ".join(str(chosen[u]) for u in unknown) + ": not a source file with texts "
                                 "(a module, toolkit.yml or glossary.yml of the site's content folders)",
                                 param_hint="FILES")
    schema = Path(config_file).parent / "schema" / "translation.schema.json"
    written = 0
    for result in results:
        if chosen and result.source.resolve() not in chosen:
            continue
        target = result.translation
        if result.state != "missing" or target.exists():
            if chosen:
                click.echo(f"kept {os.path.relpath(target)}: it exists")
            continue
        shown = next((result.source.relative_to(layer) for layer in reversed(layers)
                      if result.source.is_relative_to(layer)), result.source).as_posix()
        text = skeleton(result.source, result.model, language, shown,
                        Path(os.path.relpath(schema, target.parent)).as_posix() if schema.is_file() else None)
        if text is None:
            continue
        try:
            write_in_folder(target, _layer_of(target, layers), text, new=True)
        except UnsafeTarget as refused:
            click.echo(f"kept {os.path.relpath(target)}: {refused}", err=True)
            continue
        written += 1
        click.echo(f"wrote {os.path.relpath(target)} ({result.total} texts to translate)")
    catalogue = layers[-1] / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if (why := unsafe_target(catalogue, layers[-1])) is not None:
        click.echo(f"kept {os.path.relpath(catalogue)}: {why}", err=True)
    elif os.path.lexists(catalogue):
        click.echo(f"kept {os.path.relpath(catalogue)}: it exists")
    elif not interface_coverage(language, layers)[1]:
        click.echo(f"no {os.path.relpath(catalogue)} needed: every interface string is translated into {language}")
    else:
        start_catalogue(language, catalogue)
        click.echo(f"wrote {os.path.relpath(catalogue)} (the interface strings, from {DOMAIN}.pot)")
    click.echo(f"{written} translation file(s) started. Next: translate them, then `toolkit i18n status`.")


@i18n.command("extract")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .pot template (default: the package's locale/toolkit.pot).")
def i18n_extract(output: Path | None) -> None:
    """Extract the UI strings of the templates and code into a .pot catalogue template."""
    output = output or PACKAGE_LOCALES / "toolkit.pot"
    count = extract_messages(output)
    click.echo(f"{count} messages written to {output}")


@i18n.command("export")
@click.argument("language")
@click.option("-o", "--output", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the PO files (default: po/LANGUAGE).")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def i18n_export(language: str, output: Path | None, config_file: str) -> None:
    """Write the content's texts and their LANGUAGE translations as PO files, one per content file,
    for a translation platform (Weblate, Crowdin, Pontoon, Poedit...). With the content's own
    language, write the templates (.pot) instead."""
    layers = config_layers(config_file)
    toolkit = _loaded(layers).toolkit
    if language not in toolkit.languages:
        raise click.BadParameter(f"'{language}' is not in `languages` ({', '.join(toolkit.languages)})",
                                 param_hint="LANGUAGE")
    output = output or Path("po") / language
    written = export(layers, language, toolkit.language, Path(config_file).parent, output)
    for path, total, done in written:
        what = f"{total} texts" if language == toolkit.language else f"{done} of {total} texts translated"
        click.echo(f"wrote {os.path.relpath(path)} ({what})")
    click.echo(f"{len(written)} file(s) written. Next: translate them, then `toolkit i18n import {language} "
               f"{os.path.relpath(output)}`.")


@i18n.command("import")
@click.argument("language")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def i18n_import(language: str, files: tuple[Path, ...], config_file: str) -> None:
    """Write the LANGUAGE translations of PO FILES (from `toolkit i18n export`; a folder stands for
    every .po file in it) into the content's `*.LANGUAGE.yml` files. Every text is checked first:
    when one fails, nothing is written."""
    files = tuple(po for given in files for po in (sorted(given.rglob("*.po")) if given.is_dir() else [given]))
    layers = config_layers(config_file)
    toolkit = _loaded(layers).toolkit
    if language == toolkit.language or language not in toolkit.languages:
        raise click.BadParameter(f"'{language}' is not a language the content is translated into "
                                 f"({', '.join(toolkit.languages[1:]) or 'none'})", param_hint="LANGUAGE")
    problems: list[Problem] = []
    try:
        planned = plan_import(layers, language, Path(config_file).parent, files, problems)
    except NotMatched as error:
        raise click.BadParameter(str(error), param_hint="FILES") from None
    if problems:
        report(ContentError(problems))
        click.echo("Nothing was written.", err=True)
        sys.exit(1)
    for name in apply(planned):
        click.echo(f"wrote {name}")
    click.echo(f"{len(planned)} file(s) changed, {len(files) - len(planned)} unchanged.")


@i18n.command("update")
@click.argument("language")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def i18n_update(language: str, config_file: str) -> None:
    """Bring the site's own interface catalogue for LANGUAGE (locale/LANGUAGE/LC_MESSAGES/toolkit.po
    of its content folder) up to date with this version's strings: new strings added, changed ones
    marked fuzzy, removed ones kept as obsolete."""
    layers = config_layers(config_file)
    catalogue = layers[-1] / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not catalogue.is_file():
        raise click.BadParameter(f"{os.path.relpath(catalogue)} does not exist; `toolkit i18n start {language}` "
                                 "writes it when the package's catalogues leave strings untranslated",
                                 param_hint="LANGUAGE")
    updated = update_catalogue(language, catalogue)
    click.echo(f"updated {os.path.relpath(catalogue)}: {len(updated.added)} new, {len(updated.fuzzy)} to check "
               f"(fuzzy), {len(updated.obsolete)} obsolete")
    total, untranslated = interface_coverage(language, layers)
    packaged = (PACKAGE_LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    click.echo(f"{language}: interface strings: {total - len(untranslated)} of {total} translated"
               + (" (the package's own catalogue fills in what yours leaves empty)" if packaged else ""))
