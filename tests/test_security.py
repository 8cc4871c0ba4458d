"""Content from an untrusted pull request: each way a red-team pass broke the promises of the
README's Security section, with only content files, now gets a located error or a safe page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from toolkit_builder.cli import build as build_module
from toolkit_builder.cli import main
from toolkit_builder.core.limits import MAX_LINK_SYNTAX_PER_TEXT

from .conftest import problems_of, write
from .html_safety import unsafe_markup

MODULE = "content/modules/education/recovery-education-and-training.yml"


def toolkit(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit_builder.cli", *args], cwd=project, capture_output=True,
                          text=True, timeout=timeout)


def add_to_toolkit(content: Path, text: str) -> None:
    path = content / "toolkit.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# ---------------------------------------------------------------- script in the footer, in links

def test_organization_values_are_text_in_every_footer(project_dir):
    add_to_toolkit(project_dir / "content", """
organization:
  name: "ORG<img src=x onerror=alert(1)>"
  contact: "<script>alert(2)</script> team"
  url: https://example.org/team?a=1&b=2
  email: team@example.org
  phone: +1 514 555-0100 ext. 12
  links:
    - label: "<svg onload=alert(3)>Help"
      url: https://example.org/help
""")
    result = toolkit(project_dir, "build")
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "fr/index.html", "education/recovery-education-and-training/index.html"):
        html = (project_dir / "site" / page).read_text(encoding="utf-8")
        assert unsafe_markup(html) == [], page
        footer = BeautifulSoup(html, "html.parser").select_one(".tk-organization")
        assert "ORG<img src=x onerror=alert(1)>" in footer.get_text()
        assert footer.select_one("a[href^='https://example.org/team']")["href"] == "https://example.org/team?a=1&b=2"


@pytest.mark.parametrize("field, value, message", [
    ("url", 'https://example.org/"onmouseover="alert(2)"x="', "is not a web address"),
    ("url", "https://example.org/<script>", "is not a web address"),
    ("email", 'a@b.c"><script>', "is not an e-mail address"),
    ("phone", "<b>555</b>", "is not a telephone number"),
])
def test_organization_addresses_that_could_leave_an_attribute_are_refused(content_dir, field, value, message):
    add_to_toolkit(content_dir, f"\norganization:\n  name: Org\n  {field}: {json.dumps(value)}\n")
    (problem,) = [p for p in problems_of(content_dir) if p.code == "bad-value"]
    assert problem.file.endswith("toolkit.yml") and message in problem.message


def test_footer_link_with_a_script_scheme_is_refused(content_dir):
    add_to_toolkit(content_dir, "\norganization:\n  name: Org\n  links:\n    - label: x\n      url: javascript:alert(1)\n")
    (problem,) = [p for p in problems_of(content_dir) if p.code == "bad-value"]
    assert "javascript:alert(1)" in problem.message


def test_component_keys_are_slugs(content_dir):
    path = content_dir / "toolkit.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("- key: connection", "- key: x)[K](javascript:alert(1))"),
                    encoding="utf-8")
    problems = [p for p in problems_of(content_dir) if p.code == "bad-value"]
    assert any("'x)[K](javascript:alert(1))' is not a valid key" in p.message for p in problems)


def test_glossary_terms_that_differ_only_in_punctuation_are_one_place(content_dir):
    path = content_dir / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - term: C&D\n    definition: One.\n"
                    "  - term: C-D\n    definition: Two.\n", encoding="utf-8")
    (problem,) = [p for p in problems_of(content_dir) if p.code == "duplicate-id"]
    assert "'C&D' and 'C-D'" in problem.message and problem.file.endswith("glossary.yml")


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u0080", "\u009b"])
def test_direction_and_c1_controls_are_refused(content_dir, character):
    path = content_dir / MODULE.removeprefix("content/")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Recovery education and training",
                                 f"title: \"Recovery {character}education\""), encoding="utf-8")
    problems = [p for p in problems_of(content_dir) if p.code == "bad-character"]
    assert problems and problems[0].line == 3


# ---------------------------------------------------------------- catalogues are content too

FR_CATALOGUE = "content/locale/fr/LC_MESSAGES/toolkit.po"
HEADER = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')


def test_catalogue_strings_are_text_never_markup_or_links(project_dir):
    write(project_dir / FR_CATALOGUE, HEADER + 'msgid "Glossary"\nmsgstr "Glossaire<svg onload=alert(3)>"\n\n'
          'msgid "Sources:"\nmsgstr "Parcourir](javascript:alert(4)) [x"\n\n'
          'msgid "Print this page"\nmsgstr "Imprimer\\" onfocus=\\"alert(5)"\n')
    result = toolkit(project_dir, "build")
    assert result.returncode == 0, result.stderr
    pages = sorted((project_dir / "site/fr").rglob("*.html"))
    for page in pages:
        assert unsafe_markup(page.read_text(encoding="utf-8")) == [], page
    html = (project_dir / "site/fr/education/recovery-education-and-training/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert "Glossaire<svg onload=alert(3)>" in soup.select_one("nav.md-nav--primary").get_text()
    assert "Parcourir](javascript:alert(4)) [x" in soup.select_one("article").get_text()


@pytest.mark.parametrize("entry, line, message", [
    ('msgid "Reference %(number)s"\nmsgstr "Référence %(numero)s"\n', 8, "unknown named placeholder 'numero'"),
    ('msgid "%(num)d hour"\nmsgid_plural "%(num)d hours"\nmsgstr[0] "%(num)d heure"\nmsgstr[1] ""\n', 9,
     "leaves a plural form empty"),
])
def test_catalogue_mistakes_are_located(project_dir, entry, line, message):
    write(project_dir / FR_CATALOGUE, HEADER + entry)
    result = toolkit(project_dir, "validate")
    assert result.returncode == 1
    assert f"{FR_CATALOGUE}:{line}:1: error [bad-catalogue]" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_catalogue_with_bad_bytes_is_located(project_dir):
    path = project_dir / FR_CATALOGUE
    path.parent.mkdir(parents=True)
    path.write_bytes(HEADER.encode() + b'msgid "Glossary"\nmsgstr "Glos\xffsaire"\n')
    result = toolkit(project_dir, "validate")
    assert result.returncode == 1
    assert f"{FR_CATALOGUE}:8:13: error [bad-catalogue] the catalogue is not valid UTF-8 text" in result.stderr


# ---------------------------------------------------------------- bounded time on any text

#: Far above what these take (about a second each); far below what they took before (minutes).
GENEROUS = 60


@pytest.mark.parametrize("text", ["[" * 20_000, "*_[" * 20_000, "[a](" * 20_000, "[@" * 20_000])
def test_pathological_texts_end_quickly_with_a_located_error(project_dir, text):
    write(project_dir / "content/modules/education/odd.yml",
          "id: odd\ntitle: Odd\nsection: education\nblocks:\n  - type: prose\n    text: " + json.dumps(text) + "\n")
    for command in ("validate", "build"):
        started = time.monotonic()
        result = toolkit(project_dir, command, timeout=GENEROUS * 2)
        assert time.monotonic() - started < GENEROUS, command
        assert result.returncode == 1 and "odd.yml:6:11: error [text-too-complex]" in result.stderr, result.stderr


def test_texts_at_the_limits_build_in_bounded_time(project_dir):
    """The worst a file may hold: its texts at the per-text limit, up to the per-file limit."""
    text = "*_[" * (MAX_LINK_SYNTAX_PER_TEXT // 3)
    blocks = "".join(f"  - type: prose\n    text: {json.dumps(text)}\n" for _ in range(19))
    write(project_dir / "content/modules/education/odd.yml", "id: odd\ntitle: Odd\nsection: education\nblocks:\n"
          + blocks)
    started = time.monotonic()
    result = toolkit(project_dir, "build")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    print(f"build at the limits: {elapsed:.1f} s")
    assert elapsed < GENEROUS


def test_deeply_nested_lists_are_a_located_error(project_dir):
    text = "\n".join("    " * level + "- x" for level in range(500))
    write(project_dir / "content/modules/education/odd.yml",
          "id: odd\ntitle: Odd\nsection: education\nblocks:\n  - type: prose\n    text: " + json.dumps(text) + "\n")
    result = toolkit(project_dir, "build")
    assert result.returncode == 1 and "[text-too-complex]" in result.stderr and "indented by" in result.stderr
    assert "RecursionError" not in result.stderr and "internal error" not in result.stderr


def test_citation_keys_with_dashes_are_cited(project_dir):
    references = project_dir / "content/references.yml"
    references.write_text(references.read_text(encoding="utf-8")
                          + "smith--2020:\n  authors: Smith, A.\n  year: 2020\n  title: A study\n", encoding="utf-8")
    write(project_dir / "content/modules/education/odd.yml",
          "id: odd\ntitle: Odd\nsection: education\nblocks:\n  - type: prose\n    text: As shown [@smith--2020].\n")
    result = toolkit(project_dir, "build")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project_dir / "site/education/odd/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("sup.tk-cite a")["href"] == "#ref-1"
    assert "Smith, A. (2020)" in page.select_one("article").get_text()


# ---------------------------------------------------------------- files outside the content folder

def test_a_module_linked_to_a_file_outside_the_content_folder_is_not_read(project_dir, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("id: secret\ntitle: TOP SECRET VALUE\nsection: education\nblocks:\n"
                      "  - type: prose\n    text: hidden\n", encoding="utf-8")
    (project_dir / "content/modules/education/secret.yml").symlink_to(secret)
    result = toolkit(project_dir, "build")
    assert result.returncode == 1
    assert "secret.yml:1:1: error [unreadable] the file is a link to a file outside the content folder" in result.stderr
    assert "TOP SECRET VALUE" not in result.stderr + result.stdout
    assert not (project_dir / "site").exists()


@pytest.mark.parametrize("kind", ["stdin", "fifo"])
def test_devices_and_pipes_are_not_read(project_dir, kind):
    path = project_dir / "content/modules/education/odd.yml"
    if kind == "stdin":
        path.symlink_to("/dev/stdin")
    else:
        os.mkfifo(path)
    result = toolkit(project_dir, "validate", timeout=60)
    assert result.returncode == 1 and "odd.yml:1:1: error [unreadable]" in result.stderr


# ---------------------------------------------------------------- commands

def test_init_quotes_an_upstream_path_yaml_would_misread(tmp_path, project_dir):
    upstream = tmp_path / "up #1: x"
    (project_dir / "content").rename(upstream)
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "init", "site", "--upstream", upstream.name],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    built = toolkit(tmp_path / "site", "build")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site/site/education/recovery-education-and-training/index.html").is_file()


@pytest.fixture
def built_once(project_dir, monkeypatch):
    """The project built once in this process (one worker), so the swap can be made to fail."""
    monkeypatch.chdir(project_dir)
    result = CliRunner().invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    return project_dir / "site"


def test_a_site_that_cannot_be_replaced_stays_in_place(built_once, monkeypatch):
    marker = built_once / "kept.txt"
    marker.write_text("the previous site", encoding="utf-8")
    real_rename = Path.rename

    def refuse(self: Path, target):
        if self == built_once:
            raise PermissionError(13, "Permission denied", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    result = CliRunner().invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert "the new site could not take the place of" in result.output and "Permission denied" in result.output
    assert "Traceback" not in result.output and marker.read_text(encoding="utf-8") == "the previous site"


def test_an_old_site_that_cannot_be_deleted_is_said_not_hidden(built_once, monkeypatch):
    real_rmtree = build_module.shutil.rmtree

    def refuse(path, *args, **kwargs):
        if Path(path).name == ".site-old":
            kwargs.get("onerror", lambda *a: None)(os.unlink, str(path), (PermissionError, PermissionError(13, "no"),
                                                                         None))
            return
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(build_module.shutil, "rmtree", refuse)
    result = CliRunner().invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "could not be deleted" in result.output and "delete it by hand" in result.output
    monkeypatch.setattr(build_module.shutil, "rmtree", real_rmtree)
    again = CliRunner().invoke(main, ["build", "-j", "1"])  # the leftover does not stop the next build
    assert again.exit_code == 0, again.output


def test_an_unwritable_output_folder_is_a_clear_error(built_once, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(build_module.tempfile, "mkdtemp", refuse)
    result = CliRunner().invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert "cannot write in" in result.output and "Permission denied" in result.output
    assert "Traceback" not in result.output
