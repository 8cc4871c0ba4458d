"""`toolkit init`: where a copy's mkdocs.yml finds its upstream, the schemas its files point at,
and validating a copy's own content folder."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from toolkit_builder.cli import main

from .conftest import CONTENT

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def init(cwd: Path, *args: str) -> str:
    """Run `toolkit init ARGS` in ``cwd``; return the upstream entry written to the copy's mkdocs.yml."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["init", *args])
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((cwd / args[0] / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    plugin = next(p["toolkit"] for p in config["plugins"] if isinstance(p, dict) and "toolkit" in p)
    [entry] = plugin["upstream"]
    return str(entry)


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """The bundled content reached through a symbolic link: tmp/link -> tmp/real."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real/content").symlink_to(CONTENT, target_is_directory=True)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    return tmp_path


def test_a_relative_upstream_is_kept_relative_to_the_copy_and_links_are_not_resolved(upstream):
    assert init(upstream, "site", "--upstream", "link/content") == "../link/content"
    assert init(upstream, "deep/er/site", "--upstream", "link/content") == "../../../link/content"
    assert init(upstream, "other", "--upstream", "./link/../link/content") == "../link/content"


def test_an_absolute_upstream_is_stored_as_given(upstream, tmp_path):
    given = str(upstream / "link/content")
    assert init(tmp_path, "site", "--upstream", given) == given  # not ../link/content, not .../real/...


@pytest.mark.parametrize("where", ["site", "nested/copy"])
def test_schema_lines_point_at_schemas_that_exist_and_accept_the_written_files(upstream, where):
    init(upstream, where, "--upstream", "link/content")
    copy = upstream / where
    written = sorted((copy / "content").rglob("*.yml"))
    assert {p.relative_to(copy).as_posix() for p in written} == {
        "content/toolkit.yml", "content/modules/local/local-resources.yml"}
    for path in written:
        text = path.read_text(encoding="utf-8")
        target = (path.parent / MODELINE.search(text).group(1)).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"
        assert target.parent == (copy / "schema").resolve()
        schema = json.loads(target.read_text(encoding="utf-8"))
        errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(yaml.safe_load(text))]
        assert errors == [], f"{path.name} against {target.name}: {errors}"
    assert MODELINE.search((copy / "content/toolkit.yml").read_text(encoding="utf-8")).group(1).endswith(
        "overlay-toolkit.schema.json")


def test_the_overlay_schema_accepts_hide_and_flags_mistakes():
    schema = json.loads((CONTENT.parent / "schema/overlay-toolkit.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    assert not list(validator.iter_errors({"hide": ["a-module"], "languages": ["en", "es"]}))
    assert list(validator.iter_errors({"hide": ["Not A Slug"]}))
    assert list(validator.iter_errors({"hyde": []}))
    toolkit = json.loads((CONTENT.parent / "schema/toolkit.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(toolkit).iter_errors({"hide": []}))  # the upstream's stays strict


def test_validate_on_the_content_folder_of_a_copy_reads_its_upstream(upstream):
    init(upstream, "site", "--upstream", "link/content")
    copy = upstream / "site"
    previous = Path.cwd()
    os.chdir(copy)
    try:
        result = CliRunner().invoke(main, ["validate", "content"])
    finally:
        os.chdir(previous)
    assert "unknown key 'hide'" not in result.output
    assert result.exit_code == 0, result.output
    assert "no errors" in result.output
    from_outside = CliRunner().invoke(main, ["validate", str(copy / "content")])  # the copy's mkdocs.yml, beside it
    assert from_outside.exit_code == 0, from_outside.output


def test_placeholders_of_init_and_new_module_are_located_warnings(upstream):
    init(upstream, "site", "--upstream", "link/content")
    copy = upstream / "site"
    previous = Path.cwd()
    os.chdir(copy)
    try:
        added = CliRunner().invoke(main, ["new", "module", "local", "peer-support"])
        assert added.exit_code == 0, added.output
        result = CliRunner().invoke(main, ["validate", "--strict"])
    finally:
        os.chdir(previous)
    assert result.exit_code == 1, result.output
    found = sorted(re.findall(r"^(content/\S+?):(\d+):\d+: warning \[placeholder-text\] '(.+?)' was written", result.output,
                              re.MULTILINE))

    def line(relative: str, words: str) -> str:
        lines = (copy / relative).read_text(encoding="utf-8").splitlines()
        return str(next(n for n, text in enumerate(lines, start=1) if words in text))

    toolkit, local, peer = "content/toolkit.yml", "content/modules/local/local-resources.yml", \
        "content/modules/local/peer-support.yml"
    assert found == sorted([
        (toolkit, line(toolkit, "email:"), "example.org"),
        (toolkit, line(toolkit, "url: https://example.org"), "example.org"),
        (local, line(local, "Replace this text"), "Replace this text"),
        (local, line(local, "Write the name"), "Write the name, telephone number and e-mail address"),
        (peer, line(peer, "summary:"), "One sentence that tells a facilitator what this module is for"),
        (peer, line(peer, "Write the module's text here"), "Write the module's text here"),
        (peer, line(peer, "example.org"), "example.org"),
    ]), result.output
