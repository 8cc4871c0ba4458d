"""Templates compiled once per process, for every renderer it makes (`toolkit serve` makes one
per rebuild), and, once a folder is given (``keep_in``), once for every build that follows: Jinja
finds a template's code by its name and file, and checks it against the checksum of its source."""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket


def _settings(environment: Environment, name: str) -> str:
    """What of an environment shapes the code it compiles a template to, besides the source:
    its syntax and whitespace rules, extensions, escaping and output hook. Jinja applies the
    output hook (``finalize``) to constant values as it compiles, so the hook's name and its
    ``compiled_key``, when it has one (the typography of a language), are part of the key. A
    template compiled under other settings (another language's typography, or the renderer
    changed in an upgrade) is compiled again."""
    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    settings = (
        environment.block_start_string, environment.block_end_string, environment.variable_start_string,
        environment.variable_end_string, environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
        environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
        sorted(environment.extensions), bool(autoescape), getattr(environment.finalize, "__qualname__", None),
        getattr(environment.finalize, "compiled_key", None),
        environment.is_async, environment.optimized, environment.code_generator_class.__qualname__,
    )
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, for every renderer of the process, and on disk when ``keep_in`` gave a
    folder. Code that no longer matches its template's source (the checksum Jinja keeps with it)
    is compiled again and replaces the old; a folder that cannot be written only costs the time
    of compiling."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}
        self.disk: FileSystemBytecodeCache | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Keep compiled templates in ``folder`` too (None: in memory only)."""
        self.disk = None
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        self.disk = FileSystemBytecodeCache(str(folder), "%s.cache")

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Jinja's own, with the environment's settings in the key (its key is the name and file).
        bucket = Bucket(environment, self.get_cache_key(f"{name}|{_settings(environment, name)}", filename),
                        self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])
        elif self.disk is not None:
            try:
                self.disk.load_bytecode(bucket)
            except Exception:  # unreadable or cut short (Jinja unpickles its header): compile again
                bucket.reset()
            if bucket.code is not None:
                self.store[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: the next build compiles again
                pass


COMPILED = MemoryBytecodeCache()
