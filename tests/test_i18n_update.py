"""`toolkit i18n update`: a toolkit's own interface catalogue brought up to date with the package's
strings, and `toolkit i18n status` saying which strings are new."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.i18n import PACKAGE_LOCALES

from .conftest import ROOT

CATALOGUE = Path("content/locale/es/LC_MESSAGES/toolkit.po")


def ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {str(m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}


def test_update_brings_an_old_catalogue_up_to_date(tmp_path, monkeypatch):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    monkeypatch.chdir(project)
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    kept = sorted(ids(CATALOGUE))
    dropped = kept[::3]  # an older version of the package had fewer strings
    for message_id in dropped:
        del catalog[message_id]
    catalog.add("A string this version no longer has", "Una cadena que ya no existe")
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalog)
    new = ids(PACKAGE_LOCALES / "toolkit.pot") - ids(CATALOGUE)  # those dropped, and any the package added since
    assert set(dropped) <= new
    runner = CliRunner()
    status = runner.invoke(main, ["i18n", "status", "--details"])
    assert f"es: {len(new)} interface string(s) new since" in status.output
    assert "new: '" in status.output
    result = runner.invoke(main, ["i18n", "update", "es"])
    assert result.exit_code == 0, result.output
    assert f"{len(new)} new" in result.output and "1 obsolete" in result.output
    assert ids(CATALOGUE) >= ids(PACKAGE_LOCALES / "toolkit.pot")
    text = CATALOGUE.read_text(encoding="utf-8")
    assert '#~ msgid "A string this version no longer has"' in text  # kept, not lost
    assert "Una cadena que ya no existe" in text
    assert "new since" not in runner.invoke(main, ["i18n", "status"]).output


def test_update_without_a_catalogue_says_how_to_start_one(tmp_path, monkeypatch):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    monkeypatch.chdir(project)
    CATALOGUE.unlink()
    result = CliRunner().invoke(main, ["i18n", "update", "es"])
    assert result.exit_code == 2 and "toolkit i18n start es" in result.output
