"""The bundled toolkit builds with ProperDocs, the maintained fork of MkDocs 1.x, too."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from .browser import copy_project


@pytest.fixture(autouse=True)
def need_properdocs():
    if importlib.util.find_spec("properdocs") is None:
        reason = "properdocs is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def test_properdocs_builds_the_toolkit(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    page = project / "site/education/recovery-education-and-training/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article h1").get_text(strip=True).startswith("Recovery education and training")
    for tip in soup.select(".tk-abbr__tip"):  # an abbreviation's expansion, shown on hover or focus
        tip.decompose()
    assert [t.caption.get_text(" ", strip=True) for t in soup.select("article table")][1] == "The CHIME framework"
    assert soup.select_one("a[rel=edit]")["href"].endswith("recovery-education-and-training.yml")
    assert (project / "site/glossary/index.html").is_file()


def test_properdocs_reports_content_mistakes_without_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content/modules/education/recovery-education-and-training.yml").write_text("id: x\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "recovery-education-and-training.yml:1:1: error [missing-field]" in result.stderr
    assert "Traceback" not in result.stderr
