"""Both languages' search indexes read as the pages do: no interface label glued to the value
after it (the index keeps text, not the CSS that spaces a label from its value), and every
glossary term an entry of its own, with its own definition."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from toolkit_builder.core.load import load_project

from .conftest import CONTENT, ROOT

LOCALE = ROOT / "toolkit_builder" / "locale"
LANGUAGES = {"en": "", "fr": "fr/"}


def interface_labels(language: str) -> set[str]:
    """The interface strings a page can show as a label (short, no placeholder), in ``language``."""
    source = LOCALE / ("toolkit.pot" if language == "en" else f"{language}/LC_MESSAGES/toolkit.po")
    with source.open("rb") as handle:
        catalog = read_po(handle)
    labels = set()
    for message in catalog:
        text = message.id if language == "en" else message.string
        if isinstance(text, str) and text and "%" not in text and len(text) <= 40:
            labels.add(text.rstrip(": \u00a0\u202f"))
    return {label for label in labels if len(label) >= 3}


def index_of(site: Path, language: str) -> list[dict]:
    data = json.loads((site / LANGUAGES[language] / "search" / "search_index.json").read_text(encoding="utf-8"))
    return list(data["docs"])


def plain(text: str) -> str:
    """An entry's text as its snippet reads: the markup the index keeps (p, li...) as spaces."""
    return unescape(re.sub(r"<[^>]+>", " ", text))


def glued(text: str, labels: set[str]) -> list[tuple[str, str]]:
    """Where a label runs straight into a word after it, or a word into a label that starts
    with a capital: "Preparation time1 hour", "MilestoneA team", "minutesMeeting time"."""
    found = []
    for label in sorted(labels):
        escaped = re.escape(label)
        patterns = [rf"(?<![\w-]){escaped}(?=[0-9A-ZÀ-Ý])"]
        if label[0].isupper():
            patterns.append(rf"(?<=[a-zà-ÿ0-9]){escaped}")
        for pattern in patterns:
            for match in re.finditer(pattern, text):
                found.append((label, text[max(0, match.start() - 20):match.end() + 20]))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_interface_label_is_glued_to_its_value(bundled_site, language):
    labels = interface_labels(language)
    assert {"Preparation time", "Milestone"} <= labels if language == "en" else {"Jalon", "But"} <= labels
    problems = []
    for entry in index_of(bundled_site, language):
        if entry["location"].startswith("process/action-plan/"):
            continue  # the action plan's form is the meeting room's (tools), indexed on its own terms
        problems += [f"{entry['location']}: …{where}…" for where in glued(plain(entry["text"]), labels)]
    assert problems == []


def test_the_check_sees_a_glued_label():
    labels = {"Preparation time", "Meeting time", "Milestone"}
    found = glued("Preparation time1 hour 30 minutesMeeting time1 hour MilestoneA team", labels)
    assert {label for label, _ in found} == labels
    assert glued("Preparation time: 1 hour 30 minutes Meeting time: 1 hour Milestone: A team", labels) == []
    assert glued("Milestones are set by the team", labels) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_term_is_an_entry_of_its_own_with_its_definition(bundled_site, language):
    terms = load_project(CONTENT, language=language).glossary
    assert len(terms) >= 20
    entries = {entry["location"]: entry for entry in index_of(bundled_site, language)}
    page = BeautifulSoup((bundled_site / LANGUAGES[language] / "glossary" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    headings = {h.get_text(" ", strip=True): h for h in page.select("h2.tk-glossary__term")}
    assert len(headings) == len(terms)
    for term in terms:
        heading = next(h for text, h in headings.items() if text.startswith(term.term))
        entry = entries.get(f"glossary/#{heading['id']}")
        assert entry is not None, f"{term.term}: no entry of its own"
        assert unescape(entry["title"]).startswith(term.term), entry["title"]
        shown = heading.find_next_sibling(class_="tk-glossary__definition")
        for hidden in shown.select("[data-search-exclude]"):
            hidden.decompose()  # an abbreviation's tip: out of the index, as on every page
        assert words(plain(entry["text"])) == words(shown.get_text(" ")), f"{term.term}: another text than its definition"


def words(text: str) -> str:
    """The text without its white space (markup adds some between elements, or none)."""
    return "".join(text.split())
