"""The editors' guide tells the truth: its worked example is a valid module, and the mistake
it shows is reported with the message it quotes."""

from __future__ import annotations

import re

from toolkit_builder.core.load import load_project

from .conftest import ROOT, problems_of

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"```yaml\n(.*?)```", GUIDE, re.DOTALL).group(1)
TARGET = "modules/education/peer-support.yml"


def test_worked_example_is_a_valid_module(content_dir):
    (content_dir / TARGET).write_text(EXAMPLE, encoding="utf-8")
    project = load_project(content_dir)
    module = next(m for m in project.modules if m.id == "peer-support")
    assert [b.type for b in module.blocks] == ["prose", "list", "callout"]
    assert project.sources["peer-support"] == TARGET


def test_quoted_mistake_is_the_one_reported(content_dir):
    (content_dir / TARGET).write_text(EXAMPLE.replace("[facilitator,", "[facilitators,"), encoding="utf-8")
    [problem] = problems_of(content_dir)
    quoted = re.search(r"```text\n(.*?)\n(.*?)\n", GUIDE).groups()
    assert quoted[0].strip() == f"{problem.severity} [{problem.code}] {problem.message}"
    assert quoted[1].strip() == f"Fix: {problem.hint}"

