"""What makes the toolkit command work the same on Linux, macOS and Windows: the cache folder
from platformdirs, and a build lock from filelock (no POSIX-only fcntl)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import platformdirs
from filelock import FileLock

from toolkit_builder.tools.lintcache import cache_folder

from .conftest import ROOT


def test_the_lint_cache_is_in_the_systems_cache_folder(tmp_path, monkeypatch):
    asked = []

    def user_cache_dir(name, appauthor=None, **_):
        asked.append((name, appauthor))
        return str(tmp_path / "system-cache" / name)

    monkeypatch.setattr(platformdirs, "user_cache_dir", user_cache_dir)
    first, second = cache_folder([tmp_path / "content"]), cache_folder([tmp_path / "other"])
    assert asked == [("toolkit-builder", False)] * 2
    assert first.parent == second.parent == tmp_path / "system-cache" / "toolkit-builder"
    assert first != second  # one folder per set of content folders


def test_a_build_waits_for_the_build_holding_the_lock(tmp_path):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    lock = FileLock(project / ".site.lock")
    with lock:
        build = subprocess.Popen([sys.executable, "-m", "toolkit_builder.cli", "build", "-l", "en"], cwd=project,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(6)  # long enough for the build to finish, were it not waiting
        assert build.poll() is None and not (project / "site").exists()
    _, stderr = build.communicate(timeout=300)
    assert build.returncode == 0, stderr
    assert (project / "site/index.html").is_file()
    with FileLock(project / ".site.lock").acquire(timeout=0):  # let go of when the build ended
        pass
