"""Catalogue entries: names that refer to something declared elsewhere."""

from __future__ import annotations

from .entry import Entry

ENTRIES = [
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
        "path-clash", "Two pages or PDFs would be written at one address",
        "Every page and PDF of the site has an address of its own, made from ids: a module's page from its "
        "section and id, a meeting's facilitator guide and handouts from the meeting's id "
        "(`pdf/<id>-handouts.pdf`), the whole toolkit's PDF from the toolkit's title, the cross-index from "
        "`topics/`. Here two of them would be written at the same address, so one would silently replace "
        "the other (a module named `<meeting>-handouts` would put a meeting's facilitator notes in its "
        "participants' PDF).",
        "Give the module (or the section) another id: rename the file and change `id:` together.",
        "# toolkit.yml: title: Fixture toolkit  (its PDF: pdf/fixture-toolkit.pdf)\n"
        "# modules/education/fixture-toolkit.yml:\nid: fixture-toolkit",
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
        "Add the file under the content folder at that path (`media/welcome.mp4` is "
        "`content/media/welcome.mp4`), or correct the path; paths are relative to the content folder and may "
        "not leave it.",
        "video: media/welcome.mp4   # no such file",
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
]
