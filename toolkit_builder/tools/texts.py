"""The texts of the content model that readers read, and their words (for the linter's checks,
reading-ease scores and the search for glossary terms)."""

from __future__ import annotations

import functools
import re
import typing
from typing import Any, Iterator

from pydantic import BaseModel

from ..core.model import CITATION, TRANSLATABLE

Path_ = tuple[typing.Union[str, int], ...]

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+\S")
LIST_MARKER = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+")
# Linear: neither part runs over a bracket that starts another try.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
_MARKUP = re.compile(r"[*_`>#]+")


def _is_text(annotation: Any) -> bool:
    """Whether a field's type holds text that readers read (typed ``Text`` or ``Markdown``)."""
    try:
        return _is_text_type(annotation)
    except TypeError:  # an annotation that cannot be a key (its metadata holds a list...): judged each time
        return _judge(annotation)


@functools.lru_cache(maxsize=None)
def _is_text_type(annotation: Any) -> bool:
    return _judge(annotation)


def _judge(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return any(a is TRANSLATABLE for a in args[1:]) or _is_text(args[0])
    return any(_is_text(a) for a in typing.get_args(annotation))


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def texts(value: Any, annotation: Any = None, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every reader-facing text of a model object, with its path in the YAML data."""
    if isinstance(value, BaseModel):
        hints = _hints(type(value))
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), hints.get(name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts(item, annotation, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, annotation, path + (key,))
    elif isinstance(value, str) and annotation is not None and _is_text(annotation):
        yield path, value


def plain(markdown: str) -> str:
    """Markdown reduced to the words a reader reads (for readability scores and term search)."""
    text = CITATION.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = LIST_MARKER.sub("", text)
    return _MARKUP.sub("", text)


def paragraphs(text: str) -> Iterator[str]:
    """The paragraphs of a Markdown text: blocks separated by blank lines, headings left out."""
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not ATX_HEADING.match(line)]
        if lines:
            yield "\n".join(lines)


_KEY = re.compile(r"\w+")


def term_pattern(term: str) -> re.Pattern[str]:
    """Where a glossary term is used: its words in order, any spacing between them, each word or its
    plural (“peer support workers”, “parties prenantes”), in any case, not inside a longer word."""
    words = r"(?:s|es)?\s+".join(re.escape(word) for word in term.replace("'", "’").split())
    return re.compile(r"(?<!\w)" + words + r"(?:s|es)?(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _term_finder(terms: tuple[str, ...]) -> tuple[list[re.Pattern[str]], list[int], dict[str, list[int]],
                                                   re.Pattern[str] | None, dict[str, list[str]]]:
    """What ``terms_used`` looks with, made once per glossary."""
    patterns = [term_pattern(term) for term in terms]
    alone: list[int] = []
    by_start: dict[str, list[int]] = {}
    for i, term in enumerate(terms):
        first = _KEY.match(term.replace("'", "’").split()[0]) if term.split() else None
        if first is None:  # a term that does not start with a letter or digit: searched for alone
            alone.append(i)
        else:
            by_start.setdefault(first.group().lower(), []).append(i)
    if not by_start:
        return patterns, alone, by_start, None, {}
    starts = sorted(by_start, key=len, reverse=True)  # at one place, the longest start is found
    finder = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, starts)) + ")", re.IGNORECASE)
    # The shorter starts that begin as a longer one does are tried where the longer one is found.
    within = {start: [other for other in starts if start.startswith(other)] for start in starts}
    return patterns, alone, by_start, finder, within


def terms_used(terms: list[str], text: str) -> set[int]:
    """The indexes of the ``terms`` that ``text`` uses (``term_pattern``), in one pass over the text.

    One pattern finds where any term may start (the letters of its first word up to a mark, such as
    "co" for "co-facilitation"); only there is each term with that start tried whole, until every
    term is found or the text ends."""
    patterns, alone, by_start, finder, within = _term_finder(tuple(terms))
    text = text.replace("'", "’")
    used = {i for i in alone if patterns[i].search(text)}
    left = len(terms) - len(alone)
    if finder is None:
        return used
    for match in finder.finditer(text):
        where = match.start()
        for start in within.get(match.group().lower(), by_start):
            for i in by_start[start]:
                if i not in used and patterns[i].match(text, where):
                    used.add(i)
                    left -= 1
        if not left:
            break
    return used
