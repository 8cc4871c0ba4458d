"""Another toolkit than the bundled one: tests/fixtures/garden/, a community garden's guide in
English and Spanish, with a framework of named tasks that maps to no other. It passes every
check, and its pages hold nothing of the bundled toolkit nor English interface text in Spanish."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.i18n import edit_link, load_translations
from toolkit_builder.core.load import load_project
from toolkit_builder.core.render import render_site

from .audit import audit_axe
from .browser import run_toolkit, serve_folder
from .conftest import ROOT, only, problems_of
from .interface_scan import english_fragments, found_on_pages

GARDEN = ROOT / "tests/fixtures/garden"
CATALOGUE = GARDEN / "content/locale/es/LC_MESSAGES/toolkit.po"
BUNDLED_WORDS = ("Walk the Talk", "Learning Recovery Together", "CHIME", "MHCC", "Mental Health Commission", "recovery")


@pytest.fixture(scope="module")
def garden(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("garden") / "project"
    shutil.copytree(GARDEN, project)
    return project


@pytest.fixture(scope="module")
def garden_site(garden) -> Path:
    result = run_toolkit("build", cwd=garden)
    assert result.returncode == 0, result.stderr
    return garden / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("command", [("validate", "--strict"), ("i18n", "status", "--strict")])
def test_the_garden_passes_the_strict_checks(garden, command):
    result = run_toolkit(*command, cwd=garden)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "es" in result.stdout


def test_the_garden_has_no_broken_link(garden, garden_site):
    result = run_toolkit("linkcheck", cwd=garden)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No broken links." in result.stdout


def test_the_garden_pages_hold_nothing_of_the_bundled_toolkit(garden_site):
    pages = sorted(garden_site.rglob("*.html"))
    assert len(pages) > 20 and any(garden_site.joinpath("es").rglob("*.html"))
    found = found_on_pages(garden_site, pages, set(BUNDLED_WORDS), skip_english=False)
    assert found == [], "\n".join(found)


def test_spanish_pages_carry_no_english_interface_string(garden_site):
    """Spanish interface strings come from the toolkit's own catalogue (content/locale/es/...)."""
    english = english_fragments(CATALOGUE, "es")
    assert {"Print this table", "Keep in mind", "Linked to"} <= english
    pages = sorted((garden_site / "es").rglob("*.html"))
    found = found_on_pages(garden_site, pages, english)
    assert found == [], "\n".join(found)
    assert "Imprimir esta tabla" in (garden_site / "es/growing/season-plan/index.html").read_text(encoding="utf-8")


def test_the_figure_names_the_framework_s_own_parts(garden_site):
    """"surrounded by its 4 tasks", not "components": the wording follows the toolkit's data."""
    english = soup(garden_site / "growing/preparing-the-beds/index.html").select_one("figure svg desc").get_text()
    spanish = soup(garden_site / "es/growing/preparing-the-beds/index.html").select_one("figure svg desc").get_text()
    assert english.startswith("A shared garden, surrounded by its 4 tasks: Soil, Water, People")
    assert spanish.startswith("Un huerto compartido, rodeado de sus 4 tareas: Suelo, Agua, Personas")


def test_a_logic_model_without_co_production_has_no_such_column(garden_site):
    for page, word in (("growing/season-plan/index.html", "Co-production"),
                       ("es/growing/season-plan/index.html", "Coproducción")):
        table = soup(garden_site / page).select_one(".tk-logic-model table")
        headings = [th.get_text(strip=True) for th in table.select("thead th")]
        assert len(headings) == 3 and word not in headings, headings
        assert "tk-flow--three" in table.find_parent(class_="tk-logic-model")["class"]


def test_branding_colours_apply_to_both_colour_schemes(garden_site):
    from toolkit_builder.core.branding import SLATE, contrast

    css = (garden_site / "assets/toolkit/brand.css").read_text(encoding="utf-8")
    light, _, dark = css.partition('[data-md-color-scheme="slate"]')
    assert "#255a28" in light and "--md-primary-fg-color: #255a28" in dark
    link = dark.split("--md-typeset-a-color: ")[1][:7]
    assert link != "#255a28" and contrast(link, SLATE) >= 7


def test_a_bad_tag_s_fix_names_a_tag_of_this_toolkit(garden):
    copy = garden.parent / "bad-tag"
    shutil.copytree(garden / "content", copy)
    module = copy / "modules/growing/preparing-the-beds.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("tags: [tasks:soil]", "tags: [soil]"),
                      encoding="utf-8")
    problem = only(problems_of(copy), "bad-tag")
    assert problem.hint and "`tasks:soil`" in problem.hint and "chime" not in problem.hint.lower()


def test_an_untranslated_notice_names_the_language_in_its_own_words(garden):
    """Without any catalogue the notice is English, and says "English" (not "inglés"); with the
    package's Spanish catalogue, or the toolkit's own over it, it is Spanish and says "inglés"."""
    copy = garden.parent / "notice"
    shutil.copytree(garden / "content", copy)
    (copy / "modules/volunteers/welcoming-volunteers.es.yml").unlink()
    project = load_project(copy, "es")
    for translations, expected in ((None, "It is shown in English."),
                                   (load_translations("es", []), "Se muestra en inglés."),
                                   (load_translations("es", [copy]), "Se muestra en inglés.")):
        pages = render_site(project, ROOT / "overrides/toolkit", translations)
        page = next(p for p in pages if p.module_id == "welcoming-volunteers")
        assert expected in page.html
        assert ("inglés" in page.html) == (translations is not None)


def test_axe_finds_no_violation_on_the_garden_in_either_language(garden_site, browser):
    pages = ["", "growing/preparing-the-beds/", "growing/season-plan/",
             "es/", "es/growing/preparing-the-beds/", "es/volunteers/welcoming-volunteers/"]
    with serve_folder(garden_site) as base:
        results = audit_axe(browser, base, pages)
    assert {r.path for r in results} == set(pages)
    failing = [r for r in results if r.violations]
    assert not failing, "\n".join(r.describe() for r in failing)


def test_a_page_requests_nothing_that_is_missing(garden_site, browser):
    """No page asks for a sitemap.xml under its own path in the other language (Material's
    language lookup fetched one beside each <link rel="alternate"> of the head): no 404 at all."""
    with serve_folder(garden_site) as base:
        page = browser.new_page()
        failed: list[str] = []
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        try:
            for path in ("growing/preparing-the-beds/", "es/volunteers/welcoming-volunteers/"):
                page.goto(base + path, wait_until="networkidle")
        finally:
            page.close()
    assert len(requested) > 4
    assert failed == [], failed
    assert [url for url in requested if url.endswith("sitemap.xml")] == []


def test_edit_this_page_opens_the_page_s_own_language_file(garden_site, tmp_path):
    def edit(page: str) -> str:
        return soup(garden_site / page).select_one("a[rel=edit]")["href"]

    base = "https://example.org/garden/edit/main/content/modules/growing/"
    assert edit("growing/preparing-the-beds/index.html") == base + "preparing-the-beds.yml"
    assert edit("es/growing/preparing-the-beds/index.html") == base + "preparing-the-beds.es.yml"
    # No translation yet: the page that creates it, named as the translation must be.
    source = "modules/growing/preparing-the-beds.yml"
    (tmp_path / "modules/growing").mkdir(parents=True)
    assert (edit_link("https://github.com/o/r/edit/main/content/", tmp_path, source, "es", "en")
            == "https://github.com/o/r/new/main/content/modules/growing?filename=preparing-the-beds.es.yml")
    assert edit_link("https://example.org/src/", tmp_path, source, "es", "en") == "https://example.org/src/" + source


def test_a_framework_that_does_not_name_its_parts_gets_the_page_s_words(garden):
    """Without `item_name`, `component_label` and `themes_label` in its data, a framework's
    parts and columns are named in the page's language, not in English."""
    copy = garden.parent / "unnamed"
    shutil.copytree(garden / "content", copy)
    for name in ("toolkit.yml", "toolkit.es.yml"):
        path = copy / name
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.lstrip().startswith(("item_name:", "component_label:", "themes_label:"))),
                        encoding="utf-8")
    project = load_project(copy, "es")
    assert project.toolkit.frameworks[0].item_name is None
    pages = render_site(project, ROOT / "overrides/toolkit", load_translations("es", [copy]))
    page = next(p for p in pages if p.module_id == "preparing-the-beds").html
    assert '<th scope="col">Componente</th>' in page and '<th scope="col">Temas</th>' in page
    assert "rodeado de sus 4 componentes" in page
    assert not re.search(r"\b(Component|Themes|components?)\b", page)
