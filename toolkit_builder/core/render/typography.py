"""Typography per language: the spaces and quotation marks a language's typesetters put where a
writer types a plain space or a straight quote, applied where text becomes HTML.

The rules are data (``TYPOGRAPHY``), one entry per language; a language without an entry (English)
is left exactly as written. French, as the Office québécois de la langue française and the
Translation Bureau set it:

- one space character for every rule, U+00A0 NO-BREAK SPACE, written ``&#160;`` (not the narrower U+202F, which
  some screen readers and older fonts do not know): a line never starts with « : » or « » »;
- a plain space before « : ; ? ! » » becomes a no-break space; before « : » and « » », and after
  « « », a missing one is added; before « ; ? ! » none is added (Canadian usage, no space there);
- straight double quotes become « and » with no-break spaces inside.

What a rule changes is the text of the page only: tags, attributes, code (``code``, ``pre``,
``kbd``, ``samp``, scripts and styles) and web addresses stay as written. What the rules cannot
decide (a straight quote without its pair) the linter reports (`unpaired-quote`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup, escape

NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class Typography:
    """What one language's typesetters do with spaces and quotation marks."""

    #: The opening and closing marks a straight double quote becomes, or None to leave it.
    quotes: tuple[str, str] | None = None
    #: The space put where the rules below call for one.
    space: str = NO_BREAK_SPACE
    #: Marks before which a plain space becomes ``space``.
    space_before: str = ""
    #: Marks before which ``space`` is added when there is none.
    add_before: str = ""
    #: Marks after which a plain space becomes ``space``, or is added when there is none.
    space_after: str = ""

    @property
    def smarty(self) -> dict[str, str]:
        """Python-Markdown's smarty extension's substitutions for this language's quotes."""
        if not self.quotes:
            return {}
        opening, closing = self.quotes
        inside_open = self.space if opening in self.space_after else ""
        inside_close = self.space if closing in self.add_before else ""
        return {"left-double-quote": _entities(opening + inside_open),
                "right-double-quote": _entities(inside_close + closing)}

    def text(self, text: str) -> Markup:
        """Plain text set by the rules, escaped for HTML."""
        return _setters(self)[0](text)

    def html(self, html: str) -> str:
        """HTML with the text of its elements set by the rules (tags, attributes and code unchanged).
        A straight quote is changed only where it is text for certain: written as a reference
        (``&#34;``, ``&quot;``, as escaping writes it), never a ``"`` that may close an attribute."""
        return _html(self, html)


#: The languages whose typography differs from the text as typed; the key is the language's code
#: (a regional code such as fr-CA uses its language's entry). German and Spanish set quotation
#: marks only; their other conventions need nothing from the engine.
TYPOGRAPHY: dict[str, Typography] = {
    "fr": Typography(quotes=("«", "»"), space_before=":;?!»", add_before=":»", space_after="«"),
    "de": Typography(quotes=("„", "“")),
    "es": Typography(quotes=("«", "»")),
}


def typography(language: str) -> Typography | None:
    """The rules of a language (``fr``, ``fr-CA``...), or None where text is left as written."""
    return TYPOGRAPHY.get(language) or TYPOGRAPHY.get(language.split("-")[0].split("_")[0].lower())


def _as_written(value: Any) -> Any:
    return value


def finalizer(language: str) -> Callable[[Any], Any]:
    """Jinja's ``finalize`` for a language's pages: every value a template writes, set by the
    language's rules (plain text before it is escaped, HTML in its text only). A language without
    rules gets one too, which changes nothing. Jinja also applies it to a template's constant
    values as it compiles, so each carries ``compiled_key`` (its rules): templates compiled under
    one language's rules are not run under another's (compiled.py)."""
    rules = typography(language)
    if rules is None:
        return _as_written

    text, markup = _setters(rules)

    def finalize(value: Any) -> Any:
        if isinstance(value, str):
            if isinstance(value, Markup):
                return markup(value)
            return text(value)  # escaped as Jinja would, the spaces added as references
        return value

    finalize.compiled_key = repr(rules)  # type: ignore[attr-defined]
    return finalize


def _entities(marks: str) -> str:
    return "".join(f"&#{ord(mark)};" for mark in marks)


# ---------------------------------------------------------------------------- the rules

#: A token of text: what is written (``raw``), the character it stands for (``char``; "" for a
#: tag, which the rules see through) and whether a rule may change it.
_OPAQUE = "\x00"  # code, or a tag that ends a block: no rule reaches across it
_SPACES = " \t\r\n"
_AFTER_WORD = ")]’”»*_…!?."
_OPENING = "([{–—-/‘“«\n" + _OPAQUE


class _Token:
    """A token of text: what is written (``raw``), the character it stands for (``char``; "" for a
    tag, which the rules see through), whether a rule may change it (``quote``: a straight quote
    that is text for certain) and, for a run of characters no rule changes, its last character
    (``last``; its first is ``char``): what the rules read of the tokens beside a mark."""

    __slots__ = ("raw", "char", "last", "quote")

    def __init__(self, raw: str, char: str, quote: bool = False, last: str | None = None) -> None:
        self.raw = raw
        self.char = char
        self.last = char if last is None else last
        self.quote = quote

    def set(self, raw: str, char: str) -> None:
        self.raw = raw
        self.char = self.last = char


def _apply(rules: Typography, tokens: list[_Token]) -> str:
    # The space is written as a reference: Markdown's table of contents and Python's str.split()
    # take a no-break space for a space and would put a plain one back.
    space = f"&#{ord(rules.space)};"
    seen = [t for t in tokens if t.char]
    for token in seen:
        if token.raw == rules.space:  # typed as a character: a reference too
            token.raw = space
    # Straight quotes: opening after a space, a line's start or an opening mark; closing otherwise.
    if rules.quotes:
        for k, token in enumerate(seen):
            if token.quote:
                previous = seen[k - 1].last if k else "\n"
                opening = previous in _SPACES or previous in _OPENING or previous == rules.space
                mark = rules.quotes[0] if opening else rules.quotes[1]
                token.set(mark, mark)
    for k, token in enumerate(seen):
        after = seen[k + 1] if k + 1 < len(seen) else None
        if token.char in _SPACES and after and after.char in rules.space_before:
            token.set(space, rules.space)
        elif token.char in rules.space_after and after and after.char in _SPACES:
            after.set(space, rules.space)
    for k, token in enumerate(seen):
        before = seen[k - 1] if k else None
        after = seen[k + 1] if k + 1 < len(seen) else None
        if token.char in rules.add_before and before and (before.last.isalnum() or before.last in _AFTER_WORD):
            # A colon between two words or digits (10:30, https://) is not punctuation.
            if token.char != ":" or after is None or after.char in _SPACES or after.char == _OPAQUE:
                if not (token.char == ":" and before.last.isdigit()):
                    token.raw = space + token.raw
        if token.char in rules.space_after and after and after.char not in _SPACES + rules.space + _OPAQUE:
            token.raw += space
    return "".join(t.raw for t in tokens)


@functools.cache
def _setters(rules: Typography) -> tuple[Callable[[str], Markup], Callable[[Markup], Markup]]:
    """What sets plain text and what sets HTML by ``rules``, each keeping what it set last: the
    same labels, links and blocks come back on every page. (Caches of their own, so that a lookup
    hashes the text only; HTML is parsed as a str, whose slices are not each made a Markup.)"""
    return (functools.lru_cache(maxsize=8192)(functools.partial(_text, rules)),
            functools.lru_cache(maxsize=8192)(lambda html: Markup(_html(rules, str(html)))))


def _text(rules: Typography, text: str) -> Markup:
    if not _may_change(rules, text):
        return escape(text)
    return Markup(_apply(rules, [_Token(str(escape(run)), run[0], run == '"', run[-1])
                                 for run in _runs(rules, text, quotes=True)]))


def _html(rules: Typography, html: str) -> str:
    if not _may_change(rules, html):
        return html
    parser = _Tokens(rules)
    parser.feed(html)
    parser.close()
    return _apply(rules, parser.tokens)


@functools.cache
def _marks(rules: Typography, quotes: bool) -> re.Pattern[str]:
    """The characters a rule may change or reads as a space, each a token of its own (straight
    quotes too where they are text for certain); every other character goes in a run."""
    marks = _SPACES + rules.space + rules.space_before + rules.add_before + rules.space_after
    if quotes and rules.quotes:
        marks += '"'
    return re.compile(f"([{re.escape(marks)}])")


def _runs(rules: Typography, text: str, quotes: bool) -> list[str]:
    """``text`` cut into its marks (``_marks``) and the runs of characters between them: the rules
    give a run's characters nothing, and read of it only its first and last characters."""
    return [piece for piece in _marks(rules, quotes).split(text) if piece]


def _may_change(rules: Typography, text: str) -> bool:
    marks = rules.space_before + rules.add_before + rules.space_after + ('"&' if rules.quotes else "")
    return any(mark in text for mark in marks)


#: Elements whose text is code, left as written.
_CODE = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
#: Elements that start or end a block of text: no rule reaches across them.
_BLOCKS = {"p", "div", "li", "ul", "ol", "dd", "dt", "dl", "td", "th", "tr", "table", "thead", "tbody", "caption",
           "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "section", "article", "nav", "header", "footer",
           "blockquote", "figure", "figcaption", "details", "summary", "label", "button", "input", "img", "svg"}


class _Tokens(HTMLParser):
    """HTML as tokens: each mark of text its own, the runs between marks, tags, comments and code whole."""

    def __init__(self, rules: Typography) -> None:
        super().__init__(convert_charrefs=False)
        self.rules = rules
        self.tokens: list[_Token] = []
        self.code = 0

    def _tag(self, tag: str, raw: str) -> None:
        self.tokens.append(_Token(raw, _OPAQUE if tag in _BLOCKS or tag in _CODE else ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, self.get_starttag_text() or "")
        self.code += tag in _CODE

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.code -= tag in _CODE and self.code > 0
        self._tag(tag, f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.code:
            self.tokens.append(_Token(data, _OPAQUE))
        else:
            self.tokens.extend(_Token(run, run[0], last=run[-1]) for run in _runs(self.rules, data, quotes=False))

    def _reference(self, raw: str) -> None:
        char = unescape(raw)
        if self.code or len(char) != 1:
            self.tokens.append(_Token(raw, _OPAQUE))
        else:
            self.tokens.append(_Token(raw, char, quote=char == '"'))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.tokens.append(_Token(f"<!--{data}-->", ""))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(_Token(f"<!{decl}>", ""))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(_Token(f"<?{data}>", ""))
