"""Rendering: each block type against a reviewed golden file, citations, escaping, overrides.

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from toolkit_builder import load_project, render_site
from toolkit_builder.core.blocks import BLOCK_TYPES
from toolkit_builder.core.blocks import AnyBlock as Block
from toolkit_builder.core.i18n import load_translations
from toolkit_builder.core.render import Renderer
from toolkit_builder.core.render.markdown import _Inert, inert

from .conftest import CONTENT, write

GOLDEN = Path(__file__).parent / "golden"

BLOCKS = {
    "prose": """
        type: prose
        text: |
          A paragraph with **bold**, a [link](https://example.org) and PWLE [@slay2013].

          A second paragraph.
        """,
    "list": """
        type: list
        intro: Training may include
        ordered: true
        items: [Goal setting, "*Wellness* recovery action planning"]
        cites: [schwartz2020]
        """,
    "callout": """
        type: callout
        kind: tip
        title: Practise
        text: Try it with a colleague.
        """,
    "contrast": """
        type: contrast
        heading: Clinical and personal recovery
        left: Clinical recovery
        right: Personal recovery
        rows:
          - [Needs a diagnosis, Not driven by diagnosis]
          - [Not guaranteed, Always possible]
        """,
    "framework": """
        type: framework
        id: chime
        heading: CHIME
        framework: chime
        components:
          - key: connection
            maps_to: [3, 5]
            themes: [Connection buffers stress.]
          - key: hope
            maps_to: [1]
            themes: [Share recovery stories., Reframe setbacks.]
        cites: [leamy2011]
        """,
    "questions": """
        type: questions
        id: interview
        heading: Interview questions
        groups:
          - heading: Linked to CHIME
            audience: [pwle, family]
            questions:
              - text: What does hopeful language sound like?
                tags: [chime:hope, guidelines:1]
          - questions:
              - text: What barriers do you see?
        """,
    "considerations": """
        type: considerations
        intro: Training needs to go with
        items:
          - title: Leadership
            text: Committed leaders.
          - text: Recruitment of open-minded staff.
            cites: [schwartz2020]
        """,
    "logic_model": """
        type: logic_model
        heading: Components
        labels: {outcome: Enhanced outcome}
        rows:
          - {input: Education, output: Knowledge, co_production: Stories, outcome: Belief in recovery}
          - {input: Training, output: Skills, co_production: Co-delivery}
        """,
    "fact_sheet": """
        type: fact_sheet
        reference: dalgarno2019
        studied: Practitioner trainers in a **Recovery College**.
        participants: Eight health professionals.
        method: Semi-structured interviews, analysed for themes.
        findings: [The workshop as a crucible., Challenge and discomfort.]
        implications: ["Tell new trainers to expect discomfort [@leamy2011]."]
        limits: One site only.
        """,
    "meeting": """
        type: meeting
        purpose: Plan recovery education with PWLE.
        participants: The implementation team
        preparation_minutes: 90
        preparation: [Invite the team., "Read the *notes*."]
        milestone: A written plan.
        agenda:
          - {title: Welcome, minutes: 10, lead: Both co-facilitators}
          - {title: Take stock, minutes: 65, details: "List the *tools* you have."}
        materials: [Flip chart]
        handouts:
          - {title: Interview questions, module: recovery-education-and-training, block: interview-questions,
             note: one per interviewer}
          - {title: A handout without a page}
        tips: [Send the handouts ahead.]
        notes: Training alone will not transform a service.
        """,
    "faq": """
        type: faq
        id: questions
        intro: Short answers.
        items:
          - id: what-is-chime
            question: What is CHIME & why?
            answer: "Five components of personal recovery [@leamy2011]."
            tags: [chime:hope]
          - id: training-alone
            question: Is training enough?
            answer: |
              No.

              It needs leadership too.
        """,
    "media": """
        type: media
        id: welcome
        video: media/welcome.mp4
        poster: media/welcome.jpg
        captions:
          - {file: media/welcome.en.vtt, language: en}
          - {file: media/welcome.fr.vtt, language: fr, label: Français}
        transcript: "**Facilitator:** Welcome to the toolkit."
        description: A two-minute welcome.
        """,
}


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load_project(CONTENT))


def test_every_block_type_has_a_golden_case():
    assert set(BLOCKS) == set(BLOCK_TYPES)


@pytest.mark.parametrize("kind", sorted(BLOCKS))
def test_block_matches_golden(renderer, kind):
    import textwrap

    block = TypeAdapter(Block).validate_python(yaml.safe_load(textwrap.dedent(BLOCKS[kind])))
    renderer.start_page("index.md")  # tooltip ids restart, links are relative to the home page
    with renderer.citations():
        html = str(renderer.render_block(block, level=3))
    golden = GOLDEN / f"{kind}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        # A rewritten golden file proves nothing until someone reads the diff: never a pass.
        if os.environ.get("CI") == "true":
            pytest.fail("UPDATE_GOLDEN=1 under CI=true: golden files are rewritten by hand, then reviewed")
        golden.write_text(html, encoding="utf-8")
        pytest.skip(f"{golden.name} rewritten: review `git diff tests/golden/` before committing")
    assert golden.exists(), f"no golden file for {kind}; run with UPDATE_GOLDEN=1 and review it"
    assert html == golden.read_text(encoding="utf-8")


def _module_page(project=None):
    pages = render_site(project or load_project(CONTENT))
    return next(p for p in pages if p.path == "education/recovery-education-and-training.md")


def test_module_page_numbers_citations_in_order_of_first_use():
    page = _module_page()
    notes = page.html.split('<h2 id="references">References', 1)[1]
    order = ["Mental Health Commission of Canada", "Leamy", "Slay", "Happell", "Jackson-Blott", "Higgins", "Schwartz",
             "Walk the Talk / de la Parole"]  # the module's own source comes last
    positions = [notes.index(name) for name in order]
    assert positions == sorted(positions)
    assert page.html.count('class="tk-cite"') == 9  # eight works, Schwartz cited twice
    assert 'href="#ref-7"' in page.html and page.html.count('href="#ref-7"') == 2
    assert "https://doi.org/10.1111/inm.12740" in notes


def test_module_page_headings_carry_block_ids():
    page = _module_page()
    assert page.html.startswith('<h1 id="recovery-education-and-training">Recovery education and training'
                                '<a class="headerlink" href="#recovery-education-and-training" title="Permanent link">'
                                "&para;</a></h1>\n")
    assert ('<h2 id="clinical-vs-personal">Clinical recovery and personal recovery<a class="headerlink" '
            'href="#clinical-vs-personal" title="Permanent link">&para;</a></h2>') in page.html
    assert page.html.count("<h1") == 1
    # The table of contents lists the headings the page writes, in order, with their ids.
    toc = [(h.level, h.id, h.name) for h in page.toc]
    assert toc[0] == (1, "recovery-education-and-training", "Recovery education and training")
    assert (2, "clinical-vs-personal", "Clinical recovery and personal recovery") in toc
    assert toc[-1] == (2, "references", "References")
    assert all(f'<h{level} id="{ident}">' in page.html for level, ident, _ in toc)


def test_raw_html_and_unsafe_links_in_text_are_neutralized(content_dir):
    write(content_dir / "modules/education/sample.yml", """
        id: sample
        title: Sample
        section: education
        blocks:
          - type: prose
            text: <script>alert(1)</script> and [click](javascript:alert(1)) <b onclick="x()">b</b>
        """)
    markdown = next(p for p in render_site(load_project(content_dir)) if p.path.endswith("sample.md")).html
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "javascript:" not in markdown
    assert "<b onclick" not in markdown


def test_project_template_overrides_bundled_one(content_dir, tmp_path):
    overrides = tmp_path / "templates"
    write(overrides / "blocks/callout.html.j2", '<aside class="local">{{ block.text }}</aside>\n')
    project = load_project(CONTENT)
    from toolkit_builder.core.blocks import CalloutBlock

    html = str(Renderer(project, overrides).render_block(CalloutBlock(type="callout", text="Hi")))
    assert html == '<aside class="local">Hi</aside>\n'


def test_nav_follows_declared_sections_and_module_order(content_dir):
    import textwrap

    toolkit = (content_dir / "toolkit.yml").read_text(encoding="utf-8")
    toolkit = toolkit.replace("sections:\n", "sections:\n" + textwrap.indent(
        "- id: aaa-first\n  title: A section declared first\n", "  "), 1)
    (content_dir / "toolkit.yml").write_text(toolkit, encoding="utf-8")
    from toolkit_builder.core.render import site_nav

    nav = site_nav(load_project(content_dir))
    assert [list(item)[0] for item in nav] == [
        "Home", "The process", "A section declared first", "Education and training", "Facilitation",
        "Research fact sheets", "Browse by topic", "References", "Glossary",
    ]


@pytest.mark.parametrize("text", [
    "Hello world.", "It's fine.", "Don't stop: keep going!", "Peer support (and hope) matter.",
    "Qu'est-ce qui vous aide?", "Le rétablissement est personnel.", "Étape 2: écouter", "one.two",
    "PWLE are experts by experience.", "1. Not a list here", "- not a list", "A -- B", "Use *this*", "R&D",
    "a < b", "“quoted”", 'He said "yes".', "x_y", "[@leamy2011] first", "50% of staff",
])
def test_plain_text_shortcut_renders_exactly_like_markdown(renderer, text):
    """One-line texts without Markdown skip the converter; the result must be the same."""
    slow = renderer._convert(text)
    if slow.startswith("<p>") and slow.endswith("</p>") and slow.count("<p>") == 1:
        slow = slow[3:-4]
    numbered = re.compile(r"tk-abbr-\d+")  # each abbreviation hint gets the next id
    assert numbered.sub("tk-abbr-N", str(renderer.markdown_inline(text))) == numbered.sub("tk-abbr-N", slow)


def test_the_pdfs_front_has_a_cover_and_contents_in_the_pages_language(content_dir):
    """The front of the whole toolkit's PDF (made only with PDFs): the organization on the cover,
    escaped like any content text, the date and language in the page's language, and a contents
    list that links to every page of the book in order."""
    toolkit = content_dir / "toolkit.yml"
    toolkit.write_text(toolkit.read_text(encoding="utf-8") + "organization:\n  name: Health <Team> & Co\n",
                       encoding="utf-8")
    assert not [p for p in render_site(load_project(content_dir)) if p.kind == "book"]
    french = render_site(load_project(content_dir, "fr"), None, load_translations("fr", [content_dir]), pdf=True)
    front = next(p for p in french if p.kind == "book")
    assert front.path == "book.md" and "Health &lt;Team&gt; &amp; Co" in front.html
    assert "<dt>Langue</dt><dd>français</dd>" in front.html and "Table des matières" in front.html
    assert re.search(r"<dd>\d{1,2}(er)? \w+ \d{4}</dd>", front.html), "a date written the French way"
    links = re.findall(r'<a href="([^"]+)">', front.html)
    assert links[0] == "../process/" and links[-2:] == ["../references/", "../glossary/"]
    assert not [link for link in links if "topics" in link] and len(links) == len(set(links))


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from([*"ab &#;x9[]{}*_`!\\>é’\"'", "&amp;", "&#39;", "&#x27;", "&lt;", "&nbsp;", "&",
                                  "&#", "&a", "<b>"]), max_size=40).map("".join))
def test_inert_text_without_tags_is_what_the_parser_writes(text):
    """``inert`` skips its HTML parser for text without tags: the result must be the parser's."""
    parser = _Inert()
    parser.feed(text)
    parser.close()
    assert inert(text) == "".join(parser.parts)


def test_pages_rendered_by_several_processes_are_the_same_pages():
    """``render_site(processes=2)`` forks a process for part of the module and topic pages;
    the site must be the very same, in the same order."""
    from toolkit_builder.core.render.parallel import spread
    from toolkit_builder.core.render.renderer import Page

    project = load_project(CONTENT)
    translations = load_translations(project.language, [CONTENT])
    assert render_site(project, None, translations, processes=2) == render_site(project, None, translations)
    jobs = [(1.0, lambda: [Page("p.md", "P", str(os.getpid()))]) for _ in range(4)]
    assert len({page.html for pages in spread(jobs, 2) for page in pages}) == 2  # two processes did the work
    assert {page.html for pages in spread(jobs, 1) for page in pages} == {str(os.getpid())}
