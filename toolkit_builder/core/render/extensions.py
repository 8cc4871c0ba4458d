"""What the Markdown of content texts may do, as Python-Markdown extensions working on the
document tree (never on serialized HTML): no raw HTML, citations, glossary hints, links to
other pages of the site, and no image from another site.

The HTML they produce is then cleaned once more by ``markdown.sanitize`` (nh3).
"""

from __future__ import annotations

import posixpath
import re
from typing import Mapping, Protocol
from xml.etree import ElementTree as etree

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..limits import MAX_GLOSSARY_HINTS_PER_PAGE, MAX_GLOSSARY_HINTS_PER_TEXT, MAX_GLOSSARY_TERM, remote_address
from ..model import CITATION

#: An inline citation, `[@key]` (the spaces before it are taken too, so the marker sits against
#: the word: see ``_CitationPattern``; a pattern starting with `\s*` would be tried at every space).
CITATION_PATTERN = r"(?<!\\)" + CITATION.pattern
#: A Markdown code span (no glossary hint in code).
_CODE_SPAN = re.compile(r"`[^`\n]*`")
#: A link target that names a Markdown page of the site (`../education/x.md#block`).
PAGE_TARGET = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^?#]+\.md)(#.*)?$")


class Linker(Protocol):
    """What the extensions ask of the renderer, for the page being rendered."""

    def next_abbr(self) -> int: ...
    def glossary_link(self, term: str) -> str: ...
    def page_link(self, target: str, anchor: str | None) -> str: ...
    def citation(self, key: str) -> etree.Element | None: ...


class NoRawHtml(markdown.Extension):  # type: ignore[misc]  # Python-Markdown ships no type hints
    """Content text may use Markdown, not raw HTML: HTML is shown as text, never run."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class GlossaryIndex:
    """The glossary's abbreviations and their expansions, with one pattern that finds any of them,
    built once per project. The pattern is the terms' trie written as a regular expression: at each
    place of a text it follows one branch per character, where a plain alternation of the terms (as
    the `abbr` extension builds for every text) tries every term at every place, so its time grows
    with the number of terms times the text's length."""

    def __init__(self, expansions: Mapping[str, str]):
        #: Terms longer than ``MAX_GLOSSARY_TERM`` get no hint: abbreviations are short, and the
        #: pattern nests one group per character of a term.
        self.expansions = {term: text for term, text in expansions.items() if 0 < len(term) <= MAX_GLOSSARY_TERM}
        trie: dict[str, dict] = {}  # type: ignore[type-arg]  # nested to any depth
        for term in self.expansions:
            node = trie
            for char in term:
                node = node.setdefault(char, {})
            node[""] = {}
        self.pattern = re.compile(rf"\b{_trie_pattern(trie)}\b") if self.expansions else None

    def search(self, text: str) -> bool:
        return bool(self.pattern and self.pattern.search(text))

    def count(self, text: str) -> int:
        """How many of the glossary's terms a Markdown text holds outside its code spans: the hints it
        would show without ``MAX_GLOSSARY_HINTS_PER_TEXT``."""
        if self.pattern is None:
            return 0
        return sum(1 for _ in self.pattern.finditer(_CODE_SPAN.sub(" ", text)))


def _trie_pattern(node: dict) -> str:  # type: ignore[type-arg]  # as above
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")" if branches else ""
    # A term that ends here, and longer ones that go on: the longer are tried first.
    return (f"(?:{body})?" if body else "") if "" in node else body


class ContentText(markdown.Extension):  # type: ignore[misc]  # as above
    """Citations, glossary hints and site links, for the renderer's page being rendered."""

    def __init__(self, linker: Linker, glossary: GlossaryIndex | None = None):
        super().__init__()
        self.linker = linker
        self.glossary = glossary

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Before escapes (180), links (160) and smart quotes: the key is read as it was written.
        md.inlinePatterns.register(_CitationPattern(CITATION_PATTERN, self.linker), "tk_citation", 185)
        if self.glossary is not None and self.glossary.pattern is not None:
            md.treeprocessors.register(_GlossaryProcessor(md, self.glossary), "tk_glossary", 7)
        # After the glossary's <abbr> elements are made.
        md.treeprocessors.register(_GlossaryLinkProcessor(md, self.linker), "tk_glossary_links", 6)
        md.treeprocessors.register(_SiteLinkProcessor(md, self.linker), "tk_site_links", 5)


class _CitationPattern(InlineProcessor):  # type: ignore[misc]  # as above
    def __init__(self, pattern: str, linker: Linker):
        super().__init__(pattern)
        self.linker = linker

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:
        element = self.linker.citation(m.group(1))
        start = m.start(0)
        while start > 0 and data[start - 1].isspace():
            start -= 1
        return (element if element is not None else ""), start, m.end(0)


class _GlossaryProcessor(Treeprocessor):  # type: ignore[misc]  # as above
    """The glossary's abbreviations in a text become <abbr> elements with their expansion, in one
    pass over each piece of text (code excepted), the first ``MAX_GLOSSARY_HINTS_PER_TEXT`` of them:
    a text's hints are bounded however short a term is."""

    def __init__(self, md: markdown.Markdown, glossary: GlossaryIndex):
        super().__init__(md)
        self.glossary = glossary
        self.left = 0

    def run(self, root: etree.Element) -> None:
        self.left = MAX_GLOSSARY_HINTS_PER_TEXT
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        children: list[etree.Element] = []
        element.text, found = self._split(element.text)
        children.extend(found)
        for child in list(element):
            self._walk(child)
            child.tail, found = self._split(child.tail)
            children.append(child)
            children.extend(found)
        element[:] = children

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """``text`` up to its first term, and an <abbr> for each term with the text after it as tail."""
        if not text or isinstance(text, AtomicString) or self.left <= 0 or self.glossary.pattern is None:
            return text, []
        found: list[etree.Element] = []
        before, last = text, 0
        for match in self.glossary.pattern.finditer(text):
            if self.left <= 0:
                break
            self.left -= 1
            abbr = etree.Element("abbr", {"title": self.glossary.expansions[match.group(0)]})
            abbr.text = AtomicString(match.group(0))
            if found:
                found[-1].tail = text[last:match.start()]
            else:
                before = text[:match.start()]
            found.append(abbr)
            last = match.end()
        if found:
            found[-1].tail = text[last:]
        return before, found


class _GlossaryLinkProcessor(Treeprocessor):  # type: ignore[misc]  # as above
    """Each abbreviation links to its glossary entry and shows its expansion on hover and on
    keyboard focus (a CSS tooltip the link is described by), not only in a `title` that the
    keyboard cannot reach."""

    def __init__(self, md: markdown.Markdown, linker: Linker):
        super().__init__(md)
        self.linker = linker

    def run(self, root: etree.Element) -> None:
        self._walk(root, inside_link=False)

    def _walk(self, element: etree.Element, inside_link: bool) -> None:
        for index, child in enumerate(list(element)):
            if child.tag == "abbr" and not inside_link and child.get("title"):
                number = self.linker.next_abbr()
                if number > MAX_GLOSSARY_HINTS_PER_PAGE:  # the page has its share: the rest are plain words
                    _unwrap(element, child)
                    continue
                tip_id = f"tk-abbr-{number}"
                wrapper = etree.Element("span", {"class": "tk-abbr"})
                link = etree.SubElement(wrapper, "a", {"href": self.linker.glossary_link(child.text or ""),
                                                       "aria-describedby": tip_id})
                abbr = etree.SubElement(link, "abbr")
                abbr.text = child.text
                tip = etree.SubElement(wrapper, "span", {"class": "tk-abbr__tip", "role": "tooltip", "id": tip_id,
                                                         "data-search-exclude": ""})
                tip.text = child.get("title")
                wrapper.tail = child.tail
                element.remove(child)
                element.insert(index, wrapper)
            else:
                self._walk(child, inside_link or child.tag == "a")


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """``child`` replaced by its text, in ``parent``."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class _SiteLinkProcessor(Treeprocessor):  # type: ignore[misc]  # as above
    """Links to pages written as in MkDocs, relative to the page's Markdown file, lead to where
    those pages are served; an image from another site becomes a link to it (pages load
    nothing from another origin)."""

    def __init__(self, md: markdown.Markdown, linker: Linker):
        super().__init__(md)
        self.linker = linker

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    page = PAGE_TARGET.match(child.get("href", ""))
                    if page:
                        anchor = page.group(2)[1:] if page.group(2) else None
                        child.set("href", self.linker.page_link(page.group(1), anchor))
                elif child.tag == "img" and remote_address(child.get("src", "")):
                    link = etree.Element("a", {"href": child.get("src", "")})
                    link.text = AtomicString(child.get("alt") or "image")
                    link.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, link)


def resolve(page: str, target: str) -> str:
    """A page link's target (relative to the Markdown file of ``page``) as a site path."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
