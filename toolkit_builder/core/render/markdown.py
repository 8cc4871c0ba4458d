"""Markdown of content texts made safe: no raw HTML, no unsafe link schemes, glossary hints,
and text made inert where it sits inside the page's own Markdown."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any, Protocol
from xml.etree import ElementTree as etree

import markdown
from markupsafe import Markup, escape


class GlossaryLinker(Protocol):
    def next_abbr(self) -> int: ...
    def glossary_link(self, term: str) -> str: ...


#: Schemes a link written in content may use; anything else is shown as text.
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#", "/", "./", "../")


class NoRawHtml(markdown.Extension):  # type: ignore[misc]  # Python-Markdown ships no type hints
    """Content text may use Markdown, not raw HTML: HTML is shown as text, never run."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class GlossaryLinks(markdown.Extension):  # type: ignore[misc]  # Python-Markdown ships no type hints
    """Each abbreviation links to its glossary entry and shows its expansion on hover and on
    keyboard focus (a CSS tooltip the link is described by), not only in a `title` that the
    keyboard cannot reach."""

    def __init__(self, renderer: GlossaryLinker):
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the abbr extension (7) has made the <abbr> elements.
        md.treeprocessors.register(_GlossaryLinkProcessor(md, self.renderer), "tk_glossary_links", 6)


class _GlossaryLinkProcessor(markdown.treeprocessors.Treeprocessor):  # type: ignore[misc]  # no type hints, as above
    def __init__(self, md: markdown.Markdown, renderer: GlossaryLinker):
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        self._walk(root, inside_link=False)

    def _walk(self, element: etree.Element, inside_link: bool) -> None:
        for index, child in enumerate(list(element)):
            if child.tag == "abbr" and not inside_link and child.get("title"):
                number = self.renderer.next_abbr()
                tip_id = f"tk-abbr-{number}"
                wrapper = etree.Element("span", {"class": "tk-abbr"})
                link = etree.SubElement(wrapper, "a", {"href": self.renderer.glossary_link(child.text or ""),
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


#: One-line text that Markdown (with smarty quotes) would leave as it is, apart from escaping
#: and turning an apostrophe between letters into a typographic one.
PLAIN_TEXT = re.compile(r"(?![0-9]+[.)]\s|[-+]\s)[^\W_]+(?:[ ,;:?!./%()\u2019]+[^\W_]+|[-'][^\W_]+)*[ .?!:)]*")


APOSTROPHE = re.compile(r"(?<=[^\W_])&#39;(?=[^\W_])")


_HREF = re.compile(r'(href|src)="([^"]*)"')


_IMAGE = re.compile(r"<img\b[^>]*>")


#: What a browser ignores in a URL before reading its scheme: controls, spaces, tabs, newlines.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def _seen(target: str) -> str:
    # Browsers decode entities in attributes, drop controls and whitespace and read `\` as `/`
    # before they read the scheme: `java&#x09;script&#58;` is `javascript:`.
    return _URL_IGNORED.sub("", html_lib.unescape(target)).replace("\\", "/").lower()


def _safe_target(target: str) -> bool:
    seen = _seen(target)
    return seen.startswith(SAFE_SCHEMES) or ":" not in re.split(r"[/?#]", seen)[0]


def unsafe_links(html: str) -> str:
    """Drop link targets with schemes other than web, mail and relative ones (javascript:...),
    and turn images from other sites into links: pages load nothing from another origin."""

    def check(match: re.Match[str]) -> str:
        if _safe_target(match.group(2)):
            return match.group(0)
        return f'{match.group(1)}="#"'

    def image(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = re.search(r'src="([^"]*)"', tag)
        if src is None:
            return ""
        if _safe_target(src.group(1)) and not re.match(r"^([a-z][a-z0-9+.-]*:|//)", _seen(src.group(1))):
            return tag  # an image of the site itself
        alt = re.search(r'alt="([^"]*)"', tag)
        text = alt.group(1) if alt and alt.group(1) else "image"
        return f'<a href="{src.group(1)}">{text}</a>' if _safe_target(src.group(1)) else text

    return _HREF.sub(check, _IMAGE.sub(image, html))


#: Characters that start syntax in the site's Markdown (links, emphasis, code, attribute lists).
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]{}!<>]")


def inert(html: str) -> Markup:
    """HTML the site's Markdown leaves as it is: syntax characters in its text become entities."""
    parts = re.split(r"(<[^>]*>)", str(html))
    for i in range(0, len(parts), 2):  # text between tags; tags and their attributes stay
        parts[i] = _MARKDOWN_SYNTAX.sub(lambda m: f"&#{ord(m.group(0))};", parts[i])
    return Markup("".join(parts))


def plain_in_markdown(text: str | None) -> Markup:
    """Text for a heading or link text in the page's Markdown: one line, shown as written, never markup."""
    return inert(escape(" ".join(text.split()))) if text else Markup("")


def nav_title(title: str) -> str:
    """A title as the theme writes it, unescaped, in the nav: no tags can form (`&` stays, as the
    theme escapes titles again in attributes)."""
    return " ".join(title.split()).replace("<", "&lt;").replace(">", "&gt;")


def nav_titles(items: Any) -> Any:
    """The same nav with every title made safe for the theme (see ``nav_title``)."""
    if isinstance(items, list):
        return [nav_titles(item) for item in items]
    if isinstance(items, dict):
        return {nav_title(title): nav_titles(value) for title, value in items.items()}
    return items


def term_anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def tidy(text: str) -> str:
    """At most one blank line in a row, and a final newline."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
