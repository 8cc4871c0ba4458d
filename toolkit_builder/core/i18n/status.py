"""How far each file is translated into a language, and marking translations current."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..layers import module_files
from ..model import Glossary, Toolkit, ToolkitOverlay
from ..problems import Problem
from ..project import Module
from ..yamlpos import read_document
from .merge import DIGEST_KEY, digest, merge, text_leaves


@dataclass
class FileStatus:
    """How far one file is translated into one language."""

    source: Path
    translation: Path
    #: "complete"; "partial" (texts missing, or still in the source language); "missing" (no file);
    #: "stale" (the source changed since the stamp); "unstamped" (all there, never stamped).
    state: str
    translated: int = 0
    total: int = 0
    #: Lines of the source whose text the translation lacks.
    missing_lines: list[int] = field(default_factory=list)
    #: Digest of the source text as it is now (what `stamp` records).
    digest: str = ""
    #: Texts the translation carries exactly as the source has them (a copied file not translated yet).
    copied: int = 0
    #: The model type of the source file (Toolkit, ToolkitOverlay, Glossary or Module).
    model: Any = None


#: A text the translation carries as the source has it counts as not translated when it has at
#: least this many words (shorter ones, a name or an abbreviation, are often the same in both).
COPIED_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")


def value_at(data: Any, path: typing.Sequence[typing.Union[str, int]]) -> Any:
    """The value at ``path`` (keys and indexes) in YAML data, or None where there is none."""
    for key in path:
        if isinstance(data, dict) and isinstance(key, str):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def hidden_modules(layers: typing.Sequence[Path]) -> set[str]:
    """Ids of the modules the copies' toolkit.yml files hide (`hide:`): nothing to translate there."""
    hidden: set[str] = set()
    for layer in list(layers)[1:]:
        if (layer / "toolkit.yml").is_file():
            document = read_document(layer / "toolkit.yml", str(layer / "toolkit.yml"), [])
            data = document.data if document is not None else None
            if isinstance(data, dict) and isinstance(data.get("hide"), list):
                hidden.update(str(item) for item in data["hide"])
    return hidden


def translation_name(relative: str | Path, language: str) -> Path:
    """Where the translation of a content file into ``language`` sits: beside it, with the
    language before `.yml` (`modules/education/x.yml` -> `modules/education/x.fr.yml`)."""
    relative = Path(relative)
    return relative.with_name(f"{relative.stem}.{language}.yml")


def edit_link(edit_url: str, layer: Path, source: str, language: str, default: str) -> str:
    """The "edit this page" address of a page made from ``source`` (a file of ``layer``) in
    ``language``: the source itself in the default language; else its translation, or, while
    there is none, the hosting service's page that creates it (GitHub's `/new/` with the file's
    name) where the address has the form of GitHub's `/edit/`, else the source."""
    base = edit_url.rstrip("/") + "/"
    if language == default:
        return base + source
    translation = translation_name(source, language)
    if (layer / translation).is_file():
        return base + translation.as_posix()
    if "/edit/" in base:
        folder = translation.parent.as_posix()
        return base.replace("/edit/", "/new/", 1) + (f"{folder}" if folder != "." else "") + f"?filename={translation.name}"
    return base + source


def _translatable_files(layers: typing.Sequence[Path]) -> Iterator[tuple[Path, Path, Any]]:
    """(layer, relative path, model type) of every file that carries text, in the last layer that has it."""
    for i, layer in enumerate(layers):
        if (layer / "toolkit.yml").is_file():
            yield layer, Path("toolkit.yml"), Toolkit if i == 0 else ToolkitOverlay
        if (layer / "glossary.yml").is_file():
            yield layer, Path("glossary.yml"), Glossary
    modules: dict[str, tuple[Path, Path]] = {}
    hidden = hidden_modules(layers)
    for layer in layers:
        for path, _ in module_files(layer):
            if path.stem not in hidden:
                modules[path.stem] = (layer, path.relative_to(layer))
    for layer, relative in modules.values():
        yield layer, relative, Module


def translation_status(layers: typing.Sequence[Path], language: str) -> list[FileStatus]:
    """Per file: missing, partly translated, stale (source changed since), never stamped or complete.

    Modules a copy hides are left out. A text the translation carries word for word as the
    source does (of `COPIED_WORDS` words or more) counts as not translated: a copied file left
    in the source language is partial, not complete."""
    results = []
    for layer, relative, root in _translatable_files(layers):
        name = translation_name(relative, language)
        if root.__name__ == "Module":  # from its own layer on: a replaced module takes only its own translations
            candidates = [lay / name for lay in list(layers)[list(layers).index(layer):]]
        else:  # beside the file, or in a later layer's upstream/ folder
            later = list(layers)[list(layers).index(layer) + 1:]
            candidates = [layer / name] + [lay / "upstream" / name for lay in later]
        existing = [p for p in candidates if p.is_file()]
        problems: list[Problem] = []
        source_doc = read_document(layer / relative, str(layer / relative), problems)
        if source_doc is None:
            continue
        leaves = list(text_leaves(source_doc.data, root))
        if not existing:
            results.append(FileStatus(layer / relative, candidates[-1], "missing", 0, len(leaves),
                                       sorted({source_doc.where(p)[0] for p, _ in leaves}),
                                       digest(source_doc.data, root), model=root))
            continue
        translation_path = existing[-1]
        translation = read_document(translation_path, str(translation_path), problems)
        data = translation.data if translation is not None else {}
        merged = merge(source_doc.data, data, root)
        missing = set(merged.missing)
        copied = [path for path, text in leaves if path not in missing and value_at(merged.data, path) == text
                  and len(_WORD.findall(text)) >= COPIED_WORDS]
        lines = sorted({source_doc.where(p)[0] for p in merged.missing + copied})
        recorded = data.get(DIGEST_KEY) if isinstance(data, dict) else None
        current = digest(source_doc.data, root)
        if recorded is None:
            state = "partial" if lines else "unstamped"
        elif recorded != current:
            state = "stale"
        elif lines:
            state = "partial"
        else:
            state = "complete"
        results.append(FileStatus(layer / relative, translation_path, state, merged.translated - len(copied),
                                  len(leaves), lines, current, len(copied), root))
    return results


def stamp(translation: Path, source_digest: str) -> bool:
    """Record in a translation file the digest of the source it now matches; True if changed.

    Only the `source:` line is rewritten, so comments and layout stay as the translator left them.
    """
    text = translation.read_text(encoding="utf-8")
    line = f"{DIGEST_KEY}: {source_digest}"
    pattern = re.compile(rf"^{DIGEST_KEY}:.*$", re.MULTILINE)
    if pattern.search(text):
        updated = pattern.sub(line, text, count=1)
    else:
        lines = text.splitlines(keepends=True)
        at = next((i for i, row in enumerate(lines) if row.strip() and not row.lstrip().startswith("#")), len(lines))
        updated = "".join(lines[:at] + [line + "\n"] + lines[at:])
    if updated != text:
        translation.write_text(updated, encoding="utf-8")
    return updated != text
