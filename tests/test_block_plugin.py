"""A block type is one module and one template: an installed package adds one, and schema,
validation, messages, translation, the cross-index and the site all follow from the registry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import write

PLUGIN = Path(__file__).parent / "fixtures" / "block_plugin"

MODULE = """
id: before-we-meet
title: Before we meet
section: education
summary: What to have ready.
blocks:
  - type: checklist
    id: ready
    heading: Ready for the meeting
    audience: facilitator
    tags: [chime:hope]
    items:
      - Book a room with step-free access.
      - Print the **interview questions**.
"""


def toolkit(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PLUGIN), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "toolkit_builder.cli", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_block_type_from_an_installed_package_builds_validates_and_is_indexed(project_dir):
    write(project_dir / "content/modules/education/before-we-meet.yml", MODULE)
    write(project_dir / "content/modules/education/before-we-meet.fr.yml", """
        title: Avant la rencontre
        blocks:
          - heading: Prêt pour la rencontre
            items:
              - Réserver une salle accessible de plain-pied.
              - Imprimer les **questions d'entrevue**.
    """)

    result = toolkit(project_dir, "build")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project_dir / "site/education/before-we-meet/index.html").read_text(), "html.parser")
    items = [li.get_text(" ", strip=True) for li in page.select(".tk-checklist li")]
    assert items == ["☐ Book a room with step-free access.", "☐ Print the interview questions ."]
    assert page.select_one(".tk-checklist strong").get_text() == "interview questions"
    french = BeautifulSoup((project_dir / "site/fr/education/before-we-meet/index.html").read_text(), "html.parser")
    assert "Réserver une salle" in french.select_one(".tk-checklist").get_text()
    # Its tag puts it in the cross-index, like any block.
    hope = (project_dir / "site/topics/chime-hope/index.html").read_text()
    assert "before-we-meet/#ready" in hope

    schema_dir = project_dir / "schema-out"
    assert toolkit(project_dir, "schema", "-o", str(schema_dir)).returncode == 0
    module_schema = json.loads((schema_dir / "module.schema.json").read_text())
    assert "checklist" in module_schema["definitions"]["Block"]["properties"]["type"]["enum"]
    assert "ChecklistBlock" in module_schema["definitions"]
    explained = toolkit(project_dir, "explain", "unknown-block-type").stdout
    assert "checklist" in explained


def test_a_plugin_block_types_mistakes_are_located_with_its_own_words(project_dir):
    broken = MODULE.replace("    audience: facilitator\n", "    audience: facilitatr\n")
    broken = broken.replace("    items:\n      - Book a room with step-free access.\n"
                            "      - Print the **interview questions**.\n", "")
    write(project_dir / "content/modules/education/before-we-meet.yml", broken)
    result = toolkit(project_dir, "validate")
    assert result.returncode == 1
    assert "before-we-meet.yml:" in result.stderr
    assert "[missing-field] the required field 'items' is missing" in result.stderr
    assert "a checklist needs `items:`" in result.stderr
    assert "[unknown-audience] unknown audience 'facilitatr'" in result.stderr
    assert "did you mean 'facilitator'?" in result.stderr


def test_without_the_package_the_block_type_is_unknown(content_dir):
    from toolkit_builder.core.blocks import BLOCK_TYPES

    assert "checklist" not in BLOCK_TYPES  # the plugin never leaks into this process
