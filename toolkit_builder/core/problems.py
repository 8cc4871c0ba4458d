"""Problems found in the content: one located, explained mistake each, and the one exception
that carries all of them.

Every layer of the core reports into a list of ``Problem``; ``ContentError`` is the only
exception a content mistake raises, so callers never see a traceback for bad content.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Union

#: A place inside a YAML document: keys and list indexes from the top.
Path_ = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Problem:
    """One mistake in the content, located and explained."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.code}] {self.message}"
        return log_text(f"{text}\n    fix: {self.hint}" if self.hint else text)

    def github_annotation(self, more: str | None = None) -> str:
        """The problem as a GitHub Actions annotation, one line whatever its file name and message hold."""
        message = self.message + (f" Fix: {self.hint}" if self.hint else "") + (f" More: {more}" if more else "")
        return (f"::{escape_property(self.severity)} file={escape_property(self.file)},line={self.line},"
                f"col={self.column},title={escape_property(self.code)}::{escape_data(message)}")


def escape_data(text: str) -> str:
    """A workflow command's message, escaped by GitHub's rules: no line break can end it early."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (`file=`, `title=`), escaped by GitHub's rules: no line
    break, and no `:` or `,` that would end the value and start another property or the message."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


#: A line that a GitHub runner would read as a workflow command: `::name ...::` at its start (after
#: blanks, which the runner skips; a line ends at CR or LF), or the older `##[name]` anywhere in it.
_COMMAND_START = re.compile(r"(\A|[\r\n])([ \t]*):(?=:)")
_OLD_COMMAND = re.compile(r"##\[")


def log_text(text: str) -> str:
    """Plain text for a log that a GitHub runner reads: a value or a file name with a line break in
    it (git allows one in a name) cannot start a line the runner takes for its own annotation or
    command. Such a line's first `:` is written `\\:`, and `##[` is written `#\\#[`; other text is
    unchanged."""
    return _OLD_COMMAND.sub("#\\\\#[", _COMMAND_START.sub(r"\1\2\\:", text))


class ContentError(Exception):
    """The content folder has mistakes; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the toolkit content"
        super().__init__(summary + ":\n" + "\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        # Sent back from a language's build process whole (an exception is rebuilt from its args).
        return ContentError, (self.problems,)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], what: str) -> str:
    choices = list(choices)
    best = suggest(word, choices)
    listed = ", ".join(f"'{c}'" for c in choices)
    if best:
        return f"did you mean '{best}'? ({what}: {listed})"
    return f"use one of: {listed}" if choices else f"no {what} are declared"


def display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
