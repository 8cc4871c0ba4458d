"""Files parsed by earlier loads of the same process (`toolkit serve` loads after each edit).

A file is parsed again only when its bytes changed (or it is no longer the same regular file):
parsing is much of the time a load takes, and an edit changes one file.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..limits import MAX_FILE_BYTES
from ..problems import Problem
from ..yamlplain import LOOK_CLOSER
from ..yamlpos import Document, parse_document


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


class DataStore(Protocol):
    """Where the loader finds the data of files by their bytes (``StoredData``, ``ParsedAhead``)."""

    def get(self, raw: bytes) -> Any: ...

    def put(self, raw: bytes, data: Any) -> None: ...


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

    def has(self, raw: bytes) -> bool:
        """Whether the data of these bytes is kept."""
        return hashlib.sha256(raw).hexdigest() in self.kept

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


class ParsedAhead:
    """Files parsed before the load asks for them, by several processes at once: at 1,000 modules
    in two languages, parsing is most of a load. Used as the loader's ``store``: the data of a
    file whose bytes were parsed ahead without a problem, by the same quick reader the loader
    would use (``parse_document``); every other file (one with a problem, one that changed since,
    one not parsed ahead) is read by the loader as usual, or from ``then`` (``StoredData``).

    Only bytes are read ahead, of regular files no larger than the limit (never through a link,
    nor a device or a pipe); the loader makes its own checks of every file before it uses the data
    (``read_document``), so a file parsed ahead is never trusted more than one it reads."""

    #: Fewer files than this are not parsed ahead (the loader parses each as it reads it): starting
    #: another process, and sending the data back, costs as much as it saves. Measured on two cores (medians of four or five loads of
    #: English and French): 400 files, 0.83 s alone and 1.00 s shared; 600 files, 1.66 s and 1.27 s.
    SHARED_FROM = 500

    def __init__(self, paths: list[Path], processes: int, then: StoredData | None = None) -> None:
        self.then = then
        self.data: dict[str, Any] = {}
        if processes <= 1 or len(paths) < self.SHARED_FROM or "fork" not in multiprocessing.get_all_start_methods():
            return  # nothing is read ahead: the loader reads each file once, as it comes to it
        if then is not None:  # what the data kept on disk has is not parsed again
            paths = [path for path in paths if (raw := _regular_bytes(path)) is not None and not then.has(raw)]
            if len(paths) < self.SHARED_FROM:
                return  # few left to parse: the loader parses them as it reads them
        shares = [paths[k::processes] for k in range(processes)]
        with multiprocessing.get_context("fork").Pool(processes - 1) as pool:
            theirs = pool.map_async(_parse_ahead, shares[1:])
            self.data.update(_parse_ahead(shares[0]))  # this process parses its share meanwhile
            for parsed in theirs.get():
                self.data.update(parsed)

    def get(self, raw: bytes) -> Any:
        # Given once: two files of the same bytes never share one object of data.
        data = self.data.pop(hashlib.sha256(raw).hexdigest(), LOOK_CLOSER) if self.data else LOOK_CLOSER
        if self.then is not None:
            if data is LOOK_CLOSER:
                return self.then.get(raw)
            self.then.put(raw, data)  # kept for the next run, as the data of a file the loader parsed
        return data

    def put(self, raw: bytes, data: Any) -> None:
        if self.then is not None:
            self.then.put(raw, data)

    def save(self) -> None:
        if self.then is not None:
            self.then.save()


def _regular_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file no larger than the limit; None for anything else. Opened
    without following a link and without waiting (a pipe opens at once), then judged by what was
    opened, so a file swapped for a pipe or a link meanwhile is never read."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with os.fdopen(os.dup(handle), "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
        return raw if len(raw) <= MAX_FILE_BYTES else None
    except OSError:
        return None
    finally:
        os.close(handle)


def _parse_ahead(paths: list[Path]) -> dict[str, Any]:
    """The data of each file read the quick way without a problem, by the hash of its bytes."""
    parsed: dict[str, Any] = {}
    for path in paths:
        raw = _regular_bytes(path)
        if raw is None:
            continue
        problems: list[Problem] = []
        document = parse_document(raw, str(path), problems)
        if document is not None and not problems and document._text is not None:  # read the quick way
            parsed[hashlib.sha256(raw).hexdigest()] = document.data
    return parsed
