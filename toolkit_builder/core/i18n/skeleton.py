"""Starting a translation: a file that holds only what a translation may carry, and a catalogue.

`toolkit i18n start LANG` writes, beside each source, a ``<name>.<lang>.yml`` with the source's
structure reduced to its texts (no ids, types, sections or other fields a translation must not
carry), every text as a comment holding the source text. A comment is not a translation: until
a translator writes a text in place of its comment, `toolkit i18n status` counts it as not
translated and the page shows the source language there, marked as such. It also writes the
interface strings' catalogue for the language, from the `.pot`, with the language's plural forms.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.messages.pofile import read_po, write_po

from ..yamlpos import read_document
from .catalogues import DOMAIN, PACKAGE_LOCALES
from .merge import text_leaves

Key = typing.Union[str, int]


class _Dumper(yaml.SafeDumper):  # type: ignore[misc]  # PyYAML ships no type hints
    """Texts of several lines as `|` blocks, as editors write them."""


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(str, _text)


def _tree(leaves: typing.Iterable[tuple[tuple[Key, ...], str]]) -> dict[Key, Any]:
    """The texts, nested by their paths (integer keys for list positions)."""
    root: dict[Key, Any] = {}
    for path, text in leaves:
        node = root
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = text
    return root


def _commented(value: Any, pad: str) -> list[str]:
    dumped = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                       default_flow_style=False)
    return [f"{pad}# {line}".rstrip() for line in dumped.splitlines()]


def _is_list(node: dict[Key, Any]) -> bool:
    return bool(node) and all(isinstance(key, int) for key in node)


def _strings_only(node: dict[Key, Any]) -> bool:
    return _is_list(node) and all(isinstance(item, str) for item in node.values())


def _emit(node: dict[Key, Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    if _is_list(node):
        for i in range(max(typing.cast(int, k) for k in node) + 1):
            item = node.get(i)
            if isinstance(item, str):
                out.extend(_commented([item], pad))
            elif isinstance(item, dict) and _strings_only(item):  # a row of a table: a list of texts
                out.append(f"{pad}-")
                out.extend(_commented([item.get(j, "") for j in range(max(item) + 1)], pad + "  "))
            elif isinstance(item, dict):
                out.append(f"{pad}-")
                _emit(item, indent + 2, out)
            else:  # no text in this item: its place keeps the others in their positions
                out.append(f"{pad}-  # nothing to translate here")
        return
    for key, value in node.items():
        if isinstance(value, str):
            out.extend(_commented({key: value}, pad))
        elif _strings_only(value):
            out.extend(_commented({key: [value.get(i, "") for i in range(max(value) + 1)]}, pad))
        else:
            out.append(f"{pad}{key}:")
            _emit(value, indent + 2, out)


def skeleton(source: Path, root: Any, language: str, shown_as: str, schema: str | None = None) -> str | None:
    """The text of a new translation of ``source`` into ``language`` (None if the file cannot be read)."""
    document = read_document(source, str(source), [])
    if document is None:
        return None
    name = Locale.parse(language).get_display_name("en") or language
    header = [f"# yaml-language-server: $schema={schema}"] if schema else []
    header += [
        f"# {name} ({language}) translation of {shown_as}, started by `toolkit i18n start {language}`.",
        "# Each text of the source is below as a comment. To translate one, remove the `# ` before its",
        "# field name (keep the indentation) and write the translation in place of the source text.",
        "# What stays a comment is shown in the source language, marked as such, and counted as not",
        f"# translated by `toolkit i18n status`. When every text is done: `toolkit i18n stamp {language}`.",
    ]
    body: list[str] = []
    _emit(_tree(text_leaves(document.data, root)), 0, body)
    return "\n".join(header + body) + "\n"


def start_catalogue(language: str, target: Path) -> None:
    """A `.po` for ``language`` from the package's `.pot`: every string empty, the language's plural forms."""
    with (PACKAGE_LOCALES / f"{DOMAIN}.pot").open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    catalog.fuzzy = False  # the header is right as written; its strings are what is left to do
    name = Locale.parse(language).get_display_name("en") or language
    catalog.header_comment = (f"# The toolkit's interface strings in {name}, started by `toolkit i18n start "
                              f"{language}`\n# from {DOMAIN}.pot: write each msgstr.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100)
