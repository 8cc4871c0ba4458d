"""The `toolkit` command: validate content, build or serve the site, start a module."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from .loader import ContentError, did_you_mean, load_project

# Material prints a notice about its own future on every build; the toolkit's users
# cannot act on it, so it is off unless they ask for it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _report(error: ContentError) -> None:
    from .errors import annotation

    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in error.problems:
            click.echo(annotation(problem))
    click.echo(str(error), err=True)
    click.echo(_EXPLAIN_HINT.format(code=error.problems[0].code if error.problems else "unknown-key"), err=True)


_EXPLAIN_HINT = "Each problem's code is explained, with how to fix it, by `toolkit explain CODE` (e.g. `toolkit explain {code}`)."


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


@click.group()
@click.version_option(package_name="toolkit-builder")
def main() -> None:
    """Build implementation toolkits from YAML modules."""


@main.command()
@click.argument("path", default="content", type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors: exit 1 if there is any.")
def validate(path: Path, strict: bool) -> None:
    """Check every file of the content folder PATH (default: content) and list all problems."""
    try:
        project = load_project(path)
    except ContentError as error:
        _report(error)
        sys.exit(1)
    warnings = _lint(project, path)
    click.echo(f"{path}: {len(project.modules)} module(s), {len(project.references)} reference(s), "
               f"{len(project.glossary)} glossary term(s): no errors"
               + (f", {warnings} warning(s)." if warnings else ", no warnings."))
    if strict and warnings:
        click.echo("--strict: warnings count as errors.", err=True)
        sys.exit(1)


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site_dir of the config).")
@click.option("-s", "--strict/--no-strict", default=True, show_default=True, help="Fail on any warning.")
@click.option("-v", "--verbose", is_flag=True)
def build(config_file: str, site_dir: str | None, strict: bool, verbose: bool) -> None:
    """Build the site. The previous site stays in place unless the build succeeds."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    _setup_logging(verbose)
    try:
        config = load_config(config_file=config_file, strict=strict)
    except exceptions.ConfigurationError as error:
        raise click.ClickException(str(error)) from None
    except exceptions.PluginError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        config.site_dir = str(staging)
        try:
            mkdocs_build(config)
        except exceptions.PluginError as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        except exceptions.Abort as error:
            click.echo(f"Build failed, the site in {target} was left as it was: {error}", err=True)
            sys.exit(1)
        _swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    click.echo(f"Site written to {target}")


def _swap(new: Path, target: Path) -> None:
    """Put the finished build in place of the old site with two renames."""
    new.chmod(0o755)
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT")
@click.option("-v", "--verbose", is_flag=True)
def serve(config_file: str, dev_addr: str, verbose: bool) -> None:
    """Serve the site with live reload; edits under content/ rebuild it."""
    from mkdocs import exceptions
    from mkdocs.commands.serve import serve as mkdocs_serve

    _setup_logging(verbose)
    try:
        mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)
    except (exceptions.Abort, exceptions.PluginError) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except OSError as error:  # the address is taken, most often
        click.echo(f"cannot serve on {dev_addr}: {error.strerror or error}; is another server running? "
                   "Choose another address with `-a 127.0.0.1:8001`.", err=True)
        sys.exit(1)


@main.group()
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
    import json
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", module_id):
        raise click.BadParameter("use lower-case letters, digits and dashes, e.g. 'peer-support'", param_hint="ID")
    try:
        project = load_project(content_dir)
    except ContentError as error:
        _report(error)
        raise click.ClickException("fix the content first, then add the module") from None
    toolkit = project.toolkit
    if toolkit.section(section) is None:
        hint = did_you_mean(section, [s.id for s in toolkit.sections], "sections")
        raise click.BadParameter(f"'{section}' is not a section of toolkit.yml; {hint}", param_hint="SECTION")
    if module_id in project.sources:
        raise click.ClickException(f"a module '{module_id}' already exists: {project.sources[module_id]}")
    path = content_dir / "modules" / section / f"{module_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    audience = toolkit.audiences[0].id if toolkit.audiences else ""
    title = title or module_id.replace("-", " ").capitalize()
    path.write_text(SKELETON.format(id=module_id, title=json.dumps(title, ensure_ascii=False), section=section, audience=audience), encoding="utf-8")
    click.echo(f"Wrote {path}. Edit it, then run `toolkit validate`.")



@main.command()
@click.option("-o", "--output", default="schema", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the schemas to.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a schema in the folder is missing or stale.")
def schema(output: Path, check: bool) -> None:
    """Write the JSON Schemas of the content files, for editors' autocompletion and checks."""
    from .schema import schemas, write_schemas

    if check:
        stale = [name for name, text in schemas().items()
                 if not (output / name).is_file() or (output / name).read_text(encoding="utf-8") != text]
        if stale:
            click.echo(f"stale or missing in {output}: {', '.join(stale)}; run `toolkit schema`", err=True)
            sys.exit(1)
        click.echo(f"{output}: the schemas are up to date.")
        return
    changed = write_schemas(output)
    click.echo(f"{output}: {len(changed)} schema(s) written" + (f": {', '.join(p.name for p in changed)}" if changed else ""))



def _lint(project, path: Path) -> int:
    """Print the warnings and each module's reading ease; return the number of warnings."""
    from .errors import annotation, reading_ease_label
    from .lint import lint_project

    report = lint_project(project, path)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in report.problems:
            click.echo(annotation(problem))
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if report.reading_ease:
        click.echo("Reading ease (Flesch, 0-100; plain language is 60 or more):")
        for module_id, score in sorted(report.reading_ease.items()):
            click.echo(f"  {project.sources[module_id]}: {score:.0f} ({reading_ease_label(score)})")
    return len(report.problems)


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as the Markdown page docs/errors.md.")
def explain(code: str | None, markdown: bool) -> None:
    """Explain a problem CODE reported by `toolkit validate`, and how to fix it (all codes without CODE)."""
    from .errors import CATALOGUE, catalogue_markdown
    from .errors import explain as explain_code

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


if __name__ == "__main__":  # pragma: no cover
    main()
