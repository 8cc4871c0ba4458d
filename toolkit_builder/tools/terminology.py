"""A language's terminology list: the one term a toolkit uses for an idea, and the forms it avoids.

`terms.<language>.yml` in a content folder (for example `content/terms.fr.yml`) lists, for each
idea, the forms to write (`use`) and the forms not to write (`avoid`), with why. The linter
reports an avoided form found in that language's texts (`avoided-term`), except where it is part
of a form to use: with `use: [animatrices et animateurs]` and `avoid: [animateurs]`, "les
animatrices et animateurs" is fine and "les animateurs" is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Iterator

from pydantic import Field, StringConstraints

from ..core.load.messages import validate
from ..core.model.fields import Strict
from ..core.problems import Problem, display
from ..core.yamlpos import read_document

Form = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Term(Strict):
    """One idea: the forms to write and the forms not to write."""

    source: Form | None = Field(None, description="The term in the toolkit's default language, for translators.")
    use: list[Form] = Field(min_length=1, description="The forms to write; the first is suggested as the fix.")
    avoid: list[Form] = Field(default_factory=list, description="Forms not to write, reported where they appear.")
    why: Form | None = Field(None, description="Why this term: the usage or the style guide it follows.")


class Terminology(Strict):
    """terms.<language>.yml: the terminology of one language of the toolkit."""

    terms: list[Term] = Field(default_factory=list, description="One entry per idea.")


@dataclass(frozen=True)
class Avoided:
    """An avoided form found in a text: as written there, where, and the form to use instead."""

    found: str
    start: int
    use: str


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """Any of the forms as whole words, whatever the spacing, case and kind of apostrophe."""
    alternatives = sorted((r"\s+".join(re.escape(w) for w in _apostrophes(f).split()) for f in forms), key=len,
                          reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _apostrophes(text: str) -> str:
    return text.replace("'", "’")  # one character for another: offsets stay the same


class TermList:
    """The terms of one language, compiled."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self._use = _pattern([form for term in terms for form in term.use])
        self._avoid = [(term, _pattern(term.avoid)) for term in terms if term.avoid]

    def find(self, text: str) -> Iterator[Avoided]:
        """Every avoided form in ``text``, in order, outside the forms to use."""
        normal = _apostrophes(text)
        masked = self._use.sub(lambda m: "\0" * len(m.group()), normal)
        found = [Avoided(text[m.start():m.end()], m.start(), term.use[0])
                 for term, pattern in self._avoid for m in pattern.finditer(masked)]
        yield from sorted(found, key=lambda a: a.start)


def load_terminology(layers: list[Path], language: str, problems: list[Problem]) -> TermList | None:
    """The terms of ``language`` from every content folder that has a terms file, or None.

    A terms file that cannot be read, or has the wrong shape, adds its problems to ``problems``."""
    terms: list[Term] = []
    for layer in layers:
        path = layer / f"terms.{language}.yml"
        if not path.is_file():
            continue
        # Read only as a regular file inside its content folder: a linked file's values are never echoed.
        document = read_document(path, display(path), problems, root=layer)
        loaded = validate(Terminology, document, problems) if document is not None else None
        if isinstance(loaded, Terminology):
            terms.extend(loaded.terms)
    return TermList(terms) if terms else None
