"""The link checker: the built toolkit has no broken link, and each kind of break is found."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit_builder.tools.linkcheck import check_site, external_problem

from .conftest import write

MODULE_PAGE = "education/recovery-education-and-training/index.html"


def test_bundled_site_has_no_broken_link(bundled_site):
    report = check_site(bundled_site)
    assert report.problems == [], "\n".join(map(str, report.problems))
    assert report.pages >= 6 and set(report.languages) == {"", "fr"}
    assert report.languages[""] == report.languages["fr"] == report.pages // 2  # the same pages in each
    assert report.internal > 50 and report.anchors > 30
    # Citations and their notes are among the anchors checked, both ways.
    html = (bundled_site / MODULE_PAGE).read_text(encoding="utf-8")
    assert 'href="#ref-1"' in html and 'href="#cite-1-1"' in html
    assert "https://doi.org/10.1192/bjp.bp.110.083733" in report.external
    assert all(external_problem(url) is None for url in report.external)


def test_command_lists_external_links_and_passes(bundled_site):
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "linkcheck", str(bundled_site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No broken links." in result.stdout
    assert "external addresses (form checked, not fetched)" in result.stdout
    assert re.search(r"  https://doi.org/10.1111/inm.12596  \(\d+ pages\)", result.stdout)


def test_a_citation_without_its_note_is_found(bundled_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(bundled_site, site)
    page = site / MODULE_PAGE
    page.write_text(page.read_text(encoding="utf-8").replace('id="ref-2"', 'id="ref-two"'), encoding="utf-8")
    report = check_site(site)
    assert report.problems and {p.target for p in report.problems} == {"#ref-2"}
    assert all(p.page == MODULE_PAGE and p.reason == "broken anchor (no id 'ref-2')" for p in report.problems)
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "linkcheck", str(site)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and f"{MODULE_PAGE}:" in result.stdout and "#ref-2" in result.stdout


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small hand-made site with one of every kind of link, good and broken."""
    site = tmp_path / "site"
    write(site / "index.html", """
        <html><body>
        <a href="guide/">guide</a> <a href="guide/#steps">steps</a> <a href="fr/">français</a>
        <a href="#top" id="top">top</a> <a href="assets/style.css">css</a>
        <a href="missing/">missing</a>
        <a href="guide/#nowhere">no anchor</a>
        <a href="javascript:alert(1)">js</a>
        <a href="https://exa mple.org/">space</a>
        <a href="https://example.org:99999/">port</a>
        <a href="http:///path">no host</a>
        <a href="mailto:someone">mail</a>
        <a href="https://example.org/a">ok</a> <a href="mailto:team@example.org">ok</a>
        <a href="../outside.html">out</a>
        <a href="/elsewhere/page/">absolute</a>
        <p id="dup"></p><p id="dup"></p>
        </body></html>
        """)
    write(site / "guide/index.html", """
        <html><body><h2 id="steps">Steps</h2><a href="../">home</a> <a href="../#top">top</a>
        <a href="https://example.org/a">again</a></body></html>
        """)
    write(site / "fr/index.html", '<html><body><a href="../guide/#steps">étapes</a> <a href="guide/">x</a></body></html>')
    write(site / "assets/style.css", "body{}")
    write(site / "search/search_index.json", json.dumps({"docs": [
        {"location": "guide/#steps", "title": "", "text": ""}, {"location": "guide/#gone", "title": "", "text": ""}]}))
    return site


def test_each_kind_of_broken_link_is_found_with_its_line(site):
    report = check_site(site)
    found = {(p.page, p.line, p.target, p.reason) for p in report.problems}
    assert found == {
        ("index.html", 4, "missing/", "broken link (no such file)"),
        ("index.html", 5, "guide/#nowhere", "broken anchor (no id 'nowhere')"),
        ("index.html", 6, "javascript:alert(1)", "unsafe link (javascript:)"),
        ("index.html", 7, "https://exa mple.org/", "address with a space in it"),
        ("index.html", 8, "https://example.org:99999/", "address with a bad port"),
        ("index.html", 9, "http:///path", "web address without a host"),
        ("index.html", 10, "mailto:someone", "bad e-mail address"),
        ("index.html", 12, "../outside.html", "link out of the site"),
        ("index.html", 13, "/elsewhere/page/", "broken link (no such file)"),
        ("index.html", 14, "#dup", "id used twice on the page"),
        ("fr/index.html", 1, "guide/", "broken link (no such file)"),
        ("search/search_index.json", 1, "guide/#gone", "broken anchor (no id 'gone')"),
    }
    assert report.languages == {"": 2, "fr": 1}
    assert report.external == {"https://example.org/a": ["guide/index.html", "index.html"],
                               "mailto:team@example.org": ["index.html"]}


def test_absolute_links_follow_the_base_path(site):
    write(site / "elsewhere/page/index.html", "<p>x</p>")
    assert not [p for p in check_site(site).problems if p.target == "/elsewhere/page/"]
    problems = [p for p in check_site(site, base_path="/toolkit/").problems if p.target == "/elsewhere/page/"]
    assert [p.reason for p in problems] == ["link outside the site's path /toolkit/"]


@pytest.mark.parametrize("url, reason", [
    ("https://doi.org/10.1111/inm.12596", None),
    ("https://xn--bcher-kva.example/", None),
    ("https://bücher.example/", None),
    ("http://localhost:8000/", None),
    ("//cdn.example.org/x.js", None),
    ("tel:+1-555-010-0000", None),
    ("https://-bad.example/", "web address with a bad host name"),
    ("https://nodot/", "web address with a bad host name"),
    ("ftp://files.example.org/x", "link with the scheme 'ftp:' (not a web, mail or phone address)"),
    ("tel:call-me", "bad phone number"),
])
def test_external_address_forms(url, reason):
    assert external_problem(url) == reason
