"""The bundled toolkit is honest about its sources: a title of its own, the toolkit it adapts
credited with the citation that toolkit asks for, the process's mechanics said to be its own,
and remarks meant for editors never shown to readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core import load_project
from toolkit_builder.tools.lint import lint_project

from .conftest import ROOT

CONTENT = ROOT / "content"


def _text(path: Path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)


def _editors_remarks() -> list[str]:
    """Every editors' remark of the bundled references and glossary, as sentences long enough to
    be recognized (a remark's first words)."""
    project = load_project(CONTENT)
    remarks = [reference.editors for reference in project.references.values() if reference.editors]
    remarks += [term.editors for term in project.glossary if term.editors]
    return remarks


def test_editors_remarks_are_kept_in_the_yaml(tmp_path):
    references = load_project(CONTENT).references
    # The remarks that used to be printed for readers are the editors' now.
    assert "no web address" not in (references["mhcc2015"].description or "")
    assert "names no conference" not in (references["piatfacilitation"].description or "")
    assert "names no conference" in (references["piatfacilitation"].editors or "")
    assert references["walkthetalk"].description == "Online toolkit"
    assert len(_editors_remarks()) >= 4


def test_no_built_page_or_search_index_holds_an_editors_remark(bundled_site):
    remarks = [" ".join(remark.split()[:6]) for remark in _editors_remarks()]
    printed = ["no web address recorded here", "names no conference", "gives no author, date or web address"]
    pages = sorted(bundled_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = " ".join(_text(page).split())
        for words in remarks + printed:
            assert words not in text, f"{page.relative_to(bundled_site)}: {words!r}"
    for index in bundled_site.rglob("search_index.json"):
        documents = json.loads(index.read_text(encoding="utf-8"))["docs"]
        for document in documents:
            found = " ".join(BeautifulSoup(document["text"], "html.parser").get_text(" ").split())
            for words in remarks + printed:
                assert words not in found, f"{index.relative_to(bundled_site)} {document['location']}: {words!r}"


def test_the_toolkit_has_a_title_of_its_own_and_credits_walk_the_talk(bundled_site):
    for prefix, title, adapted, process in (
        ("", "Learning Recovery Together", "adapted from the Walk the Talk toolkit (Piat, Wainwright & Sofouli, 2021)",
         "This toolkit is not Walk the Talk"),
        ("fr/", "Apprendre ensemble le rétablissement",
         "adaptée de la trousse Walk the Talk / De la parole à l’action (Piat, Wainwright et Sofouli, 2021)",
         "Cette trousse n’est pas Walk the Talk"),
    ):
        home = BeautifulSoup((bundled_site / prefix / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert home.title is not None and title in home.title.get_text()
        assert "Walk the Talk" not in home.title.get_text() and "parole" not in home.title.get_text().lower()
        text = " ".join(home.get_text(" ", strip=True).split())
        assert " ".join(adapted.split()) in text.replace("\u00a0", " ")
        assert process in text and "12" in text
        links = [a.get("href") for a in home.select("article a")]
        assert "https://walkthetalktoolkit.ca/" in links
        # No page is titled as if it were Walk the Talk.
        for page in (bundled_site / prefix).glob("**/index.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert soup.title is not None and "Walk the Talk" not in soup.title.get_text(), page
    references = _text(bundled_site / "references" / "index.html")
    assert "Piat, M., Wainwright, M., & Sofouli, E. (2021). Walk the Talk / de la Parole à l'Action" in references
    assert "10.1016/j.evalprogplan.2022.102054" in references  # the 12-meeting process's own article


def test_the_process_page_says_its_plans_are_this_toolkits_own(bundled_site):
    english = " ".join(_text(bundled_site / "process" / "index.html").split())
    assert "These plans are this toolkit's own suggestions" in english.replace("’", "'")
    assert "12 planning meetings" in english
    french = " ".join(_text(bundled_site / "fr" / "process" / "index.html").split()).replace("\u00a0", " ")
    assert "Ces plans sont des suggestions propres à cette trousse" in french
    assert "12 rencontres" in french


NEW_MODULES = {"evaluating-the-change": "facilitation", "supporting-staff-who-co-train": "facilitation",
               "co-delivered-session": "education", "working-with-families": "education"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_modules_the_seeds_support_are_cited_plain_and_translated(language):
    project = load_project(CONTENT, language)
    english = load_project(CONTENT)
    report = lint_project(project, CONTENT)
    assert report.problems == []
    for module_id, section in NEW_MODULES.items():
        module = next(m for m in project.modules if m.id == module_id)
        assert module.section == section
        assert report.reading_ease[module_id] >= 60, (module_id, report.reading_ease[module_id])
        text = json.dumps(module.model_dump(mode="json"), ensure_ascii=False)
        assert "[@" in text, f"{module_id} cites its sources"
        if language == "fr":
            source = next(m for m in english.modules if m.id == module_id)
            assert module.title != source.title and module.summary != source.summary, f"{module_id} is translated"


def test_the_new_modules_are_where_readers_look(bundled_site):
    for prefix in ("", "fr/"):
        for module_id, section in NEW_MODULES.items():
            assert (bundled_site / prefix / section / module_id / "index.html").is_file()
        family = _text(bundled_site / prefix / "topics" / "for-family" / "index.html")
        hope = _text(bundled_site / prefix / "topics" / "chime-hope" / "index.html")
        coaching = (bundled_site / prefix / "facilitation" / "coaching-check-in" / "index.html").read_text(encoding="utf-8")
        title = {"": "Working with families", "fr/": "Travailler avec les familles"}[prefix]
        assert title in family
        assert {"": "Evaluating the change", "fr/": "Évaluer le changement"}[prefix] in hope
        assert 'href="../evaluating-the-change/"' in coaching and 'href="../supporting-staff-who-co-train/"' in coaching


def test_the_meeting_plan_says_it_is_the_short_version(bundled_site):
    english = " ".join(_text(bundled_site / "facilitation/planning-recovery-education/index.html").split())
    assert "This is the short version of the planning part of the process" in english
    french = " ".join(_text(bundled_site / "fr/facilitation/planning-recovery-education/index.html").split())
    assert "Voici la version courte de la partie planification de la démarche" in french.replace("\u00a0", " ")
