"""Commands on the content: validate, new module, explain a problem, schemas, localized copies,
and the offline link check of a built site."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from ..core.catalogue import CATALOGUE, catalogue_markdown
from ..core.catalogue import explain as explain_code
from ..core.layers import module_files_of
from ..core.limits import UnsafeTarget, write_in_folder
from ..core.load import load_languages, load_project
from ..core.load.documents import ParsedAhead, StoredData
from ..core.problems import ContentError, did_you_mean
from ..tools.linkcheck import check_site, format_report
from ..tools.lintcache import cache_folder
from ..tools.schema import stale_schemas, write_schemas
from .config import config_layers
from .report import lint, report


@click.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors: exit 1 if there is any.")
def validate(path: Path | None, config_file: str, strict: bool) -> None:
    """Check every file of the content, in every language, and list all problems.

    PATH is a content folder; without it, the folders of the site's mkdocs.yml (its
    upstream and its own content), or ./content. A PATH that is a content folder of the
    site's mkdocs.yml (a copy's own content/) is checked on top of the folders before it.
    """
    layers = _layers_to(path, config_file) if path else config_layers(config_file)
    # Unchanged files are not parsed again; the others are parsed by every core at once.
    store = ParsedAhead(module_files_of(layers), os.cpu_count() or 1,
                        then=StoredData(lint_cache_dir(layers) / "documents.json"))
    try:
        projects = load_languages(layers, store=store)
    except ContentError as error:
        report(error)
        sys.exit(1)
    finally:
        store.save()
    project = next(iter(projects.values()))
    warnings = sum(lint(each, layers, lint_cache_dir(layers)) for each in projects.values())  # every language's texts
    click.echo(f"{os.path.relpath(layers[-1])}: {len(project.modules)} module(s), {len(project.references)} "
               f"reference(s), {len(project.glossary)} glossary term(s), languages {', '.join(projects)}: no errors"
               + (f", {warnings} warning(s)." if warnings else ", no warnings."))
    if strict and warnings:
        click.echo("--strict: warnings count as errors.", err=True)
        sys.exit(1)


def _layers_to(path: Path, config_file: str) -> list[Path]:
    """The folder PATH, after the upstream folders it is laid over when it is a content folder of the
    site's mkdocs.yml (a copy's own `content/` is an overlay, checked only on top of its upstream)."""
    for config in dict.fromkeys([Path(config_file), path.parent / "mkdocs.yml"]):  # here, or beside PATH
        if config.is_file():
            layers = config_layers(str(config))
            same = [i for i, layer in enumerate(layers) if layer.resolve() == path.resolve()]
            if same:
                return layers[: same[-1] + 1]
    return [path]


def lint_cache_dir(layers: list[Path]) -> Path:
    """Where the warnings of unchanged modules are kept (``lintcache.cache_folder``)."""
    return cache_folder(layers)


@click.group()
def new() -> None:
    """Start a new piece of content from a skeleton."""


SKELETON = """\
# yaml-language-server: $schema=../../../schema/module.schema.json
id: {id}
title: {title}
section: {section}
summary: One sentence that tells a facilitator what this module is for.
audience: [{audience}]

blocks:
  - type: prose
    id: introduction
    heading: Introduction
    text: |
      Write the module's text here. Use a blank line between paragraphs,
      **two stars** for bold and [a link](https://example.org) for links.
"""


@new.command("module")
@click.argument("section")
@click.argument("module_id", metavar="ID")
@click.option("--title", default=None, help="The module's title (default: from the id).")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def new_module(section: str, module_id: str, title: str | None, content_dir: Path) -> None:
    """Write a module skeleton to content/modules/SECTION/ID.yml."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", module_id):
        raise click.BadParameter("use lower-case letters, digits and dashes, e.g. 'peer-support'", param_hint="ID")
    try:
        project = load_project(_layers_to(content_dir, "mkdocs.yml"))  # in a copy, on top of its upstream
    except ContentError as error:
        report(error)
        raise click.ClickException("fix the content first, then add the module") from None
    toolkit = project.toolkit
    if toolkit.section(section) is None:
        hint = did_you_mean(section, [s.id for s in toolkit.sections], "sections")
        raise click.BadParameter(f"'{section}' is not a section of toolkit.yml; {hint}", param_hint="SECTION")
    if module_id in project.sources:
        raise click.ClickException(f"a module '{module_id}' already exists: {project.sources[module_id]}")
    path = content_dir / "modules" / section / f"{module_id}.yml"
    audience = toolkit.audiences[0].id if toolkit.audiences else ""
    title = title or module_id.replace("-", " ").capitalize()
    text = SKELETON.format(id=module_id, title=json.dumps(title, ensure_ascii=False), section=section, audience=audience)
    try:  # never through a link, nor over a file: the content folder's rule for writes
        write_in_folder(path, content_dir, text, new=True)
    except UnsafeTarget as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Wrote {path}. Edit it, then run `toolkit validate`.")


def upstream_entry(upstream: Path, directory: Path) -> str:
    """The upstream folder as the copy's mkdocs.yml names it (relative to DIRECTORY, where it sits).

    A relative path stays relative: it is rebased on DIRECTORY by its words alone, so a
    symbolic link in it is kept (the copy follows the link, as its user does) and the pair
    can move together (an `upstream/` submodule beside the copy). An absolute path is
    stored as given: it names one place, which a long `../../..` from the copy would only
    reach while the copy stays where it was made.
    """
    if upstream.is_absolute():
        return upstream.as_posix()
    return Path(os.path.relpath(os.path.abspath(upstream), os.path.abspath(directory))).as_posix()


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--upstream", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="The upstream toolkit's content folder (e.g. a checkout of the upstream repository's content/).")
@click.option("--name", default="Our organization", show_default=True, help="Your organization's name.")
def init(directory: Path, upstream: Path, name: str) -> None:
    """Start a localized copy of a toolkit in DIRECTORY, on top of an upstream content folder."""
    starter = Path(__file__).parents[1] / "starter"
    try:
        upstream_toolkit = load_project(upstream).toolkit
    except ContentError as error:
        report(error)
        raise click.ClickException(f"{upstream} is not a valid toolkit content folder") from None
    if directory.exists() and any(directory.iterdir()):
        raise click.ClickException(f"{directory} is not empty; choose a new folder")
    upstream_path = upstream_entry(upstream, directory)
    quoted = json.dumps(name, ensure_ascii=False)
    # The sample module is written for the upstream's first audience (the ids are the upstream's own).
    values = {"name": name, "upstream": upstream_path,
              "audience": ", ".join(a.id for a in upstream_toolkit.audiences[:1])}
    files = {
        # Values in YAML files are written as JSON strings, which YAML reads as they are ('#', ': ').
        "mkdocs.yml": ("mkdocs.yml", {**values, "name": quoted, "upstream": json.dumps(upstream_path)}),
        "content/toolkit.yml": ("toolkit.yml", {**values, "name": quoted}),
        "content/modules/local/local-resources.yml": ("local-resources.yml", values),
        "README.md": ("README.md", values),
    }
    texts = {}
    for target, (source, fields) in files.items():
        text = (starter / source).read_text(encoding="utf-8")
        for key, value in fields.items():
            text = text.replace("{" + key + "}", value)
        texts[target] = text
    texts.update({"content/docs/.gitkeep": "", "overrides/main.html": '{% extends "base.html" %}\n'})
    # Written within DIRECTORY's parent by the write rule: DIRECTORY itself may not be a link (nor a
    # dangling one), and nothing is written through one.
    root = Path(os.path.abspath(directory)).parent
    try:
        for target, text in texts.items():
            write_in_folder(directory / target, root, text, new=True)
        write_schemas(directory / "schema", root)  # what the `$schema` lines of the files above point at
    except UnsafeTarget as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Started {directory}. Next: cd {directory} && toolkit build")


@click.command()
@click.option("-o", "--output", default="schema", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the schemas to.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a schema in the folder is missing or stale.")
def schema(output: Path, check: bool) -> None:
    """Write the JSON Schemas of the content files, for editors' autocompletion and checks."""
    root = _write_root(output)
    if check:
        stale = stale_schemas(output, root)
        if stale:
            click.echo(f"stale or missing in {output}: {', '.join(stale)}; run `toolkit schema`", err=True)
            sys.exit(1)
        click.echo(f"{output}: the schemas are up to date.")
        return
    try:
        changed = write_schemas(output, root)
    except UnsafeTarget as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"{output}: {len(changed)} schema(s) written" + (f": {', '.join(p.name for p in changed)}" if changed else ""))


def _write_root(output: Path) -> Path:
    """The folder within which ``output`` is written under the write rule: the working folder (the
    project's) when the output is in it, so no folder on the way may be a link; else its own parent."""
    here = Path(os.path.abspath("."))
    target = Path(os.path.abspath(output))
    return here if target.is_relative_to(here) and target != here else target.parent


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as the Markdown page docs/errors.md.")
def explain(code: str | None, markdown: bool) -> None:
    """Explain a problem CODE reported by `toolkit validate`, and how to fix it (all codes without CODE)."""
    if markdown:
        click.echo(catalogue_markdown(), nl=False)
    elif code is None:
        width = max(len(c) for c in CATALOGUE)
        for entry in CATALOGUE.values():
            click.echo(f"{entry.code:<{width}}  {entry.severity:<7}  {entry.title}")
    elif code in CATALOGUE:
        click.echo(explain_code(code), nl=False)
    else:
        raise click.BadParameter(did_you_mean(code, CATALOGUE, "codes"), param_hint="CODE")


@click.command()
@click.argument("site_dir", default="site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--base-path", default="/", show_default=True,
              help="The path the site is served under (the path of site_url), for links starting with '/'.")
def linkcheck(site_dir: Path, base_path: str) -> None:
    """Check every link of the built site SITE_DIR (default: site), offline.

    Internal links, anchors, citations and cross-references must resolve, in every language
    folder; external addresses are checked for form (nothing is fetched) and listed.
    """
    report = check_site(site_dir, base_path)
    click.echo(format_report(report))
    if not report.ok:
        sys.exit(1)
