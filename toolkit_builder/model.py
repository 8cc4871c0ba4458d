"""Typed content model of a toolkit.

Everything a content editor writes in YAML is validated against these classes.
Text that a translation will carry is typed ``Text`` (or ``Markdown`` for
multi-paragraph text); every other field is structure and stays the same in
every language.

Adding a block type means: one class here, one entry in ``BLOCK_TYPES`` and one
template in ``templates/blocks/<type>.html.j2``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints


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


class Strict(BaseModel):
    """Base for every content class: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- toolkit.yml


class Section(Strict):
    id: Slug
    title: Text
    summary: Text | None = None


class Audience(Strict):
    id: Slug
    label: Text
    description: Text | None = None
    #: Ids of the modules this audience should read first, in order (the home page's
    #: "where to start").
    start: list[Slug] = Field(default_factory=list)


class Component(Strict):
    key: Key
    label: Text
    description: Text | None = None


class Framework(Strict):
    id: Slug
    title: Text
    short_title: Text | None = None
    description: Text | None = None
    #: Column heading for the components in a framework table ("Recovery component").
    component_label: Text = "Component"
    #: Column heading for the themes in a framework table ("Suggested themes").
    themes_label: Text = "Themes"
    #: How one component is called when cited ("dimension" gives "dimensions 3 and 5").
    item_name: Text = "component"
    item_name_plural: Text | None = None
    #: Another framework whose components this one's components map to.
    maps_to: Slug | None = None
    #: Heading of the column listing this framework's components in another framework's
    #: table ("Guidelines dimensions").
    mapped_label: Text | None = None
    #: What the components surround in the framework's figure ("Personal recovery").
    centre: Text | None = None
    cites: list[Key] = Field(default_factory=list)
    components: list[Component] = Field(min_length=1)

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)


class Link(Strict):
    label: Text
    url: Annotated[str, StringConstraints(pattern=r"^(https?://|mailto:|tel:)\S+$")]


class Organization(Strict):
    """Who publishes this copy of the toolkit; shown in the footer of every page."""

    name: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    contact: Text | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None
    phone: Annotated[str, StringConstraints(min_length=3)] | None = None
    links: list[Link] = Field(default_factory=list)


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Branding(Strict):
    """Colours of a localized copy; checked for contrast before they are used."""

    #: Header and button colour; white text sits on it.
    primary: Colour | None = None
    #: Colour of links and highlights on the white page.
    accent: Colour | None = None


class Toolkit(Strict):
    title: Text
    short_title: Text | None = None
    description: Markdown | None = None
    #: What the toolkit is and how to use it, for the home page.
    about: Markdown | None = None
    language: Slug = "en"
    languages: list[Slug] = Field(default_factory=lambda: ["en"])
    sections: list[Section] = Field(min_length=1)
    audiences: list[Audience] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
    organization: Organization | None = None
    branding: Branding | None = None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)


# --------------------------------------------------------------------------- references.yml, glossary.yml


class Reference(Strict):
    #: As printed in the reference list: "Leamy, M., Bird, V., & Slade, M." Left out when
    #: the source does not name them: the title then leads, as APA style does.
    authors: Text | None = None
    #: Left out when the source gives no date ("n.d." is printed).
    year: int | None = None
    title: Text
    #: What kind of work, when it is not an article or a book ("Oral presentation").
    description: Text | None = None
    #: Journal, book or publisher the work appeared in.
    container: Text | None = None
    publisher: Text | None = None
    volume: Key | None = None
    issue: Key | None = None
    pages: Key | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    #: Language the work is written in; marked on the page when it differs from the page's.
    language: Slug = "en"
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class GlossaryTerm(Strict):
    term: Text
    #: Expansion shown on hover for abbreviations (PWLE -> people with lived ...).
    expansion: Text | None = None
    definition: Markdown
    see_also: list[Text] = Field(default_factory=list)


class Glossary(Strict):
    terms: list[GlossaryTerm] = Field(default_factory=list)


# --------------------------------------------------------------------------- blocks


class BaseBlock(Strict):
    #: Anchor of the block on its page; also the stable key a translation refers to.
    id: Slug | None = None
    heading: Text | None = None
    cites: list[Key] = Field(default_factory=list)
    #: Framework tags, written `framework:component` (e.g. `chime:hope`, `guidelines:1`).
    tags: list[Key] = Field(default_factory=list)


class ProseBlock(BaseBlock):
    type: Literal["prose"]
    text: Markdown


class ListBlock(BaseBlock):
    type: Literal["list"]
    intro: Markdown | None = None
    ordered: bool = False
    items: list[Text] = Field(min_length=1)
    outro: Markdown | None = None


class CalloutBlock(BaseBlock):
    type: Literal["callout"]
    kind: Literal["note", "tip", "important", "warning", "example"] = "note"
    title: Text | None = None
    text: Markdown


class ContrastBlock(BaseBlock):
    type: Literal["contrast"]
    intro: Markdown | None = None
    left: Text
    right: Text
    rows: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] = Field(min_length=1)


class FrameworkEntry(Strict):
    key: Key
    #: Overrides the component's label from toolkit.yml for this table.
    label: Text | None = None
    themes: list[Text] = Field(min_length=1)
    #: Keys of the components of the framework this one maps to (guideline dimensions).
    maps_to: list[Key] = Field(default_factory=list)
    cites: list[Key] = Field(default_factory=list)


class FrameworkBlock(BaseBlock):
    type: Literal["framework"]
    framework: Slug
    intro: Markdown | None = None
    components: list[FrameworkEntry] = Field(min_length=1)
    outro: Markdown | None = None
    #: Show the framework's figure (its components around its centre) above the table.
    figure: bool = False


class Question(Strict):
    text: Text
    tags: list[Key] = Field(default_factory=list)


class QuestionGroup(Strict):
    heading: Text | None = None
    intro: Markdown | None = None
    audience: list[Slug] = Field(default_factory=list)
    questions: list[Question] = Field(min_length=1)


class QuestionsBlock(BaseBlock):
    type: Literal["questions"]
    intro: Markdown | None = None
    groups: list[QuestionGroup] = Field(min_length=1)
    outro: Markdown | None = None


class Consideration(Strict):
    title: Text | None = None
    text: Markdown
    cites: list[Key] = Field(default_factory=list)


class ConsiderationsBlock(BaseBlock):
    type: Literal["considerations"]
    intro: Markdown | None = None
    items: list[Consideration] = Field(min_length=1)
    outro: Markdown | None = None


class LogicModelRow(Strict):
    input: Text
    output: Text
    co_production: Text
    #: Left out on a row, the outcome of the row above spans it too.
    outcome: Text | None = None


class LogicModelBlock(BaseBlock):
    type: Literal["logic_model"]
    intro: Markdown | None = None
    labels: dict[Literal["input", "output", "co_production", "outcome"], Text] = Field(default_factory=dict)
    rows: list[LogicModelRow] = Field(min_length=1)
    #: Draw the table as a flow figure: boxes joined by arrows, input to outcome.
    figure: bool = False


class FactSheetBlock(BaseBlock):
    """A plain-language summary of one piece of research, with its full citation."""

    type: Literal["fact_sheet"]
    #: Key of the work in references.yml.
    reference: Key
    studied: Markdown
    participants: Markdown
    method: Markdown
    findings: list[Text] = Field(min_length=1)
    implications: list[Text] = Field(min_length=1)
    #: What to keep in mind when using the findings (a small sample, one site...).
    limits: Markdown | None = None


Minutes = Annotated[int, Field(ge=1, le=1440)]


class AgendaItem(Strict):
    title: Text
    minutes: Minutes
    details: Markdown | None = None
    #: Who leads this part ("Co-facilitators", "A peer support worker").
    lead: Text | None = None


class Handout(Strict):
    title: Text
    #: A module of the toolkit to print for it, and optionally a block of that module.
    module: Slug | None = None
    block: Slug | None = None
    note: Text | None = None


class MeetingBlock(BaseBlock):
    """A meeting plan in the Walk the Talk style: why, what to prepare, and the agenda."""

    type: Literal["meeting"]
    purpose: Markdown
    #: Who takes part.
    participants: Text | None = None
    preparation_minutes: Minutes
    #: What the team has achieved when the meeting is done.
    milestone: Text
    agenda: list[AgendaItem] = Field(min_length=1)
    materials: list[Text] = Field(default_factory=list)
    handouts: list[Handout] = Field(default_factory=list)
    tips: list[Text] = Field(default_factory=list)
    notes: Markdown | None = None


#: A file inside the content folder: segments of letters, digits, dots, dashes and
#: underscores, none starting with a dot (so no `..`), no leading slash, no scheme.
MEDIA_PATH_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$"
MediaPath = Annotated[str, StringConstraints(pattern=MEDIA_PATH_PATTERN)]


class CaptionTrack(Strict):
    #: A WebVTT (.vtt) file, relative to the content folder.
    file: MediaPath
    language: Slug
    #: Name of the track in the player's menu (default: the language's name).
    label: Text | None = None


class MediaBlock(BaseBlock):
    """A video, always with captions and a transcript."""

    type: Literal["media"]
    #: The video file (.mp4, .webm), relative to the content folder.
    video: MediaPath
    captions: list[CaptionTrack] = Field(min_length=1)
    transcript: Markdown
    #: Language spoken in the video (default: the toolkit's).
    language: Slug | None = None
    poster: MediaPath | None = None
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
    id: Slug
    title: Text
    section: Slug
    summary: Text | None = None
    audience: list[Slug] = Field(default_factory=list)
    #: Position within its section; modules without one follow, by title.
    order: int | None = None
    cites: list[Key] = Field(default_factory=list)
    #: Framework tags of the whole module (`chime:hope`, `guidelines:6`), for the cross-index.
    tags: list[Key] = Field(default_factory=list)
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
