"""The catalogue of content problems: every code `toolkit validate` can report, explained.

Each entry says in plain words what went wrong and how to fix it, with a small example.
`toolkit explain CODE` prints one entry; `docs/errors.md`, the page for content editors,
is generated from this catalogue (`toolkit explain --markdown`), so the two never differ.
Adding a problem code to the loader or the linter means adding its entry here: a test
checks that every code they can report is catalogued.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from .loader import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, module_files

#: Where the catalogue is published in a repository, relative to its root.
DOCS_PAGE = "docs/errors.md"


@dataclass(frozen=True)
class Entry:
    code: str
    #: A heading-sized summary.
    title: str
    #: What went wrong and why it matters, in plain words.
    explanation: str
    #: What to do about it.
    fix: str
    #: A few lines of YAML that make this mistake (shown in the docs), optional.
    example: str = ""
    severity: str = "error"
    group: str = ""


GROUPS = {
    "file": "Reading a file",
    "field": "Fields and values",
    "link": "Names that refer to something declared elsewhere",
    "translation": "Translations and local copies",
    "warning": "Warnings",
}

_ENTRIES = [
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
        "not have permission to read.",
        "Make sure the path is a plain text file you can open. Rename a folder that ends in `.yml`.",
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
        "The `type:` of a block is not one of the block types: prose, list, callout, contrast, framework, "
        "questions, considerations, logic_model.",
        "Use the suggested type. Check the spelling, and that `logic_model` has an underscore.",
        "- type: contrst",
        group="field",
    ),
    # ------------------------------------------------------------------ links between files
    Entry(
        "unknown-section", "The section is not declared",
        "A module's `section:` names a section that `toolkit.yml` does not declare. Every module belongs to "
        "one of the sections listed under `sections:` there, which sets the order of the navigation.",
        "Use one of the declared sections (the message suggests the closest), or declare the new section in "
        "`toolkit.yml` under `sections:` with an `id` and a `title`.",
        "section: educaton     # declared: education",
        group="link",
    ),
    Entry(
        "wrong-folder", "The module sits in another section's folder",
        "A module's file sits in `modules/<section>/`, and the folder must match its `section:`. This one says "
        "one section but sits in another's folder.",
        "Move the file into the folder of its section, or change `section:` to match the folder.",
        "# in modules/education/peer-support.yml, where peer-work is another declared section:\n"
        "section: peer-work",
        group="link",
    ),
    Entry(
        "wrong-file-name", "The module id does not match the file name",
        "A module's `id` is also its file name (without `.yml`) and the last part of its page address. Here the "
        "two differ, which would make links and translations point to the wrong place.",
        "Rename the file to `<id>.yml`, or change `id:` to the file name.",
        "# in modules/education/peer-support.yml:\nid: peer-supports",
        group="link",
    ),
    Entry(
        "duplicate-id", "The same id is used twice",
        "Two modules, two sections, audiences or frameworks of `toolkit.yml`, or two blocks of one module have "
        "the same id. Ids name pages and anchors, so each must be unique.",
        "Give one of them another id.",
        "- type: prose\n  id: introduction\n  ...\n- type: list\n  id: introduction     # already used above",
        group="link",
    ),
    Entry(
        "unknown-audience", "The audience is not declared",
        "An `audience:` list names an audience that `toolkit.yml` does not declare under `audiences:`.",
        "Use one of the declared audience ids (the message lists them), or declare the new audience in "
        "`toolkit.yml`.",
        "audience: [facilitators]     # declared: facilitator",
        group="link",
    ),
    Entry(
        "unknown-framework", "The framework is not declared",
        "A framework block names a framework that `toolkit.yml` does not declare, a framework's `maps_to` names "
        "another that does not exist, or a row of a framework table uses `maps_to` although its framework maps "
        "to no other.",
        "Use a framework id declared under `frameworks:` in `toolkit.yml` (such as `chime`), or remove the "
        "`maps_to`.",
        "- type: framework\n  framework: chim",
        group="link",
    ),
    Entry(
        "unknown-component", "The framework has no such component",
        "A framework table row (`key:`) or a tag (`chime:hope`) names a component that the framework does not "
        "have in `toolkit.yml`.",
        "Use one of the framework's component keys (the message suggests the closest and lists them all).",
        "components:\n  - key: hpoe     # CHIME: connection, hope, identity, meaning, empowerment",
        group="link",
    ),
    Entry(
        "unknown-dimension", "The framework has no such dimension",
        "A `maps_to:` list, or a tag such as `guidelines:7`, names a dimension of the Guidelines (or of another "
        "framework that others map to) that does not exist. The Guidelines have six dimensions, 1 to 6.",
        "Use the number of an existing dimension; the message lists them.",
        "- key: hope\n  maps_to: [7]",
        group="link",
    ),
    Entry(
        "bad-tag", "The tag is not a framework tag",
        "Tags link a block or question to a framework's components, written `framework:component`. This tag has "
        "no `:` or names a framework that is not declared.",
        "Write the tag as `framework:component`, e.g. `chime:hope` or `guidelines:1`.",
        "tags: [hope]     # should be: chime:hope",
        group="link",
    ),
    Entry(
        "unknown-reference", "The reference is not in references.yml",
        "A `cites:` list or a `[@key]` in a text names a work that `references.yml` does not hold, so the note "
        "and its link could not be made.",
        "Use the key of an entry in `references.yml` (the message suggests the closest), or add the work there "
        "with its authors, year, title and DOI.",
        "cites: [leamy2012]     # references.yml has leamy2011",
        group="link",
    ),
    Entry(
        "broken-link", "A link leads to no page",
        "A text links to another page of the toolkit the Markdown way (`[see the meeting](../facilitation/"
        "planning-meeting.md)`), but no page has that path: the module was renamed or moved, or the path is "
        "mistyped. On the site the link would lead nowhere.",
        "Write the path of the module's file from the current page, as `../<section>/<id>.md`, optionally with "
        "`#block-id`; or link to the page's web address.",
        "text: See [the planning meeting](../facilitation/planing-meeting.md).",
        group="link",
    ),
    Entry(
        "unknown-block", "The module has no such block",
        "A handout or link names a block of another module (`block: interview-questions`) that the module does "
        "not have: the block's `id` was changed or the block was removed.",
        "Use the `id` of one of that module's blocks, or leave `block:` out to link to the whole module.",
        "handouts:\n  - module: recovery-education-and-training\n    block: interview-question",
        group="link",
    ),
    Entry(
        "missing-media", "A media file is missing",
        "A media block names a video, captions file, transcript or poster that is not in the content folder, "
        "so the page would show a broken player.",
        "Add the file under the content folder at that path (e.g. `content/docs/media/`), or correct the path; "
        "paths are relative to the content folder and may not leave it.",
        "video: docs/media/welcome.mp4   # no such file",
        group="link",
    ),
    Entry(
        "bad-path", "The path leaves the content folder or names no file",
        "A field that names a file takes a path inside the content folder, such as `docs/images/chime.png`. "
        "An absolute path (`/home/...`), a web address, or `..` that climbs out of the folder is refused, so "
        "content can never publish a file from elsewhere on the computer; and the file must exist.",
        "Put the file under the content folder and write its path from there, without `..` or a leading `/`.",
        "image: ../../secrets.txt",
        group="link",
    ),
    # ------------------------------------------------------------------ translations and local copies
    Entry(
        "unknown-language", "The language is not one of the toolkit's",
        "A translation file's name ends in a language code (`recovery.fr.yml` is French) that `languages:` in "
        "`toolkit.yml` does not list, so it would never be published. Often the code is mistyped (`.FR.yml`, "
        "`.fra.yml`).",
        "Rename the file with a code from `languages:` (`fr`, `es`...), or add the language to `languages:`.",
        "languages: [en, fr]\n# file: modules/education/recovery.de.yml",
        group="translation",
    ),
    Entry(
        "translation-orphan", "The translated module does not exist",
        "A translation file `<id>.<language>.yml` sits in a folder without its source `<id>.yml`: the module was "
        "renamed or deleted, or the translation's name is mistyped.",
        "Rename the translation to match its module's file (`recovery-education-and-training.fr.yml`), or delete "
        "it if the module is gone.",
        "modules/education/recovery-educaton.fr.yml   # the module is recovery-education.yml",
        group="translation",
    ),
    Entry(
        "translation-extra", "The translation has a part its source does not have",
        "A translation has the structure of its source and is matched to it by position: its first block "
        "translates the source's first block, and so on. This translation has a block, item or field more than "
        "its source, so it cannot be placed.",
        "Remove the extra part, or add it to the source (English) file first. If a block was removed from the "
        "source, remove its translation too.",
        "blocks:\n  - heading: En bref\n  - heading: Un bloc de trop   # the source has one block",
        group="translation",
    ),
    Entry(
        "translation-mismatch", "The translation's parts are not in the source's order",
        "A translation may repeat a block's `id`, `type` or an item's `key` to show what it translates. Here "
        "one of them differs from the source at the same position: blocks were reordered, or one was added or "
        "removed in the source.",
        "Put the translated blocks in the same order as the source, with the same `id`s.",
        "blocks:\n  - id: clinical-vs-personal   # the source's first block is at-a-glance",
        group="translation",
    ),
    Entry(
        "translation-structure", "A translation changes something that is not text",
        "Translations carry only text (titles, headings, paragraphs, list items). Fields such as `framework`, "
        "`maps_to`, `cites`, `audience` or `section` are the module's structure: they are the same in every "
        "language and belong in the source file only.",
        "Remove the field from the translation; to change it, change the source file.",
        "blocks:\n  - heading: Le cadre CHIME\n    maps_to: [1]   # structure: only in the source",
        group="translation",
    ),
    Entry(
        "translation-wrong-type", "A translated value has the wrong shape",
        "Where the source has a text, the translation must have a text; where it has a list, a list with the "
        "items in the same order; where it has fields, the same fields.",
        "Give the translation the shape of the source at that place, e.g. `items:` as a list of lines starting "
        "with `- `.",
        "items: Un, deux, trois     # the source has a list:\nitems:\n  - Un\n  - Deux",
        group="translation",
    ),
    Entry(
        "unknown-module", "The module to hide does not exist",
        "A local copy's `toolkit.yml` lists under `hide:` a module id that neither the upstream toolkit nor this "
        "site has; it may be mistyped, or the upstream module was renamed.",
        "Use the id of an existing module (its file name without `.yml`), or remove it from `hide:`.",
        "hide: [recovery-educaton]",
        group="translation",
    ),
    Entry(
        "low-contrast", "A brand colour is hard to read",
        "White text on the `primary` colour (the header) or `accent`-coloured links on the white page need a "
        "contrast of at least 4.5:1 (WCAG 2.2 AA) so that people with low vision, or reading on a phone in "
        "sunlight, can read them.",
        "Choose a darker shade of the colour; a contrast checker (such as WebAIM's) shows the ratio.",
        'branding:\n  primary: "#ffdd00"   # 1.4:1 with white text',
        group="translation",
    ),
    # ------------------------------------------------------------------ warnings
    Entry(
        "missing-summary", "The module has no summary",
        "A module's `summary:` is the sentence shown under its title, on its section's page and on the home "
        "page: it tells a facilitator in a few seconds whether this module is the one they need.",
        "Add `summary:` under the title with one plain sentence on what the module is for.",
        "id: peer-support\ntitle: Peer support\nsection: education\n# summary: missing",
        severity="warning", group="warning",
    ),
    Entry(
        "heading-jump", "A heading skips a level",
        "Headings inside a text (`## Heading` in Markdown) must follow the page's outline: the page title is "
        "the only level-1 heading, a block's `heading:` is level 2, so a heading inside that block's text starts "
        "at level 3 (`###`), and each heading goes at most one level deeper than the one before. Screen readers "
        "and the table of contents use this outline to move around the page.",
        "Use one `#` more than the heading above it: `###` inside a block that has a `heading:`, `##` in a "
        "block without one. Never `#` in a text.",
        "- type: prose\n  heading: Co-production\n  text: |\n    #### Who to invite     # should be: ### Who to invite",
        severity="warning", group="warning",
    ),
    Entry(
        "missing-alt", "An image has no text alternative",
        "An image written in a text (`![](picture.png)`) has no description between the brackets. People who "
        "cannot see the image, and everyone when it fails to load, get nothing from it.",
        "Describe what the image shows, in a short sentence: `![Staff and peers in a training session]"
        "(training.png)`.",
        "text: |\n  ![](training.png)",
        severity="warning", group="warning",
    ),
    Entry(
        "uncited-reference", "A reference is never cited",
        "An entry of `references.yml` is not cited by any module, block or framework, so it appears nowhere on "
        "the site.",
        "Cite it where it supports the text (`cites: [key]` or `[@key]`), or remove it from `references.yml`.",
        severity="warning", group="warning",
    ),
    Entry(
        "unused-term", "A glossary term is never used",
        "A term of `glossary.yml` does not appear in any module. The glossary page still lists it, but a reader "
        "of the toolkit will never meet it.",
        "Remove the term, or check its spelling against the modules' texts.",
        severity="warning", group="warning",
    ),
    Entry(
        "hard-to-read", "A paragraph is hard to read",
        "The paragraph scores low on the Flesch reading-ease scale (0 is very hard, 100 very easy; plain "
        "language is 60 or more). The score falls with long sentences and long words. The toolkit is read by "
        "people with many backgrounds, often in a hurry, and sometimes in their second language.",
        "Split long sentences (aim for under 20 words), prefer short everyday words, and use a list for a "
        "series of points. `toolkit validate` prints each module's score so you can see the effect.",
        severity="warning", group="warning",
    ),
]

#: Code -> entry, in the order of the documentation.
CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


def explain(code: str) -> str:
    """One entry as plain text for the terminal."""
    entry = CATALOGUE[code]
    wrap = lambda text: textwrap.fill(text, width=88, initial_indent="  ", subsequent_indent="  ")  # noqa: E731
    parts = [f"{entry.code} ({entry.severity}): {entry.title}", "", wrap(entry.explanation), "", "Fix:", wrap(entry.fix)]
    if entry.example:
        parts += ["", "Example:", textwrap.indent(entry.example, "  ")]
    return "\n".join(parts) + "\n"


def catalogue_markdown() -> str:
    """The editors' page of every problem code: what it means and how to fix it."""
    lines = [
        "# Content problems and how to fix them",
        "",
        "<!-- Generated from toolkit_builder/errors.py by `toolkit explain --markdown`; edit that file, not this"
        " one. -->",
        "",
        "`toolkit validate` checks every file of the content folder and lists every problem it finds, each with "
        "its file, line and column, a code in brackets and a suggested fix:",
        "",
        "```text",
        "content/modules/education/peer-support.yml:12:7: error [unknown-component] unknown component 'hpoe' of "
        "CHIME",
        "    fix: did you mean 'hope'? (components: 'connection', 'hope', 'identity', 'meaning', 'empowerment')",
        "```",
        "",
        "**Errors** stop the site from being built until they are fixed. **Warnings** do not, but a reviewer may "
        "ask you to fix them (`toolkit validate --strict` treats them as errors). On a pull request the same "
        "messages appear next to the lines they are about. Look up a code below, or run `toolkit explain CODE`.",
        "",
    ]
    for group, heading in GROUPS.items():
        entries = [e for e in _ENTRIES if e.group == group]
        lines += [f"## {heading}", ""]
        lines += [f"- [`{e.code}`](#{e.code}): {e.title}" for e in entries]
        lines.append("")
        for entry in entries:
            lines += [f"### {entry.code}", "", f"**{entry.title}** ({entry.severity})", "", entry.explanation, "",
                      f"**Fix:** {entry.fix}", ""]
            if entry.example:
                lines += ["```yaml", entry.example, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def help_url(code: str) -> str | None:
    """Address of a code's entry in docs/errors.md on the repository's host, when running in GitHub Actions."""
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    revision = os.environ.get("GITHUB_SHA") or "HEAD"
    if not (server and repository and Path(DOCS_PAGE).is_file() and code in CATALOGUE):
        return None
    return f"{server}/{repository}/blob/{revision}/{DOCS_PAGE}#{code}"


def annotation(problem) -> str:
    """A GitHub Actions annotation for a problem, with a link to its catalogue entry when there is one."""
    text = problem.github_annotation()
    url = help_url(problem.code)
    return f"{text} More: {url}" if url else text


def reading_ease_label(score: float) -> str:
    """Flesch's own names for bands of the reading-ease score."""
    for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain language"),
                         (50, "fairly difficult"), (30, "difficult")):
        if score >= floor:
            return label
    return "very difficult"


def _code_spans(text: str):
    """Escaped text with its `code spans` as <code> elements."""
    from markupsafe import Markup, escape

    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


def problems_page(problems) -> str:
    """A page (Markdown with an HTML body) listing content problems, shown by `toolkit serve`.

    While the content has mistakes, every page of the site shows this instead of a stale
    page, and live reload brings the real pages back as soon as the file is fixed.
    """
    from markupsafe import Markup, escape

    count = len(problems)
    items = []
    for problem in problems:
        entry = CATALOGUE.get(problem.code)
        parts = [Markup('<p class="tk-problem-place"><code>{}:{}:{}</code> {} [{}]</p>').format(
            problem.file, problem.line, problem.column, problem.severity, problem.code),
            Markup('<p class="tk-problem-message">{}</p>').format(_code_spans(problem.message))]
        if problem.hint:
            parts.append(Markup('<p class="tk-problem-fix"><strong>Fix:</strong> {}</p>').format(
                _code_spans(problem.hint)))
        if entry:
            parts.append(Markup("<details><summary>{}: what this means</summary><p>{}</p><p>{}</p></details>").format(
                entry.title, _code_spans(entry.explanation), _code_spans(entry.fix)))
        items.append(Markup("<li>{}</li>").format(Markup("").join(parts)))
    heading = f"The toolkit has {count} problem{'s' if count != 1 else ''}"
    body = Markup(
        '<div class="admonition warning tk-problems" role="alert">\n'
        '<p class="admonition-title">The site cannot be built until {these} fixed</p>\n'
        "<p>Fix the file, save it, and this page reloads by itself.</p>\n"
        "</div>\n"
        '<ol class="tk-problem-list">\n{items}\n</ol>\n'
    ).format(these="this is" if count == 1 else "these are", items=Markup("\n").join(items))
    return f"# {escape(heading)}\n\n{body}"


def problem_page_paths(content_dir: str | Path) -> set[str]:
    """Pages a content folder makes, judged from its file names alone (its content may not load)."""
    paths = {"index.md", "references.md", "glossary.md"}
    for path, section in module_files(Path(content_dir)):
        paths |= {f"{section}/index.md", f"{section}/{path.stem}.md"}
    return paths
