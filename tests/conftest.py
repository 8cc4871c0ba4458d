"""Shared helpers: a copy of the bundled content to break, and quick access to problems."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError, Problem

# Browser fixtures (Chromium, a built site served on localhost) for every test module.
pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the whole project (mkdocs.yml, content/, overrides/) to change freely."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(CONTENT, target / "content")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


@pytest.fixture
def content_dir(project_dir: Path) -> Path:
    return project_dir / "content"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(content_dir: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_project(content_dir)
    return caught.value.problems


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, f"expected one {code!r} problem, got: {[str(p) for p in problems]}"
    return found[0]


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled toolkit built once per test session with `toolkit build`; tests only read it
    (the browser tests serve this same build)."""
    project = tmp_path_factory.mktemp("bundled") / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return project / "site"


def pytest_collection_modifyitems(config, items):
    """Every test that drives Chromium carries the `browser` marker (`-m "not browser"` skips them all)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
