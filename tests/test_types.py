"""Types are checked like behaviour: mypy, strict, over the whole package."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_mypy_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "mypy", "toolkit_builder"], cwd=ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
