"""Content text made safe for a page: the one sanitizer of converted Markdown, interface strings,
plain text, nav titles; and text made inert for a Markdown file (``toolkit export``)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import nh3
from markupsafe import Markup, escape

from ..limits import remote_address

#: One-line text that Markdown (with smarty quotes) would leave as it is, apart from escaping
#: and turning an apostrophe between letters into a typographic one.
PLAIN_TEXT = re.compile(r"(?![0-9]+[.)]\s|[-+]\s)[^\W_]+(?:[ ,;:?!./%()\u2019]+[^\W_]+|[-'][^\W_]+)*[ .?!:)]*")


APOSTROPHE = re.compile(r"(?<=[^\W_])&#39;(?=[^\W_])")


#: What content HTML may hold after conversion: the elements and attributes the Markdown of a
#: text and its extensions make, nothing else.
ALLOWED_TAGS = {"p", "br", "hr", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "h1", "h2",
                "h3", "h4", "h5", "h6", "abbr", "span", "sup", "img"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "aria-describedby", "aria-label"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "span": {"class", "role", "id", "data-search-exclude"},
    "sup": {"class", "id"},
}
#: Schemes a link in content may use; relative links (to the site's own pages) stay.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _no_remote_load(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an image source is kept only when it loads from the site itself, as
    decided on the value nh3 decoded (``limits.remote_address``: the check of the Markdown extensions,
    the loader and linkcheck)."""
    if element == "img" and attribute == "src" and remote_address(value, references=False):
        return None
    return value


def sanitize(html: str) -> str:
    """Content HTML through one well-kept sanitizer (nh3, the Rust ammonia library): only the
    elements and attributes above, links with the schemes above (javascript:, data: and their
    disguises with entities, controls or case are dropped), and images from the site only."""
    return str(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                         link_rel=None, strip_comments=True, attribute_filter=_no_remote_load))


#: Characters that start syntax in the site's Markdown (links, emphasis, code, attribute lists).
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]{}!<>]")


class _Inert(HTMLParser):
    """Rewrites HTML with the Markdown syntax characters of its text as entities; tags, their
    attributes and existing entities are written back as they were."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(self.get_starttag_text() or "")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(_MARKDOWN_SYNTAX.sub(_entity, data))

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


#: A well-formed character or entity reference, which the parser in ``inert`` writes back as it is.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


def _entity(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


def inert(html: str) -> Markup:
    """HTML that Markdown leaves as it is: syntax characters in its text become entities. Pages are
    finished HTML and never go through Markdown; an export writes their headings as Markdown lines."""
    html = str(html)
    if "<" not in html and "&" not in _REFERENCE.sub("", html):
        # Text without tags, its references well formed (most texts, once escaped): all of it is
        # data to the parser below, so this is what it would write, without parsing.
        return Markup(_MARKDOWN_SYNTAX.sub(_entity, html))
    parser = _Inert()
    parser.feed(html)
    parser.close()
    return Markup("".join(parser.parts))


#: A placeholder of an interface string, filled in after the string is made safe.
_PLACEHOLDER = re.compile(r"(%\(\w+\)[sd]|%%)")


@functools.lru_cache(maxsize=4096)  # a page asks for the same few strings many times
def interface_text(text: str) -> Markup:
    """An interface string as page text. Catalogues arrive by pull request like content: their
    strings are escaped like any text, only their placeholders stay as written."""
    parts = _PLACEHOLDER.split(text)
    return Markup("".join(part if i % 2 else str(escape(part)) for i, part in enumerate(parts)))


#: Line breaks and the spaces around them; not the no-break spaces French puts before « : ».
_LINE_SPACE = re.compile(r"[ \t]*[\r\n]+[ \t]*|[ \t]{2,}")


def one_line(text: str) -> str:
    """A text on one line: line breaks become spaces; no-break spaces stay."""
    return _LINE_SPACE.sub(" ", text).strip(" \t\r\n")


def plain(text: str | None) -> Markup:
    """Text for a heading or a link's text: one line, shown as written, never markup."""
    return escape(one_line(text)) if text else Markup("")


def nav_title(title: str) -> str:
    """A title as the theme writes it, unescaped, in the nav: no tags can form (`&` stays, as the
    theme escapes titles again in attributes)."""
    return one_line(title).replace("<", "&lt;").replace(">", "&gt;")



def tidy(text: str) -> str:
    """At most one blank line in a row, and a final newline."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
