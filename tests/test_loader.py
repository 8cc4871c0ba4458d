"""Every kind of content mistake is reported with its file, line and column and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit_builder.core.blocks import ContrastBlock, FrameworkBlock
from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError

from .conftest import CONTENT, only, problems_of, write

MODULE = "modules/education/sample.yml"


def module(content_dir: Path, text: str) -> str:
    write(content_dir / MODULE, text)
    return str(Path(content_dir / MODULE))


def test_bundled_content_loads():
    project = load_project(CONTENT)
    module = next(m for m in project.modules if m.id == "recovery-education-and-training")
    chime = next(b for b in module.blocks if isinstance(b, FrameworkBlock))
    assert [c.key for c in chime.components] == ["connection", "hope", "identity", "meaning", "empowerment"]
    assert {c.key: c.maps_to for c in chime.components} == {
        "connection": ["3", "5"], "hope": ["1"], "identity": ["4"], "meaning": ["6"], "empowerment": ["2"],
    }
    contrast = next(b for b in module.blocks if isinstance(b, ContrastBlock))
    assert len(contrast.rows) == 4
    guidelines = project.toolkit.framework("guidelines")
    assert [c.key for c in guidelines.components] == ["1", "2", "3", "4", "5", "6"]


def test_unknown_key_suggests_closest(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: prose
            txt: Hello
        """)
    problem = only(problems_of(content_dir), "unknown-key")
    assert (problem.line, problem.column) == (6, 5)
    assert "'txt'" in problem.message and "did you mean 'text'" in problem.hint
    assert problem.file.endswith("sample.yml")


def test_missing_required_field(content_dir):
    module(content_dir, """
        id: sample
        section: education
        blocks:
          - type: prose
            text: Hello
        """)
    problem = only(problems_of(content_dir), "missing-field")
    assert "'title'" in problem.message
    assert problem.line == 1


def test_missing_field_in_a_block_points_at_the_block(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: prose
            text: Hello
          - type: contrast
            left: A
            rows: [[a, b]]
        """)
    problem = only(problems_of(content_dir), "missing-field")
    assert "'right'" in problem.message
    assert problem.line == 7


def test_wrong_type(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: list
            items: just one text
        """)
    problem = only(problems_of(content_dir), "wrong-type")
    assert problem.line == 6 and problem.column == 12
    assert "'items' should be a list" in problem.message


def test_unknown_block_type(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: contrst
            left: A
        """)
    problem = only(problems_of(content_dir), "unknown-block-type")
    assert (problem.line, problem.column) == (5, 11)
    assert "did you mean 'contrast'" in problem.hint


def test_unknown_framework_component_and_dimension(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: framework
            framework: chime
            components:
              - key: hpoe
                maps_to: [1, 7]
                themes: [A theme]
        """)
    problems = problems_of(content_dir)
    component = only(problems, "unknown-component")
    assert component.line == 8 and "'hpoe'" in component.message and "did you mean 'hope'" in component.hint
    dimension = only(problems, "unknown-dimension")
    assert (dimension.line, dimension.column) == (9, 22) and "'7'" in dimension.message


def test_unknown_framework_tag_on_question(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: questions
            groups:
              - questions:
                  - text: A question?
                    tags: [chime:hopes]
        """)
    problem = only(problems_of(content_dir), "unknown-component")
    assert problem.line == 9 and "did you mean 'hope'" in problem.hint


def test_unknown_reference_inline_and_listed(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        cites: [slay2031]
        blocks:
          - type: prose
            text: As shown before [@leamy2012].
        """)
    problems = [p for p in problems_of(content_dir) if p.code == "unknown-reference"]
    assert [(p.line, p.message) for p in problems] == [
        (4, "unknown reference 'slay2031'"),
        (7, "unknown reference 'leamy2012'"),
    ]
    assert "did you mean 'leamy2011'" in problems[1].hint


@pytest.mark.parametrize("cited, line", [
    ("cites: [slay2031]\n", 4),  # a module's list
    ("blocks:\n  - type: prose\n    text: As shown before [@slay2031].\n", 6),  # a text in a block
    ("blocks:\n  - type: prose\n    text: Plain.\n    cites: [slay2031]\n", 7),  # a block's list
])
def test_unknown_reference_alone_is_found(content_dir, cited, line):
    """An unknown key is found wherever it is, when it is the document's only citation (the keys are
    gathered the quick way first, and located only when one is unknown)."""
    module(content_dir, "id: sample\ntitle: Sample\nsection: education\n" + cited)
    problems = [p for p in problems_of(content_dir) if p.code == "unknown-reference"]
    assert [(p.line, p.message) for p in problems] == [(line, "unknown reference 'slay2031'")]


def test_duplicate_module_id(content_dir):
    module(content_dir, """
        id: recovery-education-and-training
        title: Sample
        section: education
        blocks:
          - type: prose
            text: Hello
        """)
    problems = problems_of(content_dir)
    duplicate = only(problems, "duplicate-id")
    assert duplicate.line == 1 and "already used by" in duplicate.message
    assert only(problems, "wrong-file-name").line == 1


def test_module_in_undeclared_section(content_dir):
    write(content_dir / "modules/educaton/sample.yml", """
        id: sample
        title: Sample
        section: educaton
        blocks:
          - type: prose
            text: Hello
        """)
    problem = only(problems_of(content_dir), "unknown-section")
    assert (problem.line, problem.column) == (3, 10)
    assert "did you mean 'education'" in problem.hint


def test_empty_file(content_dir):
    module(content_dir, "# nothing here yet\n")
    problem = only(problems_of(content_dir), "empty-file")
    assert problem.line == 1


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("id: sample\ntitle: Sample: a module\n", 2, "quotes"),
        ("id: sample\nblocks:\n  - type: prose\n\ttext: x\n", 4, None),
        ("id: sample\ntitle: [unclosed\n", 3, None),
    ],
)
def test_yaml_syntax_error(content_dir, text, line, hint):
    (content_dir / MODULE).write_text(text, encoding="utf-8")
    problem = only(problems_of(content_dir), "yaml-syntax")
    assert problem.line == line
    assert problem.message.startswith("YAML syntax error")
    if hint:
        assert hint in problem.hint


def test_duplicate_key(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        title: Again
        section: education
        blocks:
          - type: prose
            text: Hello
        """)
    problem = only(problems_of(content_dir), "duplicate-key")
    assert problem.line == 3 and "first on line 2" in problem.message


def test_contrast_row_with_a_comma_explains_quotes(content_dir):
    module(content_dir, """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: contrast
            left: A
            right: B
            rows:
              - [one, two, three]
        """)
    problem = only(problems_of(content_dir), "wrong-type")
    assert problem.line == 9 and "at most 2" in problem.message and "quotes" in problem.hint


def test_every_problem_of_a_run_is_reported(content_dir):
    module(content_dir, """
        id: sample
        titel: Sample
        section: educaton
        blocks:
          - type: contrst
          - type: framework
            framework: chime
            components:
              - key: hpoe
                themes: [x]
          - type: prose
            text: See [@nobody2000].
        """)
    write(content_dir / "modules/education/other.yml", "")
    codes = sorted(p.code for p in problems_of(content_dir))
    assert codes == sorted([
        "unknown-key", "missing-field", "unknown-section", "unknown-block-type",
        "unknown-component", "unknown-reference", "empty-file",
    ])


def test_yaml_is_loaded_safely(content_dir):
    module(content_dir, """
        id: sample
        title: !!python/object/apply:os.system ["echo hacked"]
        section: education
        blocks:
          - type: prose
            text: Hello
        """)
    problem = problems_of(content_dir)[0]
    assert problem.line == 2 and problem.code == "wrong-type"


def test_alias_bomb_is_refused(content_dir):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    (content_dir / MODULE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = only(problems_of(content_dir), "file-too-large")
    assert "expands" in problem.message


def test_content_error_lists_every_problem_in_its_message(content_dir):
    module(content_dir, "id: Sample Module\n")
    with pytest.raises(ContentError) as caught:
        load_project(content_dir)
    text = str(caught.value)
    assert "sample.yml:1:5: error [bad-value] 'Sample Module' is not a valid id" in text
    assert "problem" in text.splitlines()[0]


@pytest.mark.parametrize("fixture", ["unknown-key", "missing-field", "translation-mismatch", "broken-link", None])
def test_data_kept_between_runs_gives_the_same_projects_and_the_same_located_problems(fixture, tmp_path, monkeypatch):
    """`toolkit validate` keeps the data of the files read the quick way, by their bytes
    (``StoredData``): the next run parses none of them again, loads the same projects and locates
    every problem at the same file, line and column."""
    from toolkit_builder.core import yamlpos
    from toolkit_builder.core.load import load_languages
    from toolkit_builder.core.load.documents import StoredData

    errors = Path(__file__).parent / "fixtures" / "errors"
    content = tmp_path / "content"
    shutil.copytree(CONTENT if fixture is None else errors / "_base", content)
    if fixture is not None:
        shutil.copytree(errors / fixture, content, dirs_exist_ok=True)

    def run() -> tuple[object, int]:
        parsed: list[bytes] = []
        read = yamlpos._Reader.read

        def counted(self, raw, located=False):
            parsed.append(raw)
            return read(self, raw, located)

        store = StoredData(tmp_path / "cache" / "documents.json")
        with monkeypatch.context() as patch:
            patch.setattr(yamlpos._Reader, "read", counted)
            try:
                outcome: object = {lang: p.modules for lang, p in load_languages([content], store=store).items()}
            except ContentError as error:
                outcome = [(p.file, p.line, p.column, p.code, p.message) for p in error.problems]
        store.save()
        return outcome, len(parsed)

    first, parsed_first = run()
    again, parsed_again = run()
    assert again == first
    assert parsed_first > 5 and parsed_again < parsed_first / 2  # located again only where a problem is


@pytest.mark.parametrize("fixture", ["unknown-key", "missing-field", "translation-mismatch", None])
def test_files_parsed_ahead_give_the_same_projects_and_the_same_located_problems(fixture, tmp_path, monkeypatch):
    """`toolkit build` parses the module files in several processes before the load
    (``ParsedAhead``): the same projects, and every problem at the same file, line and column."""
    from toolkit_builder.core.layers import module_files_of
    from toolkit_builder.core.load import load_languages
    from toolkit_builder.core.load.documents import ParsedAhead

    errors = Path(__file__).parent / "fixtures" / "errors"
    content = tmp_path / "content"
    shutil.copytree(CONTENT if fixture is None else errors / "_base", content)
    if fixture is not None:
        shutil.copytree(errors / fixture, content, dirs_exist_ok=True)

    def run(store: object) -> object:
        try:
            return {lang: p.modules for lang, p in load_languages([content], store=store).items()}
        except ContentError as error:
            return [(p.file, p.line, p.column, p.code, p.message) for p in error.problems]

    monkeypatch.setattr(ParsedAhead, "SHARED_FROM", 2)  # parsed by two processes, however few the files
    files = module_files_of([content])
    ahead = ParsedAhead(files, processes=2)
    assert len(files) >= 2 and len(ahead.data) >= (len(files) // 2 if fixture is None else 1)  # not those read located
    assert run(ahead) == run(None)


def test_files_parsed_ahead_are_only_regular_files_and_a_changed_file_is_read_again(tmp_path, monkeypatch):
    """A link, a pipe or a file over the limit is not read ahead; a file changed after it was parsed
    ahead is read by the loader from its new bytes; two files of the same bytes do not share data."""
    import os

    from toolkit_builder.core.load.documents import ParsedAhead
    from toolkit_builder.core.yamlplain import LOOK_CLOSER

    plain = tmp_path / "plain.yml"
    plain.write_text("id: plain\n")
    outside = tmp_path / "outside.yml"
    outside.write_text("id: outside\n")
    (tmp_path / "link.yml").symlink_to(outside)
    os.mkfifo(tmp_path / "pipe.yml")  # reading it would block the build
    large = tmp_path / "large.yml"
    large.write_text("id: large\nnote: " + "x" * 3_000_000 + "\n")
    monkeypatch.setattr(ParsedAhead, "SHARED_FROM", 2)
    ahead = ParsedAhead([plain, tmp_path / "link.yml", tmp_path / "pipe.yml", large], processes=2)
    assert list(ahead.data.values()) == [{"id": "plain"}]
    assert ahead.get(plain.read_bytes()) == {"id": "plain"}
    assert ahead.get(plain.read_bytes()) is LOOK_CLOSER  # a second file of these bytes is parsed by the loader
    monkeypatch.setattr(ParsedAhead, "SHARED_FROM", 1)
    changed = ParsedAhead([plain], processes=2)
    assert changed.data  # parsed ahead...
    plain.write_text("id: changed\n")
    assert changed.get(plain.read_bytes()) is LOOK_CLOSER  # ...but changed since: read by the loader
    monkeypatch.setattr(ParsedAhead, "SHARED_FROM", 500)
    assert not ParsedAhead([plain], processes=2).data  # too few files to start another process: none


def test_validate_with_stored_data_reads_ahead_no_pipe(tmp_path, monkeypatch):
    """`toolkit validate` asks its stored data which files it already has before parsing ahead:
    that too never opens a pipe for reading in a way that waits (a pipe would stall the command)."""
    import os
    import threading

    from toolkit_builder.core.load.documents import ParsedAhead, StoredData

    plain = tmp_path / "plain.yml"
    plain.write_text("id: plain\n")
    os.mkfifo(tmp_path / "pipe.yml")
    (tmp_path / "stdin.yml").symlink_to("/dev/stdin")
    monkeypatch.setattr(ParsedAhead, "SHARED_FROM", 1)  # read ahead, however few the files
    done: list[ParsedAhead] = []
    worker = threading.Thread(target=lambda: done.append(ParsedAhead(
        [tmp_path / "pipe.yml", tmp_path / "stdin.yml", plain], processes=2,
        then=StoredData(tmp_path / "cache" / "documents.json"))), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "reading ahead waited on a pipe"
    assert list(done[0].data.values()) == [{"id": "plain"}]
