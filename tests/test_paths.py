"""Files that content points to (images, downloads, captions) stay inside the content folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit_builder.core.load.messages import validate as _validate
from toolkit_builder.core.model import ContentPath, Strict, Text, content_path_problem
from toolkit_builder.core.yamlpos import read_document

from .conftest import write


class Figure(Strict):
    """A stand-in for the blocks that will name files (media, downloads)."""

    image: ContentPath
    caption: Text | None = None
    downloads: list[ContentPath] = []


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "media").mkdir(parents=True)
    (content / "media/chime.png").write_bytes(b"\x89PNG")
    (content / "media/worksheet.pdf").write_bytes(b"%PDF")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return content


def figure_problems(content: Path, text: str):
    path = write(content / "modules/education/figure.yml", text)
    problems: list = []
    document = read_document(path, "figure.yml", problems)
    model = _validate(Figure, document, problems, content_dir=content)
    return model, problems


def test_a_file_of_the_content_folder_is_accepted_and_normalized(content):
    model, problems = figure_problems(content, """
        image: ./media/../media/chime.png
        downloads: [media/worksheet.pdf]
        """)
    assert problems == []
    assert model.image == "media/chime.png" and model.downloads == ["media/worksheet.pdf"]


@pytest.mark.parametrize("value, message, hint", [
    ("../secret.txt", "'../secret.txt' leads out of the content folder", "from the content folder"),
    ("media/../../secret.txt", "leads out of the content folder", "e.g. media/picture.png"),
    ("/etc/passwd", "'/etc/passwd' is an absolute path", "from the content folder"),
    ("C:/Users/me/chime.png", "is an absolute path", "from the content folder"),
    ("\\\\server\\share\\chime.png", "is an absolute path", "from the content folder"),
    ("https://example.org/chime.png", "is a web address; a file of the content folder is expected", "save the file"),
    ("file:///etc/passwd", "is a web address", "save the file in the content folder"),
    ("javascript:alert(1)", "is a web address", "save the file"),
    ("media\\chime.png", "uses '\\' between folders", "use '/'"),
    ("media/chimes.png", "there is no file 'media/chimes.png' in the content folder", "check the spelling"),
    ("media/Chime.png", "there is no file 'media/Chime.png'", "did you mean 'media/chime.png'?"),
    ("media/chime.jpg", "there is no file", "did you mean 'media/chime.png'?"),
    ("media", "'media' is a folder, not a file", "media/picture.png"),
])
def test_bad_paths_are_located_errors_with_a_fix(content, value, message, hint):
    _model, problems = figure_problems(content, f"""
        caption: A figure
        image: '{value}'
        """)
    [problem] = problems
    assert (problem.file, problem.line, problem.column, problem.code) == ("figure.yml", 2, 8, "bad-path")
    assert message in problem.message and hint in problem.hint


def test_every_bad_path_in_a_list_is_reported(content):
    _model, problems = figure_problems(content, """
        image: media/chime.png
        downloads:
          - media/worksheet.pdf
          - ../secret.txt
          - /tmp/x.pdf
        """)
    assert [(p.line, p.column) for p in problems] == [(4, 5), (5, 5)]


def test_a_link_out_of_the_content_folder_is_refused(content):
    os.symlink(content.parent / "secret.txt", content / "media/secret.txt")
    _model, problems = figure_problems(content, "image: media/secret.txt\n")
    [problem] = problems
    assert "is a link to a file outside the content folder" in problem.message


def test_form_is_checked_without_a_content_folder():
    # The model alone (no loader) still refuses what can never be right.
    assert content_path_problem("media/anything.png") is None
    assert "leads out" in content_path_problem("../x.png")[0]
    assert "web address" in content_path_problem("http://x/y.png")[0]
    assert Figure(image="media/anything.png").image == "media/anything.png"
