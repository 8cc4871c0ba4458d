"""Citations: numbered notes on a page, and references formatted in APA style."""

from __future__ import annotations

from typing import Any, Callable
from xml.etree import ElementTree as etree

from markdown.util import AtomicString
from markupsafe import Markup

from ..model import Reference
from .markdown import one_line


class Citations:
    """Numbers citations on one page in order of first use, and lists them at the end."""

    def __init__(self, references: dict[str, Reference], gettext: Callable[[str], str] = lambda s: s):
        self.references = references
        self.gettext = gettext
        self.order: list[str] = []
        self.uses: dict[str, list[str]] = {}

    def _use(self, key: str) -> tuple[int, str, str]:
        """(number, anchor of this use, label) of the next use of ``key`` on the page."""
        if key not in self.order:
            self.order.append(key)
        number = self.order.index(key) + 1
        anchor = f"cite-{number}-{len(self.uses.setdefault(key, [])) + 1}"
        self.uses[key].append(anchor)
        return number, anchor, self.gettext("Reference %(number)s") % {"number": number}

    def cite(self, key: str) -> Markup:
        number, anchor, label = self._use(key)
        return Markup('<sup class="tk-cite" id="{a}"><a href="#ref-{n}" aria-label="{label}">[{n}]</a></sup>').format(
            a=anchor, n=number, label=label
        )

    def element(self, key: str) -> etree.Element:
        """The same marker as a tree element, for the Markdown converter."""
        number, anchor, label = self._use(key)
        sup = etree.Element("sup", {"class": "tk-cite", "id": anchor})
        link = etree.SubElement(sup, "a", {"href": f"#ref-{number}", "aria-label": label})
        link.text = AtomicString(f"[{number}]")
        return sup

    def notes(self) -> list[dict[str, Any]]:
        return [
            {"number": i + 1, "key": key, "reference": self.references[key], "uses": self.uses[key]}
            for i, key in enumerate(self.order)
        ]


def format_reference(reference: Reference, gettext: Callable[[str], str] = lambda s: s) -> Markup:
    """An APA-style reference with its DOI or URL as a link.

    Without authors the title takes their place; without a date "(n.d.)" stands for the
    year; a description ("Oral presentation") follows the title in square brackets."""
    year = reference.year if reference.year is not None else gettext("n.d.")
    title = reference.title.rstrip(".")
    # Titles of works that stand alone are italic; titles of articles are not.
    standalone = not reference.container and not reference.pages
    shown = Markup("<cite>{}</cite>").format(title) if standalone else Markup("{}").format(title)
    if reference.description:
        shown += Markup(" [{}]").format(reference.description)
    if reference.authors:
        parts = [Markup("{} ({}). {}").format(reference.authors, year, shown)]
    else:
        parts = [Markup("{}. ({})").format(shown, year)]
    if reference.container:
        parts.append(Markup(". <cite>{}</cite>").format(reference.container))
        if reference.volume:
            parts.append(Markup(", <i>{}</i>").format(reference.volume))
            if reference.issue:
                parts.append(Markup("({})").format(reference.issue))
        if reference.pages:
            parts.append(Markup(", {}").format(reference.pages.replace("-", "–")))
    elif reference.pages:
        parts.append(Markup(". {}").format(gettext("Pages %(pages)s") % {"pages": reference.pages.replace("-", "–")}))
    parts.append(Markup("."))
    if reference.publisher:
        parts.append(Markup(" {}.").format(reference.publisher))
    if reference.link:
        parts.append(Markup(' <a class="tk-url-text" href="{0}">{0}</a>').format(reference.link))
    return Markup(one_line(str(Markup("").join(parts))))
