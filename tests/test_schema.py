"""The JSON Schemas in schema/: up to date, valid draft-07, true to the bundled content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.blocks import BLOCK_TYPES
from toolkit_builder.tools.schema import SCHEMAS, schemas

from .conftest import CONTENT, ROOT

SCHEMA_DIR = ROOT / "schema"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(load(name))


def content_files() -> list[Path]:
    return sorted(CONTENT.rglob("*.yml"))


def test_checked_in_schemas_are_up_to_date():
    for name, text in schemas().items():
        path = SCHEMA_DIR / name
        assert path.is_file(), f"{path} is missing: run `toolkit schema`"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `toolkit schema`"


def test_schema_check_option_detects_a_stale_schema(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["schema", "-o", str(tmp_path)]).exit_code == 0
    assert runner.invoke(main, ["schema", "-o", str(tmp_path), "--check"]).exit_code == 0
    (tmp_path / "module.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["schema", "-o", str(tmp_path), "--check"])
    assert result.exit_code == 1 and "module.schema.json" in result.output


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schemas_are_valid_draft7(name):
    schema = load(name)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)  # draft-07 editors look for definitions


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_bundled_content_declares_and_passes_its_schema(path):
    text = path.read_text(encoding="utf-8")
    modeline = MODELINE.search(text)
    assert modeline, f"{path} has no yaml-language-server modeline"
    target = (path.parent / modeline.group(1)).resolve()
    assert target.parent == SCHEMA_DIR and target.is_file(), f"{path}: the modeline points to {target}"
    errors = [e.message for e in validator(target.name).iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_module_schema_rejects_a_broken_module():
    broken = yaml.safe_load("""
        id: Peer Support
        title: Peer support
        section: education
        blocks:
          - type: contrst
            left: A
          - type: contrast
            left: A
            rigth: B
            rows: [[one, two, three]]
          - type: callout
            kind: hint
            text: Hello
    """)
    found = {(tuple(e.absolute_path), e.validator) for e in validator("module.schema.json").iter_errors(broken)}
    assert found == {
        (("id",), "pattern"),
        (("blocks", 0, "type"), "enum"),
        (("blocks", 1), "additionalProperties"),
        (("blocks", 1), "required"),
        (("blocks", 1, "rows", 0), "maxItems"),
        (("blocks", 2, "kind"), "enum"),
    }


def test_numbers_are_accepted_where_the_loader_accepts_them():
    toolkit = load("toolkit.schema.json")
    document = {"title": "T", "sections": [{"id": "s", "title": "S"}],
                "frameworks": [{"id": "guidelines", "title": "G", "components": [{"key": 1, "label": "One"}]}]}
    assert not list(jsonschema.Draft7Validator(toolkit).iter_errors(document))
    document["sections"][0]["id"] = "Not A Slug"
    assert list(jsonschema.Draft7Validator(toolkit).iter_errors(document))


def test_every_field_and_block_type_is_described_for_editors():
    undescribed = []
    for name in SCHEMAS:
        schema = load(name)
        for owner, definition in [("(root)", schema), *schema.get("definitions", {}).items()]:
            for field, prop in definition.get("properties", {}).items():
                if not prop.get("description"):
                    undescribed.append(f"{name}: {owner}.{field}")
    assert undescribed == [], "give these fields a `Field(description=...)` in the model"
    block = load("module.schema.json")["definitions"]["Block"]["properties"]["type"]
    assert block["enum"] == list(BLOCK_TYPES)
    assert all(block["enumDescriptions"])


def test_new_module_skeleton_points_at_the_module_schema(tmp_path, content_dir):
    result = CliRunner().invoke(main, ["new", "module", "education", "peer-support", "--content", str(content_dir)])
    assert result.exit_code == 0, result.output
    text = (content_dir / "modules/education/peer-support.yml").read_text(encoding="utf-8")
    assert MODELINE.search(text).group(1) == "../../../schema/module.schema.json"
    assert not list(validator("module.schema.json").iter_errors(yaml.safe_load(text)))
