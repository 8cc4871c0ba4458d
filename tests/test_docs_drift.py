"""The documentation says what the code does: lists of block types come from the registry,
schema descriptions sit on their own fields, the help and the README tell the truth."""

from __future__ import annotations

import json
import re
import shutil
import typing

import click
import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from toolkit_builder.cli import main
from toolkit_builder.core.blocks import BLOCK_TYPES
from toolkit_builder.core.catalogue import CATALOGUE
from toolkit_builder.tools.schema import SCHEMAS

from .browser import run_toolkit
from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ERRORS = (ROOT / "docs/errors.md").read_text(encoding="utf-8")


def test_every_list_of_block_types_is_the_registry_s():
    types = set(BLOCK_TYPES)
    assert len(types) >= 12
    explained = CliRunner().invoke(main, ["explain", "unknown-block-type"]).output
    for text in (explained, ERRORS):
        listed = re.search(r"not one of the block types: ([a-z_, ]+)\.", " ".join(text.split()))
        assert listed and set(listed.group(1).split(", ")) == types, text[:300]
    table = README.split("Block types:")[1].split("\n\n")[1]
    assert set(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)) - {"type"} == types


def test_media_paths_are_the_same_in_the_readme_and_the_catalogue():
    assert "media/welcome.mp4" in README
    entry = CATALOGUE["missing-media"]
    assert "docs/media" not in ERRORS and "docs/media" not in f"{entry.fix} {entry.example}"
    assert "`content/media/welcome.mp4`" in entry.fix


def _models(annotation: typing.Any, found: dict[str, type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation.__name__ in found:
            return
        found[annotation.__name__] = annotation
        for field in annotation.model_fields.values():
            _models(field.annotation, found)
    for argument in typing.get_args(annotation):
        _models(argument, found)


def test_schema_descriptions_belong_to_their_fields():
    """Each property's description in schema/ is its own field's `Field(description=...)`, and no
    two fields of one model share a description (a neighbour's text copied over)."""
    models: dict[str, type[BaseModel]] = {}
    for root, *_ in SCHEMAS.values():
        _models(root, models)
    for block in BLOCK_TYPES.values():
        _models(block, models)
    checked = 0
    for name in SCHEMAS:
        schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
        for title, definition in [(schema.get("title"), schema), *schema.get("definitions", {}).items()]:
            model = models.get(title) or models.get(definition.get("title", ""))
            if model is None:
                continue
            fields = {field.alias or key: field for key, field in model.model_fields.items()}
            descriptions = [f.description for f in fields.values() if f.description]
            assert len(descriptions) == len(set(descriptions)), f"{model.__name__}: two fields share a description"
            for key, prop in definition.get("properties", {}).items():
                if key in fields and "description" in prop and fields[key].description:
                    assert prop["description"] == fields[key].description, (name, model.__name__, key)
                    checked += 1
    assert checked > 100
    toolkit = json.loads((ROOT / "schema/toolkit.schema.json").read_text(encoding="utf-8"))
    assert "home page" in toolkit["properties"]["about"]["description"]
    assert "surround" in toolkit["definitions"]["Framework"]["properties"]["centre"]["description"]


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> typing.Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _commands(sub, (*path, name))


def test_help_never_shows_a_default_by_its_short_option():
    runner = CliRunner()
    helps = {" ".join(path): runner.invoke(main, [*path, "--help"], terminal_width=200).output
             for path in _commands(main)}
    assert "[default: strict]" in helps["build"]
    bad = {name: re.findall(r"\[default: \w\]", text) for name, text in helps.items()}
    assert {name: found for name, found in bad.items() if found} == {}


def test_the_readme_says_which_warnings_fail_a_build(tmp_path):
    """A content warning (a module without a summary) fails `validate --strict`, not `build`:
    the README says so."""
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    module = project / "content/modules/growing/season-plan.yml"
    module.write_text(re.sub(r"^summary: .*\n", "", module.read_text(encoding="utf-8"), flags=re.MULTILINE),
                      encoding="utf-8")
    assert run_toolkit("validate", "--strict", cwd=project).returncode == 1
    assert run_toolkit("build", cwd=project).returncode == 0
    assert "any warning fails the build" not in README
    assert "the content's own warnings (a module without a summary...) do not" in README


@pytest.mark.parametrize("section", ["## Languages and translations"])
def test_the_readme_says_where_a_standalone_toolkit_keeps_its_catalogue(section):
    languages = README.split(section)[1].split("\n## ")[0]
    assert "`content/locale/<lang>/LC_MESSAGES/toolkit.po`" in languages
    assert (ROOT / "tests/fixtures/garden/content/locale/es/LC_MESSAGES/toolkit.po").is_file()
