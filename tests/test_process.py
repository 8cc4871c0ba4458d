"""The process: parts and numbered meetings declared in toolkit.yml, the overview page, the
action plan, each meeting's place, facilitator guide and handouts, in both languages; and
the located problems of a process declared wrong."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.load import load_languages, load_project
from toolkit_builder.core.render import render_site, site_nav

from .conftest import CONTENT, only, problems_of, write

LANGUAGES = {"en": "", "fr": "fr/"}


@pytest.fixture(scope="module")
def projects():
    return load_languages(CONTENT)


def soup_of(site: Path, url: str) -> BeautifulSoup:
    path = site / (url + "index.html" if url.endswith("/") or not url else url)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str) -> BeautifulSoup:
    return soup_of(site, url).select_one("article.md-content__inner")


def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ", strip=True)).replace(" ¶", "")


def words(element) -> str:
    """The text a reader sees (no glossary tooltips), with plain quotes, to compare with a YAML text."""
    copy = BeautifulSoup(str(element), "html.parser")
    for tip in copy.select(".tk-abbr__tip"):
        tip.decompose()
    return plain(copy.get_text(" ", strip=True))


def plain(value: str) -> str:
    value = value.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+([.,:;])", r"\1", re.sub(r"\s+", " ", value)).strip()


def resolve(url: str, href: str) -> str:
    """The site URL a relative link on the page at ``url`` leads to."""
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(url, path)) + "/" if path else url
    return target.lstrip("./") + ("#" + anchor if anchor else "")


def minutes(value: int, language: str) -> str:
    hours, rest = divmod(value, 60)
    if language == "en":
        parts = ([f"{hours} hour" + ("s" if hours > 1 else "")] if hours else []) + \
                ([f"{rest} minute" + ("s" if rest > 1 else "")] if rest or not hours else [])
    else:
        parts = ([f"{hours} heure" + ("s" if hours > 1 else "")] if hours else []) + \
                ([f"{rest} minute" + ("s" if rest > 1 else "")] if rest or not hours else [])
    return " ".join(parts)


# --------------------------------------------------------------------------- the built site


def test_bundled_toolkit_has_a_process_of_three_parts_and_six_meetings(projects):
    project = projects["en"]
    steps = project.steps()
    assert [len(part.meetings) for part in project.toolkit.process.parts] == [1, 4, 1]
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6] and {s.total for s in steps} == {6}
    assert steps[0].previous is None and steps[-1].next is None
    assert [s.next.id for s in steps[:-1]] == [s.module.id for s in steps[1:]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_lists_every_part_and_meeting_in_order_with_times_and_milestones(bundled_site, projects, language):
    project, prefix = projects[language], LANGUAGES[language]
    page = article(bundled_site, prefix + "process/")
    parts = page.select("h2[id^=part-]")
    assert [h["id"] for h in parts] == [f"part-{p.id}" for p in project.toolkit.process.parts]
    for number, (heading, part) in enumerate(zip(parts, project.toolkit.process.parts), start=1):
        assert text(heading) == ("Part" if language == "en" else "Partie") + f" {number}" + \
            (": " if language == "en" else " : ") + part.title
    steps = page.select("ol.tk-steps > li.tk-step")
    assert len(steps) == len(project.steps())
    for item, step in zip(steps, project.steps()):
        assert item["id"] == f"meeting-{step.module.id}"
        link = item.select_one(".tk-step__title a")
        assert text(link) == " ".join(step.module.title.split())  # the title's no-break spaces read as spaces
        assert resolve(prefix + "process/", link["href"]) == f"{prefix}{step.module.section}/{step.module.id}/"
        # The step sits under its part: the last part heading before it.
        assert item.find_previous("h2")["id"] == f"part-{step.part.id}"
        facts = {text(dt): words(dt.find_next_sibling("dd")) for dt in item.select("dt")}
        assert list(facts.values()) == [minutes(step.meeting.preparation_minutes, language),
                                        minutes(sum(a.minutes for a in step.meeting.agenda), language),
                                        plain(step.meeting.milestone)]
    starts = [int(ol.get("start", 1)) for ol in page.select("ol.tk-steps")]
    assert starts == [1, 2, 6], "numbering runs on across the parts"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_meeting_page_shows_its_place_and_links_to_its_neighbours(bundled_site, projects, language):
    project, prefix = projects[language], LANGUAGES[language]
    steps = project.steps()
    for step in steps:
        url = f"{prefix}{step.module.section}/{step.module.id}/"
        page = article(bundled_site, url)
        where = text(page.select_one(".tk-meeting-place__where"))
        expected = (f"Meeting {step.number} of 6" if language == "en" else f"Rencontre {step.number} sur 6")
        assert where.startswith(expected), where
        assert step.part.title in where
        pager = page.select_one("nav.tk-pager")
        for rel, neighbour in (("prev", step.previous), ("next", step.next)):
            link = pager.select_one(f"a[rel={rel}]")
            if neighbour is None:
                assert link is None, (url, rel)
                continue
            target = resolve(url, link["href"])
            assert target == f"{prefix}{neighbour.section}/{neighbour.id}/"
            assert text(article(bundled_site, target).h1) == " ".join(neighbour.title.split()), "the link leads to the meeting"
        plan = page.select_one(".tk-meeting-place__plan a")
        target, _, anchor = resolve(url, plan["href"]).partition("#")
        assert target == f"{prefix}process/action-plan/" and anchor == step.module.id
        assert soup_of(bundled_site, target).find(id=anchor).name == "tr", "each meeting links to its row"


@pytest.mark.parametrize("language", LANGUAGES)
def test_action_plan_lists_every_milestone_in_order_with_room_to_write(bundled_site, projects, language):
    project, prefix = projects[language], LANGUAGES[language]
    table = article(bundled_site, prefix + "process/action-plan/").select_one("table")
    rows = table.select("tbody tr[id]")
    assert [r["id"] for r in rows] == [s.module.id for s in project.steps()]
    for row, step in zip(rows, project.steps()):
        assert text(row.th).startswith(f"{step.number}. {' '.join(step.module.title.split())}")
        assert words(row.select_one("td")) == plain(step.meeting.milestone)
        blanks = row.select("td.tk-write-in")
        assert len(blanks) == 3 and not any(text(td) for td in blanks), "room to write who, by when, status"
    headers = [text(th) for th in table.select("thead th")]
    assert headers == (["Meeting", "Milestone", "Who", "By when", "Status"] if language == "en" else
                       ["Rencontre", "Jalon", "Qui", "Pour quand", "État d’avancement"])
    assert len(table.select("th[scope=rowgroup]")) == 3, "a heading row per part"


def test_home_page_leads_with_the_process(bundled_site, projects):
    home = article(bundled_site, "")
    assert text(home.find("h2")) == "The process"
    links = [a["href"] for a in home.select("ol.tk-steps--compact a")]
    assert links == [f"{s.module.section}/{s.module.id}/" for s in projects["en"].steps()]


def test_nav_groups_the_meetings_under_the_process(projects):
    nav = site_nav(projects["en"])
    assert list(nav[1]) == ["The process"]
    children = nav[1]["The process"]
    assert children[0] == "process/index.md" and children[-1] == {"Action plan": "process/action-plan.md"}
    assert [list(c)[0] for c in children[1:-1]] == [p.title for p in projects["en"].toolkit.process.parts]
    facilitation = next(item["Facilitation"] for item in nav if "Facilitation" in item)
    meetings = {s.module.id for s in projects["en"].steps()}
    assert not any(path.split("/")[-1][:-3] in meetings for entry in facilitation[1:] for path in entry.values()), \
        "a meeting of the process is listed once, under the process"


# --------------------------------------------------------------------------- guide and handouts

MEETING = "planning-co-production-interviews"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_meeting_has_a_facilitator_guide_and_handouts_linked_from_its_page(bundled_site, projects, language):
    project, prefix = projects[language], LANGUAGES[language]
    for module in (m for m in project.modules if m.meeting()):
        url = f"{prefix}{module.section}/{module.id}/"
        links = {resolve(url, a["href"]) for a in article(bundled_site, url).select(".tk-meeting-prints a")}
        assert links == {url + "facilitator-guide/", url + "handouts/"}
        guide = article(bundled_site, url + "facilitator-guide/")
        assert re.sub(r"\s+", " ", module.title) in text(guide.h1)  # text() makes every space plain
        assert len(guide.select("ol.tk-agenda > li")) == len(module.meeting().agenda)


def test_guide_has_the_checklists_clock_times_and_the_facilitator_notes(bundled_site, projects):
    module = next(m for m in projects["en"].modules if m.id == MEETING)
    meeting = module.meeting()
    guide = article(bundled_site, f"facilitation/{MEETING}/facilitator-guide/")
    checklists = [len(ul.select("li")) for ul in guide.select("ul.tk-checklist")]
    assert checklists == [len(meeting.preparation), len(meeting.handouts), len(meeting.materials)]
    times = [text(t.contents[0]) for t in guide.select(".tk-agenda-time")]
    assert times[0] == "0:00–0:05" and times[-1].endswith("–1:30")
    notes = text(guide.select_one(".tk-facilitator-notes"))
    assert "Telling one’s story can be hard." in notes
    assert guide.select_one("#references"), "the notes' sources are listed"


def test_handouts_hold_the_named_blocks_in_full_and_no_facilitator_notes(bundled_site, projects):
    project = projects["en"]
    meeting = next(m for m in project.modules if m.id == MEETING).meeting()
    handouts = article(bundled_site, f"facilitation/{MEETING}/handouts/")
    assert [text(h) for h in handouts.select("h2.tk-handout-title")] == [h.title for h in meeting.handouts]
    source = article(bundled_site, "education/recovery-education-and-training/")
    questions = [text(q) for q in source.select("#interview-questions + .tk-block .tk-question")]
    assert len(questions) == 7 and [text(q) for q in handouts.select(".tk-question")] == questions
    assert len(handouts.select(".tk-answer")) == 7, "the questions print with room to write"
    for sentence in ("Telling one", "therapeutic", "crisis"):
        assert sentence not in text(handouts), "no facilitator notes in the handouts"
    assert not handouts.select(".tk-facilitator-notes, .tk-meeting, .tk-agenda")


def test_guides_and_handouts_are_left_out_of_the_search_index(bundled_site):
    import json

    index = json.loads((bundled_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert not any("facilitator-guide" in loc or "/handouts/" in loc for loc in locations)
    assert "process/" in locations and "process/action-plan/" in locations


# --------------------------------------------------------------------------- FAQ


def test_faq_answers_have_anchors_and_are_searchable_and_indexed(bundled_site, projects):
    import json

    faq = next(b for m in projects["en"].modules for b in m.blocks if b.type == "faq")
    page = article(bundled_site, "facilitation/frequently-asked-questions/")
    questions = page.select(".tk-faq-question")
    assert [q["id"] for q in questions] == [item.id for item in faq.items]
    assert [text(q) for q in questions] == [item.question for item in faq.items]
    for question in questions:
        assert question.select_one("a.headerlink")["href"] == "#" + question["id"]
        assert question.find_next_sibling("div", class_="tk-faq-answer").get_text(strip=True)
    index = json.loads((bundled_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert {f"facilitation/frequently-asked-questions/#{item.id}" for item in faq.items} <= locations
    topic = article(bundled_site, "topics/guidelines-6/")
    assert topic.select_one("a[href$='frequently-asked-questions/#is-training-enough']"), \
        "a tagged question is in the cross-index"
    french = article(bundled_site, "fr/facilitation/frequently-asked-questions/")
    assert [q["id"] for q in french.select(".tk-faq-question")] == [item.id for item in faq.items], \
        "anchors are the same in every language"


# --------------------------------------------------------------------------- without a process, and mistakes


def test_a_toolkit_without_a_process_has_no_process_pages(tmp_path):
    base = Path(__file__).parent / "fixtures" / "errors" / "_base"
    project = load_project(base)
    paths = {p.path for p in render_site(project)}
    assert not {"process/index.md", "process/action-plan.md"} & paths
    assert [list(item)[0] for item in site_nav(project)][:2] == ["Home", "Education"]


def _with_process(content_dir: Path, parts: str) -> None:
    toolkit = (content_dir / "toolkit.yml").read_text(encoding="utf-8")
    start = toolkit.index("process:")
    end = toolkit.index("\naudiences:")
    (content_dir / "toolkit.yml").write_text(toolkit[:start] + "process:\n  parts:\n" + parts + toolkit[end:],
                                             encoding="utf-8")


def test_unknown_meeting_is_located_with_a_suggestion(content_dir):
    _with_process(content_dir, "    - id: planning\n      title: Planning\n      meetings: [forming-the-tean]\n")
    problem = only(problems_of(content_dir), "unknown-module")
    assert problem.file.endswith("toolkit.yml") and "did you mean 'forming-the-team'" in problem.hint


def test_a_meeting_hidden_by_a_copy_is_left_out_and_the_others_renumbered(content_dir, tmp_path):
    write(tmp_path / "local" / "toolkit.yml", "hide: [building-the-logic-model]\n")
    project = load_project([content_dir, tmp_path / "local"])
    steps = project.steps()
    assert len(steps) == 5 and {s.total for s in steps} == {5}
    assert [s.module.id for s in steps][2:4] == ["planning-co-production-interviews", "beyond-training"]
    assert steps[2].next.id == "beyond-training"


def test_a_copy_may_replace_the_process(content_dir, tmp_path):
    write(tmp_path / "local" / "toolkit.yml", """
        process:
          title: Our way
          parts:
            - id: only
              title: The only part
              meetings: [coaching-check-in, forming-the-team]
        """)
    project = load_project([content_dir, tmp_path / "local"])
    assert [s.module.id for s in project.steps()] == ["coaching-check-in", "forming-the-team"]
    assert site_nav(project)[1] == {"Our way": ["process/index.md", {"The only part": [
        {"1. Coaching check-in": "facilitation/coaching-check-in.md"},
        {"2. Forming the implementation team": "facilitation/forming-the-team.md"}]},
        {"Action plan": "process/action-plan.md"}]}


def test_a_section_with_the_address_of_the_process_pages_is_refused(content_dir):
    toolkit = content_dir / "toolkit.yml"
    toolkit.write_text(toolkit.read_text(encoding="utf-8").replace("  - id: research\n", "  - id: process\n", 1),
                       encoding="utf-8")
    problem = only(problems_of(content_dir), "bad-value")
    assert "address of the process pages" in problem.message and problem.file.endswith("toolkit.yml")
