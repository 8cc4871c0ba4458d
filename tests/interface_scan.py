"""Finding English interface strings on the pages of another language: the fragments of each
msgid that its translation does not hold, looked for in the text and labels of built pages."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

#: Strings a page shows that come from Material or the plugin rather than a template.
EXTRA = {"Last updated", "Switch to dark mode", "Switch to light mode"}


def english_fragments(catalogue: Path, language: str) -> set[str]:
    """Each msgid's words (8 characters or more between placeholders) that its translation in
    ``catalogue`` does not repeat: on a page in ``language`` they are English left behind."""
    with catalogue.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    english = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for text in ids:
            for fragment in re.split(r"%\(\w+\)[sd]", text or ""):
                fragment = fragment.strip(" :.,()")
                if len(fragment) >= 8 and fragment not in " ".join(strings):
                    english.add(fragment)
    return english | EXTRA


def found_on_pages(site: Path, pages: list[Path], words: set[str], *, skip_english: bool = True) -> list[str]:
    """"page: 'words'" for each of ``words`` in the text or labels (title, aria-label, placeholder,
    alt) of ``pages``, leaving out code, scripts and, with ``skip_english``, passages marked lang="en"."""
    found = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        skipped = 'code, script, style, [data-tk-url]' + (', [lang="en"]' if skip_english else "")
        for marked in soup.select(skipped):
            marked.decompose()
        text = soup.get_text(" ")
        labels = " ".join(str(value) for tag in soup.find_all(True)
                          for name, value in tag.attrs.items() if name in ("title", "aria-label", "placeholder", "alt"))
        found += [f"{page.relative_to(site)}: {s!r}" for s in sorted(words) if s in text or s in labels]
    return found
