"""references.yml and glossary.yml: the works the toolkit cites and the terms it explains."""

from __future__ import annotations

from pydantic import Field

from .fields import Doi, Key, Markdown, Slug, Strict, Text, WebAddress


class Reference(Strict):
    """A work cited by the toolkit, keyed in references.yml and cited as `cites: [key]` or `[@key]`."""

    authors: Text | None = Field(None,
        description='As printed in the reference list: "Leamy, M., Bird, V., & Slade, M." Left out when the source '
                    'does not name them: the title then leads, as APA style does.')
    year: int | None = Field(None, description='Left out when the source gives no date ("n.d." is printed).')
    title: Text = Field(description="Title of the work.")
    description: Text | None = Field(None,
        description='What kind of work, when it is not an article or a book ("Oral presentation").')
    container: Text | None = Field(None, description="Journal, book or publisher the work appeared in.")
    publisher: Text | None = Field(None, description="Publisher, for a book or report.")
    volume: Key | None = Field(None, description="Volume of the journal.")
    issue: Key | None = Field(None, description="Issue of the journal.")
    pages: Key | None = Field(None, description="Pages, e.g. 445-452.")
    doi: Doi | None = Field(None,
        description="The DOI alone, e.g. 10.1111/inm.12596 (no https://doi.org/).")
    language: Slug = Field("en",
        description="Language the work is written in; marked on the page when it differs from the page's.")
    url: WebAddress | None = Field(None,
        description="Web address of the work when it has no DOI, starting with https://.")
    editors: str | None = Field(None,
        description="Remarks for the toolkit's editors, never published: what could not be checked, where a "
                    "detail comes from, what is missing and why. Kept in the YAML file for whoever edits it next.")

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
    editors: str | None = Field(None,
        description="Remarks for the toolkit's editors, never published (where the definition comes from, what "
                    "to check). Kept in the YAML file for whoever edits it next.")


class Glossary(Strict):
    """glossary.yml: the terms and abbreviations a newcomer may stumble on."""

    terms: list[GlossaryTerm] = Field(default_factory=list,
        description="The terms, in any order (the glossary page sorts them).")
