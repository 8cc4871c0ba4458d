"""The bundled toolkit as a new facilitator meets it: the built site in both languages
(home page, fact sheets, meeting plan, cross-index, figures), every link followed, and
the abbreviations, the figures and narrow screens tried in Chromium."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.load import load_project

from .conftest import CONTENT

FACT_SHEETS = ["co-facilitated-education", "recovery-college-trainers", "joint-recovery-training",
               "facilitation-in-mixed-teams"]
PARTS = {
    "en": ["What was studied", "Who took part", "How it was done", "What was found", "What it means for practice"],
    "fr": ["Ce qui a été étudié", "Qui a participé", "Comment l’étude a été menée", "Résultats",
           "Ce que cela signifie pour la pratique"],
}
MODULE = "education/recovery-education-and-training/"


@lru_cache(maxsize=None)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> BeautifulSoup:
    return _parse(site / (url + "index.html" if url.endswith("/") or not url else url))


def article(site: Path, url: str) -> BeautifulSoup:
    soup = page(site, url)
    return soup.select_one("article.md-content__inner")


# --------------------------------------------------------------------------- the content


def test_every_reference_can_be_looked_up():
    """Authors (or an organization), year, title, where it appeared, and a DOI or address; a reference
    that lacks any of them says what kind of work it is in its `description` (printed with it) and why
    the rest is missing in its `editors` remark (never printed)."""
    references = load_project(CONTENT).references
    assert len(references) >= 10
    for key, reference in references.items():
        lacking = [name for name, value in (("authors", reference.authors), ("year", reference.year),
                                            ("journal or publisher", reference.container or reference.publisher),
                                            ("DOI or web address", reference.link)) if not value]
        assert not lacking or (reference.description and reference.editors), (
            f"{key}: no {', '.join(lacking)}, and no description and editors' remark saying why")
    assert references["happell2019"].authors.count(".,") + 1 == 23  # "& Biering, P." closes the list
    assert references["dalgarno2019"].doi == "10.1177/0017896919856656"
    wagstaff = references["wagstaff2013"]
    assert (wagstaff.container, wagstaff.volume, wagstaff.issue, wagstaff.doi) == (
        "Journal of Mental Health", "22", "2", "10.3109/09638237.2012.694506")


# --------------------------------------------------------------------------- the built site


def test_every_link_and_anchor_of_the_site_leads_somewhere(browser_site):
    checked = 0
    for html in sorted(browser_site.rglob("*.html")):
        relative = html.relative_to(browser_site).as_posix()
        if relative == "404.html" or relative.startswith(("fr/404", "search/")):
            continue
        base = posixpath.dirname(relative)
        for link in _parse(html).select("a[href]"):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else relative
            path = browser_site / target
            if path.is_dir():
                path = path / "index.html"
            assert path.is_file(), f"{relative}: {href} leads to no file"
            if parts.fragment and path.suffix == ".html":
                assert _parse(path).find(id=parts.fragment), f"{relative}: {href} has no #{parts.fragment}"
            checked += 1
    assert checked > 2000  # the nav alone makes a few hundred per language


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_page_says_where_each_role_starts(browser_site, language):
    prefix = "" if language == "en" else "fr/"
    home = article(browser_site, prefix)
    headings = [h.get_text(strip=True).rstrip("¶") for h in home.find_all("h2")]
    expected = {"en": ["The process", "Where to start", "Sections", "Browse by topic"],
                "fr": ["La démarche", "Par où commencer", "Sections", "Parcourir par thème"]}[language]
    assert headings == expected
    roles = home.find_all("h2")[1].find_all_next("h3", limit=4)
    assert len(roles) == 4
    for role in roles:
        steps = role.find_next("ol").select("a")
        assert steps, role.get_text()
        for step in steps:  # each leads to a module page whose title is the link text
            target = article(browser_site, prefix + step["href"])
            assert target.h1.get_text(strip=True).rstrip("¶") == step.get_text(strip=True)
    assert roles[0].get_text(strip=True).rstrip("¶") == {"en": "Facilitators", "fr": "Animatrices et animateurs"}[
        language]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_fact_sheets_have_every_part_and_their_citation(browser_site, language):
    prefix = "" if language == "en" else "fr/"
    for sheet in FACT_SHEETS:
        content = article(browser_site, f"{prefix}research/{sheet}/")
        parts = [h.get_text(strip=True) for h in content.select(".tk-fact-sheet h3")]
        assert parts[:5] == PARTS[language], sheet
        citation = content.select_one(".tk-citation")
        assert citation.get_text(strip=True), sheet
        # The works are in English: on French pages the citation is marked as English.
        assert citation.get("lang") == (None if language == "en" else "en")
    higgins = article(browser_site, f"{prefix}research/co-facilitated-education/")
    assert higgins.select_one(".tk-citation a")["href"] == "https://doi.org/10.1111/inm.12740"
    assert "28" in higgins.select_one(".tk-fact--participants").get_text()
    piat = article(browser_site, f"{prefix}research/facilitation-in-mixed-teams/").select_one(".tk-citation")
    assert "[Oral presentation, theme" in piat.get_text() and ("(n.d.)" if language == "en" else "(s.d.)") in piat.get_text()


def test_meeting_plan_in_both_languages(browser_site):
    for prefix, total, heading in (("", "1 hour 30 minutes", "Agenda"), ("fr/", "1 heure 30 minutes", "Ordre du jour")):
        content = article(browser_site, f"{prefix}facilitation/planning-recovery-education/")
        assert content.select_one(".tk-agenda-heading").get_text() == f"{heading} ({total})"
        assert len(content.select("ol.tk-agenda > li")) == 6
        handouts = content.select(".tk-meeting-handouts a")
        assert handouts[2]["href"] == "../../education/recovery-education-and-training/#interview-questions"


def test_cross_index_pages_exist_in_both_languages(browser_site):
    for prefix in ("", "fr/"):
        overview = article(browser_site, f"{prefix}topics/")
        links = [a["href"] for a in overview.select("ul a")]
        assert len(links) == 15
        hope = article(browser_site, f"{prefix}topics/chime-hope/")
        assert hope.select_one("a[href$='#chime-hope']")


def test_chime_figure_on_the_module_page(browser_site):
    for prefix, title, centre in (("", "CHIME framework", "Personal recovery"),
                                  ("fr/", "Cadre CHIME", "Rétablissement personnel")):
        svg = article(browser_site, prefix + MODULE).select_one(".tk-framework figure svg")
        assert svg["role"] == "img" and svg.title.get_text() == title
        assert centre in svg.desc.get_text()


# --------------------------------------------------------------------------- in Chromium


def _luminance(rgb: str) -> float:
    values = [int(v) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    return sum(w * v / 255 for w, v in zip((0.2126, 0.7152, 0.0722), values))


def test_abbreviation_expansion_shows_on_keyboard_focus_and_hides_on_escape(browser, base_url):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(base_url + MODULE)
    first = tab.locator("article .tk-abbr").first
    tip = first.locator(".tk-abbr__tip")
    expect(tip).to_be_hidden()
    for _ in range(300):  # Tab through the page, as a keyboard user does, to the first abbreviation
        tab.keyboard.press("Tab")
        if tab.evaluate("!!document.activeElement.closest('article .tk-abbr')"):
            break
    link = first.locator("a")
    expect(link).to_be_focused()
    expect(tip).to_be_visible()
    expect(link).to_have_accessible_description(tip.inner_text())
    assert link.get_attribute("href").endswith("glossary/#term-chime")
    box, viewport = tip.bounding_box(), tab.viewport_size
    assert box["width"] > 0 and box["x"] + box["width"] <= viewport["width"]
    tab.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    tab.keyboard.press("Enter")  # follows the link to the glossary entry
    tab.wait_for_url("**/glossary/#term-chime")
    expect(tab.locator("#term-chime")).to_be_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figure_is_drawn_in_the_text_colour(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(base_url + MODULE)
    style = tab.evaluate("""() => {
        const part = document.querySelector('.tk-framework .tk-fig-part');
        const label = document.querySelector('.tk-framework .tk-fig-label');
        const page = getComputedStyle(document.querySelector('.md-main')).backgroundColor;
        return {stroke: getComputedStyle(part).stroke, fill: getComputedStyle(part).fill,
                text: getComputedStyle(label).fill, body: getComputedStyle(document.body).backgroundColor, page};
    }""")
    stroke, text = _luminance(style["stroke"]), _luminance(style["text"])
    if scheme == "light":
        assert stroke < 0.3 and text < 0.3, style
    else:
        assert stroke > 0.6 and text > 0.6, style
    assert abs(_luminance(style["fill"]) - _luminance(style["body"])) < 0.05, style  # circles take the page colour
    context.close()


def test_narrow_screen_does_not_scroll_sideways(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    for url in ("", MODULE, "facilitation/planning-recovery-education/", "research/co-facilitated-education/",
                "topics/", "fr/"):
        tab.goto(base_url + url)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url or 'home'} is {width}px wide at 320px"
    tab.goto(base_url + MODULE)
    figure = tab.locator(".tk-framework .tk-figure__svg").bounding_box()
    assert 0 < figure["width"] <= 320
    context.close()
