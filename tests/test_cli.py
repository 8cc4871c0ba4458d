"""The `toolkit` command as an editor uses it."""

from __future__ import annotations

from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.load import load_project

from .conftest import CONTENT, write
from .test_build import run_toolkit


def test_validate_clean_content_exits_0():
    result = CliRunner().invoke(main, ["validate", str(CONTENT)])
    assert result.exit_code == 0, result.output
    assert "no errors" in result.output


def test_validate_reports_five_mistakes_in_one_module(content_dir):
    write(content_dir / "modules/education/five.yml", """
        id: five
        titel: Five mistakes
        section: educaton
        blocks:
          - type: contrst
          - type: framework
            framework: chime
            components:
              - key: hpoe
                maps_to: [7]
                themes: [x]
        """)
    result = CliRunner().invoke(main, ["validate", str(content_dir)])
    assert result.exit_code == 1
    located = [line for line in result.output.splitlines() if "five.yml:" in line]
    assert len(located) == 6  # the five mistakes, and 'titel' also leaves 'title' missing
    assert {line.split("[")[1].split("]")[0] for line in located} == {
        "unknown-key", "missing-field", "unknown-section", "unknown-block-type", "unknown-component",
        "unknown-dimension",
    }
    assert all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in located)


def test_validate_prints_github_annotations_in_actions(content_dir):
    write(content_dir / "modules/education/bad.yml", "id: bad\n")
    result = CliRunner().invoke(main, ["validate", str(content_dir)], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert "::error file=" in result.output and ",line=1,col=1,title=missing-field::" in result.output


def test_new_module_skeleton_validates_and_builds(project_dir):
    result = run_toolkit("new", "module", "education", "peer-support", "--title", "Peer support: a start",
                         cwd=project_dir)
    assert result.returncode == 0, result.stderr
    path = project_dir / "content/modules/education/peer-support.yml"
    assert path.is_file()
    project = load_project(project_dir / "content")
    assert project.sources["peer-support"] == "modules/education/peer-support.yml"
    assert next(m for m in project.modules if m.id == "peer-support").title == "Peer support: a start"
    build = run_toolkit("build", "--strict", cwd=project_dir)
    assert build.returncode == 0, build.stderr
    assert (project_dir / "site/education/peer-support/index.html").is_file()


def test_new_module_refuses_unknown_section_and_existing_id(project_dir):
    result = run_toolkit("new", "module", "educaton", "x", cwd=project_dir)
    assert result.returncode == 2 and "did you mean 'education'" in result.stderr
    result = run_toolkit("new", "module", "education", "recovery-education-and-training", cwd=project_dir)
    assert result.returncode == 1 and "already exists" in result.stderr
