"""Output in proportion, and writes in their folder: a generated page's size, glossary hints past their
cap, and the writes of `toolkit schema` and `toolkit init` under the content folder's write rule."""

from __future__ import annotations

import json
import logging
import pickle

import pytest
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError
from toolkit_builder.core.render import bounds, render_site
from toolkit_builder.tools.lint import lint_project

from .conftest import CONTENT, write

MODULE = "content/modules/education/recovery-education-and-training.yml"


def test_a_page_longer_than_the_limit_is_a_located_problem(content_dir, monkeypatch):
    project = load_project(content_dir)
    sizes = {p.path: len(p.html) for p in render_site(project)}
    largest = max(sizes, key=sizes.__getitem__)
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARACTERS", sizes[largest] - 1)
    with pytest.raises(ContentError) as caught:
        render_site(project)
    [problem] = caught.value.problems
    assert problem.code == "output-too-large" and largest in problem.message
    assert problem.file.endswith("recovery-education-and-training.yml") and problem.line == 2
    assert f"{sizes[largest]:,} characters" in problem.message and problem.hint


def test_the_bundled_pages_are_far_below_the_limit(content_dir):
    from toolkit_builder.core.limits import MAX_PAGE_CHARACTERS

    largest = max(len(p.html) for p in render_site(load_project(content_dir)))
    assert largest * 20 < MAX_PAGE_CHARACTERS


def test_a_page_of_no_module_is_located_at_the_file_it_is_made_from(content_dir, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARACTERS", 10)
    project = load_project(content_dir)
    with pytest.raises(ContentError) as caught:
        bounds.check_page_sizes([("glossary.md", 11, None), ("index.md", 11, None), ("short.md", 10, None)],
                                project)
    assert [(p.file.split("/")[-1], p.line) for p in caught.value.problems] == [("glossary.yml", 1),
                                                                               ("toolkit.yml", 1)]


def test_the_problems_travel_from_a_language_build_process_whole():
    from toolkit_builder.core.problems import Problem

    error = ContentError([Problem("a.yml", 2, 1, "output-too-large", "too long", "split it")])
    assert pickle.loads(pickle.dumps(error)).problems == error.problems


def test_the_build_stops_at_a_page_too_long_and_keeps_the_site(project_dir, monkeypatch):
    monkeypatch.chdir(project_dir)
    runner = CliRunner()
    result = runner.invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    index = project_dir / "site/index.html"
    before = index.read_bytes()
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARACTERS", 20_000)
    result = runner.invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert "[output-too-large]" in result.output and MODULE in result.output, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert index.read_bytes() == before
    assert not [p for p in project_dir.iterdir() if p.name.startswith(".site-")]


def test_serve_shows_a_page_too_long_on_its_pages_like_any_content_problem(project_dir, monkeypatch, tmp_path):
    from toolkit_builder.cli.serve import Builder

    monkeypatch.chdir(project_dir)
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARACTERS", 20_000)
    builder = Builder("mkdocs.yml", tmp_path / "served", "http://127.0.0.1:8000/", ())
    try:
        builder()
    finally:
        builder.close()
    page = (tmp_path / "served/index.html").read_text(encoding="utf-8")
    assert "[output-too-large]" in page and MODULE in page


def test_a_plain_mkdocs_build_stops_at_a_page_too_long_with_the_located_problem(project_dir, monkeypatch, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    monkeypatch.chdir(project_dir)
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARACTERS", 20_000)
    config = load_config(config_file=str(project_dir / "mkdocs.yml"), site_dir=str(project_dir / "plain-site"))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):  # MkDocs logs a plugin's error, then aborts
        build(config)
    assert f"{MODULE}:2:1: error [output-too-large]" in caplog.text


def test_export_stops_at_a_page_too_long(project_dir, monkeypatch):
    monkeypatch.chdir(project_dir)
    monkeypatch.setattr(bounds, "MAX_PAGE_CHARACTERS", 20_000)
    result = CliRunner().invoke(main, ["export", "exported", "-l", "en"])
    assert result.exit_code == 1 and "[output-too-large]" in result.output, result.output
    assert "Traceback" not in result.output and not (project_dir / "exported/en/docs").exists()


# ---------------------------------------------------------------- glossary hints past the cap: a warning

def hints_module(content, texts: list[str]) -> None:
    blocks = "".join(f"  - type: prose\n    text: {json.dumps(text)}\n" for text in texts)
    write(content / "modules/education/odd.yml",
          f"id: odd\ntitle: Odd\nsection: education\nsummary: Odd.\nblocks:\n{blocks}")


def hint_warnings(content) -> list:
    return [p for p in lint_project(load_project(content), content).problems if p.code == "too-many-glossary-hints"]


def test_a_module_past_the_page_cap_is_warned_at_its_id(content_dir):
    from toolkit_builder.core.limits import MAX_GLOSSARY_HINTS_PER_PAGE, MAX_GLOSSARY_HINTS_PER_TEXT

    texts = ["Hope is in CHIME. " * MAX_GLOSSARY_HINTS_PER_TEXT] * (MAX_GLOSSARY_HINTS_PER_PAGE // 100 + 1)
    hints_module(content_dir, texts)
    [warning] = hint_warnings(content_dir)
    assert warning.file.endswith("odd.yml") and warning.line == 1 and warning.severity == "warning"
    assert f"hold {MAX_GLOSSARY_HINTS_PER_TEXT * len(texts):,} glossary hints" in warning.message


def test_terms_in_code_are_not_counted(content_dir):
    hints_module(content_dir, ["Hope is in `CHIME`. " * 300])
    assert hint_warnings(content_dir) == []


# ---------------------------------------------------------------- toolkit schema and init: the write rule

def run(cwd, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args))


def test_schema_writes_nothing_through_a_linked_schema_file(tmp_path, monkeypatch):
    outside = tmp_path / "outside.json"
    outside.write_text("kept", encoding="utf-8")
    (tmp_path / "project/schema").mkdir(parents=True)
    (tmp_path / "project/schema/module.schema.json").symlink_to(outside)
    result = run(tmp_path / "project", monkeypatch, "schema")
    assert result.exit_code == 1 and "is a link" in result.output, result.output
    assert outside.read_text(encoding="utf-8") == "kept"
    assert list((tmp_path / "project/schema").iterdir()) == [tmp_path / "project/schema/module.schema.json"]
    check = run(tmp_path / "project", monkeypatch, "schema", "--check")
    assert check.exit_code == 1 and "module.schema.json" in check.output


@pytest.mark.parametrize("dangling", [False, True])
def test_schema_writes_nothing_through_a_linked_schema_folder(tmp_path, monkeypatch, dangling):
    outside = tmp_path / "outside"
    if not dangling:
        outside.mkdir()
    (tmp_path / "project").mkdir()
    (tmp_path / "project/schema").symlink_to(outside, target_is_directory=True)
    result = run(tmp_path / "project", monkeypatch, "schema")
    assert result.exit_code == 1 and "is a link" in result.output, result.output
    assert not outside.exists() if dangling else list(outside.iterdir()) == []


def test_schema_still_writes_into_a_folder_named_outside_the_project(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    result = run(tmp_path / "project", monkeypatch, "schema", "-o", str(tmp_path / "elsewhere/schema"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere/schema/module.schema.json").is_file()


@pytest.mark.parametrize("dangling", [False, True])
def test_init_creates_nothing_through_a_linked_folder(tmp_path, monkeypatch, dangling):
    outside = tmp_path / "outside"
    if not dangling:
        outside.mkdir()
    (tmp_path / "work").mkdir()
    (tmp_path / "work/copy").symlink_to(outside, target_is_directory=True)
    result = run(tmp_path / "work", monkeypatch, "init", "copy", "--upstream", str(CONTENT))
    assert result.exit_code == 1 and "is a link" in result.output, result.output
    assert not outside.exists() if dangling else list(outside.iterdir()) == []
