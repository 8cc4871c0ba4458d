"""Typed content model of a toolkit.

Everything a content editor writes in YAML is validated against these classes.
Text that a translation will carry is typed ``Text`` (or ``Markdown`` for
multi-paragraph text); every other field is structure and stays the same in
every language.

Adding a block type means: one class here, one entry in ``BLOCK_TYPES`` and one
template in ``templates/blocks/<type>.html.j2``.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError


class Translatable:
    """Marks a text field that a translation file carries."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "Translatable()"


TRANSLATABLE = Translatable()


def _int_to_str(value: object) -> object:
    # Editors write dimension keys as numbers (`maps_to: [3, 5]`); keys are strings.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: One line of translatable text; may hold inline Markdown (links, emphasis).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]
#: Translatable text that may hold several Markdown paragraphs.
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]
#: A machine key: lower case letters, digits and dashes.
Slug = Annotated[str, BeforeValidator(_int_to_str), StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
#: A key that refers to an entry declared elsewhere (reference, component...).
Key = Annotated[str, BeforeValidator(_int_to_str), StringConstraints(min_length=1)]


def content_path_problem(path: str, content_dir: str | Path | None = None) -> tuple[str, str] | None:
    """What is wrong with ``path`` as a file of the content folder, as (message, fix); None if nothing.

    Without ``content_dir`` only the form is checked; with it, the file must also exist there,
    inside the folder (a link out of it does not count).
    """
    example = "write the path from the content folder, e.g. media/picture.png"
    if re.match(r"^([a-zA-Z]:[\\/]|[/\\])", path):
        return f"'{path}' is an absolute path; files must be inside the content folder", example
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
        return (f"'{path}' is a web address; a file of the content folder is expected here",
                "save the file in the content folder (e.g. in media/) and " + example[0].lower() + example[1:])
    if "\\" in path:
        return f"'{path}' uses '\\' between folders", "use '/' between folders, e.g. media/picture.png"
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        return f"'{path}' leads out of the content folder", example
    if content_dir is None:
        return None
    root = Path(content_dir).resolve()
    target = root / normal
    if not target.resolve().is_relative_to(root):
        return f"'{path}' is a link to a file outside the content folder", "copy the file into the content folder"
    if target.is_dir():
        return f"'{path}' is a folder, not a file", "name a file in it, e.g. " + posixpath.join(normal, "picture.png")
    if not target.is_file():
        siblings = sorted(p.name for p in target.parent.iterdir()) if target.parent.is_dir() else []
        close = [s for s in siblings if s.lower() == target.name.lower()] or [
            s for s in siblings if posixpath.splitext(s)[0] == posixpath.splitext(target.name)[0]]
        hint = f"did you mean '{posixpath.join(posixpath.dirname(normal), close[0])}'?" if close else (
            "check the spelling; paths start at the content folder, e.g. media/picture.png")
        return f"there is no file '{normal}' in the content folder", hint
    return None


def _content_path(path: str, info: ValidationInfo) -> str:
    content_dir = (info.context or {}).get("content_dir")
    problem = content_path_problem(path, content_dir)
    if problem:
        raise PydanticCustomError("content_path", problem[0], {"hint": problem[1]})
    return posixpath.normpath(path)


#: A file of the content folder (an image, a download, captions), written from the content folder:
#: `media/chime.png`. No absolute paths, no web addresses, no `..` out of the folder; when the loader
#: validates, the file must exist inside the content folder.
ContentPath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_content_path)]


class Strict(BaseModel):
    """Base for every content class: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- toolkit.yml


class Section(Strict):
    """A part of the toolkit that groups modules; its modules live in `modules/<id>/`."""

    #: The section's key: lower-case letters, digits and dashes. Modules of this section go in `modules/<id>/`.
    id: Slug
    #: The section's title, as shown in the navigation.
    title: Text
    #: One or two sentences shown on the home page and the section's page.
    summary: Text | None = None


class Audience(Strict):
    """A group of people the toolkit is written for (facilitators, families...)."""

    #: The audience's key, used in a module's `audience:` list.
    id: Slug
    #: The audience's name as readers see it.
    label: Text
    #: Who these people are, in one sentence.
    description: Text | None = None
    #: Ids of the modules this audience should read first, in order (the home page's
    #: "where to start").
    start: list[Slug] = Field(default_factory=list)


class Component(Strict):
    """One component of a framework (a CHIME process, a Guidelines dimension...)."""

    #: The component's key, used in tags (`chime:hope`) and framework tables. Numbers are allowed.
    key: Key
    #: The component's name as readers see it.
    label: Text
    #: What the component means, in one or two sentences.
    description: Text | None = None


class Framework(Strict):
    """A framework the toolkit refers to, declared as data (CHIME, the six dimensions of the Guidelines...)."""

    #: The framework's key, used in `framework:` blocks and tags (`chime:hope`).
    id: Slug
    #: The framework's full name.
    title: Text
    #: A short name used in labels and tags ("CHIME").
    short_title: Text | None = None
    #: What the framework is, in one or two sentences.
    description: Text | None = None
    #: Column heading for the components in a framework table ("Recovery component").
    component_label: Text = "Component"
    #: Column heading for the themes in a framework table ("Suggested themes").
    themes_label: Text = "Themes"
    #: How one component is called when cited ("dimension" gives "dimensions 3 and 5").
    item_name: Text = "component"
    #: Plural of `item_name`, when adding an s is wrong.
    item_name_plural: Text | None = None
    #: Another framework whose components this one's components map to.
    maps_to: Slug | None = None
    #: Heading of the column listing this framework's components in another framework's
    #: table ("Guidelines dimensions").
    mapped_label: Text | None = None
    #: Keys of references.yml entries that describe the framework.
    #: What the components surround in the framework's figure ("Personal recovery").
    centre: Text | None = None
    #: Keys of references.yml entries that describe the framework.
    cites: list[Key] = Field(default_factory=list)
    #: The framework's components, in order.
    components: list[Component] = Field(min_length=1)

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)


class Link(Strict):
    """A link in the footer of every page."""

    #: The link's text.
    label: Text
    #: Where it leads: a web address, `mailto:` or `tel:`.
    url: Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:|tel:)\S+$")]


class Organization(Strict):
    """Who publishes this copy of the toolkit; shown in the footer of every page."""

    #: The organization's name.
    name: Text
    #: Its website, starting with https://.
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    #: Who to contact about this toolkit, in words ("Recovery education team").
    contact: Text | None = None
    #: Contact e-mail address.
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None
    #: Contact telephone number.
    phone: Annotated[str, StringConstraints(min_length=3)] | None = None
    #: Links shown in the footer of every page.
    links: list[Link] = Field(default_factory=list)


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Branding(Strict):
    """Colours of a localized copy; checked for contrast before they are used."""

    #: Header and button colour; white text sits on it.
    primary: Colour | None = None
    #: Colour of links and highlights on the white page.
    accent: Colour | None = None


class Toolkit(Strict):
    """toolkit.yml: the toolkit's title, languages, sections in order, audiences and frameworks."""

    #: The toolkit's title, the heading of the home page.
    title: Text
    #: A short form of the title.
    short_title: Text | None = None
    #: What the toolkit is for, shown on the home page (Markdown).
    description: Markdown | None = None
    #: Language code of the content (`en`, `fr`).
    #: What the toolkit is and how to use it, for the home page.
    about: Markdown | None = None
    #: Language code of the content (`en`, `fr`).
    language: Slug = "en"
    #: Every language the toolkit is published in.
    languages: list[Slug] = Field(default_factory=lambda: ["en"])
    #: The toolkit's sections, in the order of the navigation.
    sections: list[Section] = Field(min_length=1)
    #: The groups of people modules are written for.
    audiences: list[Audience] = Field(default_factory=list)
    #: Frameworks that modules refer to in tables and tags.
    frameworks: list[Framework] = Field(default_factory=list)
    #: Who publishes this copy of the toolkit (shown in the footer).
    organization: Organization | None = None
    #: Colours of this copy (checked for contrast).
    branding: Branding | None = None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)


# --------------------------------------------------------------------------- references.yml, glossary.yml


class Reference(Strict):
    """A work cited by the toolkit, keyed in references.yml and cited as `cites: [key]` or `[@key]`."""

    #: As printed in the reference list: "Leamy, M., Bird, V., & Slade, M." Left out when
    #: the source does not name them: the title then leads, as APA style does.
    authors: Text | None = None
    #: Left out when the source gives no date ("n.d." is printed).
    year: int | None = None
    #: Title of the work.
    title: Text
    #: What kind of work, when it is not an article or a book ("Oral presentation").
    description: Text | None = None
    #: Journal, book or publisher the work appeared in.
    container: Text | None = None
    #: Publisher, for a book or report.
    publisher: Text | None = None
    #: Volume of the journal.
    volume: Key | None = None
    #: Issue of the journal.
    issue: Key | None = None
    #: Pages, e.g. 445-452.
    pages: Key | None = None
    #: The DOI alone, e.g. 10.1111/inm.12596 (no https://doi.org/).
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    #: Language the work is written in; marked on the page when it differs from the page's.
    language: Slug = "en"
    #: Web address of the work when it has no DOI, starting with https://.
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class GlossaryTerm(Strict):
    """A term or abbreviation explained in the glossary; abbreviations get a hover hint on every page."""

    #: The term or abbreviation as written in texts (PWLE, Co-production).
    term: Text
    #: Expansion shown on hover for abbreviations (PWLE -> people with lived ...).
    expansion: Text | None = None
    #: What the term means, in plain words (Markdown).
    definition: Markdown
    #: Other glossary terms related to this one.
    see_also: list[Text] = Field(default_factory=list)


class Glossary(Strict):
    """glossary.yml: the terms and abbreviations a newcomer may stumble on."""

    #: The terms, in any order (the glossary page sorts them).
    terms: list[GlossaryTerm] = Field(default_factory=list)


# --------------------------------------------------------------------------- blocks


class BaseBlock(Strict):
    #: Anchor of the block on its page; also the stable key a translation refers to.
    id: Slug | None = None
    #: The block's heading on the page; leave out for a block that continues the one above.
    heading: Text | None = None
    #: Keys of references.yml entries this block draws on; they become numbered notes.
    cites: list[Key] = Field(default_factory=list)
    #: Framework tags, written `framework:component` (e.g. `chime:hope`, `guidelines:1`).
    tags: list[Key] = Field(default_factory=list)


class ProseBlock(BaseBlock):
    """Paragraphs of text (Markdown)."""

    #: The kind of block.
    type: Literal["prose"]
    #: The text (Markdown): a blank line between paragraphs, **bold**, *italic*,
    #: [links](https://...) and [@key] citations.
    text: Markdown


class ListBlock(BaseBlock):
    """A bulleted or numbered list, with an optional text before and after."""

    #: The kind of block.
    type: Literal["list"]
    #: Text before the list (Markdown).
    intro: Markdown | None = None
    #: true for a numbered list, false for bullets.
    ordered: bool = False
    #: The items of the list, one text each.
    items: list[Text] = Field(min_length=1)
    #: Text after the list (Markdown).
    outro: Markdown | None = None


class CalloutBlock(BaseBlock):
    """A boxed note, tip, important point, warning or example."""

    #: The kind of block.
    type: Literal["callout"]
    #: How the box looks and what it says: note, tip, important, warning or example.
    kind: Literal["note", "tip", "important", "warning", "example"] = "note"
    #: The box's title (optional).
    title: Text | None = None
    #: The text in the box (Markdown).
    text: Markdown


class ContrastBlock(BaseBlock):
    """A two-column table that compares two ideas row by row."""

    #: The kind of block.
    type: Literal["contrast"]
    #: Text before the table (Markdown).
    intro: Markdown | None = None
    #: Heading of the left column.
    left: Text
    #: Heading of the right column.
    right: Text
    #: The rows, each a pair: `- [left text, right text]`. Put a text containing a comma in quotes.
    rows: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(min_length=1)


class FrameworkEntry(Strict):
    """One row of a framework table: a component, its themes and what it maps to."""

    #: Key of a component of the block's framework, as declared in toolkit.yml.
    key: Key
    #: Overrides the component's label from toolkit.yml for this table.
    label: Text | None = None
    #: Themes for this component, one text each.
    themes: list[Text] = Field(min_length=1)
    #: Keys of the components of the framework this one maps to (guideline dimensions).
    maps_to: list[Key] = Field(default_factory=list)
    #: Keys of references.yml entries for this row.
    cites: list[Key] = Field(default_factory=list)


class FrameworkBlock(BaseBlock):
    """A table of a framework's components with themes, e.g. CHIME mapped to the Guidelines dimensions."""

    #: The kind of block.
    type: Literal["framework"]
    #: Id of a framework declared in toolkit.yml (e.g. chime).
    framework: Slug
    #: Text before the table (Markdown).
    intro: Markdown | None = None
    #: The rows of the table: one entry per component.
    components: list[FrameworkEntry] = Field(min_length=1)
    #: Text after the table (Markdown).
    outro: Markdown | None = None
    #: Show the framework's figure (its components around its centre) above the table.
    figure: bool = False


class Question(Strict):
    """One question to ask."""

    #: The question.
    text: Text
    #: Framework tags, written `framework:component` (e.g. `chime:hope`).
    tags: list[Key] = Field(default_factory=list)


class QuestionGroup(Strict):
    """Questions under one heading, for one or more audiences."""

    #: Heading of the group.
    heading: Text | None = None
    #: Text before the questions (Markdown).
    intro: Markdown | None = None
    #: Who these questions are for: ids from `audiences:` in toolkit.yml.
    audience: list[Slug] = Field(default_factory=list)
    #: The questions of the group.
    questions: list[Question] = Field(min_length=1)


class QuestionsBlock(BaseBlock):
    """Interview questions for co-production, in groups; printable as a worksheet."""

    #: The kind of block.
    type: Literal["questions"]
    #: Text before the questions (Markdown).
    intro: Markdown | None = None
    #: Groups of questions.
    groups: list[QuestionGroup] = Field(min_length=1)
    #: Text after the questions (Markdown).
    outro: Markdown | None = None


class Consideration(Strict):
    """One implementation consideration."""

    #: A short title for the consideration.
    title: Text | None = None
    #: The consideration (Markdown).
    text: Markdown
    #: Keys of references.yml entries for this consideration.
    cites: list[Key] = Field(default_factory=list)


class ConsiderationsBlock(BaseBlock):
    """Implementation considerations (leadership, job descriptions, recruitment...)."""

    #: The kind of block.
    type: Literal["considerations"]
    #: Text before the considerations (Markdown).
    intro: Markdown | None = None
    #: The considerations.
    items: list[Consideration] = Field(min_length=1)
    #: Text after the considerations (Markdown).
    outro: Markdown | None = None


class LogicModelRow(Strict):
    """One row of a logic model."""

    #: What goes in (e.g. Education).
    input: Text
    #: What it produces.
    output: Text
    #: What people with lived experience bring to it.
    co_production: Text
    #: Left out on a row, the outcome of the row above spans it too.
    outcome: Text | None = None


class LogicModelBlock(BaseBlock):
    """A logic model table: input, output, co-production and outcome."""

    #: The kind of block.
    type: Literal["logic_model"]
    #: Text before the table (Markdown).
    intro: Markdown | None = None
    #: Column headings that replace the defaults: input, output, co_production, outcome.
    labels: dict[Literal["input", "output", "co_production", "outcome"], Text] = Field(default_factory=dict)
    #: The rows of the table.
    rows: list[LogicModelRow] = Field(min_length=1)
    #: Draw the table as a flow figure: boxes joined by arrows, input to outcome.
    figure: bool = False


class FactSheetBlock(BaseBlock):
    """A plain-language summary of one piece of research, with its full citation."""

    #: The kind of block.
    type: Literal["fact_sheet"]
    #: Key of the work in references.yml.
    reference: Key
    #: What was studied, and why, in plain words.
    studied: Markdown
    #: Who took part (how many people, which roles, where).
    participants: Markdown
    #: How the study was done (interviews, a case study...).
    method: Markdown
    #: What was found, one finding per item.
    findings: list[Text] = Field(min_length=1)
    #: What the findings mean for practice, one point per item.
    implications: list[Text] = Field(min_length=1)
    #: What to keep in mind when using the findings (a small sample, one site...).
    limits: Markdown | None = None


Minutes = Annotated[int, Field(ge=1, le=1440)]


class AgendaItem(Strict):
    """One part of a meeting's agenda."""

    #: What happens in this part.
    title: Text
    #: How long it takes, in minutes.
    minutes: Minutes
    #: How to run it (Markdown).
    details: Markdown | None = None
    #: Who leads this part ("Co-facilitators", "A peer support worker").
    lead: Text | None = None


class Handout(Strict):
    """Something to print and bring to a meeting."""

    #: The handout's name.
    title: Text
    #: A module of the toolkit to print for it, and optionally a block of that module.
    module: Slug | None = None
    #: Id of the block of that module to print (e.g. its questions).
    block: Slug | None = None
    #: How the handout is used.
    note: Text | None = None


class MeetingBlock(BaseBlock):
    """A meeting plan in the Walk the Talk style: why, what to prepare, and the agenda."""

    #: The kind of block.
    type: Literal["meeting"]
    #: Why the team meets (Markdown).
    purpose: Markdown
    #: Who takes part.
    participants: Text | None = None
    #: How long the facilitator needs to prepare, in minutes.
    preparation_minutes: Minutes
    #: What the team has achieved when the meeting is done.
    milestone: Text
    #: The parts of the meeting, in order, with their timings.
    agenda: list[AgendaItem] = Field(min_length=1)
    #: What to bring (flip chart, sticky notes...).
    materials: list[Text] = Field(default_factory=list)
    #: What to print for the participants.
    handouts: list[Handout] = Field(default_factory=list)
    #: Practical advice for the facilitator.
    tips: list[Text] = Field(default_factory=list)
    #: Notes for the facilitator only (Markdown).
    notes: Markdown | None = None


#: A file inside the content folder: segments of letters, digits, dots, dashes and
#: underscores, none starting with a dot (so no `..`), no leading slash, no scheme.
MEDIA_PATH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$"
MediaPath = Annotated[str, StringConstraints(pattern=MEDIA_PATH_PATTERN)]


class CaptionTrack(Strict):
    #: A WebVTT (.vtt) file, relative to the content folder.
    file: MediaPath
    #: Language of the captions (`en`, `fr`).
    language: Slug
    #: Name of the track in the player's menu (default: the language's name).
    label: Text | None = None


class MediaBlock(BaseBlock):
    """A video, always with captions and a transcript."""

    #: The kind of block.
    type: Literal["media"]
    #: The video file (.mp4, .webm), relative to the content folder.
    video: MediaPath
    #: Captions files, at least one (required: people who cannot hear the video read them).
    captions: list[CaptionTrack] = Field(min_length=1)
    #: The full transcript (Markdown), shown under the video.
    transcript: Markdown
    #: Language spoken in the video (default: the toolkit's).
    language: Slug | None = None
    #: An image shown before the video plays, relative to the content folder.
    poster: MediaPath | None = None
    #: What the video is about (Markdown).
    description: Markdown | None = None


#: Registry of block types: the `type:` an editor writes -> its class.
BLOCK_TYPES: dict[str, type[BaseBlock]] = {
    "prose": ProseBlock,
    "list": ListBlock,
    "callout": CalloutBlock,
    "contrast": ContrastBlock,
    "framework": FrameworkBlock,
    "questions": QuestionsBlock,
    "considerations": ConsiderationsBlock,
    "logic_model": LogicModelBlock,
    "fact_sheet": FactSheetBlock,
    "meeting": MeetingBlock,
    "media": MediaBlock,
}

Block = Annotated[
    Union[
        ProseBlock,
        ListBlock,
        CalloutBlock,
        ContrastBlock,
        FrameworkBlock,
        QuestionsBlock,
        ConsiderationsBlock,
        LogicModelBlock,
        FactSheetBlock,
        MeetingBlock,
        MediaBlock,
    ],
    Field(discriminator="type"),
]


# --------------------------------------------------------------------------- modules


class Module(Strict):
    """A module: one page of the toolkit, made of blocks. One file per module in `modules/<section>/<id>.yml`."""

    #: The module's key: the same as the file name without .yml; lower-case letters, digits and dashes.
    id: Slug
    #: The module's title, shown as the page heading and in the navigation.
    title: Text
    #: Id of the section the module belongs to (see `sections:` in toolkit.yml); also the folder it sits in.
    section: Slug
    #: One sentence that tells a facilitator what the module is for; shown under the title and on the section's page.
    summary: Text | None = None
    #: Who the module is for: ids from `audiences:` in toolkit.yml.
    audience: list[Slug] = Field(default_factory=list)
    #: Position within its section; modules without one follow, by title.
    order: int | None = None
    #: Keys of references.yml entries the whole module draws on.
    cites: list[Key] = Field(default_factory=list)
    #: Framework tags of the whole module (`chime:hope`, `guidelines:6`), for the cross-index.
    tags: list[Key] = Field(default_factory=list)
    #: The module's content, in order: each block starts with `- type:`.
    blocks: list[Block] = Field(min_length=1)


class ToolkitOverlay(Strict):
    """`toolkit.yml` of a localized copy: what it changes in the upstream toolkit.

    Sections, audiences and frameworks with an upstream id replace the upstream entry;
    new ids are added (sections after the upstream ones, in the order given).
    """

    title: Text | None = None
    short_title: Text | None = None
    description: Markdown | None = None
    about: Markdown | None = None
    language: Slug | None = None
    languages: list[Slug] | None = None
    sections: list[Section] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
    organization: Organization | None = None
    branding: Branding | None = None
    #: Ids of upstream modules this copy does not publish.
    hide: list[Slug] = Field(default_factory=list)

    def apply(self, toolkit: Toolkit) -> Toolkit:
        update = {name: getattr(self, name) for name in ("title", "short_title", "description", "about", "language",
                                                          "languages", "organization", "branding")
                  if getattr(self, name) is not None}
        for name in ("sections", "audiences", "frameworks"):
            ours = {item.id: item for item in getattr(self, name)}
            merged = [ours.pop(item.id, item) for item in getattr(toolkit, name)]
            update[name] = merged + list(ours.values())
        return toolkit.model_copy(update=update)


class Untranslated(BaseModel):
    """What of a module shows in the default language because its translation lacks it."""

    model_config = ConfigDict(frozen=True)

    #: No translation file at all.
    whole: bool = False
    fields: frozenset[str] = frozenset()
    blocks: frozenset[int] = frozenset()


class Project(BaseModel):
    """Everything loaded from the content folders, cross-checked, in one language."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    toolkit: Toolkit
    references: dict[str, Reference]
    glossary: list[GlossaryTerm]
    modules: list[Module]
    #: Module id -> path of its YAML file, relative to the content folder it comes from.
    sources: dict[str, str]
    #: Module id -> index of the content folder it comes from (0: upstream; last: this site's own).
    layers: dict[str, int] = Field(default_factory=dict)
    #: The language the text is in.
    language: str = "en"
    #: Module id -> what of it is not translated into ``language``.
    untranslated: dict[str, Untranslated] = Field(default_factory=dict)
    #: Glossary terms (by position) not translated into ``language``.
    untranslated_terms: frozenset[int] = frozenset()

    def modules_in(self, section_id: str) -> list[Module]:
        found = [m for m in self.modules if m.section == section_id]
        return sorted(found, key=lambda m: (m.order is None, m.order or 0, m.title.lower()))
