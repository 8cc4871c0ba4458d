"""The shape of the code, checked like its behaviour: lint, import layers, short files, and
imports at the top of modules. (Types are checked by tests/test_types.py.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "toolkit_builder"
#: Longest module of the package, in lines: past it a file mixes concerns (split it).
MAX_LINES = 400
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    result = run(sys.executable, "-m", "ruff", "check", "toolkit_builder", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept():
    """The core imports nothing from MkDocs; layers only import downwards; no import circle."""
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def imports_inside_functions(path: Path, root: Path = ROOT) -> list[str]:
    """Imports in a function body without a comment on their line saying why."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and "#" not in lines[node.lineno - 1]:
                found.append(f"{path.relative_to(root)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return found


def test_imports_sit_at_the_top_unless_a_comment_says_why():
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in imports_inside_functions(path)]
    assert found == []


def test_the_import_scan_sees_an_unexplained_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import json\n    import re  # why: start-up time\n", encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in imports_inside_functions(sample, tmp_path)] == ["import json"]
