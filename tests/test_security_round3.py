"""Content from an untrusted pull request, third pass: each way a red team broke the Security
section's promises with content files only (remote loads in disguise, forged annotations, writes
and reads through links, tracebacks, output out of proportion) gets a located error or a safe page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit_builder.cli import main
from toolkit_builder.core.limits import decoded_url, remote_address
from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError
from toolkit_builder.core.render.markdown import sanitize
from toolkit_builder.core.render.renderer import Renderer
from toolkit_builder.tools.linkcheck import check_site

from .conftest import only, problems_of, write
from .html_safety import remote_loads
from .test_injection import REMOTE_IMAGES

MODULE = "content/modules/education/recovery-education-and-training.yml"

#: Images whose address a browser reads as another site's, once it decodes what the text holds.
DISGUISED = [
    "h&#116;tp://host.example/a.png",
    "&#47;/host.example/b.png",
    "/&#10;/host.example/c.png",
    "&#92;&#92;host.example/d.png",
    "&#92;/host.example/e.png",
    "/&#92;host.example/f.png",
    "&#x2F;&#x2F;host.example/g.png",
    "/&Tab;/host.example/h.png",
    "ht&#x09;tp://host.example/i.png",
    " //host.example/j.png",
]


def toolkit(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit_builder.cli", *args], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def odd_module(content: Path, text: str, name: str = "odd") -> Path:
    return write(content / f"modules/education/{name}.yml",
                 f"id: {name}\ntitle: Odd\nsection: education\nblocks:\n  - type: prose\n    text: {json.dumps(text)}\n")


# ---------------------------------------------------------------- 1. remote images in disguise

@pytest.mark.parametrize("address", DISGUISED)
def test_a_disguised_remote_address_is_read_as_a_browser_reads_it(address):
    assert remote_address(address)
    assert decoded_url(address).startswith(("http://", "//"))


@pytest.mark.parametrize("address", ["docs/images/chart.png", "../images/a.png", "/images/a.png", "a%2F%2Fb.png",
                                     "images/a:b.png"])
def test_addresses_of_the_site_itself_stay_local(address):
    assert not remote_address(address)


@pytest.mark.parametrize("address", DISGUISED)
def test_a_disguised_remote_image_is_refused_at_validate(content_dir, address):
    odd_module(content_dir, f"A chart: ![chart]({address})")
    problem = only(problems_of(content_dir), "remote-image")
    assert problem.file.endswith("odd.yml") and problem.line == 6
    assert "would load from outside the site" in problem.message


def test_a_reference_image_from_elsewhere_is_refused_too(content_dir):
    odd_module(content_dir, "A chart: ![chart][c]\n\n[c]: &#92;/host.example/c.png")
    assert only(problems_of(content_dir), "remote-image").file.endswith("odd.yml")


@pytest.mark.parametrize("address", DISGUISED)
def test_rendered_all_the_same_a_disguised_image_loads_nothing(content_dir, address):
    """Below the loader's check, the renderer's extension and the sanitizer's filter decide alike."""
    project = load_project(content_dir)
    html = Renderer(project).markdown_block(f"A chart: ![chart]({address})")
    assert "<img" not in html and remote_loads(str(html)) == []
    cleaned = sanitize(f'<p><img alt="x" src="{address}"></p>')
    assert "src=" not in cleaned and "host.example" not in cleaned


@pytest.mark.parametrize("attack", REMOTE_IMAGES)
def test_the_injection_tests_remote_images_are_refused_and_inert(content_dir, attack):
    odd_module(content_dir, attack)
    assert only(problems_of(content_dir), "remote-image")
    (content_dir / "modules/education/odd.yml").unlink()
    html = str(Renderer(load_project(content_dir)).markdown_block(attack))
    assert remote_loads(html) == [] and "javascript:" not in html


def test_linkcheck_reports_an_image_that_loads_from_another_site(tmp_path):
    write(tmp_path / "site/index.html", """
        <html><body>
        <img src="/\\host.example/a.png" alt="a">
        <img src="&#47;/host.example/b.png" alt="b">
        <img src="images/c.png" alt="c">
        <a href="https://example.org/">a link to elsewhere is fine</a>
        </body></html>""")
    write(tmp_path / "site/images/c.png", "png")
    report = check_site(tmp_path / "site")
    loads = [p for p in report.problems if p.reason == "loads a file from another site"]
    assert [p.line for p in loads] == [2, 3], report.problems


# ---------------------------------------------------------------- 4. forged annotations

#: A workflow command content could try to start a line with.
FORGED = "::warning file=README.md::Content checked by maintainers, safe to merge"
ANNOTATION = re.compile(r"^::(error|warning) file=[^\n\r,:]*,line=\d+,col=\d+,title=[a-z0-9-]+::[^\r\n]*$")


def command_lines(output: str) -> list[str]:
    """The lines a GitHub runner reads as workflow commands (it skips leading blanks; CR ends a line)."""
    lines = re.split(r"\r\n|\r|\n", output)
    return [line.lstrip(" \t") for line in lines if line.lstrip(" \t").startswith("::") or "##[" in line]


@pytest.mark.parametrize("value", [f"x\n{FORGED}", f"x\r{FORGED}", f"x\n  {FORGED}", "x ##[warning]forged"])
def test_a_value_cannot_start_an_annotation(content_dir, value):
    path = content_dir / "modules/education/recovery-education-and-training.yml"
    text = path.read_text(encoding="utf-8").replace("section: education", f"section: {json.dumps(value)}", 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(content_dir)], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    commands = command_lines(result.output)
    assert commands, result.output  # the real annotations are there
    assert all(ANNOTATION.match(line) for line in commands), commands
    assert not any("safe to merge" in line.split("::", 2)[1] for line in commands)


def test_a_file_name_with_a_line_break_cannot_start_an_annotation(content_dir):
    write(content_dir / f"modules/education/bad\n{FORGED}.yml", "id: bad\n")
    result = CliRunner().invoke(main, ["validate", str(content_dir)], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    commands = command_lines(result.output)
    assert commands and all(ANNOTATION.match(line) for line in commands), commands
    assert any("file=" in line and "%0A%3A%3Awarning" in line for line in commands)


# ---------------------------------------------------------------- 6. a located problem, never a traceback

PACKAGE_PO = Path(__file__).resolve().parents[1] / "toolkit_builder/locale/fr/LC_MESSAGES/toolkit.po"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_mapping_among_tags_is_a_located_problem(content_dir):
    edit(content_dir / "modules/education/recovery-education-and-training.yml", "tags: [guidelines:2]",
         "tags: [{a: b}]")
    problem = only(problems_of(content_dir), "wrong-type")
    assert problem.file.endswith("recovery-education-and-training.yml") and problem.line == 39


@pytest.mark.parametrize("code, message", [("zz", "'zz' is not a language code"),
                                           ("a" * 300, "is not a language code"),
                                           ("fr-" + "a" * 300, "is not a language code")])
def test_a_language_code_unknown_to_babel_is_refused_at_validate(content_dir, code, message):
    edit(content_dir / "toolkit.yml", "languages: [en, fr]", f"languages: [en, fr, {code}]")
    problems = [p for p in problems_of(content_dir) if p.file.endswith("toolkit.yml")]
    assert len(problems) == 1 and problems[0].line == 25 and message in problems[0].message, problems
    assert problems[0].code in ("unknown-language", "bad-value")


def test_a_section_named_as_a_language_is_refused(content_dir):
    edit(content_dir / "toolkit.yml", "sections:\n", "sections:\n  - id: fr\n    title: French section\n")
    problem = only(problems_of(content_dir), "bad-value")
    assert problem.file.endswith("toolkit.yml") and problem.line == 28 and "folder fr/" in problem.message


def catalogue(content: Path, text: str | bytes) -> Path:
    path = content / "locale/fr/LC_MESSAGES/toolkit.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


PO = PACKAGE_PO.read_text(encoding="utf-8")
PLURAL = "Plural-Forms: nplurals=2; plural=(n > 1);"
CITATION_BACK = 'msgstr "Retour à la citation %(number)s"'


@pytest.mark.parametrize("text, line, message", [
    (PO.replace("charset=utf-8", "charset=klingon"), 18, "unknown encoding: klingon"),
    (PO.replace("charset=utf-8", "charset=ISO-8859-1").encode("latin-1", "replace"), 18,
     "declares the charset 'iso-8859-1'"),
    (PO.replace(PLURAL, "Plural-Forms: nplurals=2; plural=1/0;"), 16, "divides by zero for n = 0"),
    (PO.replace(PLURAL, "Plural-Forms: nplurals=2; plural=__import__('os').getpid();"), 16,
     "'__import__' is not part of a plural expression"),
    (PO.replace(PLURAL, "Plural-Forms: nplurals=2; plural=n;"), 16, "gives form 2"),
    (PO.replace(CITATION_BACK, 'msgstr "Retour à la citation %(number)*s"'), 118, "'%(number)*s'"),
    (PO.replace(CITATION_BACK, 'msgstr "Retour à la citation %(number)50000000s"'), 118, "'%(number)50000000s'"),
    (PO.replace(CITATION_BACK, 'msgstr "Retour à la citation %(number).9s"'), 118, "'%(number).9s'"),
])
def test_catalogue_headers_and_placeholders_are_checked_before_use(content_dir, text, line, message):
    catalogue(content_dir, text)
    with pytest.raises(ContentError) as caught:
        load_project(content_dir, "fr")
    problem = only(caught.value.problems, "bad-catalogue")
    assert problem.file.endswith("content/locale/fr/LC_MESSAGES/toolkit.po"), problem
    assert problem.line == line and message in problem.message, problem


def test_a_plural_rule_is_computed_never_handed_to_python(content_dir, monkeypatch):
    """gettext compiles a catalogue's plural expression into Python and runs it; the catalogues
    here never reach it."""
    import gettext

    from toolkit_builder.core.i18n import load_translations

    def refuse(expression):
        raise AssertionError(f"gettext was given the plural expression {expression!r}")

    monkeypatch.setattr(gettext, "c2py", lambda expression: refuse(expression) if expression.strip() != "0"
                        else (lambda n: 0))
    catalogue(content_dir, PO.replace(PLURAL, "Plural-Forms: nplurals=3; plural=(n == 0 ? 0 : n == 1 ? 1 : 2);"))
    translations = load_translations("fr", [content_dir])
    assert [translations.plural(n) for n in (0, 1, 2, 7)] == [0, 1, 2, 2]


def test_the_build_refuses_a_padded_placeholder_before_it_builds(project_dir):
    catalogue(project_dir / "content", PO.replace(CITATION_BACK, 'msgstr "%(number)50000000s"'))
    result = toolkit(project_dir, "build")
    assert result.returncode == 1 and "[bad-catalogue]" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (project_dir / "site").exists()


# ---------------------------------------------------------------- 5. no write or read through a link

def test_stamp_does_not_write_through_a_linked_translation(project_dir, tmp_path):
    content = project_dir / "content"
    translation = content / "modules/education/recovery-education-and-training.fr.yml"
    outside = tmp_path / "outside.yml"
    outside.write_text(translation.read_text(encoding="utf-8").replace("source:", "# source:"), encoding="utf-8")
    before = outside.read_bytes()
    translation.unlink()
    translation.symlink_to(outside)
    result = toolkit(project_dir, "i18n", "stamp", "fr")
    assert outside.read_bytes() == before, result.stdout + result.stderr
    assert "stamped content/modules/education/recovery-education-and-training.fr.yml" not in result.stdout


@pytest.fixture
def spanish(project_dir: Path) -> Path:
    edit(project_dir / "content/toolkit.yml", "languages: [en, fr]", "languages: [en, fr, es]")
    return project_dir


def test_start_creates_nothing_through_a_dangling_link(spanish, tmp_path):
    target = spanish / "content/modules/education/recovery-education-and-training.es.yml"
    elsewhere = tmp_path / "elsewhere" / "planted.yml"
    elsewhere.parent.mkdir()
    target.symlink_to(elsewhere)
    result = toolkit(spanish, "i18n", "start", "es")
    assert result.returncode == 0, result.stderr
    assert not elsewhere.exists()
    assert "is a link" in result.stderr
    assert (spanish / "content/modules/education/coaching-check-in.es.yml").is_file() or "wrote" in result.stdout


def test_start_writes_no_catalogue_through_a_linked_locale_folder(spanish, tmp_path):
    outside = tmp_path / "outside-locale"
    outside.mkdir()
    (spanish / "content/locale").symlink_to(outside, target_is_directory=True)
    result = toolkit(spanish, "i18n", "start", "es")
    assert list(outside.rglob("*")) == [], result.stdout + result.stderr
    assert "is a link" in result.stderr


def test_new_module_writes_nothing_through_a_linked_section_folder(project_dir, tmp_path):
    outside = tmp_path / "outside-section"
    outside.mkdir()
    (project_dir / "content/modules/planted").symlink_to(outside, target_is_directory=True)
    edit(project_dir / "content/toolkit.yml", "sections:\n", "sections:\n  - id: planted\n    title: Planted\n")
    result = toolkit(project_dir, "new", "module", "planted", "x")
    assert result.returncode != 0 and "is a link" in result.stderr, result.stdout + result.stderr
    assert list(outside.iterdir()) == []


def test_a_linked_terms_file_is_not_read_nor_echoed(project_dir, tmp_path):
    from toolkit_builder.tools.terminology import load_terminology

    secrets = tmp_path / "secrets.yml"
    secrets.write_text("API_TOKEN: s3cr3t-value\n", encoding="utf-8")
    terms = project_dir / "content/terms.fr.yml"
    terms.unlink()
    terms.symlink_to(secrets)
    problems: list = []
    assert load_terminology([project_dir / "content"], "fr", problems) is None
    assert [p.code for p in problems] == ["unreadable"]
    assert not any("s3cr3t" in str(p) or "API_TOKEN" in str(p) for p in problems)
    result = toolkit(project_dir, "validate")
    assert "s3cr3t" not in result.stdout + result.stderr and "API_TOKEN" not in result.stdout + result.stderr


# ---------------------------------------------------------------- 3. bounded output

MEETING = "content/modules/facilitation/beyond-training.yml"
HANDOUT = ("      - title: Considerations\n        module: recovery-education-and-training\n"
           "        block: considerations\n")


def test_a_meeting_prints_each_module_once(project_dir):
    edit(project_dir / MEETING, HANDOUT, HANDOUT + "      - title: Again\n        module: recovery-education-and-training\n")
    problem = only(problems_of(project_dir / "content"), "output-too-large")
    assert problem.file.endswith("beyond-training.yml") and problem.line == 89 and "already printed" in problem.message


def test_a_meeting_has_a_bounded_number_of_handouts(project_dir):
    from toolkit_builder.core.limits import MAX_HANDOUTS_PER_MEETING

    others = "".join(f"      - title: Handout {i}\n        module: recovery-education-and-training\n"
                     f"        block: b{i}\n" for i in range(MAX_HANDOUTS_PER_MEETING + 1490))
    edit(project_dir / MEETING, HANDOUT, others)
    problems = problems_of(project_dir / "content")
    assert [p.message for p in problems if p.code == "output-too-large"] == [
        f"a meeting may have at most {MAX_HANDOUTS_PER_MEETING} handouts"]


def test_a_one_letter_glossary_term_gives_a_bounded_number_of_hints(content_dir):
    from toolkit_builder.core.limits import MAX_GLOSSARY_HINTS_PER_TEXT

    edit(content_dir / "glossary.yml", "terms:\n", "terms:\n  - term: a\n    expansion: " + "x" * 500
         + "\n    definition: A letter.\n")
    html = str(Renderer(load_project(content_dir)).markdown_block("a " * 20_000))
    assert html.count("<abbr") == MAX_GLOSSARY_HINTS_PER_TEXT
    assert len(html) < 200_000  # 20,000 hints would be some 10 MB


def test_a_page_shows_a_bounded_number_of_glossary_hints(content_dir):
    from toolkit_builder.core.limits import MAX_GLOSSARY_HINTS_PER_PAGE

    blocks = "".join(f"  - type: prose\n    text: {json.dumps('MHCC ' * 300)}\n" for _ in range(12))
    write(content_dir / "modules/education/odd.yml", f"id: odd\ntitle: Odd\nsection: education\nblocks:\n{blocks}")
    project = load_project(content_dir)
    page = Renderer(project).render_module(next(m for m in project.modules if m.id == "odd"))
    assert page.html.count('class="tk-abbr"') == MAX_GLOSSARY_HINTS_PER_PAGE
    assert page.html.count("MHCC") >= 12 * 300  # the others are plain words
