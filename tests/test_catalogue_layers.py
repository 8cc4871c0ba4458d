"""Layered interface catalogues: a toolkit's own catalogue over the package's for the same
language, then the source (English) strings; and the Spanish and Portuguese catalogues the
package ships."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.i18n import (
    PACKAGE_LOCALES,
    catalogue_problems,
    catalogues,
    interface_coverage,
    load_translations,
)

from .conftest import ROOT

OWN = Path("content/locale/es/LC_MESSAGES/toolkit.po")


def own_catalogue(project: Path, strings: dict[str, str]) -> None:
    """The toolkit's Spanish catalogue translating only ``strings``."""
    with (PACKAGE_LOCALES / "toolkit.pot").open("rb") as handle:
        catalog = read_po(handle, locale="es")
    for message in catalog:
        if message.id in strings:
            message.string = strings[message.id]
    with (project / OWN).open("wb") as handle:
        write_po(handle, catalog)


def test_a_toolkits_catalogue_overrides_the_packages_for_what_it_translates(tmp_path):
    content = tmp_path / "content"
    (content / OWN.relative_to("content")).parent.mkdir(parents=True)
    own_catalogue(tmp_path, {"Glossary": "Vocabulario"})
    translations = load_translations("es", [content])
    assert translations.gettext("Glossary") == "Vocabulario"  # the toolkit's own
    assert translations.gettext("Print this page") == "Imprimir esta página"  # the package's
    assert translations.gettext("A string no catalogue has") == "A string no catalogue has"  # the source
    assert load_translations("es").gettext("Glossary") == "Glosario"


def test_a_regional_language_reads_its_general_languages_catalogue(tmp_path):
    content = tmp_path / "content"
    regional = content / "locale/pt_BR/LC_MESSAGES/toolkit.po"
    regional.parent.mkdir(parents=True)
    with (PACKAGE_LOCALES / "toolkit.pot").open("rb") as handle:
        catalog = read_po(handle, locale="pt_BR")
    catalog.get("Download the video").string = "Baixar o vídeo"
    with regional.open("wb") as handle:
        write_po(handle, catalog)
    translations = load_translations("pt_BR", [content])
    assert translations.gettext("Download the video") == "Baixar o vídeo"
    assert translations.gettext("Glossary") == "Glossário"
    assert interface_coverage("pt_BR", [content])[1] == interface_coverage("pt")[1]  # nothing of pt's lost


def test_a_spanish_toolkit_with_a_few_strings_of_its_own_shows_the_packages_spanish_for_the_rest(tmp_path):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    own_catalogue(project, {"Glossary": "Vocabulario"})
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build", "-l", "es"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    page = (project / "site/es/growing/preparing-the-beds/index.html").read_text(encoding="utf-8")
    assert "Vocabulario" in page and "Glosario" not in page
    assert "Imprimir esta página" in page and "Print this page" not in page


@pytest.mark.parametrize("language", ["es", "pt"])
def test_the_package_ships_a_complete_catalogue(language):
    total, untranslated = interface_coverage(language)
    assert total > 100 and len(untranslated) <= total * 0.05, untranslated
    assert catalogue_problems(language) == []  # placeholders and plural forms, checked by Babel
    with (PACKAGE_LOCALES / language / "LC_MESSAGES/toolkit.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == len(Locale.parse(language).plural_form.rules) + 1


def test_a_fresh_spanish_or_portuguese_toolkit_needs_no_interface_catalogue(tmp_path, monkeypatch):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    shutil.rmtree(project / "content/locale")  # no catalogue of its own
    toolkit = project / "content/toolkit.yml"
    toolkit.write_text(toolkit.read_text(encoding="utf-8").replace("languages: [en, es]", "languages: [en, es, pt]"),
                       encoding="utf-8")
    monkeypatch.chdir(project)
    output = CliRunner().invoke(main, ["i18n", "status"]).output
    assert "es: 100% of texts translated" in output  # the content's Spanish, as before
    for language in ("es", "pt"):
        assert f"{language}: interface strings" not in output, output


def test_a_catalogue_is_checked_again_when_it_changes_and_only_then(tmp_path, monkeypatch):
    """The checks of a catalogue are kept by its file's stamp: a preview's rebuild reads it again only
    when it changed, and a mistake made or mended between two rebuilds is seen at the next."""
    content = tmp_path / "content"
    (content / OWN.relative_to("content")).parent.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    own_catalogue(tmp_path, {"Glossary": "Vocabulario"})
    assert catalogue_problems("es", [content]) == []
    reads = []
    monkeypatch.setattr(catalogues, "read_po", lambda *a, **k: reads.append(1) or read_po(*a, **k))
    assert catalogue_problems("es", [content]) == [] and reads == []  # unchanged: not read again
    own_catalogue(tmp_path, {"Glossary": "Vocabulario %(number)9s"})
    found = catalogue_problems("es", [content])
    assert reads and [p.code for p in found] == ["bad-catalogue"] and "width" in found[0].message
    own_catalogue(tmp_path, {"Glossary": "Glosario"})
    assert catalogue_problems("es", [content]) == []
