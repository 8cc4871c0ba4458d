"""Each module page says when its file last changed, from git history, when there is one."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.history import last_updated, updated_html

from .browser import copy_project, run_toolkit

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str, date: str = "2024-03-05T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def commit_all(folder: Path, date: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "change", date=date)


def test_dates_come_from_the_last_commit_of_each_file(tmp_path):
    (tmp_path / "content/modules/x").mkdir(parents=True)
    (tmp_path / "content/a.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "content/modules/x/b é.yml").write_text("b: 1\n", encoding="utf-8")
    (tmp_path / "outside.yml").write_text("c: 1\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "2024-01-02T09:00:00+00:00")
    (tmp_path / "content/a.yml").write_text("a: 2\n", encoding="utf-8")
    (tmp_path / "outside.yml").write_text("c: 2\n", encoding="utf-8")
    commit_all(tmp_path, "2024-06-30T18:30:00+02:00")
    dates = last_updated(tmp_path / "content")
    assert dates == {
        "a.yml": datetime.fromisoformat("2024-06-30T18:30:00+02:00"),
        "modules/x/b é.yml": datetime(2024, 1, 2, 9, 0, tzinfo=timezone.utc),
    }


def test_no_dates_outside_a_repository(tmp_path):
    (tmp_path / "toolkit.yml").write_text("title: x\n", encoding="utf-8")
    assert last_updated(tmp_path) == {}
    assert last_updated(tmp_path / "missing") == {}


def test_updated_html_is_in_the_page_language():
    date = datetime(2024, 3, 5, 23, 0, tzinfo=timezone.utc)
    assert updated_html(date) == 'Last updated <time datetime="2024-03-05">March 5, 2024</time>'
    assert updated_html(date, "fr", "Dernière mise à jour") == (
        'Dernière mise à jour <time datetime="2024-03-05">5 mars 2024</time>')
    assert "&lt;b&gt;" in updated_html(date, "fr", "<b>")  # a catalogue's label is text


def test_module_page_shows_when_it_was_last_updated(tmp_path):
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    commit_all(project, "2024-03-05T10:00:00+00:00")
    module = project / "content/modules/education/recovery-education-and-training.yml"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit_all(project, "2025-01-20T08:00:00+00:00")
    result = run_toolkit("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    soup = BeautifulSoup((site / "education/recovery-education-and-training/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    fact = soup.select_one("article aside.md-source-file")
    assert fact is not None
    assert fact.get_text(" ", strip=True) == "Last updated January 20, 2025"
    assert fact.find("time")["datetime"] == "2025-01-20"
    french = BeautifulSoup((site / "fr/education/recovery-education-and-training/index.html")
                           .read_text(encoding="utf-8"), "html.parser").select_one("article aside.md-source-file")
    assert french.get_text(" ", strip=True) == "Dernière mise à jour 20 janvier 2025"
    # Pages made from several files (home, sections) carry no date.
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("aside.md-source-file") is None
