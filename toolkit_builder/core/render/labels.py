"""What fills the placeholders of interface strings: language names that know their code, and
content values made labels (escaped, one line)."""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from .markdown import one_line


class LanguageName(str):
    """A language's name in the page's language ("inglés" on a Spanish page), which knows its
    code: a sentence that has no translation yet names the language in its own, English."""

    code: str

    def __new__(cls, name: str, code: str) -> LanguageName:
        value = super().__new__(cls, name)
        value.code = code
        return value


def display_name(code: str, language: str) -> str:
    """The name of language ``code`` in ``language``, or the code when Babel does not know it."""
    try:
        return Locale.parse(code).get_display_name(language) or code
    except (ValueError, UnknownLocaleError):
        return code


def labels(variables: dict[str, Any], translated: bool = True) -> dict[str, Any]:
    """The values of an interface string's placeholders, as labels (``as_label``); in a string
    not translated yet, language names in English."""
    if not translated:  # the msgid's words are English: so are the names of languages in it
        variables = {name: display_name(value.code, "en") if isinstance(value, LanguageName) else value
                     for name, value in variables.items()}
    return {name: as_label(value) for name, value in variables.items()}


def as_label(value: Any) -> Any:
    """Content in an interface string: escaped, on one line."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape(one_line(value))
    return value
