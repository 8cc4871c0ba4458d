"""The error catalogue: every code the loader or the linter reports is explained, and every
error code is shown by its own fixture, at the line the fixture marks with `<--`.

A fixture is a folder under tests/fixtures/errors/<code>/ whose files are laid over a small,
valid toolkit (tests/fixtures/errors/_base/): it makes exactly one mistake.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import toolkit_builder
from toolkit_builder.cli import main
from toolkit_builder.core import catalogue
from toolkit_builder.core.catalogue import CATALOGUE, catalogue_markdown
from toolkit_builder.core.load import load_languages, load_project
from toolkit_builder.core.problems import ContentError
from toolkit_builder.tools.report import DOCS_PAGE

from .conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "errors"
BASE = FIXTURES / "_base"
#: Fixtures that are a whole content folder, not laid over the base toolkit.
WITHOUT_BASE = {"missing-file"}
ERROR_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("_"))
MARKER = b"<--"


#: Calls that make a problem, and the position of the code among their arguments.
CODE_ARGUMENT = {"problem": 2, "warn": 2, "Problem": 3, "Issue": 1}
#: Calls whose code comes first among their text arguments (a block type's ``checks.problem(path, code, ...)``).
CODE_FIRST = {"problem"}
CODE_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def codes_in_source(path: Path) -> set[str]:
    """Problem codes a module of the package can report, read from its source.

    A code is the argument of a call in ``CODE_ARGUMENT`` at its position, or a string
    assigned to a variable named `code` (directly or through `a if x else b`).
    """
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    found: set[str] = set()

    def strings(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_SHAPE.match(node.value):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return strings(node.body) | strings(node.orelse)
        return set()

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = CODE_ARGUMENT.get(name)
            if position is not None and len(node.args) > position:
                found |= strings(node.args[position])
            if name in CODE_FIRST and len(node.args) > 1 and isinstance(node.args[0], (ast.BinOp, ast.Name)):
                found |= strings(node.args[1])
            found |= {v for k in node.keywords if k.arg == "code" for v in strings(k.value)}
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == "code":
                    found |= strings(node.value)
                elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for element, value in zip(target.elts, node.value.elts):
                        if isinstance(element, ast.Name) and element.id == "code":
                            found |= strings(value)
    return found


PACKAGE = Path(toolkit_builder.__file__).parent


def content_from(fixture: str, tmp_path: Path) -> Path:
    content = tmp_path / "content"
    if fixture not in WITHOUT_BASE:
        shutil.copytree(BASE, content)
    shutil.copytree(FIXTURES / fixture, content, dirs_exist_ok=True)
    return content


def marked(fixture: str) -> tuple[str, int]:
    """The fixture file holding the `<--` marker and its line (line 1 of the only file when unmarked)."""
    files = [p for p in (FIXTURES / fixture).rglob("*") if p.is_file() and p.name != ".gitkeep"]
    for path in files:
        for number, line in enumerate(path.read_bytes().splitlines(), start=1):
            if MARKER in line:
                return path.relative_to(FIXTURES / fixture).as_posix(), number
    targets = sorted((FIXTURES / fixture).rglob("*.yml"))
    return (targets[0].relative_to(FIXTURES / fixture).as_posix() if targets else "toolkit.yml"), 1


def test_loader_codes_are_found_in_the_source():
    # The scan must see codes made in every way the loader makes them.
    found = set().union(*(codes_in_source(path) for path in (PACKAGE / "core").rglob("*.py")))
    assert {"unreadable", "missing-file", "unknown-dimension", "unknown-component", "empty-value",
            "duplicate-key", "yaml-syntax"} <= found
    assert len(found) >= 20


def test_every_code_the_package_can_report_is_catalogued():
    reported = set().union(*(codes_in_source(path) for path in PACKAGE.rglob("*.py")))
    missing = reported - set(CATALOGUE)
    assert not missing, f"codes without a catalogue entry in toolkit_builder/core/catalogue/: {sorted(missing)}"
    assert codes_in_source(PACKAGE / "tools" / "lint.py") == {c for c, e in CATALOGUE.items() if e.severity == "warning"}


#: Codes of the reusable `ContentPath` field type, which no bundled field uses yet; tests/test_paths.py
#: shows each of its mistakes with a model of its own.
WITHOUT_FIXTURE = {"bad-path"}


def test_every_catalogued_error_has_a_fixture():
    catalogued = {code for code, entry in CATALOGUE.items() if entry.severity == "error"}
    assert set(ERROR_FIXTURES) == catalogued - WITHOUT_FIXTURE


def test_catalogue_entries_are_complete():
    for code, entry in CATALOGUE.items():
        assert entry.group in catalogue.GROUPS, code
        assert len(entry.explanation) > 60 and len(entry.fix) > 20, code
        assert entry.title[0].isupper() or entry.title.startswith("toolkit.yml"), code


def test_base_fixture_is_valid():
    project = load_project(BASE)
    assert [m.id for m in project.modules] == ["base"]


@pytest.mark.parametrize("code", ERROR_FIXTURES)
def test_error_fixture(code, tmp_path):
    content = content_from(code, tmp_path)
    layers = [content]
    if (FIXTURES / code / "overlay").is_dir():  # a local copy's own content, laid over the toolkit
        layers.append(FIXTURES / code / "overlay")
    with pytest.raises(ContentError) as caught:
        load_languages(layers)
    problems = caught.value.problems
    assert [p.code for p in problems] == [code], [str(p) for p in problems]
    problem = problems[0]
    relative, line = marked(code)
    assert problem.file.endswith(relative), problem.file
    assert problem.line == line, str(problem)
    assert problem.severity == "error" and problem.message
    if code != "unreadable":  # an OS error message is all there is to say
        assert problem.hint, f"{code}: the problem suggests no fix"


#: Mistakes in one file's shape, which the JSON Schema catches too (the others need the whole toolkit).
SCHEMA_CATCHES = ["unknown-key", "missing-field", "wrong-type", "empty-value", "bad-value", "unknown-block-type"]


@pytest.mark.parametrize("code", SCHEMA_CATCHES)
def test_schema_rejects_what_the_loader_rejects(code):
    schema = json.loads((ROOT / "schema/module.schema.json").read_text(encoding="utf-8"))
    relative, line = marked(code)
    data = yaml.safe_load((FIXTURES / code / relative).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(data)), f"the schema accepts the {code} fixture"
    base = yaml.safe_load((BASE / "modules/education/base.yml").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft7Validator(schema).iter_errors(base))


def test_docs_page_is_generated_from_the_catalogue():
    page = (ROOT / DOCS_PAGE).read_text(encoding="utf-8")
    assert page == catalogue_markdown(), "docs/errors.md is stale: run `toolkit explain --markdown > docs/errors.md`"
    for code in CATALOGUE:
        assert f"\n### {code}\n" in page


def test_explain_command():
    runner = CliRunner()
    result = runner.invoke(main, ["explain", "unknown-component"])
    assert result.exit_code == 0
    assert "Fix:" in result.output and "hpoe" in result.output
    listing = runner.invoke(main, ["explain"])
    assert len(listing.output.splitlines()) == len(CATALOGUE)
    typo = runner.invoke(main, ["explain", "unknown-compnent"])
    assert typo.exit_code == 2 and "did you mean 'unknown-component'" in typo.output


def test_annotations_link_to_the_catalogue_in_github_actions(tmp_path, monkeypatch):
    content = content_from("unknown-component", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / DOCS_PAGE).write_text(catalogue_markdown(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "org/toolkit",
           "GITHUB_SHA": "abc123"}
    result = CliRunner().invoke(main, ["validate", str(content)], env=env)
    assert result.exit_code == 1
    annotation = next(line for line in result.output.splitlines() if line.startswith("::error"))
    assert "file=content/modules/education/sample.yml,line=9," in annotation
    assert annotation.endswith("More: https://github.com/org/toolkit/blob/abc123/docs/errors.md#unknown-component")
    assert "toolkit explain unknown-component" in result.output
