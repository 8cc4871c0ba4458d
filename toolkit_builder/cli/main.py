"""The `toolkit` command group."""

from __future__ import annotations

import gc
import importlib
import os

import click

# Material prints a notice about its own future on every build; the toolkit's users
# cannot act on it, so it is off unless they ask for it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

#: Each command and where it is defined. A command's module is imported when the command runs (or
#: when help lists it), so `toolkit validate` does not import MkDocs' builder, Material's plugins,
#: the preview's server or the exporter: about a tenth of its time at 1,000 modules.
COMMANDS = {
    "validate": "content:validate", "build": "build:build", "serve": "serve:serve", "new": "content:new",
    "i18n": "translate:i18n", "init": "content:init", "explain": "content:explain", "schema": "content:schema",
    "pdf": "build:pdf", "linkcheck": "content:linkcheck", "export": "export:export",
}


class Commands(click.Group):
    """A group whose commands are imported when they are asked for (click's lazy group)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=Commands)
@click.version_option(package_name="toolkit-builder")
def main() -> None:
    """Build implementation toolkits from YAML modules."""
    # Loading and building make millions of small objects and keep most of them to the end,
    # which sets Python's cycle collector off thousands of times over the same live objects
    # (a quarter to a third of a load's time at 1,000 modules). It runs less often here, and
    # what the imports made is set aside from it; memory is still freed when last used.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
