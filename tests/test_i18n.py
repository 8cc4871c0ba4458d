"""Translations, fallbacks, language builds and organizations' localized copies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.i18n import digest, load_translations, translation_status
from toolkit_builder.core.layers import module_files
from toolkit_builder.core.load import load_languages, load_project
from toolkit_builder.core.problems import ContentError
from toolkit_builder.core.project import Module
from toolkit_builder.core.render import render_site

from .conftest import CONTENT, only, problems_of, write
from .interface_scan import english_fragments, found_on_pages
from .test_build import run_toolkit

MODULE = "modules/education/recovery-education-and-training"
PAGE = "education/recovery-education-and-training/index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --------------------------------------------------------------------------- merging


def test_bundled_french_is_complete_and_current():
    results = translation_status([CONTENT], "fr")
    modules = {path.name for path, _ in module_files(CONTENT)}
    assert {r.source.name for r in results} == {"toolkit.yml", "glossary.yml"} | modules
    assert "recovery-education-and-training.yml" in modules
    assert [r.state for r in results] == ["complete"] * len(results)
    assert all(r.translated == r.total for r in results)


def test_french_project_has_french_text_and_same_structure():
    english, french = load_languages(CONTENT).values()
    assert french.language == "fr"
    en_module, fr_module = english.modules[0], french.modules[0]
    assert fr_module.title != en_module.title
    assert [b.type for b in fr_module.blocks] == [b.type for b in en_module.blocks]
    assert [b.id for b in fr_module.blocks] == [b.id for b in en_module.blocks]
    assert french.untranslated == {}
    assert french.toolkit.framework("guidelines").component("1").label.startswith("Créer")


def test_translation_with_extra_block_and_wrong_anchor_is_located(content_dir):
    path = content_dir / f"{MODULE}.fr.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - type: list\n    id: at-a-glance", "  - type: list\n    id: glance", 1)
    text += "\n  - type: prose\n    text: En trop.\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(content_dir, "fr")
    problems = caught.value.problems
    mismatch = only(problems, "translation-mismatch")
    assert mismatch.file.endswith(".fr.yml") and "'glance'" in mismatch.message
    assert text.splitlines()[mismatch.line - 1].strip() == "id: glance"
    extra = only(problems, "translation-extra")
    assert text.splitlines()[extra.line - 1].strip() == "- type: prose"


def test_translation_may_not_change_structure(content_dir):
    path = content_dir / f"{MODULE}.fr.yml"
    text = path.read_text(encoding="utf-8").replace("    heading: Le cadre CHIME\n",
                                                    "    heading: Le cadre CHIME\n    framework: guidelines\n", 1)
    path.write_text(text, encoding="utf-8")
    problem = only(problems_of_language(content_dir, "fr"), "translation-structure")
    assert "'framework'" in problem.message and text.splitlines()[problem.line - 1].strip().startswith("framework:")


def problems_of_language(content_dir, language):
    with pytest.raises(ContentError) as caught:
        load_project(content_dir, language)
    return caught.value.problems


def test_untranslated_block_falls_back_marked_and_announced(content_dir):
    path = content_dir / f"{MODULE}.fr.yml"
    text = path.read_text(encoding="utf-8")
    # Drop the themes of the CHIME block's first component: that block falls back whole.
    text = re.sub(r"(  - type: framework\n(?:.*\n)*?      - key: connection\n)        themes:\n(?:          .*\n)+",
                  r"\1", text, count=1)
    path.write_text(text, encoding="utf-8")
    project = load_project(content_dir, "fr")
    untranslated = project.untranslated["recovery-education-and-training"]
    module = next(m for m in project.modules if m.id == "recovery-education-and-training")
    chime_index = next(i for i, b in enumerate(module.blocks) if b.id == "chime")
    assert untranslated.blocks == {chime_index} and not untranslated.whole
    page = next(p for p in render_site(project, translations=load_translations("fr"))
                if p.module_id == "recovery-education-and-training")
    assert '<h2 id="chime"><span lang="en">The CHIME framework</span><a class="headerlink"' in page.html
    fallback = page.html.split('<div class="tk-untranslated" lang="en">', 1)[1]
    assert fallback.startswith('\n<div lang="fr"><p class="tk-untranslated-notice">Cette partie n’est pas encore '
                               "traduite. Elle est présentée en anglais.</p></div>")
    assert "Recognize that mental illness can cut people off from others." in fallback
    assert '<h2 id="at-a-glance">En bref<a class="headerlink"' in page.html  # other blocks stay translated
    status = {r.source.name: r for r in translation_status([content_dir], "fr")}
    assert status["recovery-education-and-training.yml"].state == "partial"


def test_missing_translation_file_shows_whole_module_in_default_language(content_dir):
    (content_dir / f"{MODULE}.fr.yml").unlink()
    project = load_project(content_dir, "fr")
    assert project.untranslated["recovery-education-and-training"].whole
    page = next(p for p in render_site(project, translations=load_translations("fr"))
                if p.module_id == "recovery-education-and-training")
    assert page.html.startswith('<h1 id="recovery-education-and-training"><span lang="en">Recovery education and '
                                'training</span><a class="headerlink"')
    assert 'class="tk-untranslated-page"' in page.html


def test_digest_follows_the_source_text_only():
    import yaml

    data = yaml.safe_load((CONTENT / f"{MODULE}.yml").read_text(encoding="utf-8"))
    before = digest(data, Module)
    data["order"] = 5  # structure, not text
    assert digest(data, Module) == before
    data["blocks"][0]["items"][0] = "Changed."
    assert digest(data, Module) != before


def test_status_strict_and_stamp(project_dir, monkeypatch):
    monkeypatch.chdir(project_dir)
    runner = CliRunner()
    assert runner.invoke(main, ["i18n", "status", "--strict"]).exit_code == 0
    source = project_dir / "content" / f"{MODULE}.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Treat setbacks as chances to learn.",
                                                                 "See setbacks as chances to learn."),
                      encoding="utf-8")
    result = runner.invoke(main, ["i18n", "status", "--strict"])
    assert result.exit_code == 1
    assert "1 stale" in result.output and "recovery-education-and-training.fr.yml" in result.output
    assert runner.invoke(main, ["i18n", "stamp", "fr"]).exit_code == 0
    assert runner.invoke(main, ["i18n", "status", "--strict"]).exit_code == 0


def test_translation_of_unknown_module_or_language_is_reported(content_dir):
    write(content_dir / "modules/education/no-such-module.fr.yml", "title: Rien\n")
    write(content_dir / "modules/education/recovery-education-and-training.de.yml", "title: Genesung\n")
    problems = problems_of(content_dir)
    assert "no module 'no-such-module'" in only(problems, "translation-orphan").message
    assert "'de'" in only(problems, "unknown-language").message


def test_ui_catalogue_covers_every_message(tmp_path):
    from babel.messages.pofile import read_po

    from toolkit_builder.core.i18n import PACKAGE_LOCALES, extract_messages

    fresh = tmp_path / "check.pot"
    extract_messages(fresh)
    current = {m.id for m in read_po(fresh.open("rb")) if m.id}
    shipped = {m.id for m in read_po((PACKAGE_LOCALES / "toolkit.pot").open("rb")) if m.id}
    assert current == shipped, "toolkit.pot is stale: run `toolkit i18n extract`"
    french = read_po((PACKAGE_LOCALES / "fr/LC_MESSAGES/toolkit.po").open("rb"), locale="fr")
    assert {m.id for m in french if m.id and m.string} == current


# --------------------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def bilingual_site(browser_site) -> Path:
    """The bundled toolkit as the session built it (`toolkit build`: every language, strict)."""
    return browser_site


def test_every_page_exists_in_both_languages_at_the_same_path(bilingual_site):
    english = {p.relative_to(bilingual_site) for p in bilingual_site.rglob("index.html")
               if not p.relative_to(bilingual_site).parts[0] == "fr"}
    french = {p.relative_to(bilingual_site / "fr") for p in (bilingual_site / "fr").rglob("index.html")}
    assert english == french and len(english) == len(render_site(load_project(CONTENT)))


def test_french_pages_are_french(bilingual_site):
    page = soup(bilingual_site / "fr" / PAGE)
    assert page.html["lang"] == "fr"
    assert page.select_one("article h1").get_text(strip=True).startswith("Éducation et formation")
    assert page.select_one("input.md-search__input")["placeholder"] == "Rechercher"
    assert page.find(id="references").get_text(strip=True).startswith("Références")
    header = [th.get_text(strip=True) for th in page.select("#chime ~ .tk-framework thead th, "
                                                           ".tk-framework thead th")]
    assert "Dimensions du Guide de référence" in header
    assert not page.select("[lang=en].tk-untranslated, .tk-untranslated-page")
    search = (bilingual_site / "fr/search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["fr"]' in search.replace(" ", "")


def test_switcher_leads_to_the_same_page_in_the_other_language(bilingual_site):
    for language, path in (("en", bilingual_site / PAGE), ("fr", bilingual_site / "fr" / PAGE)):
        page = soup(path)
        links = {a["hreflang"]: a for a in page.select("a.md-select__link")}
        assert set(links) == {"en", "fr"}
        for target_language, link in links.items():
            assert link["lang"] == target_language
            target = (path.parent / link["href"] / "index.html").resolve()
            expected = (bilingual_site / PAGE) if target_language == "en" else (bilingual_site / "fr" / PAGE)
            assert target == expected.resolve(), (language, target_language, link["href"])
        assert links[language].get("aria-current") == "true"
        # Material's script would fetch a sitemap.xml beside each <link rel="alternate"> (issue 14).
        assert page.select_one("head link[rel=alternate][hreflang]") is None


# --------------------------------------------------------------------------- localized copies


SPANISH_PO = r'''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: es\n"

msgid "References"
msgstr "Referencias"

msgid "This part has not been translated yet. It is shown in %(language)s."
msgstr "Esta parte aún no está traducida. Se muestra en %(language)s."
'''


@pytest.fixture(scope="module")
def localized_copy(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("copy") / "ourtoolkit"
    result = run_toolkit("init", str(site), "--upstream", str(CONTENT), "--name", "Rivière Health",
                         cwd=site.parent)
    assert result.returncode == 0, result.stderr
    content = site / "content"
    overlay = (content / "toolkit.yml").read_text(encoding="utf-8")
    overlay = overlay.replace("hide: []", "hide: []\nlanguages: [en, fr, es]")
    (content / "toolkit.yml").write_text(overlay, encoding="utf-8")
    write(content / "upstream/toolkit.es.yml", """
        title: Del dicho al hecho
        sections:
          - id: education
            title: Educación y formación
        """)
    write(content / "modules/education/recovery-education-and-training.es.yml", """
        title: Educación y formación para la recuperación
        blocks:
          - id: at-a-glance
            heading: En resumen
            intro: Tres partes trabajan juntas.
            items: [La educación da conocimientos., La formación da habilidades., La coproducción da contexto.]
        """)
    write(content / "modules/local/local-resources.fr.yml", """
        title: Nos ressources en rétablissement
        summary: Où trouver l’éducation au rétablissement et le soutien par les pairs chez nous.
        blocks:
          - heading: Notre Collège de rétablissement
            text: Les cours, l’adresse et l’inscription.
          - title: Contact
            text: Le nom, le téléphone et le courriel de la personne à joindre.
        """)
    write(content / "locale/es/LC_MESSAGES/toolkit.po", SPANISH_PO)
    result = run_toolkit("build", "--strict", cwd=site)
    assert result.returncode == 0, result.stderr
    return site


def test_copy_builds_three_languages_with_switcher(localized_copy):
    site = localized_copy / "site"
    for prefix, language in (("", "en"), ("fr/", "fr"), ("es/", "es")):
        page = soup(site / prefix / PAGE)
        assert page.html["lang"] == language
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert set(links) == {"en", "fr", "es"}
        for target, href in links.items():
            resolved = (site / prefix / PAGE).parent / href / "index.html"
            assert resolved.resolve() == (site / ("" if target == "en" else f"{target}/") / PAGE).resolve()


def test_copy_spanish_partial_translation_falls_back_to_english(localized_copy):
    page = soup(localized_copy / "site/es" / PAGE)
    assert page.select_one("article h1").get_text(strip=True).startswith("Educación y formación")
    assert page.find(id="at-a-glance").get_text(strip=True).startswith("En resumen")
    fallbacks = page.select("div.tk-untranslated[lang=en]")
    assert len(fallbacks) == 11
    assert fallbacks[0].select_one(".tk-untranslated-notice").get_text(strip=True).startswith(
        "Esta parte aún no está traducida")
    assert page.find(id="references").get_text(strip=True).startswith("Referencias")
    assert page.select_one("input.md-search__input")["placeholder"] == "Búsqueda"


def test_copy_has_organization_branding_and_local_module(localized_copy):
    site = localized_copy / "site"
    home = soup(site / "index.html")
    footer = home.select_one(".tk-organization")
    assert "Rivière Health" in footer.get_text() and footer.select_one('a[href="mailto:toolkit@example.org"]')
    assert (site / "assets/toolkit/brand.css").read_text(encoding="utf-8").count("#1b5480") >= 2
    assert home.select_one('link[href$="assets/toolkit/brand.css"]')
    local = soup(site / "local/local-resources/index.html")
    assert local.select_one("article h1").get_text(strip=True).startswith("Our recovery resources")
    french_local = soup(site / "fr/local/local-resources/index.html")
    assert french_local.select_one("article h1").get_text(strip=True).startswith("Nos ressources")
    assert not local.select_one("a[rel=edit]")  # edit_url left empty by `toolkit init`


def test_copy_can_hide_and_replace_upstream_modules(localized_copy, tmp_path):
    site = tmp_path / "copy"
    shutil.copytree(localized_copy, site, ignore=shutil.ignore_patterns("site"))
    overlay = (site / "content/toolkit.yml").read_text(encoding="utf-8").replace("hide: []", "hide: [local-resources]")
    (site / "content/toolkit.yml").write_text(overlay, encoding="utf-8")
    write(site / "content/modules/education/recovery-education-and-training.yml", """
        id: recovery-education-and-training
        title: Our own recovery education plan
        section: education
        blocks:
          - type: prose
            text: Our plan replaces the upstream module.
        """)
    for language in ("fr", "es"):
        (site / f"content/modules/education/recovery-education-and-training.{language}.yml").unlink(missing_ok=True)
    project = load_project([CONTENT, site / "content"])
    ids = [m.id for m in project.modules]
    assert "local-resources" not in ids and ids.count("recovery-education-and-training") == 1
    assert project.modules[ids.index("recovery-education-and-training")].title == "Our own recovery education plan"
    assert project.layers["recovery-education-and-training"] == 1


def test_copy_branding_with_low_contrast_is_refused(tmp_path):
    site = tmp_path / "copy"
    assert run_toolkit("init", str(site), "--upstream", str(CONTENT), cwd=tmp_path).returncode == 0
    overlay = (site / "content/toolkit.yml").read_text(encoding="utf-8").replace('primary: "#1b5480"',
                                                                                   'primary: "#ffdd00"')
    (site / "content/toolkit.yml").write_text(overlay, encoding="utf-8")
    problems = problems_of_layers([CONTENT, site / "content"])
    problem = only(problems, "low-contrast")
    assert "'#ffdd00'" in problem.message and "4.5:1" in problem.message
    assert overlay.splitlines()[problem.line - 1].strip().startswith("primary:")


def problems_of_layers(layers):
    with pytest.raises(ContentError) as caught:
        load_project(layers)
    return caught.value.problems


def test_french_pages_carry_no_english_interface_string(bundled_site):
    """Every string a reader sees is in the page's language: no English interface string (as text,
    or as a label in an attribute) on any French page, apart from passages marked lang="en"."""
    from toolkit_builder.core.i18n import PACKAGE_LOCALES

    english = english_fragments(PACKAGE_LOCALES / "fr/LC_MESSAGES/toolkit.po", "fr")
    pages = sorted((bundled_site / "fr").rglob("*.html"))
    assert len(pages) > 20
    found = found_on_pages(bundled_site, pages, english)
    assert found == [], "\n".join(found)


def test_a_replaced_module_takes_only_its_own_translations(tmp_path):
    """A local copy that replaces an upstream module is not held to the upstream's translation
    of it: the replacement shows in the default language until the copy translates it."""
    overlay = tmp_path / "local"
    write(overlay / "modules/education/recovery-education-and-training.yml", """
        id: recovery-education-and-training
        title: Our own recovery education
        section: education
        summary: How our service does it.
        blocks:
          - type: prose
            text: Our own text, one paragraph.
    """)
    projects = load_languages([CONTENT, overlay])
    french = projects["fr"]
    module = next(m for m in french.modules if m.id == "recovery-education-and-training")
    assert module.title == "Our own recovery education"
    assert french.untranslated[module.id].whole
    write(overlay / "modules/education/recovery-education-and-training.fr.yml", """
        title: Notre propre formation
    """)
    module = next(m for m in load_languages([CONTENT, overlay])["fr"].modules if m.id == module.id)
    assert module.title == "Notre propre formation"


def test_status_reports_interface_strings_a_language_lacks(project_dir):
    """A language with no catalogue shows English interface strings: status says so, and --strict fails."""
    toolkit = project_dir / "content/toolkit.yml"
    toolkit.write_text(toolkit.read_text(encoding="utf-8").replace("languages: [en, fr]", "languages: [en, fr, de]"),
                       encoding="utf-8")  # German: a language the package has no catalogue for
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "i18n", "status", "--strict", "--details"],
                            cwd=project_dir, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert re.search(r"^de: interface strings: 0 of \d+ translated", result.stdout, re.MULTILINE), result.stdout
    assert result.stdout.count("untranslated: '") == 30  # --details lists them, thirty at most
    assert not re.search(r"^fr: interface strings", result.stdout, re.MULTILINE)
