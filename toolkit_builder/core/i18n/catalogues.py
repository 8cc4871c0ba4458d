"""The interface strings: gettext catalogues (.po) compiled in memory with Babel, their
extraction from templates and code, and the names of languages."""

from __future__ import annotations

import io
import typing
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

PACKAGE_LOCALES = Path(__file__).parents[2] / "locale"


DOMAIN = "toolkit"


def catalogue_paths(language: str, content_dirs: typing.Sequence[Path] = ()) -> list[Path]:
    """The .po files for a language: the package's, then each content folder's (later wins)."""
    candidates = [PACKAGE_LOCALES] + [Path(d) / "locale" for d in content_dirs]
    return [p / language / "LC_MESSAGES" / f"{DOMAIN}.po" for p in candidates
            if (p / language / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]


def load_translations(language: str, content_dirs: typing.Sequence[Path] = ()) -> NullTranslations:
    """gettext translations for the toolkit's own UI strings, compiled from .po in memory."""
    translations: NullTranslations = NullTranslations()
    for path in catalogue_paths(language, content_dirs):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        layer = Translations(buffer, domain=DOMAIN)
        if isinstance(translations, Translations):
            translations.merge(layer)
        else:
            translations = layer
    return translations


def extract_messages(output: Path) -> int:
    """Write the .pot template of the UI strings in templates and Python code; return the count."""
    package = Path(__file__).parents[2]
    catalog = Catalog(project="toolkit-builder", domain=DOMAIN)
    method_map = [("**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
    options = {"**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        package, method_map, options_map=options, keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, no_location=False, width=100)
    return len(catalog)


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
