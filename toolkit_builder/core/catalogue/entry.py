"""One entry of the catalogue of problem codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    #: A heading-sized summary.
    title: str
    #: What went wrong and why it matters, in plain words.
    explanation: str
    #: What to do about it.
    fix: str
    #: A few lines of YAML that make this mistake (shown in the docs), optional.
    example: str = ""
    severity: str = "error"
    group: str = ""


GROUPS = {
    "file": "Reading a file",
    "field": "Fields and values",
    "link": "Names that refer to something declared elsewhere",
    "translation": "Translations and local copies",
    "warning": "Warnings",
}
