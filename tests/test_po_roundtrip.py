"""Content translation through PO files: `toolkit i18n export` and `toolkit i18n import`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from toolkit_builder.cli import main

from .conftest import ROOT

PAGE = "content/modules/education/recovery-education-and-training"


def run(project: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["i18n", *args, "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == code, result.output
    return result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def edit(po: Path, context: str, string: str, fuzzy: bool | None = None) -> int:
    """Change one message's msgstr as a translation platform would; return its msgstr line."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    message = next(m for m in catalog if m.context == context)
    message.string = string
    if fuzzy is not None:
        (message.flags.add if fuzzy else message.flags.discard)("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100)
    lines = po.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line == f'msgctxt "{context}"')
    return next(i + 1 for i in range(start, len(lines)) if lines[i].startswith("msgstr"))


@pytest.fixture
def exported(project_dir: Path, monkeypatch) -> Path:
    monkeypatch.chdir(project_dir)
    output = run(project_dir, "export", "fr", "-o", "po/fr")
    assert "wrote po/fr/content/modules/education/recovery-education-and-training.po" in output
    return project_dir / "po" / "fr"


def test_export_names_every_text_and_its_translation(exported: Path):
    po = exported / f"{PAGE}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    assert str(catalog.locale) == "fr"
    title = catalog.get("Recovery education and training", context="title")
    assert title is not None and title.string == "Éducation et formation sur le rétablissement"
    assert "The module's title" in " ".join(title.auto_comments)
    assert title.locations == [("content/modules/education/recovery-education-and-training.yml", 3)]
    assert not any(m.fuzzy for m in catalog if m.id)  # the bundled translations are current
    assert {m.context for m in catalog if m.id} >= {"summary", "blocks.0.heading", "blocks.0.items.0"}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_exported_files_pass_msgfmt_check(exported: Path):
    for po in sorted(exported.rglob("*.po")):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_an_unchanged_round_trip_changes_no_file(exported: Path, project_dir: Path):
    before = snapshot(project_dir / "content")
    output = run(project_dir, "import", "fr", str(exported))  # a folder: every PO file in it
    assert "0 file(s) changed" in output
    assert snapshot(project_dir / "content") == before


def test_an_edited_translation_lands_in_its_file_and_on_the_french_page(exported: Path, project_dir: Path):
    before = snapshot(project_dir / "content")
    source = (project_dir / f"{PAGE}.fr.yml").read_text(encoding="utf-8")
    edit(exported / f"{PAGE}.po", "blocks.0.heading", "L’essentiel en bref")
    output = run(project_dir, "import", "fr", *map(str, sorted(exported.rglob("*.po"))))
    assert "1 file(s) changed" in output
    after = snapshot(project_dir / "content")
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["modules/education/recovery-education-and-training.fr.yml"]
    text = after[changed[0]].decode("utf-8")
    assert "    heading: L’essentiel en bref\n" in text
    # Only that line changed: comments, block texts and the stamp are as the translator left them.
    old, new = source.splitlines(), text.splitlines()
    assert len(old) == len(new) and [i for i, (a, b) in enumerate(zip(old, new)) if a != b] == \
        [old.index("    heading: En bref")]
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build", "-l", "fr"], cwd=project_dir,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    page = project_dir / "site/fr/education/recovery-education-and-training/index.html"
    assert "L’essentiel en bref" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("broken, said", [
    ("Voir [l’éducation et la formation](../education/ailleurs.md).", "links to the site's pages"),
    ("Voir l’éducation et la formation.", "link(s) where the source has"),
])
def test_a_broken_translation_is_refused_at_its_line_and_nothing_is_written(exported, project_dir, broken, said):
    before = snapshot(project_dir / "content")
    po = exported / "content/modules/facilitation/shared-understanding-of-recovery.po"
    with po.open("rb") as handle:
        linked = next(m for m in read_po(handle) if m.id and "recovery-education-and-training.md" in m.id)
    line = edit(po, linked.context, broken)
    # Another file's good edit is not written either.
    edit(exported / f"{PAGE}.po", "blocks.0.heading", "L’essentiel")
    output = run(project_dir, "import", "fr", *map(str, sorted(exported.rglob("*.po"))), code=1)
    assert f"shared-understanding-of-recovery.po:{line}:" in output and said in output
    assert "Nothing was written." in output
    assert snapshot(project_dir / "content") == before


def test_a_citation_left_out_is_refused(exported, project_dir):
    for po in sorted(exported.rglob("*.po")):
        with po.open("rb") as handle:
            cited = next((m for m in read_po(handle) if m.id and "[@" in m.id), None)
        if cited is not None:
            break
    assert cited is not None, "no text of the bundled toolkit cites a reference inline"
    line = edit(po, cited.context, "Un texte sans sa citation.")
    output = run(project_dir, "import", "fr", str(po), code=1)
    assert f"{po.name}:{line}:" in output and "citations" in output


def test_an_unknown_context_is_refused(exported, project_dir):
    po = exported / f"{PAGE}.po"
    text = po.read_text(encoding="utf-8").replace('msgctxt "blocks.0.heading"', 'msgctxt "blocks.99.heading"')
    po.write_text(text, encoding="utf-8")
    line = text.splitlines().index('msgctxt "blocks.99.heading"') + 1
    output = run(project_dir, "import", "fr", str(po), code=1)
    assert f"{po.name}:{line}:" in output and "blocks.99.heading" in output


def test_a_new_language_is_written_from_po_files_and_stamped_when_complete(tmp_path, monkeypatch):
    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    monkeypatch.chdir(project)
    toolkit = project / "content/toolkit.yml"
    toolkit.write_text(toolkit.read_text(encoding="utf-8").replace("languages: [en, es]", "languages: [en, es, pt]"),
                       encoding="utf-8")
    run(project, "export", "pt", "-o", "po/pt")
    templates = run(project, "export", "en", "-o", "po/en")
    assert ".pot" in templates
    po = next(p for p in sorted((project / "po/pt").rglob("*.po")) if "season-plan" in p.name)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    assert all(not m.string for m in catalog if m.id)
    for message in catalog:
        if message.id:
            message.string = f"PT {message.id}"  # keeps every link and citation of the source
    with po.open("wb") as handle:
        write_po(handle, catalog)
    output = run(project, "import", "pt", str(po))
    written = next(project.rglob("season-plan.pt.yml"))
    assert f"wrote {written.relative_to(project).as_posix()}" in output
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Portuguese (pt) translation of content/") and "\nsource: " in text
    status = run(project, "status")
    assert "season-plan.pt.yml" not in status  # complete and current: not listed
    # The same file again changes nothing.
    assert "0 file(s) changed" in run(project, "import", "pt", str(po))


def test_a_copys_upstream_texts_go_out_and_come_back_under_its_upstream_folder(tmp_path, monkeypatch):
    project = tmp_path / "ours"
    shutil.copytree(ROOT / "tests/fixtures/copy/upstream", tmp_path / "upstream")
    shutil.copytree(ROOT / "tests/fixtures/copy/overlay", project / "content")
    (project / "mkdocs.yml").write_text("site_name: Ours\ntheme:\n  name: material\nplugins:\n  - toolkit:\n"
                                        "      content_dir: content\n      upstream: [../upstream]\n", encoding="utf-8")
    (project / "docs").mkdir()
    monkeypatch.chdir(project)
    run(project, "export", "es", "-o", "po/es")
    run(project, "export", "en", "-o", "po/en")
    translations = {p.relative_to(project / "po/es").with_suffix("") for p in (project / "po/es").rglob("*.po")}
    templates = {p.relative_to(project / "po/en").with_suffix("") for p in (project / "po/en").rglob("*.pot")}
    assert translations == templates and Path("content/upstream/toolkit") in translations
    before = snapshot(project / "content")
    assert "0 file(s) changed" in run(project, "import", "es", "po/es")
    assert snapshot(project / "content") == before


def test_a_changed_source_goes_out_fuzzy_and_comes_back_stamped(project_dir, monkeypatch):
    monkeypatch.chdir(project_dir)
    source = project_dir / f"{PAGE}.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("heading: At a glance", "heading: The essentials at a glance", 1), encoding="utf-8")
    run(project_dir, "export", "fr", "-o", "po/fr")
    po = project_dir / "po/fr" / f"{PAGE}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    assert all(m.fuzzy for m in messages)  # the file is stale: every translation needs a look
    changed = catalog.get("The essentials at a glance", context="blocks.0.heading")
    assert changed is not None and changed.string == "En bref"
    changed.string = "L’essentiel en bref"
    for message in messages:  # the translator checked them all
        message.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog)
    output = run(project_dir, "import", "fr", str(po))
    assert "1 file(s) changed" in output
    status = run(project_dir, "status")
    assert "recovery-education-and-training.fr.yml" not in status  # complete and current again


def test_a_file_with_windows_line_endings_keeps_them(exported, project_dir):
    target = project_dir / f"{PAGE}.fr.yml"
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    edit(exported / f"{PAGE}.po", "blocks.0.heading", "L’essentiel en bref")
    run(project_dir, "import", "fr", str(exported / f"{PAGE}.po"))
    written = target.read_bytes()
    assert "L’essentiel en bref\r\n".encode() in written and b"\n" not in written.replace(b"\r\n", b"")
