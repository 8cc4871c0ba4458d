"""What the Markdown of content texts may do, as Python-Markdown extensions working on the
document tree (never on serialized HTML): no raw HTML, citations, glossary hints, links to
other pages of the site, and no image from another site.

The HTML they produce is then cleaned once more by ``markdown.sanitize`` (nh3).
"""

from __future__ import annotations

import posixpath
import re
from typing import Protocol
from xml.etree import ElementTree as etree

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..model import CITATION

#: An inline citation, `[@key]`, with the spaces before it so the marker sits against the word.
CITATION_PATTERN = r"(?<!\\)\s*" + CITATION.pattern
#: A link target that names a Markdown page of the site (`../education/x.md#block`).
PAGE_TARGET = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^?#]+\.md)(#.*)?$")
#: A source that loads from elsewhere: a scheme, or `//` (which browsers read as another host).
REMOTE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})")


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


class ContentText(markdown.Extension):  # type: ignore[misc]  # as above
    """Citations, glossary hints and site links, for the renderer's page being rendered."""

    def __init__(self, linker: Linker):
        super().__init__()
        self.linker = linker

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Before escapes (180), links (160) and smart quotes: the key is read as it was written.
        md.inlinePatterns.register(_CitationPattern(CITATION_PATTERN, self.linker), "tk_citation", 185)
        # After the abbr extension (7) has made the <abbr> elements.
        md.treeprocessors.register(_GlossaryLinkProcessor(md, self.linker), "tk_glossary_links", 6)
        md.treeprocessors.register(_SiteLinkProcessor(md, self.linker), "tk_site_links", 5)


class _CitationPattern(InlineProcessor):  # type: ignore[misc]  # as above
    def __init__(self, pattern: str, linker: Linker):
        super().__init__(pattern)
        self.linker = linker

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:
        element = self.linker.citation(m.group(1))
        return (element if element is not None else ""), m.start(0), m.end(0)


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
                elif child.tag == "img" and REMOTE.match(child.get("src", "")):
                    link = etree.Element("a", {"href": child.get("src", "")})
                    link.text = AtomicString(child.get("alt") or "image")
                    link.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, link)


def resolve(page: str, target: str) -> str:
    """A page link's target (relative to the Markdown file of ``page``) as a site path."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
