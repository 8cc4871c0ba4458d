"""Catalogue entries: translations and local copies, and warnings."""

from __future__ import annotations

from ..limits import MAX_GLOSSARY_HINTS_PER_PAGE, MAX_GLOSSARY_HINTS_PER_TEXT, MAX_GLOSSARY_TERM
from .entry import Entry

ENTRIES = [
    # ------------------------------------------------------------------ translations and local copies
    Entry(
        "unknown-language", "The language is not one of the toolkit's",
        "A translation file's name ends in a language code (`recovery.fr.yml` is French) that `languages:` in "
        "`toolkit.yml` does not list, so it would never be published. Often the code is mistyped (`.FR.yml`, "
        "`.fra.yml`). The codes of `language:` and `languages:` themselves must be language codes that Babel's "
        "data (the Unicode CLDR) knows: a page needs the language's name, plural rules and dates.",
        "Rename the file with a code from `languages:` (`fr`, `es`...), or add the language to `languages:`; in "
        "`toolkit.yml`, write each language as ISO 639 has it (`en`, `fr`, `pt-br`).",
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
        "unknown-module", "The module does not exist",
        "A module id named in one place (a local copy's `hide:` list, an audience's `start:`, a meeting of the "
        "process, a handout) is the id of no module of the upstream toolkit or of this site; it may be mistyped, "
        "or the module was renamed.",
        "Use the id of an existing module (its file name without `.yml`; the message suggests the closest), or "
        "remove it from the list.",
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
        "too-many-glossary-hints", "A text holds more glossary terms than it shows hints for",
        "Each glossary term with an expansion becomes a hint in the page (the term, linked to the glossary, with "
        f"its expansion on hover and focus). A text shows at most {MAX_GLOSSARY_HINTS_PER_TEXT} hints and a page "
        f"{MAX_GLOSSARY_HINTS_PER_PAGE}, counted in order; later occurrences of the terms are plain words. Without "
        "that cap a term of one letter, in a long text, would make a hint of nearly every word and a page of many "
        "megabytes. A text, or a module's texts together, that passes the cap is warned about: its last hints "
        f"are not shown. (A term longer than {MAX_GLOSSARY_TERM} characters gets no hint at all.)",
        "Write the expansion out once where the term first appears and keep the hints for the first "
        "occurrences, split the text, or make the glossary term longer (a term of a letter or two matches "
        "every such word).",
        "terms:\n  - term: a\n    expansion: Assessment   # every 'a' of every text is this term",
        severity="warning", group="warning",
    ),
    Entry(
        "hard-to-read", "A paragraph is hard to read",
        "The paragraph scores low on the reading-ease scale (0 is very hard, 100 very easy; plain language is "
        "60 or more): Flesch's formula in English, its adaptation by Kandel and Moles in French. The score falls "
        "with long sentences and long words. The toolkit is read by people with many backgrounds, often in a "
        "hurry, and sometimes in their second language. Translations are scored too, in their own language.",
        "Split long sentences (aim for under 20 words), prefer short everyday words, and use a list for a "
        "series of points. `toolkit validate` prints each module's score, per language, so you can see the "
        "effect.",
        severity="warning", group="warning",
    ),
    Entry(
        "avoided-term", "A text uses a form the terminology list avoids",
        "The toolkit keeps one term per idea in each language: `terms.fr.yml` in the content folder lists, for "
        "each idea, the forms to write (`use`) and the forms not to write (`avoid`), with why. This text uses an "
        "avoided form: a second word for the same idea, which makes readers wonder whether it means something "
        "else, or a form the toolkit's style does not use (a masculine form used for everyone, for example).",
        "Write the form the message suggests, or another form listed under `use` for that idea. If the avoided "
        "form is right here, discuss the terminology list in the pull request rather than working around it.",
        "# terms.fr.yml\nterms:\n  - source: safe space\n    use: [espace sécuritaire]\n    avoid: [lieu sûr]\n"
        "# a module's translation:\ntext: Faire de la salle un lieu sûr.     # should be: un espace sécuritaire",
        severity="warning", group="warning",
    ),
    Entry(
        "unpaired-quote", "A straight quote has no pair",
        "In a language whose quotation marks differ from the straight quote (French « », German „ “), pages "
        "set each pair of straight quotes (\"...\") as that language's marks, with the spaces its typesetters "
        "put inside them. This text has an odd number of straight quotes outside code, so the page cannot tell "
        "which one opens and which one closes, and leaves them as typed.",
        "Add the missing quote, or type the language's marks yourself (« and », with a no-break space inside in "
        "French). A quote that is part of code belongs between backticks.",
        'text: Ce qu’on appelle "rétablissement personnel.     # should be: "rétablissement personnel"',
        severity="warning", group="warning",
    ),
    Entry(
        "agenda-without-lead", "An agenda item does not say who leads it",
        "A meeting's facilitator guide prints, for each agenda item, its time and who leads it, so the people who "
        "run the meeting know their part before they arrive, and the work is shared rather than left to the "
        "facilitator. This item has no `lead`.",
        "Add `lead:` to the item: the co-chairs, the facilitator, a member with lived experience, a manager... "
        "and translate it in each language's file.",
        "agenda:\n  - title: Check-in round\n    minutes: 10\n    lead: The co-chairs",
        severity="warning", group="warning",
    ),
    Entry(
        "placeholder-text", "A skeleton's placeholder is still there",
        "`toolkit init` and `toolkit new module` write files that validate, with texts and addresses for you to "
        "replace: `toolkit@example.org` and `https://example.org` in a copy's `toolkit.yml`, \"Replace this text "
        "...\" and \"Write the module's text here...\" in a module. Published as they are, readers would find an "
        "address that leads nowhere and instructions meant for the editor. Addresses at example.org, example.com "
        "and example.net are reserved for examples: no one receives mail there.",
        "Write your own text or address in place of the placeholder, or remove the field if you have nothing to "
        "put there (a footer link, a contact e-mail).",
        "organization:\n  email: toolkit@example.org     # should be: your team's real address",
        severity="warning", group="warning",
    ),
]
