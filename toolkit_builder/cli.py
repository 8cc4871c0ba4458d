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
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in error.problems:
            click.echo(problem.github_annotation())
    click.echo(str(error), err=True)


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
def validate(path: Path) -> None:
    """Check every file of the content folder PATH (default: content) and list all problems."""
    try:
        project = load_project(path)
    except ContentError as error:
        _report(error)
        sys.exit(1)
    click.echo(f"{path}: {len(project.modules)} module(s), {len(project.references)} reference(s), "
               f"{len(project.glossary)} glossary term(s): no problems found.")


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
    lock = _lock_and_tidy(target)
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
        if lock is not None:
            os.close(lock)
    click.echo(f"Site written to {target}")


def _lock_and_tidy(target: Path) -> int | None:
    """Wait for any other build of the same site, then repair what a killed build left:
    the old site put aside but not replaced is put back; unfinished builds are removed.
    Returns the lock (a descriptor to close), None where there is no locking (Windows)."""
    try:
        import fcntl
    except ImportError:  # no lock, so leave other builds' folders alone
        return None
    descriptor = os.open(target.parent, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # also released if the process is killed
    old = target.with_name(f".{target.name}-old")
    if old.is_dir() and not target.exists():
        old.rename(target)
    for leftover in target.parent.glob(f".{target.name}-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    return descriptor


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
@click.argument("site_dir", default="site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--base-path", default="/", show_default=True,
              help="The path the site is served under (the path of site_url), for links starting with '/'.")
def linkcheck(site_dir: Path, base_path: str) -> None:
    """Check every link of the built site SITE_DIR (default: site), offline.

    Internal links, anchors, citations and cross-references must resolve, in every language
    folder; external addresses are checked for form (nothing is fetched) and listed.
    """
    from .linkcheck import check_site, format_report

    report = check_site(site_dir, base_path)
    click.echo(format_report(report))
    if not report.ok:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
