"""An organization's copy, end to end: `toolkit init` on a small upstream (tests/fixtures/copy/upstream),
then the copy's own content (tests/fixtures/copy/overlay): a module added (local-resources), one
replaced (contacts), one hidden (old-approach), and Spanish besides English and French, with its
interface catalogue in the copy's own folder. It must pass every check a publisher runs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.i18n import PACKAGE_LOCALES

from .audit import audit_axe
from .browser import report, run_toolkit, serve_folder
from .interface_scan import english_fragments

FIXTURE = Path(__file__).parent / "fixtures" / "copy"
LANGUAGES = {"en": "", "fr": "fr/", "es": "es/"}
#: Strings of Material for MkDocs (in its English) that must follow the page's language too.
MATERIAL_ENGLISH = {"Skip to content", "Back to top", "Table of contents", "Made with", "Initializing search"}


@pytest.fixture(scope="module")
def org_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("org")
    shutil.copytree(FIXTURE / "upstream", root / "upstream")
    started = run_toolkit("init", "site", "--upstream", "upstream", "--name", "Rivière Santé", cwd=root)
    assert started.returncode == 0, started.stderr
    shutil.copytree(FIXTURE / "overlay", root / "site/content", dirs_exist_ok=True)
    built = run_toolkit("build", cwd=root / "site")
    assert built.returncode == 0, built.stderr
    return root / "site"


def page(site: Path, language: str, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / "site" / LANGUAGES[language] / path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


@pytest.mark.parametrize("command", [("validate", "--strict"), ("i18n", "status", "--strict"),
                                     ("linkcheck", "site")])
def test_the_copy_passes_every_check(org_copy, command):
    result = run_toolkit(*command, cwd=org_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = {"validate": "languages en, fr, es: no errors, no warnings.",
                "i18n": "es: 100% of texts translated; 6 files: 6 complete",
                "linkcheck": "No broken links."}[command[0]]
    assert expected in result.stdout, result.stdout


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_added_replaced_and_hidden_modules_in_every_language(org_copy, language):
    titles = {"en": ("Who to contact at Rivière Santé", "Our recovery resources"),
              "fr": ("Qui joindre à Rivière Santé", "Nos ressources en rétablissement"),
              "es": ("A quién contactar en Rivière Santé", "Nuestros recursos para la recuperación")}[language]
    replaced = page(org_copy, language, "practice/contacts")
    added = page(org_copy, language, "local/local-resources")
    assert replaced.html["lang"] == added.html["lang"] == language
    assert replaced.select_one("article h1").get_text(strip=True).rstrip("¶") == titles[0]
    assert added.select_one("article h1").get_text(strip=True).rstrip("¶") == titles[1]
    kept = page(org_copy, language, "education/welcome")
    assert kept.select_one("article h1") is not None
    pages = list((org_copy / "site" / LANGUAGES[language]).glob("*/*/index.html"))
    assert not (org_copy / "site" / LANGUAGES[language] / "education/old-approach").exists()
    assert not any("old-approach" in p.read_text(encoding="utf-8") for p in pages)
    footer = page(org_copy, language, "").select_one(".tk-organization")
    assert "Rivière Santé" in footer.get_text() and footer.select_one('a[href="mailto:recovery@riviere-sante.test"]')


@pytest.mark.parametrize("language", ["fr", "es"])
def test_no_english_on_the_pages_of_the_other_languages(org_copy, language):
    catalogue = (PACKAGE_LOCALES if language == "fr" else org_copy / "content/locale") / \
        f"{language}/LC_MESSAGES/toolkit.po"
    english = english_fragments(catalogue, language) | MATERIAL_ENGLISH
    assert len(english) > 90
    pages = sorted((org_copy / "site" / language).rglob("*.html"))
    assert len(pages) >= 10
    found = []
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == language, path
        assert not soup.select(".tk-untranslated"), f"{path}: a passage shown in English"
        # Marked English are only names and works: the switcher's "English", the footer's product name,
        # and the references (works published in English).
        marked = [e for e in soup.select('[lang="en"]') if "md-select__link" not in e.get("class", [])
                  and e.get_text(strip=True) != "Material for MkDocs" and not str(e.get("id", "")).startswith("ref-")
                  and not e.find_parent("li", id=re.compile("^ref-"))]
        assert marked == [], f"{path}: {marked}"
        for ignored in soup.select('[lang="en"], code, script, style, [data-tk-url]'):
            ignored.decompose()
        text = soup.get_text(" ")
        labels = " ".join(str(value) for tag in soup.find_all(True)
                          for name, value in tag.attrs.items() if name in ("title", "aria-label", "placeholder", "alt"))
        found += [f"{path.relative_to(org_copy)}: {s!r}" for s in sorted(english) if s in text or s in labels]
    assert found == [], "\n".join(found)


def test_axe_finds_no_violation_on_pages_of_the_copy(org_copy, browser, request):
    paths = ["es/", "es/local/local-resources/", "fr/practice/contacts/"]
    with serve_folder(org_copy / "site") as base_url:
        results = audit_axe(browser, base_url, paths)
    assert {r.path for r in results} == set(paths) and len(results) == len(paths) * 4
    report(request.config, f"axe-core on the organization's copy: {len(results)} page views, "
                           f"{sum(r.count for r in results)} violation(s)")
    failing = [r for r in results if r.violations]
    assert not failing, "\n".join(r.describe() for r in failing)
