"""The warnings of each module kept on disk, by a hash of everything they depend on.

Scoring reading ease and locating warnings (a second, position-keeping read of the file) is
most of what `toolkit validate` spends on a large toolkit; a module that did not change since
the last run is not linted again. A module's entry is found by the hash of: the module as
loaded (its translation laid over it), what of it is not translated, the bytes of the file its
warnings point at, the language's terminology files, the linter's own code and the version of
textstat. Anything else changed makes another hash, so a stale entry is never used; entries not
used by a run are dropped when it saves. The cache is an optimisation only: a cache that cannot
be read or written is ignored. `toolkit validate` keeps it in the user's cache folder, out of
reach of the content it is about.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import platformdirs

from ..core.problems import Problem
from ..core.project import Module, Project
from .texts import terms_used

#: Bump to drop every kept entry (the linter's source is hashed too, so a change there does it already).
FORMAT = 1


@functools.lru_cache(maxsize=None)
def _code_digest() -> str:
    """What the warnings' rules are: the linter's source files and textstat's version."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in ("lint.py", "terminology.py", "lintcache.py", "placeholders.py", "texts.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    try:
        digest.update(version("textstat").encode())
    except PackageNotFoundError:  # pragma: no cover - textstat is a dependency
        pass
    return digest.hexdigest()


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def cache_folder(layers: list[Path]) -> Path:
    """Where the warnings of unchanged modules are kept: the user's cache folder as the system
    has it (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%`
    on Windows; platformdirs knows each), one folder per set of content folders. Never in the
    project: a pull request could then bring entries of its own and hide warnings from
    `validate --strict`."""
    base = Path(platformdirs.user_cache_dir("toolkit-builder", appauthor=False))
    folders = "\0".join(str(Path(layer).resolve()) for layer in layers)
    return base / hashlib.sha256(folders.encode()).hexdigest()[:16]


class LintCache:
    """The kept warnings of one language's modules (``folder``: where to keep them; None: nowhere)."""

    def __init__(self, folder: Path | None, language: str, layers: list[Path]):
        self.path = folder / f"lint-{language}.json" if folder is not None else None
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: dict[str, dict[str, Any]] = {}
        #: Whether a kept entry was added to (the glossary terms its module uses).
        self.changed = False
        if self.path is not None and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.entries = {}
        terms = hashlib.sha256(language.encode())
        for layer in layers:
            terms.update(_file_bytes(layer / f"terms.{language}.yml"))
        self.common = _code_digest() + terms.hexdigest()

    def key(self, project: Project, module: Module, source: Path) -> str:
        digest = hashlib.sha256(self.common.encode())
        digest.update(module.model_dump_json().encode())
        missing = project.untranslated.get(module.id)
        digest.update(missing.model_dump_json().encode() if missing is not None else b"-")
        digest.update(str(source).encode() + b"\0" + _file_bytes(source))
        return digest.hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.entries.get(key) if self.path is not None else None
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: str, warnings: list[Problem], ease: float | None, words: list[str],
            cited: list[str]) -> dict[str, Any]:
        entry = {"warnings": [[p.file, p.line, p.column, p.code, p.message, p.hint] for p in warnings],
                 "ease": ease, "words": words, "cited": cited}
        if self.path is not None:
            self.used[key] = entry
        return entry

    def terms_in(self, entry: dict[str, Any], glossary: list[str]) -> list[int]:
        """The terms of ``glossary`` (by index) a module's texts use (``terms_used``): kept in its entry
        with the glossary they were found for, and found again when the glossary changes."""
        digest = _glossary_digest(tuple(glossary))
        if entry.get("glossary") != digest:
            entry["glossary"] = digest
            entry["terms"] = sorted(terms_used(glossary, "\n".join(entry["words"])))
            self.changed = True
        return list(entry["terms"])

    def save(self) -> None:
        """Write the entries this run used (and only those), atomically; a failure is ignored."""
        if self.path is None or (self.used == self.entries and not self.changed):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".lint-", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.used, out)
            os.replace(name, self.path)
        except OSError:
            pass


@functools.lru_cache(maxsize=8)
def _glossary_digest(glossary: tuple[str, ...]) -> str:
    return hashlib.sha256("\0".join(glossary).encode()).hexdigest()[:16]


def warnings_of(entry: dict[str, Any]) -> list[Problem]:
    return [Problem(file, line, column, code, message, hint, severity="warning")
            for file, line, column, code, message, hint in entry["warnings"]]
