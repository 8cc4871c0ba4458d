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

    id: Slug = Field(
        description="The section's key: lower-case letters, digits and dashes. Modules of this section go in `modules/<id>/`.")
    title: Text = Field(description="The section's title, as shown in the navigation.")
    summary: Text | None = Field(None,
        description="One or two sentences shown on the home page and the section's page.")


class Audience(Strict):
    """A group of people the toolkit is written for (facilitators, families...)."""

    id: Slug = Field(description="The audience's key, used in a module's `audience:` list.")
    label: Text = Field(description="The audience's name as readers see it.")
    description: Text | None = Field(None, description="Who these people are, in one sentence.")
    start: list[Slug] = Field(default_factory=list,
        description='Ids of the modules this audience should read first, in order (the home page\'s "where to start").')


class Component(Strict):
    """One component of a framework (a CHIME process, a Guidelines dimension...)."""

    key: Key = Field(
        description="The component's key, used in tags (`chime:hope`) and framework tables. Numbers are allowed.")
    label: Text = Field(description="The component's name as readers see it.")
    description: Text | None = Field(None, description="What the component means, in one or two sentences.")


class Framework(Strict):
    """A framework the toolkit refers to, declared as data (CHIME, the six dimensions of the Guidelines...)."""

    id: Slug = Field(description="The framework's key, used in `framework:` blocks and tags (`chime:hope`).")
    title: Text = Field(description="The framework's full name.")
    short_title: Text | None = Field(None, description='A short name used in labels and tags ("CHIME").')
    description: Text | None = Field(None, description="What the framework is, in one or two sentences.")
    component_label: Text = Field("Component",
        description='Column heading for the components in a framework table ("Recovery component").')
    themes_label: Text = Field("Themes",
        description='Column heading for the themes in a framework table ("Suggested themes").')
    item_name: Text = Field("component",
        description='How one component is called when cited ("dimension" gives "dimensions 3 and 5").')
    item_name_plural: Text | None = Field(None, description="Plural of `item_name`, when adding an s is wrong.")
    maps_to: Slug | None = Field(None,
        description="Another framework whose components this one's components map to.")
    mapped_label: Text | None = Field(None,
        description='Heading of the column listing this framework\'s components in another framework\'s table ("Guidelines dimensions").')
    centre: Text | None = Field(None,
        description='What the components surround in the framework\'s figure ("Personal recovery").')
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries that describe the framework.")
    components: list[Component] = Field(min_length=1, description="The framework's components, in order.")

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)


class Link(Strict):
    """A link in the footer of every page."""

    label: Text = Field(description="The link's text.")
    url: Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:|tel:)\S+$")] = Field(
        description="Where it leads: a web address, `mailto:` or `tel:`.")


class Organization(Strict):
    """Who publishes this copy of the toolkit; shown in the footer of every page."""

    name: Text = Field(description="The organization's name.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(None,
        description="Its website, starting with https://.")
    contact: Text | None = Field(None,
        description='Who to contact about this toolkit, in words ("Recovery education team").')
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = Field(None,
        description="Contact e-mail address.")
    phone: Annotated[str, StringConstraints(min_length=3)] | None = Field(None,
        description="Contact telephone number.")
    links: list[Link] = Field(default_factory=list, description="Links shown in the footer of every page.")


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Branding(Strict):
    """Colours of a localized copy; checked for contrast before they are used."""

    primary: Colour | None = Field(None, description="Header and button colour; white text sits on it.")
    accent: Colour | None = Field(None, description="Colour of links and highlights on the white page.")


class Toolkit(Strict):
    """toolkit.yml: the toolkit's title, languages, sections in order, audiences and frameworks."""

    title: Text = Field(description="The toolkit's title, the heading of the home page.")
    short_title: Text | None = Field(None, description="A short form of the title.")
    description: Markdown | None = Field(None,
        description="What the toolkit is for, shown on the home page (Markdown).")
    about: Markdown | None = Field(None,
        description="What the toolkit is and how to use it, for the home page (Markdown).")
    language: Slug = Field("en", description="Language code of the content (`en`, `fr`).")
    languages: list[Slug] = Field(default_factory=lambda: ["en"],
        description="Every language the toolkit is published in.")
    sections: list[Section] = Field(min_length=1,
        description="The toolkit's sections, in the order of the navigation.")
    audiences: list[Audience] = Field(default_factory=list,
        description="The groups of people modules are written for.")
    frameworks: list[Framework] = Field(default_factory=list,
        description="Frameworks that modules refer to in tables and tags.")
    organization: Organization | None = Field(None,
        description="Who publishes this copy of the toolkit (shown in the footer).")
    branding: Branding | None = Field(None, description="Colours of this copy (checked for contrast).")

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)


# --------------------------------------------------------------------------- references.yml, glossary.yml


class Reference(Strict):
    """A work cited by the toolkit, keyed in references.yml and cited as `cites: [key]` or `[@key]`."""

    authors: Text | None = Field(None,
        description='As printed in the reference list: "Leamy, M., Bird, V., & Slade, M." Left out when the source does not name them: the title then leads, as APA style does.')
    year: int | None = Field(None, description='Left out when the source gives no date ("n.d." is printed).')
    title: Text = Field(description="Title of the work.")
    description: Text | None = Field(None,
        description='What kind of work, when it is not an article or a book ("Oral presentation").')
    container: Text | None = Field(None, description="Journal, book or publisher the work appeared in.")
    publisher: Text | None = Field(None, description="Publisher, for a book or report.")
    volume: Key | None = Field(None, description="Volume of the journal.")
    issue: Key | None = Field(None, description="Issue of the journal.")
    pages: Key | None = Field(None, description="Pages, e.g. 445-452.")
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = Field(None,
        description="The DOI alone, e.g. 10.1111/inm.12596 (no https://doi.org/).")
    language: Slug = Field("en",
        description="Language the work is written in; marked on the page when it differs from the page's.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(None,
        description="Web address of the work when it has no DOI, starting with https://.")

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class GlossaryTerm(Strict):
    """A term or abbreviation explained in the glossary; abbreviations get a hover hint on every page."""

    term: Text = Field(description="The term or abbreviation as written in texts (PWLE, Co-production).")
    expansion: Text | None = Field(None,
        description="Expansion shown on hover for abbreviations (PWLE -> people with lived ...).")
    definition: Markdown = Field(description="What the term means, in plain words (Markdown).")
    see_also: list[Text] = Field(default_factory=list, description="Other glossary terms related to this one.")


class Glossary(Strict):
    """glossary.yml: the terms and abbreviations a newcomer may stumble on."""

    terms: list[GlossaryTerm] = Field(default_factory=list,
        description="The terms, in any order (the glossary page sorts them).")


# --------------------------------------------------------------------------- blocks


class BaseBlock(Strict):
    id: Slug | None = Field(None,
        description="Anchor of the block on its page; also the stable key a translation refers to.")
    heading: Text | None = Field(None,
        description="The block's heading on the page; leave out for a block that continues the one above.")
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries this block draws on; they become numbered notes.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags, written `framework:component` (e.g. `chime:hope`, `guidelines:1`).")


class ProseBlock(BaseBlock):
    """Paragraphs of text (Markdown)."""

    type: Literal["prose"] = Field(description="The kind of block.")
    text: Markdown = Field(
        description="The text (Markdown): a blank line between paragraphs, **bold**, *italic*, [links](https://...) and [@key] citations.")


class ListBlock(BaseBlock):
    """A bulleted or numbered list, with an optional text before and after."""

    type: Literal["list"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the list (Markdown).")
    ordered: bool = Field(False, description="true for a numbered list, false for bullets.")
    items: list[Text] = Field(min_length=1, description="The items of the list, one text each.")
    outro: Markdown | None = Field(None, description="Text after the list (Markdown).")


class CalloutBlock(BaseBlock):
    """A boxed note, tip, important point, warning or example."""

    type: Literal["callout"] = Field(description="The kind of block.")
    kind: Literal["note", "tip", "important", "warning", "example"] = Field("note",
        description="How the box looks and what it says: note, tip, important, warning or example.")
    title: Text | None = Field(None, description="The box's title (optional).")
    text: Markdown = Field(description="The text in the box (Markdown).")


class ContrastBlock(BaseBlock):
    """A two-column table that compares two ideas row by row."""

    type: Literal["contrast"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the table (Markdown).")
    left: Text = Field(description="Heading of the left column.")
    right: Text = Field(description="Heading of the right column.")
    rows: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(min_length=1,
        description="The rows, each a pair: `- [left text, right text]`. Put a text containing a comma in quotes.")


class FrameworkEntry(Strict):
    """One row of a framework table: a component, its themes and what it maps to."""

    key: Key = Field(description="Key of a component of the block's framework, as declared in toolkit.yml.")
    label: Text | None = Field(None, description="Overrides the component's label from toolkit.yml for this table.")
    themes: list[Text] = Field(min_length=1, description="Themes for this component, one text each.")
    maps_to: list[Key] = Field(default_factory=list,
        description="Keys of the components of the framework this one maps to (guideline dimensions).")
    cites: list[Key] = Field(default_factory=list, description="Keys of references.yml entries for this row.")


class FrameworkBlock(BaseBlock):
    """A table of a framework's components with themes, e.g. CHIME mapped to the Guidelines dimensions."""

    type: Literal["framework"] = Field(description="The kind of block.")
    framework: Slug = Field(description="Id of a framework declared in toolkit.yml (e.g. chime).")
    intro: Markdown | None = Field(None, description="Text before the table (Markdown).")
    components: list[FrameworkEntry] = Field(min_length=1,
        description="The rows of the table: one entry per component.")
    outro: Markdown | None = Field(None, description="Text after the table (Markdown).")
    figure: bool = Field(False,
        description="Show the framework's figure (its components around its centre) above the table.")


class Question(Strict):
    """One question to ask."""

    text: Text = Field(description="The question.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags, written `framework:component` (e.g. `chime:hope`).")


class QuestionGroup(Strict):
    """Questions under one heading, for one or more audiences."""

    heading: Text | None = Field(None, description="Heading of the group.")
    intro: Markdown | None = Field(None, description="Text before the questions (Markdown).")
    audience: list[Slug] = Field(default_factory=list,
        description="Who these questions are for: ids from `audiences:` in toolkit.yml.")
    questions: list[Question] = Field(min_length=1, description="The questions of the group.")


class QuestionsBlock(BaseBlock):
    """Interview questions for co-production, in groups; printable as a worksheet."""

    type: Literal["questions"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the questions (Markdown).")
    groups: list[QuestionGroup] = Field(min_length=1, description="Groups of questions.")
    outro: Markdown | None = Field(None, description="Text after the questions (Markdown).")


class Consideration(Strict):
    """One implementation consideration."""

    title: Text | None = Field(None, description="A short title for the consideration.")
    text: Markdown = Field(description="The consideration (Markdown).")
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries for this consideration.")


class ConsiderationsBlock(BaseBlock):
    """Implementation considerations (leadership, job descriptions, recruitment...)."""

    type: Literal["considerations"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the considerations (Markdown).")
    items: list[Consideration] = Field(min_length=1, description="The considerations.")
    outro: Markdown | None = Field(None, description="Text after the considerations (Markdown).")


class LogicModelRow(Strict):
    """One row of a logic model."""

    input: Text = Field(description="What goes in (e.g. Education).")
    output: Text = Field(description="What it produces.")
    co_production: Text = Field(description="What people with lived experience bring to it.")
    outcome: Text | None = Field(None, description="Left out on a row, the outcome of the row above spans it too.")


class LogicModelBlock(BaseBlock):
    """A logic model table: input, output, co-production and outcome."""

    type: Literal["logic_model"] = Field(description="The kind of block.")
    intro: Markdown | None = Field(None, description="Text before the table (Markdown).")
    labels: dict[Literal["input", "output", "co_production", "outcome"], Text] = Field(default_factory=dict,
        description="Column headings that replace the defaults: input, output, co_production, outcome.")
    rows: list[LogicModelRow] = Field(min_length=1, description="The rows of the table.")
    figure: bool = Field(False,
        description="Draw the table as a flow figure: boxes joined by arrows, input to outcome.")


class FactSheetBlock(BaseBlock):
    """A plain-language summary of one piece of research, with its full citation."""

    type: Literal["fact_sheet"] = Field(description="The kind of block.")
    reference: Key = Field(description="Key of the work in references.yml.")
    studied: Markdown = Field(description="What was studied, and why, in plain words.")
    participants: Markdown = Field(description="Who took part (how many people, which roles, where).")
    method: Markdown = Field(description="How the study was done (interviews, a case study...).")
    findings: list[Text] = Field(min_length=1, description="What was found, one finding per item.")
    implications: list[Text] = Field(min_length=1,
        description="What the findings mean for practice, one point per item.")
    limits: Markdown | None = Field(None,
        description="What to keep in mind when using the findings (a small sample, one site...).")


Minutes = Annotated[int, Field(ge=1, le=1440)]


class AgendaItem(Strict):
    """One part of a meeting's agenda."""

    title: Text = Field(description="What happens in this part.")
    minutes: Minutes = Field(description="How long it takes, in minutes.")
    details: Markdown | None = Field(None, description="How to run it (Markdown).")
    lead: Text | None = Field(None, description='Who leads this part ("Co-facilitators", "A peer support worker").')


class Handout(Strict):
    """Something to print and bring to a meeting."""

    title: Text = Field(description="The handout's name.")
    module: Slug | None = Field(None,
        description="A module of the toolkit to print for it, and optionally a block of that module.")
    block: Slug | None = Field(None, description="Id of the block of that module to print (e.g. its questions).")
    note: Text | None = Field(None, description="How the handout is used.")


class MeetingBlock(BaseBlock):
    """A meeting plan in the Walk the Talk style: why, what to prepare, and the agenda."""

    type: Literal["meeting"] = Field(description="The kind of block.")
    purpose: Markdown = Field(description="Why the team meets (Markdown).")
    participants: Text | None = Field(None, description="Who takes part.")
    preparation_minutes: Minutes = Field(description="How long the facilitator needs to prepare, in minutes.")
    milestone: Text = Field(description="What the team has achieved when the meeting is done.")
    agenda: list[AgendaItem] = Field(min_length=1,
        description="The parts of the meeting, in order, with their timings.")
    materials: list[Text] = Field(default_factory=list, description="What to bring (flip chart, sticky notes...).")
    handouts: list[Handout] = Field(default_factory=list, description="What to print for the participants.")
    tips: list[Text] = Field(default_factory=list, description="Practical advice for the facilitator.")
    notes: Markdown | None = Field(None, description="Notes for the facilitator only (Markdown).")


#: A file inside the content folder: segments of letters, digits, dots, dashes and
#: underscores, none starting with a dot (so no `..`), no leading slash, no scheme.
MEDIA_PATH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$"
MediaPath = Annotated[str, StringConstraints(pattern=MEDIA_PATH_PATTERN)]


class CaptionTrack(Strict):
    file: MediaPath = Field(description="A WebVTT (.vtt) file, relative to the content folder.")
    language: Slug = Field(description="Language of the captions (`en`, `fr`).")
    label: Text | None = Field(None,
        description="Name of the track in the player's menu (default: the language's name).")


class MediaBlock(BaseBlock):
    """A video, always with captions and a transcript."""

    type: Literal["media"] = Field(description="The kind of block.")
    video: MediaPath = Field(description="The video file (.mp4, .webm), relative to the content folder.")
    captions: list[CaptionTrack] = Field(min_length=1,
        description="Captions files, at least one (required: people who cannot hear the video read them).")
    transcript: Markdown = Field(description="The full transcript (Markdown), shown under the video.")
    language: Slug | None = Field(None, description="Language spoken in the video (default: the toolkit's).")
    poster: MediaPath | None = Field(None,
        description="An image shown before the video plays, relative to the content folder.")
    description: Markdown | None = Field(None, description="What the video is about (Markdown).")


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

    id: Slug = Field(
        description="The module's key: the same as the file name without .yml; lower-case letters, digits and dashes.")
    title: Text = Field(description="The module's title, shown as the page heading and in the navigation.")
    section: Slug = Field(
        description="Id of the section the module belongs to (see `sections:` in toolkit.yml); also the folder it sits in.")
    summary: Text | None = Field(None,
        description="One sentence that tells a facilitator what the module is for; shown under the title and on the section's page.")
    audience: list[Slug] = Field(default_factory=list,
        description="Who the module is for: ids from `audiences:` in toolkit.yml.")
    order: int | None = Field(None, description="Position within its section; modules without one follow, by title.")
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries the whole module draws on.")
    tags: list[Key] = Field(default_factory=list,
        description="Framework tags of the whole module (`chime:hope`, `guidelines:6`), for the cross-index.")
    blocks: list[Block] = Field(min_length=1,
        description="The module's content, in order: each block starts with `- type:`.")


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
    hide: list[Slug] = Field(default_factory=list, description="Ids of upstream modules this copy does not publish.")

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

    whole: bool = Field(False, description="No translation file at all.")
    fields: frozenset[str] = frozenset()
    blocks: frozenset[int] = frozenset()


class Project(BaseModel):
    """Everything loaded from the content folders, cross-checked, in one language."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    toolkit: Toolkit
    references: dict[str, Reference]
    glossary: list[GlossaryTerm]
    modules: list[Module]
    sources: dict[str, str] = Field(
        description="Module id -> path of its YAML file, relative to the content folder it comes from.")
    layers: dict[str, int] = Field(default_factory=dict,
        description="Module id -> index of the content folder it comes from (0: upstream; last: this site's own).")
    language: str = Field("en", description="The language the text is in.")
    untranslated: dict[str, Untranslated] = Field(default_factory=dict,
        description="Module id -> what of it is not translated into ``language``.")
    untranslated_terms: frozenset[int] = Field(frozenset(),
        description="Glossary terms (by position) not translated into ``language``.")

    def modules_in(self, section_id: str) -> list[Module]:
        found = [m for m in self.modules if m.section == section_id]
        return sorted(found, key=lambda m: (m.order is None, m.order or 0, m.title.lower()))
