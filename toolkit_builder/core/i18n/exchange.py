"""`toolkit i18n export` and `import`: every content file of a language to and from PO files.

A PO file is named after the translation it stands for, from the site's folder:
`content/modules/education/x.fr.yml` is `<DIR>/content/modules/education/x.po`, and the
source language's template `<DIR>/content/modules/education/x.pot` (named the same way, so a
platform maps each template to its translations; a copy's upstream texts are translated in its
`upstream/` folder, and named so). Importing finds a PO file's translation by the end of its
path, so the files may come back in any folder.
"""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, display
from .po import po_catalog, read_translations, texts_of, write_catalog
from .status import translation_status
from .writeback import check_planned, planned_text


def po_name(translation: Path, base: Path, template: bool = False) -> Path:
    """The PO file's name for a translation file (`.pot` for the template of its texts)."""
    relative = Path(os.path.relpath(translation.resolve(), base.resolve()))
    parts = [p for p in relative.parts if p != ".."]
    stem = parts[-1].removesuffix(".yml").rsplit(".", 1)[0]  # x.fr.yml -> x
    return Path(*parts[:-1], stem + (".pot" if template else ".po"))


def export(layers: typing.Sequence[Path], language: str, source_language: str, base: Path,
           output: Path) -> list[tuple[Path, int, int]]:
    """Write the PO files (the templates when ``language`` is the source language); return each
    file written with its count of texts and of translated ones."""
    template = language == source_language
    written = []
    for result in translation_status(layers, language):
        texts = texts_of(result)
        if not texts.leaves:
            continue
        shown = os.path.relpath(result.source.resolve(), base.resolve())
        name = po_name(result.translation, base, template)
        write_catalog(po_catalog(texts, None if template else language, Path(shown).as_posix()), output / name)
        written.append((output / name, len(texts.leaves), 0 if template else len(texts.translated)))
    return written


@dataclass
class Planned:
    target: Path
    text: str
    po: Path


class NotMatched(Exception):
    """A PO file that stands for no content file of the site (or for several)."""


def _match(po: Path, names: dict[Path, typing.Any]) -> typing.Any:
    parts = po.resolve().parts
    found = [(len(name.parts), value) for name, value in names.items() if parts[-len(name.parts):] == name.parts]
    best = max((n for n, _ in found), default=0)
    chosen = [value for n, value in found if n == best]
    if len(chosen) != 1:
        wanted = ", ".join(sorted(n.as_posix() for n in names)[:5])
        raise NotMatched(f"{po}: {'no' if not chosen else 'more than one'} content file has this name; "
                         f"PO files are named as `toolkit i18n export` names them ({wanted}...)")
    return chosen[0]


def plan_import(layers: typing.Sequence[Path], language: str, base: Path, files: typing.Sequence[Path],
                problems: list[Problem]) -> list[Planned]:
    """What importing the PO files would write; nothing is written here. Problems are added to
    ``problems`` (located in the PO files); NotMatched for a file that is no content file's."""
    results = {po_name(r.translation, base): r for r in translation_status(layers, language)}
    planned = []
    for po in files:
        result = _match(po, results)
        texts = texts_of(result)
        problems.extend(texts.problems)
        translations = read_translations(po, language, texts, problems)
        if translations is None:
            continue
        shown = os.path.relpath(result.source.resolve(), base.resolve())
        text = planned_text(texts, translations.strings, result.digest if translations.current else None,
                            language, Path(shown).as_posix())
        if text is not None and check_planned(texts, text, translations.strings, problems):
            planned.append(Planned(result.translation, text, po))
    return planned


def apply(planned: typing.Sequence[Planned]) -> list[str]:
    """Write the planned files; return their names. A file keeps its line endings (a Windows
    checkout's CRLF); a new one has LF, on every system."""
    for plan in planned:
        plan.target.parent.mkdir(parents=True, exist_ok=True)
        crlf = plan.target.is_file() and b"\r\n" in plan.target.read_bytes()
        plan.target.write_text(plan.text, encoding="utf-8", newline="\r\n" if crlf else "\n")
    return [display(plan.target) for plan in planned]
