"""The interface strings: gettext catalogues (.po) compiled in memory with Babel, their
extraction from templates and code, and the names of languages."""

from __future__ import annotations

import io
import os
import re
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message, TranslationError
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.support import NullTranslations, Translations

from ..limits import unsafe_file
from ..problems import Problem, display
from .plural import plural_rule

PACKAGE_LOCALES = Path(__file__).parents[2] / "locale"


DOMAIN = "toolkit"


def _languages(language: str) -> list[str]:
    """The language's catalogues' names, the most general first: `pt_BR` reads `pt`, then `pt_BR`."""
    try:
        general = Locale.parse(language).language
    except (ValueError, UnknownLocaleError):
        return [language]
    return [general, language] if general != language else [language]


def catalogue_paths(language: str, content_dirs: typing.Sequence[Path] = ()) -> list[Path]:
    """The .po files for a language, in layers, each over the ones before it (a later one's
    translation of a string wins; a string it leaves empty or fuzzy keeps the earlier one's):
    the package's, then each content folder's, for the general language (`pt`) and then for the
    regional one (`pt_BR`). A string none of them translates stays in the source language."""
    candidates = [PACKAGE_LOCALES] + [Path(d) / "locale" for d in content_dirs]
    return [p / code / "LC_MESSAGES" / f"{DOMAIN}.po" for code in _languages(language) for p in candidates
            if (p / code / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]


def _read(path: Path, language: str, problems: list[Problem]) -> Catalog | None:
    """A catalogue, or None after a located problem: Babel reads it strictly (abort_invalid)."""
    root = path.parents[3]  # <folder>/locale/<language>/LC_MESSAGES/toolkit.po
    refused = unsafe_file(path, root) if root != PACKAGE_LOCALES.parent else None
    if refused is not None:
        problems.append(Problem(display(path), 1, 1, "unreadable", *refused))
        return None
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN, abort_invalid=True)
        return catalog if _header_problems(path, catalog, problems) == 0 else None
    except LookupError as error:  # an encoding Python does not know, named in the header
        problems.append(Problem(display(path), _line_of(path, "Content-Type"), 1, "bad-catalogue",
                                f"the catalogue cannot be read: {error}",
                                "declare `Content-Type: text/plain; charset=UTF-8` and save the file as UTF-8"))
    except PoFileError as error:
        problems.append(Problem(display(path), getattr(error, "lineno", 1) or 1, 1, "bad-catalogue",
                                f"the catalogue cannot be read: {error}",
                                "check the quotes and the msgid/msgstr lines around this line"))
    except UnicodeDecodeError:
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
            line, column = 1, 1  # declared in another encoding in its header
        except UnicodeDecodeError as bad:
            line = raw[: bad.start].count(b"\n") + 1
            column = bad.start - (raw.rfind(b"\n", 0, bad.start) + 1) + 1
        problems.append(Problem(display(path), line, column, "bad-catalogue", "the catalogue is not valid UTF-8 text",
                                "save the file as UTF-8 text with a `Content-Type: text/plain; charset=UTF-8` header"))
    except ValueError as error:
        problems.append(Problem(display(path), 1, 1, "bad-catalogue", f"the catalogue cannot be read: {error}",
                                "check the header of the file (Language, Plural-Forms, Content-Type)"))
    except OSError as error:
        problems.append(Problem(display(path), 1, 1, "unreadable", f"the file cannot be read: {error.strerror}"))
    return None


def _line_of(path: Path, header: str) -> int:
    """The line of a header field in a catalogue (1 when it cannot be found)."""
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return 1
    return next((i + 1 for i, line in enumerate(lines) if header.encode() in line), 1)


def _header_problems(path: Path, catalog: Catalog, problems: list[Problem]) -> int:
    """How many problems the catalogue's header has: a charset other than UTF-8 (pages and the
    checks read catalogues as UTF-8), a plural rule that does not hold (``plural.plural_rule``)."""
    before = len(problems)
    if catalog.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Problem(display(path), _line_of(path, "Content-Type"), 1, "bad-catalogue",
                                f"the catalogue declares the charset '{catalog.charset}'; catalogues are UTF-8",
                                "declare `Content-Type: text/plain; charset=UTF-8` and save the file as UTF-8"))
    try:
        plural_rule(catalog.plural_forms)
    except ValueError as error:
        problems.append(Problem(display(path), _line_of(path, "Plural-Forms"), 1, "bad-catalogue",
                                f"the catalogue's Plural-Forms cannot be used: {error}",
                                "copy the Plural-Forms line of your language from the gettext manual, e.g. "
                                "`Plural-Forms: nplurals=2; plural=(n > 1);` for French"))
    return len(problems) - before


#: A `%` conversion as Python's formatting reads one (name, flags, width, precision, type).
_CONVERSION = re.compile(r"%(?:\(\w*\))?[#0 +-]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[a-zA-Z%]?")
#: What a translation may hold after a `%` besides the msgid's own conversions: a named placeholder
#: or `%%`. Widths, precision, flags and `*` are refused: `%(number)50000000s` pads a page with 50 MB.
_PLAIN_CONVERSION = re.compile(r"%\(\w+\)[sd]|%%")


def _format_problems(message: Message) -> list[str]:
    """The `%` conversions of the message's translations that are neither plain nor the msgid's own."""
    ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
    own = {match.group(0) for text in ids for match in _CONVERSION.finditer(str(text))}
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return [match.group(0)[:20] for string in strings for match in _CONVERSION.finditer(string or "")
            if not _PLAIN_CONVERSION.fullmatch(match.group(0)) and match.group(0) not in own]


def _message_problems(path: Path, lines: list[str], message: Message,
                      errors: list[TranslationError]) -> list[Problem]:
    # At the translation (the msgstr line), which is what a translator changes.
    start = (message.lineno or 1) - 1
    line = next((i + 1 for i in range(start, len(lines)) if lines[i].startswith("msgstr")), start + 1)
    where = display(path), line, 1
    found = [Problem(*where, "bad-catalogue", f"the translation of '{_first(message.id)}' is wrong: {error}",
                     "keep every placeholder such as %(name)s exactly as in the msgid; translate only the words")
             for error in errors]
    found.extend(Problem(*where, "bad-catalogue",
                         f"the translation of '{_first(message.id)}' holds '{bad}': a placeholder takes no width, "
                         "precision or flags", "write placeholders as in the msgid, e.g. %(number)s; write %% for a "
                         "percent sign") for bad in _format_problems(message))
    if message.pluralizable and isinstance(message.string, (list, tuple)):
        filled = [bool(form) for form in message.string]
        if any(filled) and not all(filled):
            found.append(Problem(*where, "bad-catalogue",
                                 f"the translation of '{_first(message.id)}' leaves a plural form empty",
                                 "fill in every msgstr[n] line, or leave them all empty"))
    return found


def _first(message_id: Any) -> str:
    return str(message_id[0] if isinstance(message_id, (list, tuple)) else message_id)


def catalogue_problems(language: str, content_dirs: typing.Sequence[Path] = ()) -> list[Problem]:
    """Mistakes in the interface catalogues of a language, located: unreadable files, placeholders
    that differ from the msgid, a wrong number of plural forms or an empty one (Babel's checks)."""
    paths = catalogue_paths(language, content_dirs)
    # Where the problems are shown from (they name files relative to it) is part of what they are.
    found: tuple[Problem, ...] = _kept(_CHECKED, (language, os.getcwd(), *map(_stamp, paths)),
                                       lambda: tuple(_checked(language, paths)))
    return list(found)


#: The problems found in catalogues, and the compiled translations, by their language and their files'
#: stamps: a preview's rebuild checks and compiles again only the catalogues that changed on disk.
_CHECKED: dict[tuple[Any, ...], tuple[Problem, ...]] = {}
_COMPILED: dict[tuple[Any, ...], NullTranslations] = {}

_T = typing.TypeVar("_T")


def _kept(kept: dict[tuple[Any, ...], _T], key: tuple[Any, ...], make: Callable[[], _T]) -> _T:
    if key not in kept:
        if len(kept) >= 16:  # a long preview that keeps changing them
            kept.clear()
        kept[key] = make()
    return kept[key]


def _stamp(path: Path) -> tuple[str, int, int, int]:
    """What changes when the file does (the link itself, if it is one: `_read` refuses links out)."""
    status = path.lstat()
    return str(path), status.st_ino, status.st_mtime_ns, status.st_size


def _checked(language: str, paths: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    for path in paths:
        catalog = _read(path, language, problems)
        if catalog is None:
            continue
        errors = {id(message): list(found) for message, found in catalog.check()}
        lines = path.read_text(encoding="utf-8").splitlines()
        for message in catalog:
            if message.id:
                problems.extend(_message_problems(path, lines, message, errors.get(id(message), [])))
    return problems


def interface_coverage(language: str, content_dirs: typing.Sequence[Path] = ()) -> tuple[int, list[str]]:
    """(how many interface strings there are, those with no translation into ``language`` in any
    of its catalogues). English is the strings' own language: nothing is missing."""
    with (PACKAGE_LOCALES / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    wanted = [str(m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id]
    if language == "en":
        return len(wanted), []
    translated: set[str] = set()
    for path in catalogue_paths(language, content_dirs):
        catalog = _read(path, language, [])
        for message in catalog or []:
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            if message.id and not message.fuzzy and all(strings):
                translated.add(str(message.id if isinstance(message.id, str) else message.id[0]))
    return len(wanted), [m for m in wanted if m not in translated]


def load_translations(language: str, content_dirs: typing.Sequence[Path] = ()) -> NullTranslations:
    """gettext translations for the toolkit's own UI strings, compiled from .po in memory: the
    layers of ``catalogue_paths`` merged, so a toolkit's catalogue overrides the package's for the
    strings it translates, the package's fills in the rest, and what neither translates falls back
    to the source (English) string. Fuzzy and empty translations are left out of every layer.
    Kept by the files' stamps, as the checks are: a preview's rebuild compiles no unchanged catalogue
    (the translations are shared, and nothing changes them once compiled)."""
    paths = catalogue_paths(language, content_dirs)
    return _kept(_COMPILED, (language, *map(_stamp, paths)), lambda: _compiled(language, paths))


def _compiled(language: str, paths: list[Path]) -> NullTranslations:
    translations: NullTranslations = NullTranslations()
    for path in paths:
        catalog = _read(path, language, [])
        if catalog is None:  # validation reports it; the build uses the catalogues before it
            continue
        # The plural rule is computed by plural.py, never given to gettext, which runs it as Python.
        forms, rule = plural_rule(catalog.plural_forms)
        catalog.mime_headers = [*catalog.mime_headers, ("Plural-Forms", f"nplurals={forms}; plural=0;")]
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        layer = Translations(buffer, domain=DOMAIN)
        if isinstance(translations, Translations):
            translations.merge(layer)
        else:
            translations = layer
        translations.plural = _counted(rule)  # a later catalogue's rule, like its strings, wins
    return translations


def _counted(rule: Callable[[int], int]) -> Callable[[float | Decimal], int]:
    return lambda n: rule(int(n))


def extract_messages(output: Path) -> int:
    """Write the .pot template of the UI strings in templates and Python code; return the count."""
    package = Path(__file__).parents[2]
    catalog = Catalog(project="toolkit-builder", domain=DOMAIN)
    method_map = [("**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
    options = {"**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        package, method_map, options_map=options, keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)},
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, no_location=False, width=100)
    return len(catalog)


def text_direction(language: str) -> str:
    """`rtl` for a language written right to left (Arabic, Hebrew, Persian, Urdu...), else `ltr`:
    from the Unicode CLDR data Babel ships (``Locale.character_order``), not a list of our own."""
    try:
        order = Locale.parse(language).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def language_links(languages: typing.Sequence[str], default: str, current: str,
                   page_url: str) -> list[dict[str, Any]]:
    """Links from a page to the same page in every language, as paths from the current
    language's site root: the default language lives at the root, others under `<lang>/`."""
    up = "" if current == default else "../"
    links = []
    for code in languages:
        prefix = "" if code == default else f"{code}/"
        try:
            name = Locale.parse(code).get_display_name(code) or code
            name = name[:1].upper() + name[1:]
        except (ValueError, UnknownLocaleError):
            name = code
        links.append({"name": name, "lang": code, "link": f"{up}{prefix}{page_url}" or "./"})
    return links
