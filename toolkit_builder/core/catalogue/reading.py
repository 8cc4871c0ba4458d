"""Catalogue entries: reading a file, and fields and values."""

from __future__ import annotations

from ..blocks import BLOCK_TYPES
from ..limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_INDENT,
    MAX_INLINE_MARKS_PER_FILE,
    MAX_INLINE_MARKS_PER_TEXT,
    MAX_LINK_SYNTAX_PER_FILE,
    MAX_LINK_SYNTAX_PER_TEXT,
    MAX_NODES,
    MAX_TEXT_CHARACTERS,
)
from .entry import Entry

ENTRIES = [
    # ------------------------------------------------------------------ reading a file
    Entry(
        "missing-file", "toolkit.yml is missing",
        "Every content folder starts with `toolkit.yml`, which declares the toolkit's title, sections, audiences "
        "and frameworks. The folder that was checked has none, so nothing else can be checked.",
        "Check that you ran the command on the content folder (`toolkit validate content`). To start a new "
        "toolkit, copy `toolkit.yml` from the bundled `content/` folder and change it.",
        group="file",
    ),
    Entry(
        "unreadable", "The file cannot be read",
        "The file exists but could not be opened: it may be a folder whose name ends in `.yml`, or a file you do "
        "not have permission to read. A file that is a link to a file outside the content folder, or that is "
        "not a regular file (a device such as /dev/stdin, a pipe), is not read at all: the build would publish "
        "what the link points at, or wait forever.",
        "Make sure the path is a plain text file you can open. Rename a folder that ends in `.yml`. Copy a linked "
        "file into the content folder instead of linking to it.",
        group="file",
    ),
    Entry(
        "file-too-large", "The file is too large",
        f"A content file is a few kilobytes. This one is bigger than {MAX_FILE_BYTES // 1_000_000} MB, or it uses "
        f"YAML aliases (`*name`) that repeat parts of it so many times that it would expand to more than "
        f"{MAX_NODES:,} values or nest more than {MAX_DEPTH} levels deep. Such files are refused so that a mistake "
        "cannot stall the build.",
        "Split a long module into several modules. Remove aliases (`&name` / `*name`) and write the values out.",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, ...]",
        group="file",
    ),
    Entry(
        "not-utf8", "The file is not UTF-8 text",
        "Content files must be saved as UTF-8 text, the encoding that can hold every language's letters "
        "(é, à, ç...). This file holds bytes that are not UTF-8, or a NUL character: it was saved in another "
        "encoding (such as Windows-1252 or Latin-1), or it is not a text file.",
        "In your editor, choose *Save with encoding* → UTF-8 (in VS Code: click the encoding in the status bar). "
        "Files created on GitHub are always UTF-8.",
        group="file",
    ),
    Entry(
        "empty-file", "The file is empty",
        "The file holds nothing, or only comments. A module file needs at least an `id`, a `title`, a `section` "
        "and one block.",
        "Fill it in (`toolkit new module SECTION ID` writes a skeleton to start from), or delete the file.",
        "# TODO: write this module",
        group="file",
    ),
    Entry(
        "yaml-syntax", "The YAML cannot be read",
        "The file breaks a rule of YAML, the format content is written in, so it cannot be read at all. The "
        "line shown is where the reader got lost; the real mistake is often on that line or the line above. "
        "The most common causes: a text containing `: ` (colon and space) that is not in quotes; indentation "
        "with tabs, or items of one list that do not line up; an unclosed `[` or quote.",
        "Put a text that contains `: `, or starts with `[`, `{`, `@`, `*` or a quote, in double quotes. Indent "
        "with spaces only, by two per level, and line up items of the same list.",
        "title: Peer support: where to start     # the second ': ' confuses YAML\n"
        "# fixed:\ntitle: \"Peer support: where to start\"",
        group="file",
    ),
    Entry(
        "duplicate-key", "The same key appears twice",
        "A key (such as `title:`) appears twice at the same level. YAML would silently keep only the last one, "
        "so half of what you wrote would disappear from the site.",
        "Keep one of the two lines. If both hold text you need, merge them into one.",
        "title: Recovery education\nsection: education\ntitle: Recovery education and training",
        group="file",
    ),
    Entry(
        "bad-character", "The file holds an invisible control character",
        "The file contains a control character (such as a form feed or an escape code), usually copied from "
        "another program along with the text. It cannot be shown on a page, and YAML does not allow it.",
        "Delete the character at that place (retyping the word around it is the simplest way), then save.",
        "title: Recovery\x0ceducation   # an invisible form feed between the words",
        group="file",
    ),
    Entry(
        "text-too-complex", "A text is too long or holds too many marks, brackets or too deep an indentation",
        "Texts are converted from Markdown. Its links are found by matching brackets and parentheses, whose work "
        "grows with the square of their number; and each quote, apostrophe, backtick, backslash, emphasis mark, "
        "ampersand, angle bracket, dash, ellipsis and hard line break is handled one at a time over the whole "
        f"paragraph. So a text may be at most {MAX_TEXT_CHARACTERS:,} characters long and hold at most "
        f"{MAX_LINK_SYNTAX_PER_TEXT:,} brackets and parentheses and {MAX_INLINE_MARKS_PER_TEXT:,} of those marks; a "
        f"file's texts at most {MAX_LINK_SYNTAX_PER_FILE:,} brackets and {MAX_INLINE_MARKS_PER_FILE:,} marks; and "
        f"no line may be indented by more than {MAX_INDENT} spaces (lists nested about ten deep). No text written "
        "for readers comes near these limits; they stop a mistake or a prank from stalling the build.",
        "Remove the repeated marks, brackets, parentheses or indentation. If the text really is that long, split "
        "it into several blocks, or the module into several modules.",
        'text: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ ...     # a thousand brackets"',
        group="file",
    ),
    Entry(
        "remote-image", "An image would load from another site",
        "An image in a text (`![what it shows](address)`) must come from the site itself: a page that loads a "
        "file from elsewhere tells that site who reads it and when, and a PDF build would make the build "
        "machine fetch it. The address is read as a browser reads it: character references such as `&#116;` "
        "decoded, line breaks and tabs dropped, backslashes read as slashes, so `h&#116;tp://host/a.png`, "
        "`&#47;/host/a.png` and `/\\host/a.png` are all addresses of another site.",
        "Put the image in the content folder (for example `docs/images/chart.png`) and write its path, or "
        "link to the page that shows it: `[the chart of results](https://example.org/results)`.",
        "text: |\n  ![Results](https://example.org/chart.png)",
        group="file",
    ),
    Entry(
        "bad-catalogue", "An interface catalogue has a mistake",
        "Interface strings (buttons, headings such as \"Sources:\") are translated in gettext catalogues "
        "(`locale/<language>/LC_MESSAGES/toolkit.po`). A translation must keep every placeholder of its msgid "
        "exactly (`%(number)s` stays `%(number)s`), with no width, precision or flags of its own "
        "(`%(number)50000000s` would pad a page with 50 MB), give every plural form, and the file must be UTF-8 "
        "text that says so (`charset=UTF-8`). Its `Plural-Forms` rule is read as gettext's C expression and tried "
        "on the counts 0 to 1,000 before use (never run as code): every count must give a form below `nplurals`, "
        "without dividing by zero. Otherwise pages would show the wrong words or the build would stop. The content's PO files "
        "(`toolkit i18n import`) are checked too: a translated text keeps its source's links to the site's pages, "
        "its number of links and its `[@citations]`, and the file is in the language it is imported as.",
        "Copy the placeholders from the msgid into the msgstr and translate only the words around them; fill "
        "in every `msgstr[n]`; save the file as UTF-8. A catalogue editor such as Poedit checks all of this. In a "
        "content PO file, copy the links and `[@key]` citations of the msgid into the msgstr.",
        'msgid "Reference %(number)s"\nmsgstr "Référence %(numero)s"     # the placeholder must stay %(number)s',
        group="translation",
    ),
    # ------------------------------------------------------------------ fields and values
    Entry(
        "unknown-key", "Unknown key",
        "The key is not one the format knows at this place: most often a typo (`titel`, `rigth`), a key written "
        "at the wrong indentation, or a field of another block type. Unknown keys are errors rather than being "
        "ignored, so a typo never makes text silently disappear.",
        "Use the suggested spelling, or check the indentation. The message lists the keys allowed at that place.",
        "- type: prose\n  txt: Recovery is personal.     # should be `text:`",
        group="field",
    ),
    Entry(
        "missing-field", "A required field is missing",
        "A field that must be there is missing, such as a module's `title` or a contrast block's `right` column, "
        "or a block has no `type:` line. The line shown is where the module or block starts.",
        "Add the field with a value. The message names it; the README lists each block type's fields, and an "
        "editor with the schema suggests them.",
        "- type: contrast\n  left: Clinical recovery\n  rows: [[Led by a professional, Led by the person]]\n"
        "  # missing: right: Personal recovery",
        group="field",
    ),
    Entry(
        "wrong-type", "A value has the wrong form",
        "The value is not the kind of thing the field holds: a single text where a list is expected, a list "
        "where a text is expected, a word where a number is expected, a list with too few or too many items (a "
        "contrast row has exactly two), or a value YAML cannot read as written (such as a `!!tag`).",
        "Write a list as lines starting with `- `, or in brackets: `[a, b]`. Write a text containing a comma "
        "inside brackets in quotes: `[\"Slow, but steady\", Fast]`. Put a text that looks like a number or "
        "true/false in quotes.",
        "- type: list\n  items: Only one item     # should be a list:\n  # items:\n  #   - Only one item",
        group="field",
    ),
    Entry(
        "empty-value", "A text is empty",
        "The field is there but its text is empty (`title: \"\"`, or only spaces). An empty text would show as "
        "a blank heading or cell on the site.",
        "Write the text, or remove the line if the field is optional.",
        "heading: \"\"",
        group="field",
    ),
    Entry(
        "bad-value", "A value is not allowed",
        "The value has the wrong form for its field: an id with capitals or spaces (ids are lower-case letters, "
        "digits and dashes, like `peer-support`), a DOI written as a web address, a web address without "
        "`https://`, a callout `kind` that does not exist, or a default `language` missing from `languages`.",
        "Follow the form the message suggests: ids like `recovery-education`, DOIs like `10.1111/inm.12596`, "
        "addresses like `https://example.org`. For a choice, use one of the values listed.",
        "id: Peer Support     # should be: peer-support\n...\nblocks:\n  - type: callout\n"
        "    kind: hint     # note, tip, important, warning or example",
        group="field",
    ),
    Entry(
        "unknown-block-type", "Unknown block type",
        "The `type:` of a block is not one of the block types: " + ", ".join(BLOCK_TYPES) + ".",
        "Use the suggested type. Check the spelling, and that `logic_model` has an underscore.",
        "- type: contrst",
        group="field",
    ),
]
