"""Fact sheet, meeting and media blocks, page links and references without authors or date:
what the loader refuses (located, with a fix) and what the renderer makes of the rest."""

from __future__ import annotations

import os
import re
import textwrap

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import TypeAdapter

from toolkit_builder import load_project, render_site
from toolkit_builder.core.blocks import AnyBlock as Block
from toolkit_builder.core.i18n import load_translations
from toolkit_builder.core.model import Reference
from toolkit_builder.core.render import Renderer, format_reference

from .conftest import CONTENT, only, problems_of, write


def module(content_dir, blocks: str, name: str = "sample", section: str = "education"):
    """A module file whose `blocks:` are the given YAML list (line 5 is the first block)."""
    path = content_dir / f"modules/{section}/{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"id: {name}\ntitle: Sample\nsection: {section}\nblocks:\n"
    path.write_text(head + textwrap.indent(textwrap.dedent(blocks).strip("\n"), "  ") + "\n", encoding="utf-8")
    return path


def render(project, text: str, page: str = "education/sample.md", translations=None, **options) -> BeautifulSoup:
    data = yaml.safe_load(textwrap.dedent(text))
    block = TypeAdapter(Block).validate_python(data[0] if isinstance(data, list) else data)
    renderer = Renderer(project, translations=translations, **options)
    renderer.start_page(page)
    with renderer.citations():
        return BeautifulSoup(str(renderer.render_block(block, level=3)), "html.parser")


# --------------------------------------------------------------------------- fact sheets


FACT_SHEET = """
    - type: fact_sheet{reference}
      studied: A Recovery College.
      participants: Eight professionals.
      method: Interviews.
      findings: [The workshop as a crucible.]
      implications: [Prepare new trainers.]
    """


def test_fact_sheet_reference_must_be_in_references(content_dir):
    module(content_dir, FACT_SHEET.format(reference="\n      reference: dalgarno2091"))
    problem = only(problems_of(content_dir), "unknown-reference")
    assert problem.file.endswith("sample.yml") and problem.line == 6
    assert "did you mean 'dalgarno2019'" in problem.hint


def test_fact_sheet_without_reference_says_what_to_add(content_dir):
    module(content_dir, FACT_SHEET.format(reference=""))
    problem = only(problems_of(content_dir), "missing-field")
    assert "'reference'" in problem.message and "references.yml" in problem.hint


def test_fact_sheet_shows_every_part_and_the_full_citation():
    project = load_project(CONTENT)
    soup = render(project, FACT_SHEET.format(reference="\n      reference: wagstaff2013"))
    assert [h.get_text() for h in soup.find_all("h3")] == [
        "What was studied", "Who took part", "How it was done", "What was found", "What it means for practice",
        "Full citation"]
    citation = soup.select_one(".tk-citation").get_text()
    assert citation.startswith("Wagstaff, C., Salkeld, R., & Tew, J. (2013). Toward a new way of relating")
    assert "Journal of Mental Health, 22(2), 165–173. https://doi.org/10.3109/09638237.2012.694506" in citation


def test_references_without_authors_or_date():
    piat = format_reference(Reference(authors="Piat, M., & Vasko, S.", title="Pathfinding", description="Oral presentation"))
    assert str(piat) == "Piat, M., &amp; Vasko, S. (n.d.). <cite>Pathfinding</cite> [Oral presentation]."
    french = format_reference(Reference(title="Un titre", year=2012, pages="1-9"), {"n.d.": "s.d.", "Pages %(pages)s":
                                                                                   "p. %(pages)s"}.get)
    assert str(french) == "Un titre. (2012). p. 1–9."
    undated = format_reference(Reference(title="Un titre"), lambda s: {"n.d.": "s.d."}.get(s, s))
    assert str(undated) == "<cite>Un titre</cite>. (s.d.)."


# --------------------------------------------------------------------------- meetings


MEETING = """
    - type: meeting
      purpose: Plan the training.
      preparation_minutes: 45
      milestone: A plan.
      agenda:
        - {title: Welcome, minutes: 10}
        - {title: Plan, minutes: 80}
      handouts:
        - {title: Questions, module: recovery-education-and-training, block: interview-questions}
    """


def test_meeting_handout_must_name_a_module_and_a_block_of_it(content_dir):
    module(content_dir, MEETING.replace("module: recovery-education-and-training", "module: recovery-education-and-trainig"))
    problem = only(problems_of(content_dir), "unknown-module")
    assert problem.line == 13 and "did you mean 'recovery-education-and-training'" in problem.hint
    module(content_dir, MEETING.replace("block: interview-questions", "block: interview-question"))
    problem = only(problems_of(content_dir), "unknown-block")
    assert problem.line == 13 and "did you mean 'interview-questions'" in problem.hint


def test_meeting_agenda_timings_total_and_links(content_dir):
    module(content_dir, MEETING)
    project = load_project(content_dir)
    page = next(p for p in render_site(project) if p.path == "education/sample.md")
    soup = BeautifulSoup(page.html, "html.parser")
    items = soup.select("ol.tk-agenda > li")
    assert [(li.select_one(".tk-agenda-time").get_text(), li.select_one(".tk-agenda-title").get_text())
             for li in items] == [("10 minutes", "Welcome"), ("1 hour 20 minutes", "Plan")]
    assert soup.select_one(".tk-agenda-heading").get_text() == "Agenda (1 hour 30 minutes)"
    facts = {dt.get_text(): dt.find_next("dd").get_text(strip=True) for dt in soup.select(".tk-meeting-facts dt")}
    assert facts["Preparation time:"] == "45 minutes" and facts["Meeting time:"] == "1 hour 30 minutes"
    link = soup.select_one(".tk-meeting-handouts a")["href"]
    assert link == "../recovery-education-and-training/#interview-questions"
    flat = next(p for p in render_site(project, directory_urls=False) if p.path == "education/sample.md")
    assert 'href="recovery-education-and-training.html#interview-questions"' in flat.html


def test_meeting_durations_follow_the_language():
    project = load_project(CONTENT, "fr")
    soup = render(project, MEETING, translations=load_translations("fr"))
    assert [t.get_text() for t in soup.select(".tk-agenda-time")] == ["10 minutes", "1 heure 20 minutes"]
    assert soup.select_one(".tk-agenda-heading").get_text() == "Ordre du jour (1 heure 30 minutes)"


# --------------------------------------------------------------------------- media


def media(video: str = "media/welcome.mp4", captions: str | None = "[{file: media/welcome.en.vtt, language: en}]",
          transcript: bool = True) -> str:
    """A media block as a YAML list item: `video` on line 6, `captions` on line 7 of the module."""
    lines = ["- type: media", f"  video: '{video}'"]
    if captions is not None:
        lines.append(f"  captions: {captions}")
    if transcript:
        lines.append("  transcript: Welcome to the toolkit.")
    return "\n".join(lines)


def media_files(content_dir, captions: bytes = b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n"):
    (content_dir / "media").mkdir(exist_ok=True)
    (content_dir / "media/welcome.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")  # a stand-in: never published
    (content_dir / "media/welcome.en.vtt").write_bytes(captions)


def test_media_without_captions_or_transcript_is_refused(content_dir):
    media_files(content_dir)
    module(content_dir, media(captions=None, transcript=False))
    problems = problems_of(content_dir)
    assert sorted(p.message for p in problems) == ["the required field 'captions' is missing",
                                                   "the required field 'transcript' is missing"]
    assert all(p.line == 5 and p.file.endswith("sample.yml") for p in problems)
    hints = " ".join(p.hint for p in problems)
    assert "WebVTT" in hints and "cannot hear" in hints and "cannot watch" in hints


def test_media_with_empty_captions_list_is_refused(content_dir):
    media_files(content_dir)
    module(content_dir, media(captions="[]"))
    problem = only(problems_of(content_dir), "wrong-type")
    assert "'captions' needs at least 1 item" in problem.message and problem.line == 7


@pytest.mark.parametrize("path", ["../secret.mp4", "/etc/video.mp4", "https://example.org/v.mp4",
                                  "media/../../v.mp4", "media\\v.mp4", ".hidden/v.mp4"])
def test_media_paths_stay_inside_the_content_folder(content_dir, path):
    media_files(content_dir)
    module(content_dir, media(video=path))
    problem = only(problems_of(content_dir), "bad-value")
    assert problem.line == 6 and "not a path inside the content folder" in problem.message
    assert "no `..`" in problem.hint


def test_media_symlink_out_of_the_content_folder_is_refused(content_dir, tmp_path):
    media_files(content_dir)
    outside = tmp_path / "outside.mp4"
    outside.write_bytes(b"video")
    os.symlink(outside, content_dir / "media/linked.mp4")
    module(content_dir, media(video="media/linked.mp4"))
    problem = only(problems_of(content_dir), "bad-value")
    assert "leads outside the content folder" in problem.message and problem.line == 6


def test_media_files_must_exist_and_captions_be_webvtt(content_dir):
    media_files(content_dir, captions=b"1\n00:00:00,000 --> 00:00:02,000\nWelcome.\n")  # SubRip, not WebVTT
    module(content_dir, media(video="media/missing.webm"))
    problems = problems_of(content_dir)
    missing = only(problems, "missing-media")
    assert missing.line == 6 and "media/missing.webm" in missing.message
    captions = only(problems, "bad-value")
    assert captions.line == 7 and "WEBVTT" in captions.message


def test_media_block_plays_with_captions_in_the_page_language(content_dir):
    media_files(content_dir)
    (content_dir / "media/welcome.fr.vtt").write_bytes(b"WEBVTT\n")
    module(content_dir, media(captions="[{file: media/welcome.en.vtt, language: en},"
                                       " {file: media/welcome.fr.vtt, language: fr}]"))
    for language, default in (("en", "en"), ("fr", "fr")):
        project = load_project(content_dir, language)
        page = next(p for p in render_site(project, translations=load_translations(language))
                    if p.path == "education/sample.md")
        soup = BeautifulSoup(page.html, "html.parser")
        assert soup.select_one("video source")["src"] == "../../media/welcome.mp4"
        tracks = soup.select("video track[kind=captions]")
        assert [t["srclang"] for t in tracks] == ["en", "fr"]
        assert [t["srclang"] for t in tracks if t.has_attr("default")] == [default]
        assert soup.select_one("details.tk-transcript").get_text(" ", strip=True).endswith("Welcome to the toolkit.")


# --------------------------------------------------------------------------- links between pages


def test_links_to_pages_by_their_markdown_file(content_dir):
    module(content_dir, """
        - type: prose
          text: See [the module](recovery-education-and-training.md#chime) and the [glossary](../glossary.md).
        """)
    project = load_project(content_dir)
    page = next(p for p in render_site(project) if p.path == "education/sample.md").html
    assert 'href="../recovery-education-and-training/#chime"' in page and 'href="../../glossary/"' in page
    flat = next(p for p in render_site(project, directory_urls=False) if p.path == "education/sample.md").html
    assert 'href="recovery-education-and-training.html#chime"' in flat and 'href="../glossary.html"' in flat


def test_link_to_a_page_that_does_not_exist_is_located(content_dir):
    module(content_dir, """
        - type: prose
          text: See [the module](../recovery-education-and-training.md).
        """)
    problem = only(problems_of(content_dir), "broken-link")
    assert problem.line == 6 and "'../recovery-education-and-training.md'" in problem.message
    assert "write 'recovery-education-and-training.md'" in problem.hint


def test_recommended_modules_and_module_tags_are_checked(content_dir):
    toolkit = (content_dir / "toolkit.yml").read_text(encoding="utf-8")
    (content_dir / "toolkit.yml").write_text(toolkit.replace("start: [recovery-education-and-training, joint-recovery",
                                                             "start: [recovery-education-and-trainig, joint-recovery"),
                                             encoding="utf-8")
    write(content_dir / "modules/education/tagged.yml", """
        id: tagged
        title: Tagged
        section: education
        tags: [chime:hpoe]
        blocks:
          - type: prose
            text: Text.
        """)
    problems = problems_of(content_dir)
    start = only(problems, "unknown-module")
    assert start.file.endswith("toolkit.yml") and "did you mean 'recovery-education-and-training'" in start.hint
    assert re.search(r"audiences", toolkit.splitlines()[start.line - 1]) is None  # points at the id, not the list
    tag = only(problems, "unknown-component")
    assert tag.file.endswith("tagged.yml") and tag.line == 4 and "did you mean 'hope'" in tag.hint


def test_build_publishes_the_video_with_its_captions(project_dir):
    from .browser import run_toolkit

    content_dir = project_dir / "content"
    media_files(content_dir)
    (content_dir / "media/draft.mp4").write_bytes(b"not named by any block")
    module(content_dir, media())
    result = run_toolkit("build", "-l", "en", cwd=project_dir)
    assert result.returncode == 0, result.stderr
    site = project_dir / "site"
    assert (site / "media/welcome.mp4").read_bytes() == (content_dir / "media/welcome.mp4").read_bytes()
    assert (site / "media/welcome.en.vtt").read_bytes().startswith(b"WEBVTT")
    soup = BeautifulSoup((site / "education/sample/index.html").read_text(encoding="utf-8"), "html.parser")
    video = soup.select_one("article video[controls]")
    assert video.source["src"] == "../../media/welcome.mp4"
    assert video.select_one("track[kind=captions][default]")["src"] == "../../media/welcome.en.vtt"
    assert not (site / "media/draft.mp4").exists()  # only the files a block names are published


def test_agenda_minutes_must_be_positive(content_dir):
    module(content_dir, MEETING.replace("{title: Welcome, minutes: 10}", "{title: Welcome, minutes: 0}"))
    problem = only(problems_of(content_dir), "bad-value")
    assert problem.line == 10 and problem.message == "'minutes' is 0; it must be at least 1"
    assert "whole number of minutes" in problem.hint
