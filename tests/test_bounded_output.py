"""Output in proportion: a generated page's size is bounded, and a page past it is a located problem."""

from __future__ import annotations

import pickle

import pytest
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError
from toolkit_builder.core.render import bounds, render_site

MODULE = "content/modules/education/recovery-education-and-training.yml"


def test_a_page_longer_than_the_limit_is_a_located_problem(content_dir, monkeypatch):
    project = load_project(content_dir)
    sizes = {p.path: len(p.markdown) for p in render_site(project)}
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

    largest = max(len(p.markdown) for p in render_site(load_project(content_dir)))
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

