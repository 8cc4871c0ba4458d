"""The `toolkit` command group."""

from __future__ import annotations

import gc
import os

import click

from . import build, content, export, serve, translate

# Material prints a notice about its own future on every build; the toolkit's users
# cannot act on it, so it is off unless they ask for it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group()
@click.version_option(package_name="toolkit-builder")
def main() -> None:
    """Build implementation toolkits from YAML modules."""
    # Loading and building make millions of small objects and keep most of them to the end,
    # which sets Python's cycle collector off thousands of times over the same live objects
    # (a quarter to a third of a load's time at 1,000 modules). It runs less often here, and
    # what the imports made is set aside from it; memory is still freed when last used.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


for command in (content.validate, build.build, serve.serve, content.new, translate.i18n, content.init, content.explain,
                content.schema, build.pdf, content.linkcheck, export.export):
    main.add_command(command)
