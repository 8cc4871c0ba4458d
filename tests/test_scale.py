"""What keeps a large toolkit fast and light: the content is loaded once per build; on a toolkit of
300 generated modules (as the benchmark makes them), the nav of a page and the cross-index pages
stay bounded, however many modules there are."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.load import project as loading
from toolkit_builder.core.render.crossindex import TOPIC_PAGE_LINES
from toolkit_builder.core.render.renderer import HOME_MODULES

from .browser import copy_project
from .conftest import CONTENT

ROOT = Path(__file__).resolve().parent.parent
# The benchmark's generator is a script, not a package: loaded from its file.
_spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
assert _spec is not None and _spec.loader is not None
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)

MODULES = 300
#: The most a page of the site may weigh (README: "Scale").
LARGEST_PAGE = 150 * 1024


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("large")
    benchmark.generate(project, MODULES)
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build", "-l", "en"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return project / "site"


def nav_links(site: Path, path: str) -> list[str]:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.select("nav.md-nav--primary a[href]") if not a["href"].startswith("#")]


def test_a_module_page_lists_the_top_level_and_its_own_section_only(large_site):
    sections = MODULES // 50
    links = nav_links(large_site, "section-02/module-0002/index.html")
    own = [link for link in links if link.startswith("./") or link.startswith("../module-")]
    # Its own section: its index and its 50 modules (module-0002, -0008, ... in section-02).
    assert len(own) == 50 and "./" in own and "../module-0008/" in own
    assert "../" in links  # the section's own page
    others = [link for link in links if link.startswith("../../section-")]
    assert sorted(others) == [f"../../section-{i:02d}/" for i in range(sections) if i != 2]
    assert not any("module-0003" in link for link in links)  # a module of another section
    assert len(links) < 50 + sections + 15  # Home, topics, references, glossary: no more


def test_no_page_outgrows_the_bound_and_topic_pages_link_to_their_next_pages(large_site):
    sizes = {p: p.stat().st_size for p in large_site.rglob("*.html")}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] <= LARGEST_PAGE, f"{largest}: {sizes[largest]} bytes"
    audience = large_site / "topics" / "for-facilitator"
    further = sorted(audience.glob("page-*/index.html"))
    assert further, f"a topic listing {MODULES} modules is cut into pages of {TOPIC_PAGE_LINES} lines"
    first = BeautifulSoup((audience / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in first.select("article a[href]")}
    assert {f"page-{n}/" for n in range(2, len(further) + 2)} <= hrefs
    # Every module written for the audience is listed once, on one of the pages.
    listed = []
    for path in [audience / "index.html", *further]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        listed += [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select("article :is(h2, h3) a[href]")
                   if "module-" in a["href"] and not a["href"].startswith("#")]
    assert len(listed) == len(set(listed)) == MODULES
    # The further pages are reached from the first, not from the nav.
    assert not any("page-2" in link for link in nav_links(large_site, "topics/for-facilitator/index.html"))


def test_the_home_page_lists_a_few_modules_of_each_section_and_links_to_the_rest(large_site):
    soup = BeautifulSoup((large_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    # The first modules of each section, and the audiences' three first modules.
    sections = HOME_MODULES * (MODULES // 50)
    assert sections <= len({h for h in hrefs if "/module-" in h}) <= sections + 3
    for section in range(MODULES // 50):
        link = soup.select_one(f'article a[href="section-{section:02d}/"]:-soup-contains("All 50 modules")')
        assert link is not None, section


def test_a_build_loads_the_content_once_per_language(tmp_path, monkeypatch):
    """The languages' builds reuse the project the command checked before building them."""
    project = copy_project(tmp_path / "project")
    calls: list[str | None] = []
    load = loading.load_project

    def counted(content_dirs, language=None, _cache=None, kept=None, **options):
        calls.append(language)
        return load(content_dirs, language, _cache, kept, **options)

    monkeypatch.setattr(loading, "load_project", counted)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "-j", "1", "-d", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "fr" / "index.html").is_file()
    assert calls == [None, "fr"]  # the check before building; no second load in either language's build


def test_languages_after_the_default_one_are_not_cross_checked_again(monkeypatch):
    """The cross-checks (ids, tags, links) read the default language's files, which every
    language shares: they run once for a load of every language, not once per language."""
    checkers: list[object] = []
    init = loading.Checker.__init__

    def counted(self, *args, **kwargs):
        checkers.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(loading.Checker, "__init__", counted)
    projects = loading.load_languages(CONTENT)
    assert len(projects) == 2 and len(checkers) == 1
