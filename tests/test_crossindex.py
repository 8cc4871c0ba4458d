"""The cross-index, the figures drawn from the data and the glossary links of abbreviations."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from toolkit_builder import load_project, render_site
from toolkit_builder.core.i18n import load_translations
from toolkit_builder.core.render import Renderer, site_nav
from toolkit_builder.core.render.crossindex import collect_mentions, topics
from toolkit_builder.core.render.figures import framework_figure

from .conftest import CONTENT, write


def pages(project, **options) -> dict[str, str]:
    return {p.path: p.html for p in render_site(project, **options)}


# --------------------------------------------------------------------------- cross-index


def test_mentions_come_from_tags_rows_mappings_and_questions():
    mentions = collect_mentions(load_project(CONTENT))
    hope = {(m.module.id, m.kind, m.anchor, m.text) for m in mentions[("chime", "hope")]}
    assert ("recovery-education-and-training", "row", "chime-hope", "Hope") in hope
    assert ("recovery-education-and-training", "question", "interview-questions",
            "What does hopeful language sound like?") in hope
    assert ("recovery-education-and-training", "block", "lived-experience", None) in hope
    # CHIME's Hope row maps to dimension 1 of the Guidelines; Connection to 3 and 5.
    assert ("recovery-education-and-training", "mapped", "chime-hope", "Hope") in {
        (m.module.id, m.kind, m.anchor, m.text) for m in mentions[("guidelines", "1")]}
    for dimension in ("3", "5"):
        assert [m.text for m in mentions[("guidelines", dimension)] if m.kind == "mapped"] == ["Connection"]
    # Module tags, and the audience of question groups.
    assert "facilitation-in-mixed-teams" in {m.module.id for m in mentions[("guidelines", "4")] if m.kind == "module"}
    assert [m.text for m in mentions[("audience", "family")] if m.kind == "group"] == [
        "Questions linked to CHIME", "General questions"]


def test_every_component_and_audience_has_a_page_in_the_nav():
    project = load_project(CONTENT)
    every = topics(project, lambda s: s)
    assert len(every) == 6 + 5 + 4
    generated = pages(project)
    assert all(t.path in generated for t in every) and "topics/index.md" in generated
    nav = site_nav(project)
    browse = next(item["Browse by topic"] for item in nav if "Browse by topic" in item)
    assert browse[0] == "topics/index.md"
    assert [list(group)[0] for group in browse[1:]] == ["Guidelines", "CHIME", "Audiences"]
    assert browse[1]["Guidelines"][0] == {"1. Creating a culture and language of hope": "topics/guidelines-1.md"}


def test_topic_page_lists_places_with_links_to_their_anchors():
    text = pages(load_project(CONTENT))["topics/guidelines-1.md"]
    assert text.startswith('<h1 id="dimension-1-creating-a-culture-and-language-of-hope">Dimension 1: Creating a '
                           'culture and language of hope<a class="headerlink"')
    assert '<a href="../../education/recovery-education-and-training/#chime-hope">The CHIME framework</a>: ' \
           "“Hope” is linked to this dimension" in text
    assert '<li>Question: “What does hopeful language sound like?” (<a href="../../education/' \
           'recovery-education-and-training/#interview-questions">Questions for co-production interviews</a>)</li>' in text


def test_a_new_tag_shows_on_its_page(content_dir):
    write(content_dir / "modules/education/treaties.yml", """
        id: treaties
        title: Working with [Treaty] partners
        section: education
        blocks:
          - type: prose
            id: listening
            heading: Listening first
            tags: [guidelines:5]
            text: Start by listening.
        """)
    text = pages(load_project(content_dir))["topics/guidelines-5.md"]
    assert ('<h2 id="working-with-treaty-partners"><a href="../../education/treaties/">Working with [Treaty] partners'
            '</a><a class="headerlink"') in text
    assert '<li><a href="../../education/treaties/#listening">Listening first</a></li>' in text


def test_audience_page_starts_with_its_recommended_modules():
    text = pages(load_project(CONTENT))["topics/for-facilitator.md"]
    start = text.split(">Start here<", 1)[1].split("<h2", 1)[0]
    assert re.findall(r'<li><a href="[^"]+">([^<]+)</a>', start) == [
        "Facilitating with mixed teams", "Forming the implementation team",
        "Recovery education and training"]


def test_cross_index_in_french():
    project = load_project(CONTENT, "fr")
    generated = pages(project, translations=load_translations("fr"))
    text = generated["topics/chime-hope.md"]
    assert text.startswith('<h1 id="chime-espoir">CHIME&#160;: Espoir<a class="headerlink" href="#chime-espoir" '
                           'title="Lien permanent">')  # French spacing, and the permalink's title in French
    assert "Croire que le rétablissement est possible" in text  # the component's description
    assert "Question&#160;: «&#160;À quoi ressemble un langage porteur d’espoir?&#160;»" in text
    nav = site_nav(project, load_translations("fr"))
    assert any("Parcourir par thème" in item for item in nav)


# --------------------------------------------------------------------------- figures


def test_chime_figure_is_an_accessible_svg_drawn_from_the_data():
    project = load_project(CONTENT)
    html = str(framework_figure(project.toolkit.framework("chime"), "f"))
    figure = ET.fromstring(html)  # well-formed: it is inline XML in the page
    svg = figure.find("svg")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "f-title"
    title = svg.find("title")
    assert title.text == "CHIME framework" and title.get("id") == "f-title"
    description = svg.find("desc").text
    assert description == ("Personal recovery, surrounded by its 5 components: Connection, Hope, Identity, "
                           "Making sense and finding meaning, and Empowerment.")
    assert len(svg.findall("circle[@class='tk-fig-part']")) == 5
    assert len(svg.findall("circle[@class='tk-fig-centre']")) == 1
    labels = [" ".join(t.text for t in text.findall("tspan")) for text in svg.findall("text")]
    assert labels == ["Connection", "Hope", "Identity", "Making sense and finding meaning", "Empowerment",
                      "Personal recovery"]
    # Colours come from the stylesheet (currentColor, theme variables), so dark mode and print follow.
    assert "#" not in html and "fill=" not in html and "stroke=" not in html
    # The visible caption says what the framework is, without repeating the description.
    assert figure.find("figcaption").text == project.toolkit.framework("chime").description


def test_figure_follows_the_framework_and_the_language():
    project = load_project(CONTENT, "fr")
    html = str(framework_figure(project.toolkit.framework("chime"), "f", load_translations("fr").gettext, "fr"))
    svg = ET.fromstring(html).find("svg")
    labels = [" ".join(t.text for t in text.findall("tspan")) for text in svg.findall("text")]
    assert labels[1] == "Espoir" and labels[-1] == "Rétablissement personnel"
    assert svg.find("desc").text.startswith("Rétablissement personnel, entouré de ses 5 composantes : ")
    assert svg.find("desc").text.endswith("Comprendre son vécu et trouver un sens et Pouvoir d’agir.")
    # Six dimensions make six circles; long labels wrap onto several lines.
    guidelines = ET.fromstring(str(framework_figure(project.toolkit.framework("guidelines"), "g"))).find("svg")
    assert len(guidelines.findall("circle[@class='tk-fig-part']")) == 6
    assert max(len(t.findall("tspan")) for t in guidelines.findall("text")) >= 3


def test_framework_and_logic_model_blocks_draw_their_figures():
    text = pages(load_project(CONTENT))["education/recovery-education-and-training.md"]
    soup = BeautifulSoup(text, "html.parser")
    figure = soup.select_one(".tk-framework figure.tk-figure svg[role=img]")
    assert figure is not None and soup.select_one(".tk-framework table")  # the table stays the full text
    flow = soup.select_one(".tk-logic-model.tk-flow table")
    assert [th.get_text() for th in flow.select("thead th")] == ["Input", "Output", "Co-production", "Enhanced outcome"]
    assert flow.select_one("td[rowspan='2']").get_text() == "Belief that recovery is possible"


# --------------------------------------------------------------------------- glossary links


def test_abbreviations_link_to_the_glossary_with_their_expansion():
    project = load_project(CONTENT)
    renderer = Renderer(project)
    renderer.start_page("education/x.md")
    soup = BeautifulSoup(str(renderer.markdown_block("PWLE and MHCC; again PWLE.")), "html.parser")
    wrappers = soup.select("span.tk-abbr")
    assert len(wrappers) == 3
    for wrapper in wrappers:
        link = wrapper.a
        tip = soup.find(id=link["aria-describedby"])
        assert tip.parent is wrapper and tip["role"] == "tooltip" and tip.has_attr("data-search-exclude")
        assert link.abbr.get_text() in ("PWLE", "MHCC") and not link.abbr.has_attr("title")
    assert wrappers[0].a["href"] == "../../glossary/#term-pwle"
    assert soup.find(id=wrappers[1].a["aria-describedby"]).get_text() == "Mental Health Commission of Canada"
    assert len({w.a["aria-describedby"] for w in wrappers}) == 3  # unique ids on the page


def test_abbreviation_inside_a_link_is_not_wrapped_in_another_link():
    renderer = Renderer(load_project(CONTENT), directory_urls=False)
    renderer.start_page("education/x.md")
    soup = BeautifulSoup(str(renderer.markdown_block("[The PWLE network](https://example.org) and PWLE.")),
                         "html.parser")
    assert not soup.select("a a") and soup.select_one("a[href='https://example.org'] abbr[title]")
    assert soup.select_one(".tk-abbr a")["href"] == "../glossary.html#term-pwle"
