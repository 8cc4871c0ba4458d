"""A toolkit's own interface catalogue brought up to date with the package's `.pot`
(`toolkit i18n update LANG`), and the strings it has not seen yet (`toolkit i18n status`).

Babel's ``Catalog.update`` does the merge as gettext's msgmerge does: strings new in the
template are added (empty, or fuzzy with the translation of a close string), strings gone from
it are kept as obsolete (`#~`) so their translations are not lost, and a translation whose
string changed slightly is marked fuzzy until a translator checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .catalogues import DOMAIN, PACKAGE_LOCALES


def _template() -> Catalog:
    with (PACKAGE_LOCALES / f"{DOMAIN}.pot").open("rb") as handle:
        return read_po(handle)


def _key(message_id: object) -> str:
    return str(message_id[0] if isinstance(message_id, (list, tuple)) else message_id)


@dataclass
class Updated:
    added: list[str]
    fuzzy: list[str]
    obsolete: list[str]


def update_catalogue(language: str, path: Path) -> Updated:
    """Merge the package's `.pot` into the catalogue at ``path`` (for ``language``) and save it."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    before = {_key(m.id) for m in catalog if m.id}
    was_fuzzy = {_key(m.id) for m in catalog if m.id and m.fuzzy}
    catalog.update(_template(), no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    added = [_key(m.id) for m in catalog if m.id and _key(m.id) not in before]
    fuzzy = [_key(m.id) for m in catalog if m.id and m.fuzzy and _key(m.id) not in was_fuzzy]
    obsolete = [_key(m.id) for m in catalog.obsolete.values()]
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, include_previous=True)
    return Updated(added, fuzzy, obsolete)


def new_strings(language: str, path: Path) -> list[str]:
    """The package's interface strings the catalogue at ``path`` does not hold at all: new since
    it was last brought up to date."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    held = {_key(m.id) for m in catalog if m.id}
    return [_key(m.id) for m in _template() if m.id and _key(m.id) not in held]
