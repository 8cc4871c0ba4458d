"""Field types shared by every content file: translatable text, keys, paths, addresses.

Each type carries what the loader needs to explain a wrong value: a text that does not
match a pattern is reported with the message registered by ``matching`` for it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Annotated

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError


class Translatable:
    """Marks a text field that a translation file carries."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "Translatable()"


TRANSLATABLE = Translatable()


def _int_to_str(value: object) -> object:
    # Editors write dimension keys as numbers (`maps_to: [3, 5]`); keys are strings.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: One line of translatable text; may hold inline Markdown (links, emphasis).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]


#: Translatable text that may hold several Markdown paragraphs.
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]


#: Pattern -> (message, fix) for a text that does not match it. Messages live with the field
#: types: the loader looks a failed pattern up here (``{value}`` and ``{name}`` are filled in).
PATTERN_PROBLEMS: dict[str, tuple[str, str | None]] = {}


def matching(pattern: str, message: str, hint: str | None = None) -> StringConstraints:
    """A pattern constraint whose mismatch the loader reports with ``message`` and ``hint``."""
    PATTERN_PROBLEMS[pattern] = (message, hint)
    return StringConstraints(pattern=pattern)


SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
#: A machine key: lower case letters, digits and dashes.
Slug = Annotated[str, BeforeValidator(_int_to_str), matching(
    SLUG_PATTERN, "'{value}' is not a valid {name}",
    "use lower-case letters, digits and dashes only, e.g. 'recovery-education'")]


def _known_language(code: str) -> str:
    """A language code that Babel's data (CLDR) knows: a page needs the language's name, plural
    rules and dates, and its code names a folder of the site."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise PydanticCustomError("language_code", "'{code}' is not a language code", {
            "code": code if len(code) <= 40 else code[:40] + "...",
            "hint": "write a language's code as ISO 639 has it, e.g. en, fr, es, pt-br"}) from None
    return code


#: A language code (`en`, `fr`, `pt-br`), known to Babel's data.
LanguageCode = Annotated[str, matching(
    r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", "'{value}' is not a language code",
    "write a language's code as ISO 639 has it, in lower case, e.g. en, fr, es, pt-br"),
    AfterValidator(_known_language)]


#: A key that refers to an entry declared elsewhere (reference, component...): checked against
#: the declarations, so it never reaches a page unless it names something that exists.
Key = Annotated[str, BeforeValidator(_int_to_str), StringConstraints(min_length=1)]


def content_path_problem(path: str, content_dir: str | Path | None = None) -> tuple[str, str] | None:
    """What is wrong with ``path`` as a file of the content folder, as (message, fix); None if nothing.

    Without ``content_dir`` only the form is checked; with it, the file must also exist there,
    inside the folder (a link out of it does not count).
    """
    example = "write the path from the content folder, e.g. media/picture.png"
    if re.match(r"^([a-zA-Z]:[\\/]|[/\\])", path):
        return f"'{path}' is an absolute path; files must be inside the content folder", example
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
        return (f"'{path}' is a web address; a file of the content folder is expected here",
                "save the file in the content folder (e.g. in media/) and " + example[0].lower() + example[1:])
    if "\\" in path:
        return f"'{path}' uses '\\' between folders", "use '/' between folders, e.g. media/picture.png"
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        return f"'{path}' leads out of the content folder", example
    if content_dir is None:
        return None
    root = Path(content_dir).resolve()
    target = root / normal
    if not target.resolve().is_relative_to(root):
        return f"'{path}' is a link to a file outside the content folder", "copy the file into the content folder"
    if target.is_dir():
        return f"'{path}' is a folder, not a file", "name a file in it, e.g. " + posixpath.join(normal, "picture.png")
    if not target.is_file():
        siblings = sorted(p.name for p in target.parent.iterdir()) if target.parent.is_dir() else []
        close = [s for s in siblings if s.lower() == target.name.lower()] or [
            s for s in siblings if posixpath.splitext(s)[0] == posixpath.splitext(target.name)[0]]
        hint = f"did you mean '{posixpath.join(posixpath.dirname(normal), close[0])}'?" if close else (
            "check the spelling; paths start at the content folder, e.g. media/picture.png")
        return f"there is no file '{normal}' in the content folder", hint
    return None


def _content_path(path: str, info: ValidationInfo) -> str:
    content_dir = (info.context or {}).get("content_dir")
    problem = content_path_problem(path, content_dir)
    if problem:
        raise PydanticCustomError("content_path", problem[0], {"hint": problem[1]})
    return posixpath.normpath(path)


#: A file of the content folder (an image, a download, captions), written from the content folder:
#: `media/chime.png`. No absolute paths, no web addresses, no `..` out of the folder; when the loader
#: validates, the file must exist inside the content folder.
ContentPath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_content_path)]


class Strict(BaseModel):
    """Base for every content class: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Minutes = Annotated[int, Field(ge=1, le=1440)]


#: A file inside the content folder: segments of letters, digits, dots, dashes and
#: underscores, none starting with a dot (so no `..`), no leading slash, no scheme.
MEDIA_PATH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$"


MediaPath = Annotated[str, matching(
    MEDIA_PATH_PATTERN, "'{value}' is not a path inside the content folder",
    "write the path from the content folder, e.g. media/welcome.mp4: no `..`, no leading `/`, no web address; "
    "letters, digits, dots, dashes and underscores only")]
#: The rest of an address after its host: no spaces, quotes, angle brackets or backslashes,
#: which no real address holds and which could end an HTML attribute.
_URL_REST = r"""(:[0-9]+)?([/?#][^\s"'<>\\^`{|}]*)?"""
_HOST = r"[\w-]+(\.[\w-]+)*"
WEB_ADDRESS_PATTERN = rf"^https?://{_HOST}{_URL_REST}$"
#: A web address of a page or a work.
WebAddress = Annotated[str, matching(WEB_ADDRESS_PATTERN, "'{value}' is not a web address",
                                     "write the full address, starting with https://, without spaces or quotes")]
EMAIL_PATTERN = rf"^[\w.+-]+@{_HOST}$"
PHONE_PATTERN = r"^\+?[0-9(][0-9 ().-]*[0-9]( ?(ext|x|poste)\.? ?[0-9]+)?$"
#: Where a footer link leads: a web page, an e-mail address or a telephone number.
LinkTarget = Annotated[str, matching(
    rf"^(https?://{_HOST}{_URL_REST}|mailto:[\w.+-]+@{_HOST}|tel:\+?[0-9 ().-]+)$", "'{value}' is not a web address",
    "write a full address starting with https://, or mailto:name@example.org, or tel:+1-555-0100")]
Email = Annotated[str, matching(EMAIL_PATTERN, "'{value}' is not an e-mail address",
                                "write the address alone, e.g. team@example.org")]
Phone = Annotated[str, matching(PHONE_PATTERN, "'{value}' is not a telephone number",
                                "write digits, spaces, dashes and brackets, e.g. +1 514 555-0100 ext. 12")]
Doi = Annotated[str, matching(r"^10\.\d{4,9}/\S+$", "'{value}' is not a DOI",
                              "write the DOI alone, e.g. 10.1111/inm.12596 (no https://doi.org/)")]
Colour = Annotated[str, matching(r"^#[0-9a-fA-F]{6}$", "'{value}' has the wrong form for '{name}'")]
#: Inline citation in any text: `[@key]`.
CITATION = re.compile(r"\[@([^\[\]\s]+)\]")
