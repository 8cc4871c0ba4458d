"""Files parsed by earlier loads of the same process (`toolkit serve` loads after each edit).

A file is parsed again only when its bytes changed (or it is no longer the same regular file):
parsing is much of the time a load takes, and an edit changes one file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

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
