"""Render a loaded toolkit into finished HTML pages through Jinja templates.

Each page is HTML, with its headings (``headings.Headings``: ids, permalinks) listed as its
table of contents; no Markdown runs over a page after it is made, so content texts are
converted once, here. Nothing here knows about MkDocs: the output is a list of ``Page``
objects and a nav structure.

Templates are looked up first in the project's override folder
(``overrides/toolkit/`` by default), then beside each block type, then in ``templates/``.
"""

from __future__ import annotations

from contextlib import contextmanager
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Callable, Iterator
from xml.etree import ElementTree as etree

import markdown
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    FunctionLoader,
    PackageLoader,
    StrictUndefined,
)
from markdown.extensions.smarty import SmartyExtension
from markupsafe import Markup, escape

from ..blocks import BLOCK_TYPES, BaseBlock
from ..i18n import text_direction
from ..model import Framework, Part, Section
from ..project import Module, Project, Step, Untranslated
from ..site import SitePlan
from ..site.paths import ACTION_PLAN, MEETING_PRINTS, PROCESS, meeting_print_path, module_path, pdf_path, term_anchor
from .citations import Citations, format_reference
from .compiled import COMPILED
from .extensions import ContentText, GlossaryIndex, NoRawHtml, resolve
from .helpers import template_helpers
from .labels import LanguageName, display_name, labels
from .markdown import APOSTROPHE, PLAIN_TEXT, interface_text, one_line, plain, sanitize, tidy
from .page import Headings, Page
from .typography import finalizer, typography
from .urls import relative_url
from .words import item_names

#: How many modules of each section the home page lists (the section's page lists them all): the
#: home page then weighs the same however many modules a section has.
HOME_MODULES = 10



def _dir_attribute(language: str, other: str) -> Markup:
    """` dir="..."` for text in ``language`` placed in text in ``other``, when their directions differ."""
    direction = text_direction(language)
    return Markup(f' dir="{direction}"') if direction != text_direction(other) else Markup("")

class Renderer:
    def __init__(self, project: Project, overrides: str | Path | None = None, translations: Any = None,
                 directory_urls: bool = True, pdf: bool = False):
        self.project = project
        self.translations = translations or NullTranslations()
        self.gettext = self.translations.gettext
        self.directory_urls = directory_urls
        #: Whether the site has PDFs (`toolkit build --pdf`): pages then link to them.
        self.pdf = pdf
        #: The site's plan, when the whole site is rendered (``render_site``).
        self.plan: SitePlan | None = None
        #: Module id -> its place in the process, for the meetings of the process.
        self.steps: dict[str, Step] = {step.module.id: step for step in project.steps()}
        #: Source path of the page being rendered; links in block HTML are made relative to it.
        self._page = "index.md"
        #: Page that content texts being rendered were written for, when not the page being
        #: rendered (a block in a handouts package): their Markdown links are relative to it.
        self._text_page: str | None = None
        self._abbrs = 0
        #: The headings of the page being rendered (its table of contents).
        self.headings = Headings(finalize=finalizer(project.language))
        loaders: list[BaseLoader] = []
        if overrides and Path(overrides).is_dir():
            loaders.append(FileSystemLoader(str(overrides)))
        # `blocks/<type>.html.j2` is the template beside the block type's module.
        loaders.append(FunctionLoader(_block_template))
        loaders.append(PackageLoader("toolkit_builder.core.render", "templates"))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            extensions=["jinja2.ext.i18n"],
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=COMPILED,
        )
        # Every value a template writes is set by the typography of the page's language.
        self.env.finalize = finalizer(project.language)
        # Jinja marks what gettext returns as safe HTML; interface_text makes it so. (The method is
        # added to the environment by the jinja2.ext.i18n extension, which Jinja's type hints cannot express.)
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=lambda message: interface_text(self.translations.gettext(message)),
            ngettext=lambda singular, plural, n: interface_text(self.translations.ngettext(singular, plural, n)),
            newstyle=True)
        # What fills a placeholder is content: a label too (escaped, one line), unless a
        # filter already made it HTML (md_inline, plain...).
        self.env.globals.update(_=self._gettext, gettext=self._gettext, ngettext=self._ngettext)
        # One pattern for every abbreviation, built once; texts with one need the Markdown converter
        # to get their hint.
        self._glossary = GlossaryIndex({t.term: t.expansion for t in project.glossary if t.expansion})
        self._md = markdown.Markdown(extensions=[NoRawHtml(), "smarty", ContentText(self, self._glossary)])
        if (rules := typography(project.language)) and rules.quotes:  # smarty's quotes, the language's
            self._md.registerExtensions([SmartyExtension(substitutions=rules.smarty)], {})
        self._citations: Citations | None = None
        self.env.filters.update(md=self.markdown_block, md_inline=self.markdown_inline,
                                reference=lambda r: format_reference(r, self.gettext),
                                plain=plain, md_span=self.markdown_span)
        self.env.globals.update(
            toolkit=project.toolkit,
            cite=self.cite,
            sources=self.sources,
            component_label=self.component_label,
            mapping_label=self.mapping_label,
            tag_label=self.tag_label,
            audience_label=self.audience_label,
            language=project.language,
            heading=self.headings,
            default_language=project.toolkit.language,
            # Where a page's text and the default language's run in opposite directions (an Arabic
            # page showing an untranslated English block), each part says its own: `dir` beside `lang`.
            default_dir=_dir_attribute(project.toolkit.language, project.language),
            page_dir=_dir_attribute(project.language, project.toolkit.language),
            dir_of=lambda code: _dir_attribute(code, project.language),
            language_name=self.language_name,
            process_page=PROCESS,
            action_plan_page=ACTION_PLAN,
        )
        self.env.globals.update(template_helpers(project, self.gettext, self.translations.ngettext, self.link))

    # ------------------------------------------------------------------ interface strings

    def _gettext(self, message: str, **variables: Any) -> Markup:
        translation = self.translations.gettext(message)
        return interface_text(translation) % labels(variables, translation != message)

    def _ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        translation = self.translations.ngettext(singular, plural, n)
        return interface_text(translation) % labels(variables, translation not in (singular, plural))

    # ------------------------------------------------------------------ links

    def start_page(self, path: str) -> None:
        """Set the page being rendered: links are relative to it, tooltip ids restart."""
        self._page = path
        self._abbrs = 0
        self.headings.start(self.gettext("Permanent link"))

    def page(self, path: str, title: str, text: str, source: str | None = None, module_id: str | None = None,
             kind: str | None = None, in_nav: bool = True) -> Page:
        """The page made from ``text`` (the HTML its template rendered), with the headings written since
        ``start_page``."""
        return Page(path, title, tidy(text), source, module_id, kind, in_nav, tuple(self.headings.found))

    def next_abbr(self) -> int:
        self._abbrs += 1
        return self._abbrs

    def link(self, to_path: str, anchor: str | None = None) -> str:
        """Relative link from the page being rendered to another page or file of the site."""
        return relative_url(self._page, to_path, anchor, self.directory_urls)

    def glossary_link(self, term: str) -> str:
        return self.link("glossary.md", term_anchor(term))

    @contextmanager
    def texts_of(self, module: Module | None) -> Iterator[None]:
        """While the block runs, content texts are ``module``'s: their links are relative to its page."""
        before = self._text_page
        self._text_page = module_path(module.section, module.id) if module else before
        try:
            yield
        finally:
            self._text_page = before

    def page_link(self, target: str, anchor: str | None) -> str:
        """A link written as in MkDocs, relative to the Markdown file of the text's page
        (`../education/x.md#block`), to where that page is served."""
        return self.link(resolve(self._text_page or self._page, target), anchor)

    def citation(self, key: str) -> etree.Element | None:
        """The numbered marker of a citation in a text (nothing outside a page with notes)."""
        return self._citations.element(key) if self._citations is not None else None

    # ------------------------------------------------------------------ text

    def _convert(self, text: str) -> str:
        self._md.reset()
        # The one conversion of a content text: the page it goes into is finished HTML.
        return sanitize(self._md.convert(text))

    def markdown_block(self, text: str | None, of: Module | None = None) -> Markup:
        """A text as HTML; ``of``: the module the text belongs to, when it is shown on another page."""
        if not text:
            return Markup("")
        with self.texts_of(of):
            return Markup(self._convert(text))

    def markdown_inline(self, text: str | None, of: Module | None = None) -> Markup:
        if not text:
            return Markup("")
        if of is not None:
            with self.texts_of(of):
                return self.markdown_inline(text)
        if PLAIN_TEXT.fullmatch(text) and not self._glossary.search(text):
            # Most one-line texts hold no Markdown at all: converting them would only cost time.
            return Markup(APOSTROPHE.sub("\u2019", str(escape(text))))
        html = self._convert(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def markdown_span(self, text: str | None) -> Markup:
        """Inline Markdown for a place inside a line of the page (a list item, a sentence): one line."""
        return self.markdown_inline(one_line(text) if text else text)

    def cite(self, key: str) -> Markup:
        if self._citations is None:  # text outside a page with notes (home, section pages)
            return Markup("")
        return self._citations.cite(key)

    @contextmanager
    def citations(self) -> Iterator[Citations]:
        """Numbered notes for the page being rendered, while the block runs."""
        self._citations = Citations(self.project.references, self.gettext)
        try:
            yield self._citations
        finally:
            self._citations = None

    def sources(self, keys: list[str]) -> Markup:
        if not keys or self._citations is None:
            return Markup("")
        markers = Markup("").join(self.cite(k) for k in keys)
        return Markup('<p class="tk-sources">{} {}</p>').format(interface_text(self.gettext("Sources:")), markers)

    # ------------------------------------------------------------------ labels

    def component_label(self, framework: Framework, key: str, override: str | None = None) -> str:
        component = framework.component(key)
        return override or (component.label if component else key)

    def mapping_label(self, framework: Framework) -> str:
        target = self.project.toolkit.framework(framework.maps_to) if framework.maps_to else None
        if target is None:
            return ""
        if target.mapped_label:
            return target.mapped_label
        plural = item_names(target, self.gettext)[1]
        return self.gettext("%(framework)s %(items)s") % {"framework": target.short_title or target.title,
                                                          "items": plural}

    def tag_label(self, tag: str) -> str:
        framework_id, _, key = tag.partition(":")
        framework = self.project.toolkit.framework(framework_id)
        if framework is None:
            return tag
        component = framework.component(key)
        name = framework.short_title or framework.title
        if component is not None and component.key.isdigit():  # numbered, like the Guidelines' dimensions
            item = item_names(framework, self.gettext)[0]
            return self.gettext("%(framework)s %(item)s %(key)s") % {"framework": name, "item": item, "key": key}
        return f"{name}: {component.label if component else key}"

    def language_name(self, code: str) -> LanguageName:
        """The name of a language in the page's language ("anglais" on a French page)."""
        return LanguageName(display_name(code, self.project.language), code)

    def audience_label(self, audience_id: str) -> str:
        audience = self.project.toolkit.audience(audience_id)
        return audience.label if audience else audience_id

    # ------------------------------------------------------------------ pages

    def render_block(self, block: BaseBlock, level: int = 2) -> Markup:
        template = self.env.get_template(f"blocks/{block.type}.html.j2")
        html = template.render(block=block, level=level, **block.template_context(self.project.toolkit))
        return Markup(html if html.endswith("\n") else html + "\n")

    def render_module(self, module: Module) -> Page:
        self.start_page(module_path(module.section, module.id))
        untranslated = self.project.untranslated.get(module.id, Untranslated())
        with self.citations() as citations:
            blocks = [
                {
                    "block": b,
                    "html": self.render_block(b, 3 if b.heading else 2),
                    "untranslated": i in untranslated.blocks,
                }
                for i, b in enumerate(module.blocks)
            ]
            module_sources = self.sources(module.cites)
            text = self.env.get_template("module.html.j2").render(
                module=module,
                section=self.project.toolkit.section(module.section),
                blocks=blocks,
                module_sources=module_sources,
                untranslated=untranslated,
                step=self.steps.get(module.id),
                prints=self.meeting_prints(module) if module.meeting() else None,
                notes=citations.notes(),
            )
        return self.page(module_path(module.section, module.id), module.title, text, self.project.sources.get(module.id),
                         module.id, "module")

    def meeting_prints(self, module: Module) -> dict[str, dict[str, str | None]]:
        """Links to a meeting's facilitator guide and handouts, each with its PDF when the site has PDFs,
        and then to the meeting pack (a PDF only: the guide and the handouts in one print)."""
        prints: dict[str, dict[str, str | None]] = {
            kind: {"page": self.link(meeting_print_path(module.section, module.id, kind)),
                   "pdf": self.link(pdf_path(module.id, kind)) if self.pdf else None}
            for kind in MEETING_PRINTS}
        if self.pdf:
            prints["meeting-pack"] = {"page": None, "pdf": self.link(pdf_path(module.id, "meeting-pack"))}  # paths.MEETING_PACK
        return prints

    def process_parts(self) -> list[tuple[int, Part, list[Step]]]:
        """(part number, part, its published meetings) of the process, in order; none without a process."""
        process = self.project.toolkit.process
        if process is None:
            return []
        return [(n, part, [s for s in self.steps.values() if s.part is part])
                for n, part in enumerate(process.parts, start=1)]

    def render_home(self) -> Page:
        self.start_page("index.md")
        sections = [(s, self.project.modules_in(s.id)) for s in self.project.toolkit.sections]
        published = {m.id: m for m in self.project.modules}
        starts = [(a, [published[i] for i in a.start if i in published]) for a in self.project.toolkit.audiences]
        text = self.env.get_template("home.html.j2").render(sections=sections, starts=starts,
                                                          topics=bool(self.project.toolkit.frameworks),
                                                          process=self.project.toolkit.process,
                                                          parts=self.process_parts(), home_modules=HOME_MODULES)
        return self.page("index.md", self.project.toolkit.title, text)

    def render_section(self, section: Section) -> Page:
        self.start_page(f"{section.id}/index.md")
        text = self.env.get_template("section.html.j2").render(
            section=section, modules=self.project.modules_in(section.id)
        )
        return self.page(f"{section.id}/index.md", section.title, text)

    def render_references(self) -> Page:
        self.start_page("references.md")
        references = sorted(self.project.references.items(),
                            key=lambda kv: ((kv[1].authors or kv[1].title).lower(), kv[1].year or 0))
        text = self.env.get_template("references.html.j2").render(references=references)
        return self.page("references.md", self.gettext("References"), text)

    def render_glossary(self) -> Page:
        self.start_page("glossary.md")
        terms = sorted(self.project.glossary, key=lambda t: t.term.lower())
        untranslated = {self.project.glossary[i].term for i in self.project.untranslated_terms}
        text = self.env.get_template("glossary.html.j2").render(terms=terms, anchor=term_anchor,
                                                               untranslated=untranslated)
        return self.page("glossary.md", self.gettext("Glossary"), text)


def _block_template(name: str) -> tuple[str, str, Callable[[], bool]] | None:
    """The source of `blocks/<type>.html.j2`: the file beside the block type's module."""
    if not name.startswith("blocks/") or not name.endswith(".html.j2"):
        return None
    block_type = BLOCK_TYPES.get(name[len("blocks/"):-len(".html.j2")])
    if block_type is None:
        return None
    path = block_type.template_path()
    if not path.is_file():
        return None
    modified = path.stat().st_mtime
    return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == modified
