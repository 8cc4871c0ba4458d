"""Typography per language: French pages set as French typesetters set them (no-break spaces
before « : ; ? ! » and inside « », « » for straight quotes), English pages exactly as written, code
untouched; other languages declare their quotation marks as data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from markupsafe import Markup

from toolkit_builder.core.render.typography import TYPOGRAPHY, Typography, finalizer, typography

from .conftest import ROOT

NBSP = "\u00a0"
#: A plain space (or line break) before : ; ? ! », after «, or a straight quote: what French pages never show.
PLAIN_SPACING = re.compile(r"[ \t\r\n][:;?!»]|«[ \t\r\n]|\"")


def _text(html: str) -> str:
    """The text a reader gets from some HTML (its references resolved)."""
    return BeautifulSoup(html, "html.parser").get_text()


FR = typography("fr")
assert FR is not None


# ---------------------------------------------------------------------------- the rules


@pytest.mark.parametrize("typed, set_as", [
    ("Trois étapes : la planification", f"Trois étapes{NBSP}: la planification"),
    ("Note: ceci", f"Note{NBSP}: ceci"),                        # a missing space before « : » is added
    ("Quoi ? Vraiment !", f"Quoi{NBSP}? Vraiment{NBSP}!"),
    ("Quoi? Vraiment!", "Quoi? Vraiment!"),                     # none added before ? ! (Canadian usage)
    ("un ; deux", f"un{NBSP}; deux"),
    ('Il dit "bonjour" ici.', f"Il dit «{NBSP}bonjour{NBSP}» ici."),
    ("« mot »", f"«{NBSP}mot{NBSP}»"),
    ("«mot»", f"«{NBSP}mot{NBSP}»"),
    ("à 10:30, voir https://example.org/a?b=1", "à 10:30, voir https://example.org/a?b=1"),
    ("Rien à changer.", "Rien à changer."),
])
def test_french_text(typed, set_as):
    set_text = FR.text(typed)
    assert isinstance(set_text, Markup)
    assert _text(set_text) == set_as


def test_french_html_changes_text_only():
    html = ('<p>Voir <code>a : "b"</code> : <a href="page/?x=1" title="a : b">lien</a> !</p>'
            '<pre>x ; y</pre><p>dit &#34;oui&#34; &#33;</p>')
    set_html = FR.html(html)
    soup = BeautifulSoup(set_html, "html.parser")
    assert soup.code.get_text() == 'a : "b"' and soup.pre.get_text() == "x ; y"  # code as written
    assert soup.a["href"] == "page/?x=1" and soup.a["title"] == "a : b"      # attributes as written
    assert soup.p.get_text() == f'Voir a : "b"{NBSP}: lien{NBSP}!'
    assert soup.find_all("p")[1].get_text() == f"dit «{NBSP}oui{NBSP}»{NBSP}!"
    # A straight quote that may close an attribute (a fragment of markup) is never touched.
    assert FR.html('data-x="y"') == 'data-x="y"'
    # The space is a reference, so Markdown's table of contents keeps it.
    assert "&#160;" in FR.html("<h2>Titre : suite</h2>")


def test_english_is_left_as_written():
    assert typography("en") is None
    finalize = finalizer("en")
    for value in ('Note : "quoted" ?', Markup("<p>a : b</p>"), 3, None):
        assert finalize(value) is value


def test_other_languages_declare_their_quotes_as_data():
    assert typography("fr-CA") is TYPOGRAPHY["fr"]
    german, spanish = typography("de"), typography("es")
    assert german is not None and spanish is not None
    assert _text(german.text('Er sagt "ja".')) == "Er sagt „ja“."
    assert _text(spanish.text('Dice "sí". ¿Y tú?')) == "Dice «sí». ¿Y tú?"
    # Smarty's substitutions follow the same data, for the quotes of content Markdown.
    assert FR.smarty == {"left-double-quote": "&#171;&#160;", "right-double-quote": "&#160;&#187;"}
    assert Typography().smarty == {}


def test_every_french_interface_string_is_set():
    with open(ROOT / "toolkit_builder/locale/fr/LC_MESSAGES/toolkit.po", "rb") as file:
        catalogue = read_po(file)
    strings = [text for message in catalogue if message.id
               for text in (message.string if isinstance(message.string, tuple) else (message.string,)) if text]
    assert len(strings) > 100
    colons = 0
    for string in strings:
        shown = _text(FR.text(string))
        assert not PLAIN_SPACING.search(shown), string
        colons += ":" in string
    assert colons > 20


# ---------------------------------------------------------------------------- the built pages


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _page_text(page: Path) -> list[str]:
    """A page's texts as a reader meets them, code aside (the header's topic, the page's title, included)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["code", "pre", "script", "style", "kbd", "samp", "head"]):
        tag.decompose()
    return [str(s) for s in soup.find_all(string=True)]


def test_french_pages_and_search_are_set_as_french(bundled_site):
    french = _pages(bundled_site / "fr")
    assert len(french) > 40
    no_break = 0
    for page in french:
        for text in _page_text(page):
            found = PLAIN_SPACING.search(text)
            assert not found, f"{page.relative_to(bundled_site)}: {text[max(0, found.start() - 40):found.end()]!r}"
            no_break += text.count(NBSP + ":")
    assert no_break > 200  # colons are everywhere in French pages: each has its no-break space
    index = json.loads((bundled_site / "fr/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    for document in index:
        text = _text(document["title"] + " " + document["text"])
        found = PLAIN_SPACING.search(text)
        assert not found, f"{document['location']}: {text[max(0, found.start() - 40):found.end()]!r}"


def test_english_pages_keep_their_spaces(bundled_site):
    english = [page for page in _pages(bundled_site) if page.relative_to(bundled_site).parts[0] != "fr"]
    seen = 0
    for page in english:
        for text in _page_text(page):
            assert NBSP + ":" not in text and "«" not in text, page.relative_to(bundled_site)
            seen += text.count("Sources:")
    assert seen >= 5  # the module pages that cite a work
