"""The GitHub Actions workflows: valid, and running commands that exist."""

from __future__ import annotations

import shlex
import subprocess
import sys

import click
import pytest
import yaml

from toolkit_builder.cli import main

from .browser import copy_project
from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(name: str) -> list[dict]:
    return [step for job in workflow(name)["jobs"].values() for step in job.get("steps", [])]


def commands(name: str) -> list[str]:
    return [line.strip() for step in steps(name) for line in step.get("run", "").splitlines() if line.strip()]


def test_workflows_match_the_github_actions_schema():
    pytest.importorskip("check_jsonschema")
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 3
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml", "links.yml"])
def test_toolkit_commands_in_workflows_exist(name):
    used = [shlex.split(c.removeprefix(".venv/bin/")) for c in commands(name)
            if c.startswith((".venv/bin/toolkit ", "toolkit "))]
    assert used
    for words in used:
        command = main.get_command(click.Context(main), words[1])
        assert command is not None, f"{name}: there is no `toolkit {words[1]}`"
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        for word in words[2:]:
            if word.startswith("-"):
                assert word in options, f"{name}: `toolkit {words[1]}` has no option {word}"


def test_pull_request_workflow_checks_builds_tests_and_uploads():
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow[True]  # YAML 1.1 reads the key `on` as true
    run = commands("pull-request.yml")
    for expected in (".venv/bin/toolkit validate --strict content", ".venv/bin/toolkit schema --check",
                     ".venv/bin/toolkit build --strict", "bash .ci/run"):
        assert expected in run
    assert any(c.startswith(".venv/bin/properdocs build --strict") for c in run)
    uses = [s.get("uses", "") for s in steps("pull-request.yml")]
    assert "actions/upload-artifact@v4" in uses
    checkout = next(s for s in steps("pull-request.yml") if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert flow["jobs"]["check"]["env"]["CI"] == "true"


def test_publish_workflow_deploys_main_to_pages():
    flow = workflow("publish.yml")
    assert flow[True]["push"]["branches"] == ["main"]
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    uses = [s.get("uses", "") for s in steps("publish.yml")]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
    assert ".venv/bin/toolkit build --strict --pdf" in commands("publish.yml"), "the published site has its PDFs"
    assert any("pip install -e '.[pdf]'" in c for c in commands("publish.yml")), "with Playwright to print them"
    assert ".venv/bin/toolkit validate --strict content" in commands("publish.yml")


def test_ci_validates_the_bundled_content_strictly():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ".venv/bin/toolkit validate --strict content" in run


def test_preview_opens_from_a_downloaded_folder(tmp_path, browser):
    """The preview is built as the workflow builds it, then browsed from disk, as a reviewer would."""
    project = copy_project(tmp_path / "project")
    preview_step = next(s for s in steps("pull-request.yml") if s.get("name") == "Build the preview")
    for line in preview_step["run"].splitlines():
        result = subprocess.run(line.replace(".venv/bin/toolkit", f"{shlex.quote(sys.executable)} -m toolkit_builder.cli"),
                                shell=True, cwd=project, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    page = browser.new_page()
    try:
        page.goto((project / "preview/index.html").as_uri())
        page.get_by_role("link", name="Recovery education and training", exact=True).first.click()
        assert page.url.endswith("/education/recovery-education-and-training.html")
        assert page.locator("article h1").inner_text().startswith("Recovery education and training")
        # The nav link may sit below the fold of its sticky sidebar: follow it as a reader would
        # after scrolling, without depending on the window's height.
        with page.expect_navigation():
            page.get_by_role("link", name="Glossary").first.evaluate("link => link.click()")
        assert page.url.endswith("/glossary.html")
    finally:
        page.close()


def test_the_content_is_checked_and_built_on_windows_and_macos():
    laptops = workflow("pull-request.yml")["jobs"]["laptops"]
    assert set(laptops["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest"}
    assert laptops["runs-on"] == "${{ matrix.os }}"
    run = [line.strip() for step in laptops["steps"] for line in step.get("run", "").splitlines()]
    assert {"toolkit validate --strict content", "toolkit build --strict"} <= set(run)


def test_external_links_are_checked_every_week_by_lychee():
    flow = workflow("links.yml")
    assert flow[True]["schedule"] and "workflow_dispatch" in flow[True]
    checker = next(step for step in steps("links.yml") if step.get("uses", "").startswith("lycheeverse/lychee-action@"))
    assert "site/**/*.html" in checker["with"]["args"] and checker["with"]["fail"] is True
