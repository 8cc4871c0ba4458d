"""Translations: merge `<id>.<lang>.yml` files onto their sources, and the UI catalogues.

A translation file has the structure of its source and carries only the text (fields
typed ``Text`` or ``Markdown`` in the model). Lists are matched by position; ``id``,
``type`` and ``key`` may be repeated as anchors and must then match the source. The
file records the digest of the source text it was made from (``source:``), so a
changed source shows up as a stale translation.

Untranslated parts fall back to the default language. A block with any text missing
is shown whole in the default language, so a passage is never half in one language.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from .model import BLOCK_TYPES, TRANSLATABLE

#: Fields a translation may repeat to show what it translates; they must equal the source.
ANCHORS = ("id", "type", "key")
#: Top-level key of a translation file holding the digest of the source text.
DIGEST_KEY = "source"

PACKAGE_LOCALES = Path(__file__).parent / "locale"
DOMAIN = "toolkit"


# --------------------------------------------------------------------------- what is text


@functools.lru_cache(maxsize=None)
def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type without Annotated/Optional wrappers, and whether it is translatable text."""
    translatable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            translatable = translatable or any(a is TRANSLATABLE for a in args[1:])
            annotation = args[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, translatable
            annotation = args[0]
        else:
            return annotation, translatable


@functools.lru_cache(maxsize=None)
def _field_type(model: type[BaseModel], name: str) -> Any:
    info = model.model_fields.get(name)
    if info is None:
        return None
    if any(m is TRANSLATABLE for m in info.metadata):
        return typing.Annotated[info.annotation, TRANSLATABLE]
    return info.annotation


def _model_for(annotation: Any, data: Any) -> Any:
    """Resolve a discriminated union of blocks by the data's `type`."""
    base, _ = _unwrap(annotation)
    if typing.get_origin(base) is typing.Union and isinstance(data, dict):
        return BLOCK_TYPES.get(str(data.get("type")))
    return base


@functools.lru_cache(maxsize=None)
def has_text(annotation: Any) -> bool:
    """Whether a value of this type holds any translatable text."""
    base, translatable = _unwrap(annotation)
    if translatable:
        return True
    origin = typing.get_origin(base)
    if origin in (list, dict):
        return any(has_text(a) for a in typing.get_args(base))
    if typing.get_origin(base) is typing.Union:
        return True  # blocks
    if isinstance(base, type) and issubclass(base, BaseModel):
        return any(has_text(_field_type(base, n)) for n in base.model_fields)
    return False


def text_leaves(data: Any, annotation: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every translatable string of ``data`` with its path, in document order."""
    base, translatable = _unwrap(annotation)
    model = _model_for(annotation, data)
    if translatable and isinstance(data, str):
        yield path, data
    elif isinstance(data, list):
        item = typing.get_args(base)[0] if typing.get_args(base) else None
        for i, value in enumerate(data):
            yield from text_leaves(value, item, path + (i,))
    elif isinstance(data, dict):
        if isinstance(model, type) and issubclass(model, BaseModel):
            for name, value in data.items():
                sub = _field_type(model, name)
                if sub is not None:
                    yield from text_leaves(value, sub, path + (name,))
        elif typing.get_origin(base) is dict:
            value_type = typing.get_args(base)[1]
            for name, value in data.items():
                yield from text_leaves(value, value_type, path + (name,))


def digest(data: Any, annotation: Any) -> str:
    """A short fingerprint of the source's text: it changes when any text changes."""
    leaves = [[list(p), t] for p, t in text_leaves(data, annotation)]
    return hashlib.sha256(json.dumps(leaves, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- merging


@dataclass
class Issue:
    """A mismatch between a translation and its source, at a path in the translation."""

    path: tuple
    code: str
    message: str
    hint: str | None = None


@dataclass
class Merged:
    data: Any
    #: Paths (in the source) of text the translation does not carry.
    missing: list[tuple] = field(default_factory=list)
    translated: int = 0
    issues: list[Issue] = field(default_factory=list)


def merge(source: Any, translation: Any, annotation: Any) -> Merged:
    """Lay the translation's text over a copy of the source."""
    result = Merged(None)
    top = dict(translation) if isinstance(translation, dict) else translation
    if isinstance(top, dict):
        top.pop(DIGEST_KEY, None)
    result.data = _merge(source, top, annotation, (), result)
    return result


def _merge(source: Any, translation: Any, annotation: Any, path: tuple, result: Merged) -> Any:
    base, translatable = _unwrap(annotation)
    if translatable and isinstance(source, str):
        if translation is None:
            result.missing.append(path)
            return source
        if not isinstance(translation, str):
            result.issues.append(Issue(path, "translation-wrong-type", "this should be a text, as in the source",
                                       "write the translated text; put it in quotes if it contains ': ' or starts "
                                       "with [ or {"))
            result.missing.append(path)
            return source
        result.translated += 1
        return translation
    if isinstance(source, list):
        item = typing.get_args(base)[0] if typing.get_args(base) else None
        if translation is None:
            translation = []
        elif not isinstance(translation, list):
            result.issues.append(Issue(path, "translation-wrong-type", "this should be a list, as in the source",
                                       "write one item per line starting with `- `, in the source's order"))
            translation = []
        elif len(translation) > len(source) and has_text(item):
            for i in range(len(source), len(translation)):
                result.issues.append(Issue(path + (i,), "translation-extra",
                                           f"item {i + 1} is not in the source, which has {len(source)}",
                                           "remove it, or add it to the source first"))
        # A shorter list is a partial translation: the rest falls back and is listed by
        # `toolkit i18n status`, not an error.
        return [_merge(s, translation[i] if i < len(translation) else None, item, path + (i,), result)
                for i, s in enumerate(source)]
    if isinstance(source, dict):
        model = _model_for(annotation, source)
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        if translation is None:
            translation = {}
        elif not isinstance(translation, dict):
            result.issues.append(Issue(path, "translation-wrong-type", "this should be a mapping, as in the source",
                                       "write the translated fields as `name: text` lines, as in the source"))
            translation = {}
        merged: dict[str, Any] = {}
        for name, value in source.items():
            sub = _field_type(model, name) if is_model else (typing.get_args(base)[1] if typing.get_args(base) else None)
            if sub is not None and has_text(sub):
                if name in translation and translation[name] is None and is_model \
                        and not model.model_fields[name].is_required():
                    merged[name] = None  # this language has no such text (e.g. no abbreviation to expand)
                    result.translated += 1
                else:
                    merged[name] = _merge(value, translation.get(name), sub, path + (name,), result)
            else:
                merged[name] = value
                if name in translation and name in ANCHORS and translation[name] != value:
                    result.issues.append(Issue(path + (name,), "translation-mismatch",
                                               f"'{name}' is '{translation[name]}' here but '{value}' in the source",
                                               "blocks and items are matched by position; keep the order of the source"))
        for name, value in translation.items():
            sub = _field_type(model, name) if is_model else (typing.get_args(base)[1] if typing.get_args(base) else None)
            if name in source:
                if name not in ANCHORS and not (sub is not None and has_text(sub)):
                    result.issues.append(Issue(path + (name,), "translation-structure",
                                               f"'{name}' is not text: a translation carries only text",
                                               f"remove '{name}'; change it in the source file instead"))
            elif is_model and has_text(_field_type(model, name)) or (not is_model and typing.get_origin(base) is dict):
                merged[name] = value  # optional text the source leaves to the default (e.g. a label)
            elif name not in ANCHORS:
                result.issues.append(Issue(path + (name,), "translation-extra", f"the source has no '{name}' here",
                                           "remove it, or add it to the source first"))
        return merged
    return source


# --------------------------------------------------------------------------- UI catalogues


def catalogue_paths(language: str, content_dirs: typing.Sequence[Path] = ()) -> list[Path]:
    """The .po files for a language: the package's, then each content folder's (later wins)."""
    candidates = [PACKAGE_LOCALES] + [Path(d) / "locale" for d in content_dirs]
    return [p / language / "LC_MESSAGES" / f"{DOMAIN}.po" for p in candidates
            if (p / language / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]


def load_translations(language: str, content_dirs: typing.Sequence[Path] = ()):
    """gettext translations for the toolkit's own UI strings, compiled from .po in memory."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    translations: Any = NullTranslations()
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
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    package = Path(__file__).parent
    catalog = Catalog(project="toolkit-builder", domain=DOMAIN)
    method_map = [("templates/**.j2", "jinja2.ext:babel_extract"), ("*.py", "python")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        package, method_map, options_map=options, keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, no_location=False, width=100)
    return len(catalog)


def language_links(languages: typing.Sequence[str], default: str, current: str, page_url: str) -> list[dict]:
    """Links from a page to the same page in every language, as paths from the current
    language's site root: the default language lives at the root, others under `<lang>/`."""
    from babel import Locale, UnknownLocaleError

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


# --------------------------------------------------------------------------- status


@dataclass
class FileStatus:
    """How far one file is translated into one language."""

    source: Path
    translation: Path
    state: str  # "complete", "partial", "missing", "stale"
    translated: int = 0
    total: int = 0
    #: Lines of the source whose text the translation lacks.
    missing_lines: list[int] = field(default_factory=list)
    #: Digest of the source text as it is now (what `stamp` records).
    digest: str = ""


def _translatable_files(layers: typing.Sequence[Path]) -> Iterator[tuple[Path, Path, Any]]:
    """(layer, relative path, model type) of every file that carries text, in the last layer that has it."""
    from .loader import module_files
    from .model import Glossary, Module, Toolkit, ToolkitOverlay

    for i, layer in enumerate(layers):
        if (layer / "toolkit.yml").is_file():
            yield layer, Path("toolkit.yml"), Toolkit if i == 0 else ToolkitOverlay
        if (layer / "glossary.yml").is_file():
            yield layer, Path("glossary.yml"), Glossary
    modules: dict[str, tuple[Path, Path]] = {}
    for layer in layers:
        for path, _ in module_files(layer):
            modules[path.stem] = (layer, path.relative_to(layer))
    for layer, relative in modules.values():
        yield layer, relative, Module


def translation_status(layers: typing.Sequence[Path], language: str) -> list[FileStatus]:
    """Per file: missing, partly translated, stale (source changed since) or complete."""
    from .loader import read_document

    results = []
    for layer, relative, root in _translatable_files(layers):
        name = relative.with_name(f"{relative.stem}.{language}.yml")
        if root.__name__ == "Module":
            candidates = [lay / name for lay in layers]
        else:  # beside the file, or in a later layer's upstream/ folder
            later = list(layers)[list(layers).index(layer) + 1:]
            candidates = [layer / name] + [lay / "upstream" / name for lay in later]
        existing = [p for p in candidates if p.is_file()]
        problems: list = []
        source_doc = read_document(layer / relative, str(layer / relative), problems)
        if source_doc is None:
            continue
        leaves = list(text_leaves(source_doc.data, root))
        if not existing:
            results.append(FileStatus(layer / relative, candidates[-1], "missing", 0, len(leaves),
                                       sorted({source_doc.where(p)[0] for p, _ in leaves}),
                                       digest(source_doc.data, root)))
            continue
        translation_path = existing[-1]
        translation = read_document(translation_path, str(translation_path), problems)
        data = translation.data if translation is not None else {}
        merged = merge(source_doc.data, data, root)
        lines = sorted({source_doc.where(p)[0] for p in merged.missing})
        recorded = data.get(DIGEST_KEY) if isinstance(data, dict) else None
        current = digest(source_doc.data, root)
        if recorded != current:
            state = "stale"
        elif merged.missing:
            state = "partial"
        else:
            state = "complete"
        results.append(FileStatus(layer / relative, translation_path, state, merged.translated, len(leaves), lines,
                                  current))
    return results


def stamp(translation: Path, source_digest: str) -> bool:
    """Record in a translation file the digest of the source it now matches; True if changed.

    Only the `source:` line is rewritten, so comments and layout stay as the translator left them.
    """
    import re

    text = translation.read_text(encoding="utf-8")
    line = f"{DIGEST_KEY}: {source_digest}"
    pattern = re.compile(rf"^{DIGEST_KEY}:.*$", re.MULTILINE)
    if pattern.search(text):
        updated = pattern.sub(line, text, count=1)
    else:
        lines = text.splitlines(keepends=True)
        at = next((i for i, l in enumerate(lines) if l.strip() and not l.lstrip().startswith("#")), len(lines))
        updated = "".join(lines[:at] + [line + "\n"] + lines[at:])
    if updated != text:
        translation.write_text(updated, encoding="utf-8")
    return updated != text
