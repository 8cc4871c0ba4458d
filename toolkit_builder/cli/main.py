"""The `toolkit` command group."""

from __future__ import annotations

import os

import click

from . import build, content, serve, translate

# Material prints a notice about its own future on every build; the toolkit's users
# cannot act on it, so it is off unless they ask for it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group()
@click.version_option(package_name="toolkit-builder")
def main() -> None:
    """Build implementation toolkits from YAML modules."""


for command in (content.validate, build.build, serve.serve, content.new, translate.i18n, content.init, content.explain,
                content.schema, build.pdf, content.linkcheck):
    main.add_command(command)
