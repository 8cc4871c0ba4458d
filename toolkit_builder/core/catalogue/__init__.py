"""The catalogue of content problems: every code `toolkit validate` can report, explained.

Each entry says in plain words what went wrong and how to fix it, with a small example.
`toolkit explain CODE` prints one entry; `docs/errors.md`, the page for content editors,
is generated from this catalogue (`toolkit explain --markdown`), so the two never differ.
Adding a problem code to the loader or the linter means adding its entry to one of this
package's modules: a test checks that every code they can report is catalogued.
"""

from __future__ import annotations

import textwrap
from typing import Callable

from . import links, process, reading, translations
from .entry import GROUPS, Entry

__all__ = ["CATALOGUE", "GROUPS", "Entry", "catalogue_markdown", "explain"]

#: Code -> entry, in the order of the documentation.
CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in reading.ENTRIES + links.ENTRIES + process.ENTRIES + translations.ENTRIES}


def explain(code: str) -> str:
    """One entry as plain text for the terminal."""
    entry = CATALOGUE[code]
    wrap: Callable[[str], str] = lambda text: textwrap.fill(  # noqa: E731
        text, width=88, initial_indent="  ", subsequent_indent="  ")
    parts = [f"{entry.code} ({entry.severity}): {entry.title}", "", wrap(entry.explanation), "", "Fix:", wrap(entry.fix)]
    if entry.example:
        parts += ["", "Example:", textwrap.indent(entry.example, "  ")]
    return "\n".join(parts) + "\n"


def catalogue_markdown() -> str:
    """The editors' page of every problem code: what it means and how to fix it."""
    lines = [
        "# Content problems and how to fix them",
        "",
        "<!-- Generated from toolkit_builder/core/catalogue/ by `toolkit explain --markdown`; edit that file, not this"
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
        entries = [e for e in CATALOGUE.values() if e.group == group]
        lines += [f"## {heading}", ""]
        lines += [f"- [`{e.code}`](#{e.code}): {e.title}" for e in entries]
        lines.append("")
        for entry in entries:
            lines += [f"### {entry.code}", "", f"**{entry.title}** ({entry.severity})", "", entry.explanation, "",
                      f"**Fix:** {entry.fix}", ""]
            if entry.example:
                lines += ["```yaml", entry.example, "```", ""]
    return "\n".join(lines).rstrip() + "\n"
