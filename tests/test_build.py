"""Build the bundled toolkit with the real MkDocs and Material and check the HTML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .browser import copy_project
from .conftest import write

MODULE_PAGE = "education/recovery-education-and-training/index.html"


def run_toolkit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toolkit_builder.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_toolkit("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_site_has_every_generated_page(built_site):
    for path in ("index.html", "education/index.html", MODULE_PAGE, "references/index.html",
                 "glossary/index.html", "assets/toolkit/toolkit.css"):
        assert (built_site / path).is_file(), path


def test_module_page_structure(built_site):
    soup = page(built_site, MODULE_PAGE)
    assert soup.html["lang"] == "en"
    content = soup.select_one("article.md-content__inner")
    for permalink in content.select("a.headerlink"):
        permalink.decompose()
    assert [h.get_text(strip=True) for h in content.find_all("h1")] == ["Recovery education and training"]
    h2 = [h.get("id") for h in content.find_all("h2")]
    for anchor in ("at-a-glance", "recovery-education", "clinical-vs-personal", "chime", "recovery-oriented-training",
                   "training-topics", "co-production", "interview-questions", "lived-experience",
                   "components-overview", "considerations", "references"):
        assert anchor in h2


def test_tables_have_captions_and_scoped_headers(built_site):
    soup = page(built_site, MODULE_PAGE)
    for tip in soup.select(".tk-abbr__tip"):  # abbreviation tooltips: shown on hover or focus only
        tip.decompose()
    tables = soup.select("article table")
    for tip in soup.select(".tk-abbr__tip"):  # an abbreviation's expansion, shown on hover or focus
        tip.decompose()
    captions = [t.caption.get_text(" ", strip=True) for t in tables]
    assert captions == [
        "Clinical recovery and personal recovery",
        "The CHIME framework",
        "Logic model: the main parts of recovery education and training",
    ]
    for table in tables:
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
        region = table.find_parent("div", class_="tk-table")
        assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"]
    contrast, chime, logic = tables
    assert len(contrast.tbody.find_all("tr")) == 4
    rows = {r.th.get_text(strip=True): r for r in chime.tbody.find_all("tr")}
    assert list(rows) == ["Connection", "Hope", "Identity", "Making sense and finding meaning", "Empowerment"]
    dimensions = {name: [li.get_text(" ", strip=True).split(".")[0] for li in row.select("ul.tk-maps li")]
                  for name, row in rows.items()}
    assert dimensions == {"Connection": ["3", "5"], "Hope": ["1"], "Identity": ["4"],
                          "Making sense and finding meaning": ["6"], "Empowerment": ["2"]}
    assert all(row.select("ul.tk-themes li") for row in rows.values())
    assert logic.select_one("td[rowspan='2']").get_text(strip=True) == "Belief that recovery is possible"


def test_questions_and_considerations(built_site):
    soup = page(built_site, MODULE_PAGE)
    questions = [q.get_text(" ", strip=True) for q in soup.select(".tk-question")]
    assert len(questions) == 7
    assert questions[0] == "What does hopeful language sound like?"
    assert len(soup.select(".tk-consideration-list > li")) == 4
    assert len(soup.select("#training-topics + .tk-list li")) == 6


def test_references_are_numbered_notes_with_links(built_site):
    soup = page(built_site, MODULE_PAGE)
    notes = soup.select("ol.tk-notes > li")
    assert len(notes) == 8
    assert len(soup.select("sup.tk-cite")) == 9
    for sup in soup.select("sup.tk-cite a"):
        assert soup.find(id=sup["href"][1:]) is not None
    links = [a["href"] for a in soup.select("ol.tk-notes a:not(.tk-backref)")]
    assert "https://doi.org/10.1192/bjp.bp.110.083733" in links
    assert "https://doi.org/10.1111/inm.12596" in links
    assert "https://walkthetalktoolkit.ca/" in links  # the toolkit this one adapts, as its FAQ asks to cite it
    assert len(links) == 8  # every work cited there has a DOI or an address


def test_abbreviations_and_edit_link(built_site):
    soup = page(built_site, MODULE_PAGE)
    abbr = soup.select_one("article abbr")
    link = abbr.find_parent("a")  # to the glossary entry, described by the expansion
    assert "glossary/#term-" in link["href"] and soup.find(id=link["aria-describedby"]).get_text(strip=True)
    edit = soup.select_one("a[rel=edit]")
    assert edit["href"].endswith("/content/modules/education/recovery-education-and-training.yml")


def test_nav_is_grouped_by_section(built_site):
    """Sections are collapsed (no `navigation.sections`), so `navigation.prune` leaves the top level
    on every page, and on a module page its own section's pages too: the nav does not grow with the toolkit."""
    def nav_links(path):
        soup = page(built_site, path)
        return [(a["href"], a.get_text(" ", strip=True)) for a in soup.select("nav.md-nav--primary a[href]")
                if not a["href"].startswith("#")]

    top = [("process/", "The process"), ("education/", "Education and training"), ("facilitation/", "Facilitation"),
           ("research/", "Research fact sheets"), ("topics/", "Browse by topic"), ("references/", "References"),
           ("glossary/", "Glossary")]
    assert nav_links("index.html") == [(".", ""), (".", "Home"), *top]
    up = [("../../" + href, text) for href, text in top]
    assert nav_links(MODULE_PAGE) == [
        ("../..", ""), ("../..", "Home"), up[0],
        ("../", "Education and training"), ("./", "Recovery education and training"),
        ("../co-delivered-session/", "Outline of a co-delivered education session"),
        ("../working-with-families/", "Working with families"),
        *up[2:],
    ]


def test_no_request_to_another_origin_in_markup(built_site):
    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img"]):
            target = tag.get("src") or tag.get("href") or ""
            assert not target.startswith(("http:", "https:", "//")), f"{html}: {target}"


def test_failed_build_names_the_mistake_and_keeps_the_old_site(project_dir):
    first = run_toolkit("build", cwd=project_dir)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(project_dir / "site"): p.read_bytes() for p in (project_dir / "site").rglob("*")
              if p.is_file()}
    write(project_dir / "content/modules/education/recovery-education-and-training.yml", """
        id: recovery-education-and-training
        title: Recovery education and training
        section: education
        blocks:
          - type: contrast
            left: Clinical
            rigth: Personal
            rows: [[a, b]]
        """)
    second = run_toolkit("build", cwd=project_dir)
    assert second.returncode == 1
    assert "recovery-education-and-training.yml:7:5: error [unknown-key] unknown key 'rigth'" in second.stderr
    assert "Traceback" not in second.stderr
    after = {p.relative_to(project_dir / "site"): p.read_bytes() for p in (project_dir / "site").rglob("*")
             if p.is_file()}
    assert after == before
    assert not [p for p in project_dir.iterdir() if p.name.startswith(".site-")]


def test_plain_mkdocs_build_reports_content_errors_without_traceback(project_dir):
    (project_dir / "content/modules/education/recovery-education-and-training.yml").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project_dir, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 1
    assert "recovery-education-and-training.yml:1:1: error [empty-file]" in result.stderr
    assert "Traceback" not in result.stderr


def test_template_override_in_overrides_folder_is_used_not_published(project_dir):
    write(project_dir / "overrides/toolkit/blocks/callout.html.j2",
          '<div class="local-callout">{{ block.text | md }}</div>\n')
    result = run_toolkit("build", cwd=project_dir)
    assert result.returncode == 0, result.stderr
    html = (project_dir / "site" / MODULE_PAGE).read_text(encoding="utf-8")
    assert '<div class="local-callout">' in html
    assert not list((project_dir / "site").rglob("*.j2"))


def test_a_page_template_in_the_old_markdown_form_stops_the_build_with_its_new_name(project_dir):
    """Page templates write finished HTML: an override in the old Markdown form would be ignored."""
    write(project_dir / "overrides/toolkit/module.md.j2", "# {{ module.title | plain }}\n")
    write(project_dir / "site/index.html", "the good site")
    result = run_toolkit("build", cwd=project_dir)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "module.md.j2: page templates write finished HTML now; rename it module.html.j2" in result.stderr
    assert (project_dir / "site/index.html").read_text(encoding="utf-8") == "the good site"


def test_a_build_without_pdfs_over_a_site_with_pdfs_says_they_are_gone(project_dir):
    """`toolkit build` does not make PDFs; replacing a site that had them is said, not silent."""
    write(project_dir / "site" / "fr" / "pdf" / "old.pdf", "%PDF-1.7")
    result = run_toolkit("build", cwd=project_dir)
    assert result.returncode == 0, result.stderr
    assert "had PDFs" in result.stderr and "toolkit build --pdf" in result.stderr
    assert not (project_dir / "site" / "fr" / "pdf").exists()
    quiet = run_toolkit("build", cwd=project_dir)
    assert "PDF" not in quiet.stderr, "nothing to say when there were no PDFs"
