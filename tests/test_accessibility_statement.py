"""The accessibility statement page (toolkit.yml `accessibility:`) in every language, and the
"Report a problem with this page" link (`organization:` `report_issues` / `report_email`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.model.toolkit import Organization
from toolkit_builder.core.render.accessibility import report_link

from .conftest import ROOT

STATEMENT = """
organization:
  name: Riverside Community Garden
  email: hello@riverside.example.org
  report_issues: https://github.com/riverside/garden-toolkit/issues/new
accessibility:
  limits:
    - The season plan's table is wide; on a phone it scrolls sideways.
  reviewed: March 2026
"""

STATEMENT_ES = """
accessibility:
  limits:
    - La tabla del plan de temporada es ancha; en un teléfono se desplaza de lado.
  reviewed: marzo de 2026
"""


def build(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def garden(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("statement") / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    for name, extra in (("toolkit.yml", STATEMENT), ("toolkit.es.yml", STATEMENT_ES)):
        path = project / "content" / name
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    build(project)
    return project / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_statement_is_a_page_of_every_language(garden):
    english, spanish = page(garden, "accessibility"), page(garden, "es/accessibility")
    assert english.h1.get_text(strip=True).startswith("Accessibility")
    text = english.article.get_text(" ", strip=True)
    assert "WCAG" in text and "2.2" in text and "axe-core" in text  # the standard and how it is tested
    assert "on a phone it scrolls sideways" in text and "March 2026" in text  # known limits, review date
    assert english.select_one('article a[href="mailto:hello@riverside.example.org"]')  # the contact
    assert spanish.h1.get_text(strip=True).startswith("Accesibilidad")
    spanish_text = spanish.article.get_text(" ", strip=True)
    assert "en un teléfono se desplaza de lado" in spanish_text and "Known limits" not in spanish_text
    nav = [a.get_text(strip=True) for a in page(garden, "").select("nav.md-nav--primary a")]
    assert "Accessibility" in nav


def test_every_page_links_to_a_filled_in_issue(garden):
    for path in ("", "growing/preparing-the-beds", "es/glossary"):
        link = page(garden, path).select_one(".md-footer .tk-report a, footer .tk-report a")
        assert link is not None, path
        address = urlsplit(link["href"])
        assert (address.netloc, address.path) == ("github.com", "/riverside/garden-toolkit/issues/new")
        query = parse_qs(address.query)
        assert path.split("/")[-1] in query["body"][0]  # the page's address
    spanish = page(garden, "es/glossary").select_one(".tk-report a")
    assert spanish.get_text(strip=True) != "Report a problem with this page"


def test_no_statement_and_no_report_link_unless_asked(tmp_path):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    build(project)
    assert not (project / "site/accessibility").exists()
    assert page(project / "site", "").select_one(".tk-report") is None


def test_the_report_link_can_be_an_email_filled_in_with_the_page():
    toolkit = SimpleNamespace(language="en", organization=Organization(name="Riverside", report_email="a11y@x.org"))
    link = report_link(SimpleNamespace(toolkit=toolkit, language="fr"), "Glossaire", "glossary/", str)
    address = urlsplit(link["href"])
    assert (address.scheme, address.path) == ("mailto", "a11y@x.org")
    query = parse_qs(address.query)
    assert query["subject"] == ["Problem on the page: Glossaire"] and "/fr/glossary/" in query["body"][0]
