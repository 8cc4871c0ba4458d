"""What a content file may hold: sizes, depths and characters that keep every build bounded in
time and memory, and the files that may be read at all. Content arrives by pull request, so
each limit is a located problem, never a crash or a stalled build."""

from __future__ import annotations

import html
import os
import re
import stat
from pathlib import Path
from xml.etree import ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

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
_DEEP_INDENT = re.compile(r"^ {%d}" % (MAX_INDENT + 1), re.MULTILINE)

#: The converter also handles each quote, apostrophe, code span, escape, emphasis mark, entity and
#: line break of a paragraph one at a time, rebuilding the paragraph's text after each: its time grows
#: with their number times the paragraph's length. These limits bound that product; a long French
#: page section holds a few hundred apostrophes.
MAX_INLINE_MARKS_PER_TEXT = 2_000
MAX_INLINE_MARKS_PER_FILE = 40_000
#: Longest text: some eight thousand words, more than any page section holds.
MAX_TEXT_CHARACTERS = 50_000
#: Handouts one meeting may have: each prints a whole module, or a block of one, on the handouts
#: page, so with a module file's own limit this bounds that page (the bundled meetings have one to three).
MAX_HANDOUTS_PER_MEETING = 10
#: Longest generated page, in characters (about 5 MB): the largest bundled or benchmark page is about
#: 100 KB. A page gathers texts of many files (a meeting's handouts, a section's modules, the glossary);
#: each file has limits of its own, and this bounds what they make together.
MAX_PAGE_CHARACTERS = 5_000_000
#: Glossary hints one text may show: a one-letter term in a long text would otherwise make a hint,
#: with its expansion, of every occurrence. Later occurrences are plain words.
MAX_GLOSSARY_HINTS_PER_TEXT = 100
#: Glossary hints one page may show (its texts together); the bundled pages have a dozen or so.
MAX_GLOSSARY_HINTS_PER_PAGE = 500
#: Longest glossary term that gets a hint (abbreviations are short).
MAX_GLOSSARY_TERM = 100
#: Characters that each start an inline construct of the converter (smart quotes, code, escapes,
#: emphasis, entities, autolinks).
INLINE_MARKS = "'\"`\\*_&<"
#: Sequences that each make one: dashes and ellipses (smart punctuation), hard line breaks.
INLINE_SEQUENCES = ("--", "...", "  \n")


def inline_marks(text: str) -> int:
    """How many inline constructs the converter may handle one by one in ``text`` (an upper bound)."""
    return sum(text.count(mark) for mark in INLINE_MARKS) + sum(text.count(seq) for seq in INLINE_SEQUENCES)


#: An address's scheme (`http:`, `javascript:`), as browsers read it.
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: What browsers drop from an address: tabs and line breaks anywhere, controls and spaces at its ends.
_URL_DROPPED = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(chr(c) for c in range(0x21))


def decoded_url(value: str, references: bool = True) -> str:
    """An address from content as a browser reads it: character references decoded (unless the
    caller's HTML parser did: ``references=False``), tabs and line breaks dropped, controls and spaces
    at its ends stripped, and backslashes read as slashes (as browsers read them in web addresses).
    Every check of an address from content decides on this: the Markdown extensions', the sanitizer's
    attribute filter, the loader's (``remote_images``) and linkcheck's."""
    text = html.unescape(value) if references else value
    return _URL_DROPPED.sub("", text).strip(_URL_EDGES).replace("\\", "/")


def remote_address(value: str, references: bool = True) -> bool:
    """Whether an address from content leads to another site or scheme: it has a scheme
    (`http:`, `data:`) or starts with `//`, once decoded as a browser decodes it (``decoded_url``).
    A page may link to such an address, never load from it."""
    url = decoded_url(value, references)
    return url.startswith("//") or bool(_SCHEME.match(url))


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



def unsafe_target(path: Path, root: Path) -> str | None:
    """Why the commands must not write ``path`` as a file of the content folder ``root``; None if
    they may. The stricter rule of writes: the path stays inside the folder as written, no part of it
    below the folder is a link (a linked file, a dangling link, a linked `locale/` folder: a write
    through any of them lands elsewhere), and what is there already is a regular file."""
    root = Path(os.path.abspath(root))
    target = Path(os.path.abspath(path))
    if not target.is_relative_to(root) or target == root:
        return f"{path} is not inside the content folder {root}"
    current = root
    for part in target.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return f"{current} is a link; nothing is written through a link in the content folder"
    if os.path.lexists(target) and not target.is_file():
        return f"{path} is not a regular file"
    return None


class UnsafeTarget(Exception):
    """A command was about to write through a link or out of the content folder."""


def write_in_folder(path: Path, root: Path, text: str, new: bool = False) -> None:
    """Write ``text`` to ``path`` in the content folder ``root`` under ``unsafe_target``'s rule,
    creating its folders; with ``new``, only if nothing is there. The file is opened without
    following a link, so a link put in its place after the check is not followed either."""
    refused = unsafe_target(path, root)
    if refused is not None:
        raise UnsafeTarget(refused)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | (os.O_EXCL if new else 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except FileExistsError:
        raise UnsafeTarget(f"{path} exists; it is kept as it is") from None
    except OSError as error:
        raise UnsafeTarget(f"{path} cannot be written: {error.strerror}") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)

class _ImageSources(Treeprocessor):  # type: ignore[misc]  # Python-Markdown ships no type hints
    """Collects the sources of a converted text's images, as the converter read them."""

    def run(self, root: etree.Element) -> None:
        self.md.image_sources = [element.get("src", "") for element in root.iter("img")]


class _Images(markdown.Extension):  # type: ignore[misc]  # as above
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")  # raw HTML in content is text (render/extensions.py)
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_ImageSources(md), "tk_image_sources", 0)


def remote_images(text: str) -> list[str]:
    """The sources, as written, of the images of a Markdown text that would load from another site
    (``remote_address``): inline and reference images alike, read by the converter itself. Call it on
    a text within the limits above only (it converts the text)."""
    if "![" not in text:
        return []
    md = markdown.Markdown(extensions=[_Images()])
    md.convert(text)
    return [source for source in getattr(md, "image_sources", []) if remote_address(source)]


class TextBudget:
    """What the texts of one file have used of the converter's limits, and each text's problems
    with them, as (code, message, fix)."""

    HINT = "a text is for readers: remove the repeated marks, brackets or indentation, or split the text"

    def __init__(self) -> None:
        self.link_syntax = 0
        self.inline_marks = 0
        #: The file-wide limits already crossed (each is said once, where the file crosses it).
        self.crossed: set[str] = set()

    def problems(self, text: str) -> list[tuple[str, str, str]]:
        """The problems of one more text of the file: the first limit it breaks, else its remote images."""
        found = self._complexity(text)
        if found:
            return [found] if found[1] else []
        return [("remote-image", f"the image '{source}' would load from outside the site (a browser reads it as "
                 f"'{decoded_url(source)}')",
                 "put the image in the content folder (docs/images/...) and write its path, or link to the "
                 "page that shows it: [what it shows](address)") for source in remote_images(text)]

    def _complexity(self, text: str) -> tuple[str, str, str] | None:
        """The first limit ``text`` breaks (a message of "" when the file broke it before), or None."""
        count = sum(text.count(char) for char in LINK_SYNTAX)
        self.link_syntax += count
        if count > MAX_LINK_SYNTAX_PER_TEXT:
            return ("text-too-complex", f"this text holds {count:,} brackets and parentheses; the limit is "
                    f"{MAX_LINK_SYNTAX_PER_TEXT:,}", self.HINT)
        if self.link_syntax > MAX_LINK_SYNTAX_PER_FILE:
            return self._file_limit("brackets", f"the file's texts hold more than {MAX_LINK_SYNTAX_PER_FILE:,} "
                                    "brackets and parentheses")
        deepest = max((len(spaces.expandtabs(4)) for spaces in INDENTATION.findall(text)), default=0)
        if deepest > MAX_INDENT:
            return ("text-too-complex", f"a line of this text is indented by {deepest} spaces; the limit is "
                    f"{MAX_INDENT} (lists nested about ten deep)", self.HINT)
        if len(text) > MAX_TEXT_CHARACTERS:
            return ("text-too-complex", f"this text is {len(text):,} characters long; the limit is "
                    f"{MAX_TEXT_CHARACTERS:,}", self.HINT)
        marks = inline_marks(text)
        self.inline_marks += marks
        if marks > MAX_INLINE_MARKS_PER_TEXT:
            return ("text-too-complex", f"this text holds {marks:,} quotes, apostrophes, backticks, backslashes, "
                    "emphasis marks, ampersands, angle brackets, dashes and line breaks; the limit is "
                    f"{MAX_INLINE_MARKS_PER_TEXT:,}", self.HINT)
        if self.inline_marks > MAX_INLINE_MARKS_PER_FILE:
            return self._file_limit("marks", f"the file's texts hold more than {MAX_INLINE_MARKS_PER_FILE:,} "
                                    "quotes, apostrophes and other Markdown marks")
        return None

    def _file_limit(self, name: str, message: str) -> tuple[str, str, str]:
        said = name in self.crossed
        self.crossed.add(name)
        return ("text-too-complex", "" if said else message, "split the module into smaller modules")


def known_plain(text: str) -> bool:
    """Whether no text of an ordinary YAML file (no escapes, no aliases: see ``yamlpos``) can break a
    limit of ``TextBudget`` or load an image, judged on the whole file at once. Each text's characters
    are then a part of the file's (YAML's folding only takes line breaks and spaces away): the file's
    brackets and marks bound any text's, and a text's indentation is at most its lines' in the file.
    An image needs a closer look (``remote_images``)."""
    if sum(text.count(char) for char in LINK_SYNTAX) > MAX_LINK_SYNTAX_PER_TEXT or "![" in text:
        return False
    if len(text) > MAX_TEXT_CHARACTERS or inline_marks(text) > MAX_INLINE_MARKS_PER_TEXT:
        return False
    if "\t" not in text:  # spaces alone: one search for a line indented deeper than the limit
        return not _DEEP_INDENT.search(text)
    return max((len(spaces.expandtabs(4)) for spaces in INDENTATION.findall(text)), default=0) <= MAX_INDENT
