"""toolkit.yml: the toolkit's title, languages, sections, audiences, frameworks, process and
publisher, and the overlay a localized copy lays over it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .fields import Colour, Email, Key, LanguageCode, LinkTarget, Markdown, Phone, Slug, Strict, Text, WebAddress


class Section(Strict):
    """A part of the toolkit that groups modules; its modules live in `modules/<id>/`."""

    id: Slug = Field(
        description="The section's key: lower-case letters, digits and dashes. Modules of this section go in "
                    "`modules/<id>/`.")
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

    key: Slug = Field(
        description="The component's key, used in tags (`chime:hope`), framework tables and the address of its "
                    "topic page: lower-case letters, digits and dashes. Numbers are allowed.")
    label: Text = Field(description="The component's name as readers see it.")
    description: Text | None = Field(None, description="What the component means, in one or two sentences.")


class Framework(Strict):
    """A framework the toolkit refers to, declared as data (CHIME, the six dimensions of the Guidelines...)."""

    id: Slug = Field(description="The framework's key, used in `framework:` blocks and tags (`chime:hope`).")
    title: Text = Field(description="The framework's full name.")
    short_title: Text | None = Field(None, description='A short name used in labels and tags ("CHIME").')
    description: Text | None = Field(None, description="What the framework is, in one or two sentences.")
    component_label: Text | None = Field(None,
        description='Column heading for the components in a framework table ("Recovery component"; default: '
                    '"Component" in the page\'s language).')
    themes_label: Text | None = Field(None,
        description='Column heading for the themes in a framework table ("Suggested themes"; default: "Themes" '
                    "in the page's language).")
    item_name: Text | None = Field(None,
        description='How one component is called when cited ("dimension" gives "dimensions 3 and 5"; default: '
                    '"component" in the page\'s language).')
    item_name_plural: Text | None = Field(None, description="Plural of `item_name`, when adding an s is wrong.")
    maps_to: Slug | None = Field(None,
        description="Another framework whose components this one's components map to.")
    mapped_label: Text | None = Field(None,
        description='Heading of the column listing this framework\'s components in another framework\'s table '
                    '("Guidelines dimensions").')
    centre: Text | None = Field(None,
        description='What the components surround in the framework\'s figure ("Personal recovery").')
    cites: list[Key] = Field(default_factory=list,
        description="Keys of references.yml entries that describe the framework.")
    components: list[Component] = Field(min_length=1, description="The framework's components, in order.")

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)


class Part(Strict):
    """A stage of the process (setting up the team, the series of meetings, coaching), with its meetings in order."""

    id: Slug = Field(
        description="The part's key: its anchor on the process page; a translation repeats it to show which part "
                    "it translates.")
    title: Text = Field(description='The part\'s title ("Setting up the implementation team").')
    summary: Text | None = Field(None, description="One or two sentences on what the team does in this part.")
    meetings: list[Slug] = Field(default_factory=list,
        description="Ids of the modules run as this part's meetings, in order; each module has a `meeting` block. "
                    "Meetings are numbered across the whole process.")


class Cadence(Strict):
    """How often a team usually meets: the schedule on the process page starts from it, and the facilitator
    can change it there."""

    every: int = Field(ge=1, le=52, description="How many days, weeks or months from one meeting to the next.")
    unit: Literal["day", "week", "month"] = Field("week", description="`day`, `week` or `month`.")


class Process(Strict):
    """How a team works through the toolkit: parts in order, each with its numbered meetings. The milestones of
    the meetings, in order, make the team's action plan."""

    title: Text | None = Field(None,
        description='Heading of the process page and of the process on the home page (default: "The process").')
    intro: Markdown | None = Field(None,
        description="What the process is and how to use it, shown at the top of the process page (Markdown).")
    parts: list[Part] = Field(min_length=1, description="The parts of the process, in order.")
    cadence: Cadence | None = Field(None,
        description="How often the team meets (e.g. `{every: 2, unit: week}`); the schedule on the process page "
                    "starts from it (default: every 2 weeks).")

    def meeting_ids(self) -> list[str]:
        return [module_id for part in self.parts for module_id in part.meetings]


class Link(Strict):
    """A link in the footer of every page."""

    label: Text = Field(description="The link's text.")
    url: LinkTarget = Field(
        description="Where it leads: a web address, `mailto:` or `tel:`.")


class Organization(Strict):
    """Who publishes this copy of the toolkit; shown in the footer of every page."""

    name: Text = Field(description="The organization's name.")
    url: WebAddress | None = Field(None,
        description="Its website, starting with https://.")
    contact: Text | None = Field(None,
        description='Who to contact about this toolkit, in words ("Recovery education team").')
    email: Email | None = Field(None,
        description="Contact e-mail address.")
    phone: Phone | None = Field(None,
        description="Contact telephone number.")
    links: list[Link] = Field(default_factory=list, description="Links shown in the footer of every page.")
    report_issues: WebAddress | None = Field(None,
        description="Shows \"Report a problem with this page\" on every page, leading to this address of a new "
                    "issue (e.g. https://github.com/ORG/REPO/issues/new), filled in with the page's title and address.")
    report_email: Email | None = Field(None,
        description="Shows \"Report a problem with this page\" on every page as an e-mail to this address, its "
                    "subject and text filled in with the page's title and address (when there is no report_issues).")


class Accessibility(Strict):
    """The accessibility statement, a page of the site in every language (`accessibility/`)."""

    standard: Text | None = Field(None,
        description="The standard the site is tested to; leave out for WCAG 2.2 at level AA.")
    testing: Markdown | None = Field(None,
        description="How the site is tested (Markdown); leave out for the tests every toolkit-builder site passes.")
    limits: list[Markdown] = Field(default_factory=list,
        description="What is known not to meet the standard yet, and what to do meanwhile, one text each (Markdown).")
    contact: Email | None = Field(None,
        description="Who to tell about a problem; leave out for the organization's e-mail address.")
    reviewed: Text | None = Field(None, description="When the statement was last reviewed (\"March 2026\").")


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
    language: LanguageCode = Field("en", description="Language code of the content (`en`, `fr`).")
    languages: list[LanguageCode] = Field(default_factory=lambda: ["en"],
        description="Every language the toolkit is published in.")
    sections: list[Section] = Field(min_length=1,
        description="The toolkit's sections, in the order of the navigation.")
    audiences: list[Audience] = Field(default_factory=list,
        description="The groups of people modules are written for.")
    frameworks: list[Framework] = Field(default_factory=list,
        description="Frameworks that modules refer to in tables and tags.")
    process: Process | None = Field(None,
        description="The order in which a team works through the toolkit: parts and numbered meetings. Leave out "
                    "for a toolkit read in any order.")
    organization: Organization | None = Field(None,
        description="Who publishes this copy of the toolkit (shown in the footer).")
    branding: Branding | None = Field(None, description="Colours of this copy (checked for contrast).")
    accessibility: Accessibility | None = Field(None,
        description="The accessibility statement page: the standard, how it is tested, known limits, a contact.")

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)


class ToolkitOverlay(Strict):
    """`toolkit.yml` of a localized copy: what it changes in the upstream toolkit.

    Sections, audiences and frameworks with an upstream id replace the upstream entry;
    new ids are added (sections after the upstream ones, in the order given). A process
    replaces the upstream one whole.
    """

    title: Text | None = Field(None, description="Replaces the upstream toolkit's title.")
    short_title: Text | None = Field(None, description="Replaces the upstream toolkit's short title.")
    description: Markdown | None = Field(None,
        description="Replaces what the home page says the toolkit is for (Markdown).")
    about: Markdown | None = Field(None, description="Replaces the home page's text about the toolkit (Markdown).")
    language: LanguageCode | None = Field(None, description="The copy's default language, if not the upstream's.")
    languages: list[LanguageCode] | None = Field(None,
        description="Every language this copy is published in (replaces the upstream list).")
    sections: list[Section] = Field(default_factory=list,
        description="Sections of this copy: an upstream id replaces that section's title and summary; new ids "
                    "come after the upstream sections.")
    audiences: list[Audience] = Field(default_factory=list,
        description="Audiences: an upstream id replaces that audience; new ids are added.")
    frameworks: list[Framework] = Field(default_factory=list,
        description="Frameworks: an upstream id replaces that framework; new ids are added.")
    process: Process | None = Field(None, description="Replaces the upstream process as a whole.")
    organization: Organization | None = Field(None,
        description="Who publishes this copy of the toolkit (shown in the footer).")
    branding: Branding | None = Field(None, description="Colours of this copy (checked for contrast).")
    accessibility: Accessibility | None = Field(None,
        description="Replaces the upstream accessibility statement as a whole.")
    hide: list[Slug] = Field(default_factory=list, description="Ids of upstream modules this copy does not publish.")

    def apply(self, toolkit: Toolkit) -> Toolkit:
        update = {name: getattr(self, name) for name in ("title", "short_title", "description", "about", "language",
                                                          "languages", "process", "organization", "branding",
                                                          "accessibility")
                  if getattr(self, name) is not None}
        for name in ("sections", "audiences", "frameworks"):
            ours = {item.id: item for item in getattr(self, name)}
            merged = [ours.pop(item.id, item) for item in getattr(toolkit, name)]
            update[name] = merged + list(ours.values())
        return toolkit.model_copy(update=update)
