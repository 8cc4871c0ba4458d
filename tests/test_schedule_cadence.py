"""process.cadence in toolkit.yml: the schedule on the process page starts from it, and a wrong
value is located like any other mistake."""

from __future__ import annotations

from pathlib import Path

from toolkit_builder.core.load import load_project
from toolkit_builder.core.render import render_site

from .conftest import problems_of


def _with_cadence(content_dir: Path, cadence: str) -> int:
    """Adds ``cadence`` to the process; returns its line in toolkit.yml."""
    path = content_dir / "toolkit.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  parts:"))
    lines.insert(at, f"  cadence: {cadence}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def _process_page(content_dir: Path) -> str:
    pages = render_site(load_project(content_dir))
    return next(p.html for p in pages if p.path == "process/index.md")


def test_the_schedule_starts_from_the_cadence(content_dir):
    assert 'data-tk-every="2" data-tk-unit="week"' in _process_page(content_dir)  # without one: every 2 weeks
    _with_cadence(content_dir, "{every: 1, unit: month}")
    page = _process_page(content_dir)
    assert page.count('data-tk-every="1" data-tk-unit="month"') == 1 + page.count('data-module="tk-meeting-date"')


def test_a_wrong_cadence_is_located(content_dir):
    line = _with_cadence(content_dir, "{every: 0, unit: fortnight}")
    problems = problems_of(content_dir)
    found = [p for p in problems if p.file.endswith("toolkit.yml") and p.line == line]
    assert len(found) == 2 and len(problems) == 2, [str(p) for p in problems]  # the number and the unit
    assert any("fortnight" in str(p) and "week" in str(p) for p in found), [str(p) for p in found]
