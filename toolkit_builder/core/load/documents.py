"""Files parsed by earlier loads of the same process (`toolkit serve` loads after each edit).

A file is parsed again only when its bytes changed (or it is no longer the same regular file):
parsing is much of the time a load takes, and an edit changes one file.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..yamlplain import LOOK_CLOSER
from ..yamlpos import Document


def _stamp(path: Path) -> tuple[int, int, str] | None:
    """The file's identity and a hash of its bytes; None for what is not a readable regular file."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        return info.st_ino, info.st_size, hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class DocumentCache:
    """Parsed files by path, each with the stamp of the bytes it was parsed from.

    ``results``: also keep what each file loaded as (checked, translated), used again while the
    loader reads the very same parsed files for it. Checking a file also looks at the folder (a
    translation file beside it, the media it names), so whoever turns this on must call
    ``forget_results`` when a file is added or removed or a media file changes
    (`toolkit serve` does, from its stamps of the other files)."""

    def __init__(self, results: bool = False) -> None:
        self.documents: dict[Path, tuple[tuple[int, int, str], Document]] = {}
        #: Files parsed anew by the last loads (the others came from the cache).
        self.parsed: list[Path] = []
        #: What a load of a file gave, by what it was asked for: (the files it read, the result).
        self.results: dict[Any, tuple[list[tuple[Path, Document]], Any]] | None = {} if results else None

    def forget_results(self) -> None:
        if self.results is not None:
            self.results.clear()

    def get(self, path: Path) -> Document | None:
        kept = self.documents.get(path)
        if kept is None:
            return None
        if _stamp(path) != kept[0]:
            del self.documents[path]
            return None
        return kept[1]

    def put(self, path: Path, document: Document) -> None:
        """Keep a file parsed without any problem."""
        self.parsed.append(path)
        stamp = _stamp(path)
        if stamp is not None:
            self.documents[path] = (stamp, document)


def _format() -> str:
    """What the kept data depends on besides a file's bytes: the readers' code and PyYAML's version."""
    digest = hashlib.sha256(b"1\0" + yaml.__version__.encode())
    for name in ("yamlplain.py", "yamlpos.py", "limits.py"):
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    return digest.hexdigest()


class StoredData:
    """The data of files read the quick way (``yamlplain``), kept on disk from one run of a command to
    the next by a hash of their bytes (``path``: a file in the user's cache folder, never in the
    project; a line per file, its hash and its data as JSON). A file whose bytes were read the quick
    way before, by the same code, is not parsed again: the same bytes passed the same checks then.
    Positions are found from its text when a check asks for one, as for any file read the quick way.
    Data JSON cannot hold (a date) is not kept; a file that cannot be read or written is ignored (an
    optimisation only)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.kept: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.format = _format()
        if path is not None and path.is_file():
            try:
                lines = path.read_text(encoding="utf-8").split("\n")
                if lines[0] == self.format:
                    self.kept = dict(line.split("\t", 1) for line in lines[1:] if "\t" in line)
            except (OSError, ValueError):
                self.kept = {}

    def get(self, raw: bytes) -> Any:
        """The data kept for these bytes, or ``LOOK_CLOSER``."""
        key = hashlib.sha256(raw).hexdigest()
        kept = self.kept.get(key)
        if kept is None:
            return LOOK_CLOSER
        try:
            data = json.loads(kept)
        except ValueError:
            return LOOK_CLOSER
        self.used[key] = kept
        return data

    def put(self, raw: bytes, data: Any) -> None:
        try:
            self.used[hashlib.sha256(raw).hexdigest()] = json.dumps(data, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):  # a date, or a number JSON has no word for: parsed again next time
            pass

    def save(self) -> None:
        """Keep the data of the files this run read (and only those), atomically."""
        if self.path is None or self.used.keys() == self.kept.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".documents-", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write("\n".join([self.format, *(f"{key}\t{data}" for key, data in self.used.items())]))
            os.replace(name, self.path)
        except (OSError, UnicodeError):
            pass
