"""Translation status of an organization's copy (hidden modules, files never stamped, files copied
and left in the source language) and `toolkit i18n start`, which begins a translation."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from babel.messages.pofile import read_po
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.i18n import merge, translation_status
from toolkit_builder.core.load import load_languages
from toolkit_builder.core.project import Module

from .conftest import write

UPSTREAM = Path(__file__).parent / "fixtures" / "copy" / "upstream"


def toolkit(cwd: Path, *args: str):
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(previous)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the small upstream that hides `old-approach` and adds Spanish."""
    shutil.copytree(UPSTREAM, tmp_path / "upstream")
    result = toolkit(tmp_path, "init", "site", "--upstream", "upstream", "--name", "Rivière Santé")
    assert result.exit_code == 0, result.output
    overlay = tmp_path / "site/content/toolkit.yml"
    overlay.write_text(overlay.read_text(encoding="utf-8").replace(
        "hide: []", "hide: [old-approach]\nlanguages: [en, fr, es]"), encoding="utf-8")
    return tmp_path / "site"


def status_of(copy: Path, language: str) -> dict[str, object]:
    layers = [copy.parent / "upstream", copy / "content"]
    return {r.source.name: r for r in translation_status(layers, language)}


def test_a_hidden_module_is_not_counted_as_missing(copy):
    assert "old-approach.yml" not in status_of(copy, "es")
    assert "old-approach.yml" not in status_of(copy, "fr")
    result = toolkit(copy, "i18n", "status")
    assert "old-approach" not in result.output, result.output
    # The upstream's and the copy's toolkit.yml, the glossary, and three modules: welcome, contacts, local-resources.
    assert re.search(r"^es: 0% .* 6 files: .* 6 missing$", result.output, re.MULTILINE), result.output


WELCOME_ES = """
    title: Lo que significa la recuperación
    summary: La recuperación es un camino personal, y los servicios pueden apoyarlo.
    blocks:
      - heading: Un camino personal
        text: |
          La recuperación es vivir una buena vida, con o sin síntomas.
          El marco CHIME nombra cinco partes [@leamy2011].
      - heading: Primeros pasos para un equipo
        items:
          - Pregunte a las personas qué les importa.
          - Comparta historias de esperanza.
    """


def test_a_translation_never_stamped_is_not_called_stale(copy):
    path = write(copy / "content/modules/education/welcome.es.yml", WELCOME_ES)
    assert status_of(copy, "es")["welcome.yml"].state == "unstamped"
    result = toolkit(copy, "i18n", "status")
    line = next(x for x in result.output.splitlines() if "welcome.es.yml" in x)
    assert line.split()[0] == "unstamped"
    assert "the source changed since" not in result.output
    assert "never stamped" in result.output and "toolkit i18n stamp es content/modules/education/welcome.es.yml" \
        in result.output
    assert toolkit(copy, "i18n", "stamp", "es", str(path.relative_to(copy))).exit_code == 0
    assert status_of(copy, "es")["welcome.yml"].state == "complete"


def test_a_copied_file_left_in_the_source_language_is_not_complete(copy):
    english = yaml.safe_load((UPSTREAM / "modules/education/welcome.yml").read_text(encoding="utf-8"))
    copied = {"title": english["title"], "summary": english["summary"],
              "blocks": [{k: v for k, v in block.items() if k in ("heading", "text", "items")}
                         for block in english["blocks"]]}
    path = copy / "content/modules/education/welcome.es.yml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(copied, allow_unicode=True, sort_keys=False), encoding="utf-8")
    toolkit(copy, "i18n", "stamp", "es", str(path.relative_to(copy)))
    status = status_of(copy, "es")["welcome.yml"]
    # Every text of three words or more is as in the source; "A personal journey" too. None is translated.
    assert (status.state, status.translated, status.copied) == ("partial", 0, 7)
    result = toolkit(copy, "i18n", "status", "--strict")
    assert result.exit_code == 1
    assert "welcome.es.yml (0/7 texts; 7 still as in the source)" in result.output


def test_start_writes_skeletons_of_the_texts_only_that_count_as_not_translated(copy):
    result = toolkit(copy, "i18n", "start", "es")
    assert result.exit_code == 0, result.output
    content = copy / "content"
    expected = {"upstream/toolkit.es.yml", "upstream/glossary.es.yml", "toolkit.es.yml",
                "modules/education/welcome.es.yml", "modules/practice/contacts.es.yml",
                "modules/local/local-resources.es.yml"}
    assert {p.relative_to(content).as_posix() for p in content.rglob("*.es.yml")} == expected  # none for hidden
    skeleton = (content / "modules/education/welcome.es.yml").read_text(encoding="utf-8")
    assert "# title: What recovery means" in skeleton and "#   Recovery is about living a good life" in skeleton
    live = [line for line in skeleton.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert live == ["blocks:", "  -", "  -"]  # no id, type, section, audience: nothing a translation must not carry
    # Editors check it against the translation schema its first line names: it passes.
    schema = json.loads((copy / "schema/translation.schema.json").read_text(encoding="utf-8"))
    assert skeleton.startswith("# yaml-language-server: $schema=../../../schema/translation.schema.json\n")
    assert not [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(yaml.safe_load(skeleton))]
    # Nothing is translated yet: status says so, the pages show English, and the content loads without a problem.
    statuses = status_of(copy, "es")
    assert all(r.state == "partial" and r.translated == 0 for r in statuses.values()), statuses
    spanish = load_languages([copy.parent / "upstream", content])["es"]
    assert spanish.untranslated["welcome"].whole
    # A translator removes the `# ` of each field and writes over the text: a valid, complete translation.
    translated = re.sub(r"^(\s*)# ", r"\1", "\n".join(skeleton.splitlines()[6:]), flags=re.MULTILINE)
    source = yaml.safe_load((UPSTREAM / "modules/education/welcome.yml").read_text(encoding="utf-8"))
    merged = merge(source, yaml.safe_load(translated), Module)
    assert (merged.issues, merged.missing, merged.translated) == ([], [], 7)
    # No interface catalogue: the package's Spanish translates every interface string.
    assert not (content / "locale/es/LC_MESSAGES/toolkit.po").exists()
    assert "every interface string is translated into es" in result.output


def test_start_never_overwrites_and_takes_files(copy):
    ours = write(copy / "content/modules/education/welcome.es.yml", WELCOME_ES)
    before = ours.read_text(encoding="utf-8")
    result = toolkit(copy, "i18n", "start", "es", "content/modules/local/local-resources.yml",
                     "../upstream/modules/education/welcome.yml")
    assert result.exit_code == 0, result.output
    assert "kept content/modules/education/welcome.es.yml: it exists" in result.output
    assert ours.read_text(encoding="utf-8") == before
    written = {p.name for p in (copy / "content").rglob("*.es.yml")}
    assert written == {"welcome.es.yml", "local-resources.es.yml"}
    po = write(copy / "content/locale/es/LC_MESSAGES/toolkit.po", 'msgid "Glossary"\nmsgstr "Vocabulario"\n')
    po.write_text(po.read_text(encoding="utf-8") + "\n# ours\n", encoding="utf-8")
    again = toolkit(copy, "i18n", "start", "es")
    assert "kept content/locale/es/LC_MESSAGES/toolkit.po: it exists" in again.output
    assert po.read_text(encoding="utf-8").endswith("# ours\n")
    assert "kept" not in again.output.replace("kept content/locale", "")  # the rest are written, not listed


@pytest.mark.parametrize(("language", "forms", "rule"), [("pl", 3, "n%10>=2"), ("ja", 1, "plural=0")])
def test_start_plural_forms_follow_the_language(copy, language, forms, rule):
    refused = toolkit(copy, "i18n", "start", language)
    assert refused.exit_code == 2 and "add it there first" in refused.output  # else the content would not load
    overlay = copy / "content/toolkit.yml"
    overlay.write_text(overlay.read_text(encoding="utf-8").replace("es]", f"es, {language}]"), encoding="utf-8")
    assert toolkit(copy, "i18n", "start", language).exit_code == 0
    assert toolkit(copy, "validate").exit_code == 0
    with (copy / f"content/locale/{language}/LC_MESSAGES/toolkit.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals == forms and rule in catalog.plural_forms.replace(" ", "")
    plural = next(m for m in catalog if isinstance(m.id, tuple))
    assert len(plural.string) == forms
    assert toolkit(copy, "i18n", "start", "xx-nonsense").exit_code == 2
    assert toolkit(copy, "i18n", "start", "en").exit_code == 2  # the source language


def test_start_writes_no_catalogue_for_a_language_the_package_translates(copy):
    result = toolkit(copy, "i18n", "start", "fr")
    assert result.exit_code == 0, result.output
    assert {p.relative_to(copy / "content").as_posix() for p in (copy / "content").rglob("*.fr.yml")} == {
        "toolkit.fr.yml", "modules/local/local-resources.fr.yml"}  # the upstream ships the rest
    assert not (copy / "content/locale").exists()
    assert "every interface string is translated into fr" in result.output


def test_a_replaced_module_is_missing_until_the_copy_translates_it(copy):
    """The upstream's French of `contacts` is not a translation of the copy's own `contacts`."""
    write(copy / "content/modules/practice/contacts.yml", """
        id: contacts
        title: Who to contact here
        section: practice
        summary: Our own contacts.
        audience: [facilitator]
        blocks:
          - type: prose
            text: Call the recovery education team at our main clinic.
        """)
    status = status_of(copy, "fr")["contacts.yml"]
    assert (status.state, status.translation) == ("missing", copy / "content/modules/practice/contacts.fr.yml")
    assert toolkit(copy, "i18n", "start", "fr").exit_code == 0
    assert "# title: Who to contact here" in (copy / "content/modules/practice/contacts.fr.yml").read_text(
        encoding="utf-8")
