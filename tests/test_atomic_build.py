"""`toolkit build` replaces the site only when a build succeeds: killed or failed builds leave the
previous site intact and complete, and what they leave behind does not break the next build."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .browser import copy_project

MODULE = "content/modules/education/recovery-education-and-training.yml"


def toolkit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit_builder.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def snapshot(site: Path) -> dict[str, str]:
    """Every file of the site with a hash of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def staging_folders(project: Path) -> list[Path]:
    return [p for p in project.iterdir() if p.name.startswith(".site-")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A project with a built site, and its snapshot; tests copy it."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    result = toolkit("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, snapshot(project / "site")


@pytest.fixture
def project(built, tmp_path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(built[0], target, symlinks=True)
    return target


def add_modules(project: Path, count: int) -> None:
    """Make the next build long enough to stop it midway: ``count`` more module pages."""
    text = (project / MODULE).read_text(encoding="utf-8")
    for i in range(count):
        copy = text.replace("id: recovery-education-and-training", f"id: copy-{i}", 1)
        copy = copy.replace("title: Recovery education and training", f"title: Copy {i}", 1)
        (project / f"content/modules/education/copy-{i}.yml").write_text(copy, encoding="utf-8")


def test_killed_build_leaves_the_site_intact_and_the_next_build_works(project, built):
    add_modules(project, 40)
    process = subprocess.Popen([sys.executable, "-m", "toolkit_builder.cli", "build"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    written = 0
    deadline = time.monotonic() + 120
    try:
        # Kill it once it has started writing the new site into its staging folder.
        while time.monotonic() < deadline and process.poll() is None:
            written = sum(len(files) for folder in staging_folders(project) for _, _, files in os.walk(folder))
            if written >= 20:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed midway"
    assert written >= 20
    [leftover] = staging_folders(project)  # the half-written build
    assert not (leftover / "education/copy-39/index.html").exists()

    # The old site is where it was, complete, byte for byte.
    assert snapshot(project / "site") == built[1]

    # The leftover does not break the next build, and is cleaned away.
    result = toolkit("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert staging_folders(project) == []
    assert (project / "site/education/copy-39/index.html").is_file()
    assert (project / "site/education/recovery-education-and-training/index.html").is_file()


def test_build_failing_late_keeps_the_old_site(project, built):
    # A hand-written page with a broken link: MkDocs has written pages when strict mode fails it.
    (project / "content/docs/notes.md").write_text("# Notes\n\nSee [the plan](missing.md).\n", encoding="utf-8")
    add_modules(project, 5)
    result = toolkit("build", cwd=project)
    assert result.returncode == 1
    assert "the site in" in result.stderr and "was left as it was" in result.stderr
    assert "missing.md" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project / "site") == built[1]
    assert staging_folders(project) == []


def test_build_failing_on_content_keeps_the_old_site(project, built):
    text = (project / MODULE).read_text(encoding="utf-8")
    (project / MODULE).write_text(text.replace("framework: chime", "framework: chmie", 1), encoding="utf-8")
    result = toolkit("build", cwd=project)
    assert result.returncode == 1
    assert "error [unknown-framework] unknown framework 'chmie'" in result.stderr
    assert "did you mean 'chime'?" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project / "site") == built[1]
    assert staging_folders(project) == []


def test_site_put_aside_by_a_killed_swap_comes_back(project, built):
    # A build killed between its two renames leaves the old site in .site-old and no site/.
    (project / "site").rename(project / ".site-old")
    (project / ".site-x1y2z3").mkdir()  # and an unfinished build
    (project / ".site-x1y2z3/index.html").write_text("half", encoding="utf-8")
    text = (project / MODULE).read_text(encoding="utf-8")
    (project / MODULE).write_text(text.replace("type: prose", "type: poem", 1), encoding="utf-8")
    result = toolkit("build", cwd=project)
    assert result.returncode == 1 and "unknown block type 'poem'" in result.stderr
    assert snapshot(project / "site") == built[1]  # the failed build leaves the old site, back in place
    assert staging_folders(project) == []


def test_site_folder_is_readable_by_a_web_server(project):
    result = toolkit("build", cwd=project)
    assert result.returncode == 0, result.stderr
    # The staging folder is made private (0700); the published site must not be.
    assert (project / "site").stat().st_mode & 0o755 == 0o755
