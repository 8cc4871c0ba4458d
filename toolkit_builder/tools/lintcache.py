"""The warnings of each module kept on disk, by a hash of everything they depend on.

Scoring reading ease and locating warnings (a second, position-keeping read of the file) is
most of what `toolkit validate` spends on a large toolkit; a module that did not change since
the last run is not linted again. A module's entry is found by the hash of: the module as
loaded (its translation laid over it), what of it is not translated, the bytes of the file its
warnings point at, the language's terminology files, the glossary's terms and expansions (a
module's hints), the linter's own code and the version of textstat. Anything else changed makes
another hash, so a stale entry is never used; entries not used by a run are dropped when it saves.
The cache is an optimisation only: a cache that cannot be read or written is ignored. `toolkit
validate` keeps it in the user's cache folder, out of reach of the content it is about.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

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


def user_cache() -> Path:
    """The toolkit's folder in the user's cache folder, as the system has it (`$XDG_CACHE_HOME` or
    `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows; platformdirs
    knows each): the lint caches, and the compiled templates (`cli/config.py`)."""
    return Path(platformdirs.user_cache_dir("toolkit-builder", appauthor=False))


def cache_folder(layers: list[Path]) -> Path:
    """Where the warnings of unchanged modules are kept: the user's cache folder as the system
    has it (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%`
    on Windows; platformdirs knows each), one folder per set of content folders. Never in the
    project: a pull request could then bring entries of its own and hide warnings from
    `validate --strict`."""
    base = user_cache()
    folders = "\0".join(str(Path(layer).resolve()) for layer in layers)
    return base / hashlib.sha256(folders.encode()).hexdigest()[:16]


class LintCache:
    """The kept warnings of one language's modules (``folder``: where to keep them; None: nowhere)."""

    def __init__(self, folder: Path | None, language: str, layers: list[Path], glossary: str = ""):
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
        terms.update(glossary.encode())
        self.common = _code_digest() + terms.hexdigest()
        self.scores = Scores(folder / f"reading-{language}.json" if folder is not None else None, language)

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
            self.scores.keep(entry.get("scored", []))
        return entry

    def put(self, key: str, warnings: list[Problem], ease: float | None, words: list[str],
            cited: list[str], scored: list[str]) -> dict[str, Any]:
        """Keep a module's findings; ``scored``: the keys of the reading-ease scores it used (``Scores``),
        kept as long as the module is."""
        entry = {"warnings": [[p.file, p.line, p.column, p.code, p.message, p.hint] for p in warnings],
                 "ease": ease, "words": words, "cited": cited, "scored": scored}
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
        self.scores.save()
        if self.path is not None and (self.used != self.entries or self.changed):
            _write(self.path, self.used)


class Scores:
    """Reading-ease scores by a hash of the text scored, in one language (``path``: where to keep
    them; None: for this run only). Scoring counts every word's syllables, most of the time a module
    takes to lint: a text scored once is not scored again, in this run or, while a module that used
    it is kept (``LintCache.put``), in the next."""

    def __init__(self, path: Path | None, language: str):
        self.path = path
        self.kept: dict[str, float] = {}
        self.used: dict[str, float] = {}
        #: The keys of the scores asked for since the linter last emptied it (one module's).
        self.asked: list[str] = []
        self.common = hashlib.sha256(f"{FORMAT}\0{language}\0{_textstat_version()}".encode()).hexdigest()
        if path is not None and path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict) and loaded.get("common") == self.common:
                    self.kept = dict(loaded.get("scores", {}))
            except (OSError, ValueError, TypeError):
                self.kept = {}

    def score(self, text: str, scorer: Callable[[str], float]) -> float:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.asked.append(key)
        if key not in self.used:
            self.used[key] = self.kept[key] if key in self.kept else float(scorer(text))
        return self.used[key]

    def keep(self, keys: list[str]) -> None:
        """Keep the scores of a module kept in the cache, for when it changes."""
        for key in keys:
            if key in self.kept:
                self.used.setdefault(key, self.kept[key])

    def save(self) -> None:
        if self.path is not None and self.used != self.kept:
            _write(self.path, {"common": self.common, "scores": self.used})


def _write(path: Path, data: Any) -> None:
    """Write JSON atomically; a failure is ignored (the cache is an optimisation only)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".lint-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(name, path)
    except OSError:
        pass


def _textstat_version() -> str:
    try:
        return version("textstat")
    except PackageNotFoundError:  # pragma: no cover - textstat is a dependency
        return ""


@functools.lru_cache(maxsize=8)
def _glossary_digest(glossary: tuple[str, ...]) -> str:
    return hashlib.sha256("\0".join(glossary).encode()).hexdigest()[:16]


def warnings_of(entry: dict[str, Any]) -> list[Problem]:
    return [Problem(file, line, column, code, message, hint, severity="warning")
            for file, line, column, code, message, hint in entry["warnings"]]
