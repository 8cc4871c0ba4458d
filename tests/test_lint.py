"""Warnings: each one shown by its own fixture at the line it marks with `<--`, and how
`toolkit validate` reports them (exit 0, or 1 with --strict; ::warning in GitHub Actions)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit_builder.cli import main
from toolkit_builder.core.catalogue import CATALOGUE
from toolkit_builder.core.load import load_languages, load_project
from toolkit_builder.tools import lint as linting
from toolkit_builder.tools.lint import HARD_TO_READ, lint_project
from toolkit_builder.tools.texts import term_pattern, terms_used

from .conftest import CONTENT, write
from .test_errors import BASE

FIXTURES = Path(__file__).parent / "fixtures" / "warnings"
WARNING_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def content_from(fixture: str | None, tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    if fixture:
        shutil.copytree(FIXTURES / fixture, content, dirs_exist_ok=True)
    return content


def lint(content: Path):
    return lint_project(load_project(content), content)


def marked(fixture: str) -> tuple[str, int]:
    for path in (FIXTURES / fixture).rglob("*.yml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "<--" in line:
                return path.relative_to(FIXTURES / fixture).as_posix(), number
    raise AssertionError(f"no <-- marker in the {fixture} fixture")


def test_every_catalogued_warning_has_a_fixture():
    assert set(WARNING_FIXTURES) == {c for c, e in CATALOGUE.items() if e.severity == "warning"}


def test_base_has_no_warnings(tmp_path):
    report = lint(content_from(None, tmp_path))
    assert report.problems == []
    assert set(report.reading_ease) == {"base"}


@pytest.mark.parametrize("code", WARNING_FIXTURES)
def test_warning_fixture(code, tmp_path):
    report = lint(content_from(code, tmp_path))
    assert [p.code for p in report.problems] == [code], [str(p) for p in report.problems]
    problem = report.problems[0]
    relative, line = marked(code)
    assert problem.file.endswith(relative)
    assert problem.line == line, str(problem)
    assert problem.severity == "warning" and problem.hint
    assert str(problem).split(": ")[1].startswith("warning [")


def test_headings_that_follow_the_outline_are_fine(tmp_path):
    content = content_from(None, tmp_path)
    write(content / "modules/education/sample.yml", """
        id: sample
        title: Sample
        section: education
        summary: Headings in order.
        blocks:
          - type: prose
            heading: With a heading
            text: |
              ### Level three

              #### Level four

              ### Back to three
          - type: prose
            text: |
              ## A block without a heading starts at two

              ### Then three
          - type: prose
            text: |
              Setext headings count too
              =========================
        """)
    problems = lint(content).problems
    assert [(p.code, p.line) for p in problems] == [("heading-jump", 21)]
    assert "level-1" in problems[0].message


def test_readability_of_a_module(tmp_path):
    content = content_from("hard-to-read", tmp_path)
    report = lint(content)
    assert report.reading_ease["sample"] < HARD_TO_READ < report.reading_ease["base"]
    assert "reading ease" in report.problems[0].message


def test_warnings_of_unchanged_modules_are_kept_and_an_edit_is_linted_again(tmp_path, monkeypatch):
    content = content_from("hard-to-read", tmp_path)
    cache = tmp_path / "cache"
    linted: list[str] = []
    module = linting._Linter.module

    def counted(self, module_, *args):
        linted.append(module_.id)
        return module(self, module_, *args)

    monkeypatch.setattr(linting._Linter, "module", counted)
    first = lint_project(load_project(content), content, cache)
    assert sorted(linted) == ["base", "sample"] and first.problems
    linted.clear()
    again = lint_project(load_project(content), content, cache)
    assert linted == [] and again.problems == first.problems and again.reading_ease == first.reading_ease
    sample = content / "modules" / "education" / "sample.yml"
    sample.write_text("# a line more: every warning moves down one line\n" + sample.read_text(encoding="utf-8"),
                      encoding="utf-8")
    edited = lint_project(load_project(content), content, cache)
    assert linted == ["sample"]
    assert [p.line for p in edited.problems] == [p.line + 1 for p in first.problems]
    assert edited.problems == lint_project(load_project(content), content).problems  # as without a cache


@pytest.mark.parametrize("language", ["en", "fr"])
def test_bundled_content_has_no_warnings_and_reads_plainly(language):
    project = load_languages([CONTENT])[language]
    report = lint_project(project, CONTENT)
    # Every reference cited, every term used, every module summarized, no paragraph very hard to
    # read, no French form that terms.fr.yml avoids.
    assert report.problems == [], [str(p) for p in report.problems]
    # Plain language: 60 or more for every module, by the language's own formula.
    assert set(report.reading_ease) == {m.id for m in project.modules}
    low = {module: score for module, score in report.reading_ease.items() if score < 60}
    assert not low, f"{language} ({report.formula}): modules below 60: {low}"


def test_validate_strict_passes_on_the_bundled_content():
    result = CliRunner().invoke(main, ["validate", "--strict", str(CONTENT)])
    assert result.exit_code == 0, result.output
    assert "languages en, fr: no errors, no warnings." in result.output


def test_validate_prints_warnings_and_passes_unless_strict(tmp_path):
    content = content_from("missing-summary", tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(content)])
    assert result.exit_code == 0, result.output
    assert "sample.yml:2:1: warning [missing-summary]" in result.output
    assert "no errors, 1 warning(s)" in result.output
    assert "Reading ease" in result.output and "modules/education/base.yml" in result.output
    strict = runner.invoke(main, ["validate", "--strict", str(content)])
    assert strict.exit_code == 1
    actions = runner.invoke(main, ["validate", str(content)], env={"GITHUB_ACTIONS": "true"})
    assert actions.exit_code == 0
    assert any(line.startswith("::warning file=") and ",line=2,col=1,title=missing-summary::" in line
               for line in actions.output.splitlines())


def test_validate_strict_passes_clean_content(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--strict", str(content_from(None, tmp_path))])
    assert result.exit_code == 0, result.output
    assert "no warnings" in result.output


def _bilingual(tmp_path: Path) -> Path:
    """The base toolkit in English and French, with a French terminology list."""
    content = content_from(None, tmp_path)
    toolkit = (content / "toolkit.yml").read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, fr]")
    (content / "toolkit.yml").write_text(toolkit, encoding="utf-8")
    write(content / "terms.fr.yml", """
        terms:
          - source: facilitators
            use: [animatrices et animateurs, personnes qui animent]
            avoid: [animateurs]
          - source: safe space
            use: [espace sécuritaire]
            avoid: [lieu sûr]
        """)
    write(content / "modules/education/base.fr.yml", """
        title: Un module de base
        summary: Un module correct.
        blocks:
          - heading: Espoir
            text: |
              Les animatrices et animateurs font de la salle un espace sécuritaire. Les personnes qui animent
              écoutent.

              Demandez aux animateurs d’en faire un lieu sûr.
        """)
    return content


def test_translations_are_linted_in_their_language(tmp_path):
    content = _bilingual(tmp_path)
    projects = load_languages([content])
    english, french = (lint_project(projects[code], content) for code in ("en", "fr"))
    assert english.problems == [] and (english.language, english.formula) == ("en", "Flesch")
    assert (french.language, french.formula) == ("fr", "Kandel-Moles")
    assert set(french.reading_ease) == {"base"}
    # Avoided forms are reported on the translation's lines, but not inside a form to use.
    found = [(p.code, p.file.rsplit("/", 1)[-1], p.line, p.message.split("'")[1]) for p in french.problems]
    assert found == [("avoided-term", "base.fr.yml", 9, "animateurs"), ("avoided-term", "base.fr.yml", 9, "lieu sûr")]
    assert "'espace sécuritaire'" in french.problems[1].message

    result = CliRunner().invoke(main, ["validate", "--strict", str(content)])
    assert result.exit_code == 1
    assert "Reading ease, en (Flesch" in result.output and "Reading ease, fr (Kandel-Moles" in result.output
    assert "modules/education/base.fr.yml: " in result.output
    assert "base.fr.yml:9:" in result.output and "[avoided-term]" in result.output


def test_a_terminology_list_with_the_wrong_shape_is_reported(tmp_path):
    content = _bilingual(tmp_path)
    write(content / "terms.fr.yml", """
        terms:
          - avoid: [lieu sûr]
        """)
    report = lint_project(load_languages([content])["fr"], content)
    assert [(p.code, p.file.rsplit("/", 1)[-1]) for p in report.problems] == [("missing-field", "terms.fr.yml")]


def test_texts_not_translated_yet_are_left_to_the_default_language(tmp_path):
    content = _bilingual(tmp_path)
    # "participants" is English, and a form terms.fr.yml avoids in French texts.
    (content / "terms.fr.yml").write_text("terms:\n  - use: [personnes participantes]\n    avoid: [participants]\n",
                                          encoding="utf-8")
    write(content / "modules/education/sample.yml", """
        id: sample
        title: Sample
        section: education
        summary: Not translated yet.
        blocks:
          - type: prose
            text: Ask the participants what they want.
        """)
    french = lint_project(load_languages([content])["fr"], content)
    assert french.problems == [], [str(p) for p in french.problems]
    assert set(french.reading_ease) == {"base"}  # sample is scored in English only
    write(content / "modules/education/sample.fr.yml", """
        blocks:
          - text: Demandez aux participants ce qu’ils veulent.
        """)
    french = lint_project(load_languages([content])["fr"], content)
    assert [(p.code, p.file.rsplit("/", 1)[-1]) for p in french.problems] == [("avoided-term", "sample.fr.yml")]


def test_validate_keeps_warnings_in_the_user_cache_not_in_the_project(tmp_path, monkeypatch):
    content = content_from("hard-to-read", tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    first = CliRunner().invoke(main, ["validate", str(content)])
    assert "hard-to-read" in first.output
    kept = list((tmp_path / "user-cache" / "toolkit-builder").glob("*/lint-*.json"))
    assert kept and not (tmp_path / ".cache").exists()
    again = CliRunner().invoke(main, ["validate", str(content)])
    assert again.output == first.output


_TERM_WORDS = ["peer", "peers", "support", "worker", "co-facilitation", "co", "partie", "prenante", "l'équipe",
               "l’équipe", "Recovery", "RECOVERY", "college", "x", "(pwle)", "mhcc", "é"]


@settings(max_examples=300, deadline=None)
@given(terms=st.lists(st.lists(st.sampled_from(_TERM_WORDS), min_size=1, max_size=3).map(" ".join), max_size=8),
       text=st.lists(st.sampled_from(_TERM_WORDS + ["s", "es", " ", "  ", "\n", "-", ".", "’", "'", "a"]),
                     max_size=40).map("".join))
def test_one_pass_over_the_texts_finds_the_terms_each_search_finds(terms, text):
    """The glossary's unused-term check looks for every term in one pass (``terms_used``): it finds
    exactly the terms a search for each term alone finds."""
    each = {i for i, term in enumerate(terms) if term_pattern(term).search(text.replace("'", "’"))}
    assert terms_used(terms, text) == each


def test_one_pass_finds_a_term_inside_a_longer_one_and_one_starting_inside_another():
    terms = ["peer support", "peer support worker", "support worker", "co-facilitation", "co", "college"]
    assert terms_used(terms, "Our Peer  Support Workers met.") == {0, 1, 2}
    assert terms_used(terms, "co-facilitations") == {3, 4}
    assert terms_used(terms, "colleges") == {5}


def test_the_terms_each_module_uses_are_kept_and_found_again_when_the_glossary_changes(tmp_path):
    """Which glossary terms a module's texts use is kept with its warnings; a glossary with other terms
    has them looked for again, so the warnings are those of a run without a cache."""
    content = content_from(None, tmp_path)
    cache = tmp_path / "cache"
    first = lint_project(load_project(content), content, cache)
    assert not [p for p in first.problems if p.code == "unused-term"]
    glossary = content / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "  - term: Zzyzx\n    definition: Not used.\n"
                        "  - term: Hope\n    definition: Used.\n", encoding="utf-8")
    again = lint_project(load_project(content), content, cache)
    assert [p.message for p in again.problems if p.code == "unused-term"] == [
        "the glossary term 'Zzyzx' is not used in any module"]
    assert again.problems == lint_project(load_project(content), content).problems


def test_reading_ease_scores_are_kept_by_text_and_give_the_same_scores(tmp_path, monkeypatch):
    """A module that changed is linted again, but a text scored before is not scored again: its score
    is kept by a hash of the text, and the scores and warnings are those of a run without a cache."""
    import textstat

    content = content_from("hard-to-read", tmp_path)
    cache = tmp_path / "cache"
    scored: list[str] = []
    score = textstat.flesch_reading_ease

    def counted(text, *args, **kwargs):
        scored.append(text)
        return score(text, *args, **kwargs)

    monkeypatch.setattr(textstat, "flesch_reading_ease", counted)
    first = lint_project(load_project(content), content, cache)
    assert scored and len(scored) == len(set(scored))  # a text met twice in a run is scored once
    scored.clear()
    sample = content / "modules" / "education" / "sample.yml"
    sample.write_text("# a line more: the module is linted again, its texts are the same\n"
                      + sample.read_text(encoding="utf-8"), encoding="utf-8")
    edited = lint_project(load_project(content), content, cache)
    assert scored == []
    assert edited.reading_ease == first.reading_ease == lint_project(load_project(content), content).reading_ease
    assert [p.line for p in edited.problems] == [p.line + 1 for p in first.problems]
