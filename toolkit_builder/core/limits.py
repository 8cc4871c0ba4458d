"""What a content file may hold: sizes, depths and characters that keep every build bounded in
time and memory, and the files that may be read at all. Content arrives by pull request, so
each limit is a located problem, never a crash or a stalled build."""

from __future__ import annotations

import re
import stat
from pathlib import Path

#: Largest YAML file the loader reads; toolkit files are a few kilobytes.
MAX_FILE_BYTES = 2_000_000
#: Values one file may expand to; stops alias ("billion laughs") bombs.
MAX_NODES = 100_000
#: Deepest nesting of YAML values (the reader recurses per level).
MAX_DEPTH = 60

#: Characters no text should hold: controls (other than tab and line breaks) and lone surrogates,
#: which YAML's escapes (`"\0"`, `"\ud800"`) can write but no page can show or store; C1 controls;
#: and the controls that reorder text.
BAD_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
#: Among them, the controls that reorder text (embeddings, overrides, isolates): they can make a
#: text read differently from what it holds. (The marks U+200E and U+200F, which right-to-left
#: languages need, are allowed.)
BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

#: The Markdown converter matches brackets and parentheses by scanning ahead from each one, so
#: its time grows with the square of their number in a text. These limits bound it: no real
#: text comes near them (a long page section holds a few dozen links).
MAX_LINK_SYNTAX_PER_TEXT = 1_000
MAX_LINK_SYNTAX_PER_FILE = 20_000
#: Deeper indentation nests lists deeper than the converter can follow (it recurses per level).
MAX_INDENT = 40
LINK_SYNTAX = "[]()"
INDENTATION = re.compile(r"^[ \t]*", re.MULTILINE)


def unsafe_file(path: Path, root: Path) -> tuple[str, str] | None:
    """Why ``path`` must not be read as a file of the content folder ``root``, as (message, fix);
    None if it may. Content comes from pull requests: a link may not lead out of the folder (the
    build would publish what it points at), and a device or a pipe could block the build."""
    try:
        real = path.resolve(strict=True)
        mode = real.stat().st_mode
    except (OSError, RuntimeError):
        return None  # reading it reports what is wrong
    if not real.is_relative_to(root.resolve()):
        return ("the file is a link to a file outside the content folder; it is not read",
                "copy the file into the content folder instead of linking to it")
    if not stat.S_ISREG(mode):
        return ("this is not a regular file (a device or a pipe); it is not read",
                "replace it with a text file, or remove it")
    return None
