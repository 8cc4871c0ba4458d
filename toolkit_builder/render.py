"""Render a loaded toolkit into Markdown pages through Jinja templates.

Pages are Markdown (headings, so the site engine builds the table of contents and
search sections) with each block's body as HTML made by its template. Nothing here
knows about MkDocs: the output is a list of ``Page`` objects and a nav structure.

Templates are looked up first in the project's override folder
(``overrides/toolkit/`` by default), then in the package's ``templates/``.
"""

from __future__ import annotations

import posixpath
import html as html_lib
import re
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Callable

import markdown
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .blocks import install_helpers
from .crossindex import render_topics, topics_nav
from .loader import CITATION
from .model import BaseBlock, Framework, Module, Project, Reference, Untranslated
from .urls import relative_url

#: An inline citation with the space before it, so the marker sits against the word.
CITATION_IN_TEXT = re.compile(r"\s*" + CITATION.pattern)

#: A link from content text to another page, by its Markdown file: `../education/x.md#block`.
PAGE_LINK = re.compile(r'href="((?!/)[^":#?]+\.md)(#[^"]*)?"')

#: Schemes a link written in content may use; anything else is shown as text.
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#", "/", "./", "../")


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, and the content file it comes from."""

    path: str
    title: str
    markdown: str
    source: str | None = None
    #: Id of the module the page shows, if any.
    module_id: str | None = None


class Citations:
    """Numbers citations on one page in order of first use, and lists them at the end."""

    def __init__(self, references: dict[str, Reference], gettext: Callable[[str], str] = lambda s: s):
        self.references = references
        self.gettext = gettext
        self.order: list[str] = []
        self.uses: dict[str, list[str]] = {}

    def cite(self, key: str) -> Markup:
        if key not in self.order:
            self.order.append(key)
        number = self.order.index(key) + 1
        anchor = f"cite-{number}-{len(self.uses.setdefault(key, [])) + 1}"
        self.uses[key].append(anchor)
        label = self.gettext("Reference %(number)s") % {"number": number}
        return Markup('<sup class="tk-cite" id="{a}"><a href="#ref-{n}" aria-label="{label}">[{n}]</a></sup>').format(
            a=anchor, n=number, label=label
        )

    def notes(self) -> list[dict[str, Any]]:
        return [
            {"number": i + 1, "key": key, "reference": self.references[key], "uses": self.uses[key]}
            for i, key in enumerate(self.order)
        ]


class _NoRawHtml(markdown.Extension):
    """Content text may use Markdown, not raw HTML: HTML is shown as text, never run."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _GlossaryLinks(markdown.Extension):
    """Each abbreviation links to its glossary entry and shows its expansion on hover and on
    keyboard focus (a CSS tooltip the link is described by), not only in a `title` that the
    keyboard cannot reach."""

    def __init__(self, renderer: "Renderer"):
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the abbr extension (7) has made the <abbr> elements.
        md.treeprocessors.register(_GlossaryLinkProcessor(md, self.renderer), "tk_glossary_links", 6)


class _GlossaryLinkProcessor(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md: markdown.Markdown, renderer: "Renderer"):
        super().__init__(md)
        self.renderer = renderer

    def run(self, root):
        self._walk(root, inside_link=False)

    def _walk(self, element, inside_link: bool) -> None:
        from xml.etree import ElementTree as etree

        for index, child in enumerate(list(element)):
            if child.tag == "abbr" and not inside_link and child.get("title"):
                number = self.renderer.next_abbr()
                tip_id = f"tk-abbr-{number}"
                wrapper = etree.Element("span", {"class": "tk-abbr"})
                link = etree.SubElement(wrapper, "a", {"href": self.renderer.glossary_link(child.text or ""),
                                                       "aria-describedby": tip_id})
                abbr = etree.SubElement(link, "abbr")
                abbr.text = child.text
                tip = etree.SubElement(wrapper, "span", {"class": "tk-abbr__tip", "role": "tooltip", "id": tip_id,
                                                         "data-search-exclude": ""})
                tip.text = child.get("title")
                wrapper.tail = child.tail
                element.remove(child)
                element.insert(index, wrapper)
            else:
                self._walk(child, inside_link or child.tag == "a")


class Renderer:
    def __init__(self, project: Project, overrides: str | Path | None = None, translations: Any = None,
                 directory_urls: bool = True):
        self.project = project
        self.translations = translations or NullTranslations()
        self.gettext = self.translations.gettext
        self.directory_urls = directory_urls
        #: Source path of the page being rendered; links in block HTML are made relative to it.
        self._page = "index.md"
        self._abbrs = 0
        loaders = []
        if overrides and Path(overrides).is_dir():
            loaders.append(FileSystemLoader(str(overrides)))
        loaders.append(PackageLoader("toolkit_builder", "templates"))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            extensions=["jinja2.ext.i18n"],
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.install_gettext_translations(self.translations, newstyle=True)
        glossary = {t.term: t.expansion for t in project.glossary if t.expansion}
        # Texts with a glossary abbreviation need the Markdown converter to get their hint.
        self._abbreviations = (re.compile("|".join(rf"\b{re.escape(term)}\b" for term in glossary))
                               if glossary else None)
        self._md = markdown.Markdown(
            extensions=[_NoRawHtml(), "abbr", "smarty", _GlossaryLinks(self)],
            extension_configs={"abbr": {"glossary": glossary}},
        )
        self._citations: Citations | None = None
        self.env.filters.update(md=self.markdown_block, md_inline=self.markdown_inline,
                                reference=lambda r: format_reference(r, self.gettext),
                                plain=plain_in_markdown, md_span=self.markdown_span)
        self.env.globals.update(
            toolkit=project.toolkit,
            cite=self.cite,
            sources=self.sources,
            component_label=self.component_label,
            mapping_label=self.mapping_label,
            tag_label=self.tag_label,
            audience_label=self.audience_label,
            language=project.language,
            default_language=project.toolkit.language,
            language_name=self.language_name,
        )
        install_helpers(self)

    # ------------------------------------------------------------------ links

    def start_page(self, path: str) -> None:
        """Set the page being rendered: links are relative to it, tooltip ids restart."""
        self._page = path
        self._abbrs = 0

    def next_abbr(self) -> int:
        self._abbrs += 1
        return self._abbrs

    def link(self, to_path: str, anchor: str | None = None) -> str:
        """Relative link from the page being rendered to another page or file of the site."""
        return relative_url(self._page, to_path, anchor, self.directory_urls)

    def glossary_link(self, term: str) -> str:
        return self.link("glossary.md", term_anchor(term))

    def _page_links(self, html: str) -> str:
        """Links to pages written as in MkDocs, relative to the page's Markdown file
        (`../education/x.md#block`), become links to where those pages are served."""

        def resolve(match: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self._page), match.group(1)))
            anchor = match.group(2)[1:] if match.group(2) else None
            return f'href="{self.link(target, anchor)}"'

        return PAGE_LINK.sub(resolve, html)

    # ------------------------------------------------------------------ text

    def _convert(self, text: str) -> str:
        self._md.reset()
        html = self._md.convert(text)
        html = _unsafe_links(html)
        html = self._page_links(html)
        return CITATION_IN_TEXT.sub(lambda m: self.cite(m.group(1)), html)

    def markdown_block(self, text: str | None) -> Markup:
        return Markup(self._convert(text)) if text else Markup("")

    def markdown_inline(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        if _PLAIN_TEXT.fullmatch(text) and not (self._abbreviations and self._abbreviations.search(text)):
            # Most one-line texts hold no Markdown at all: converting them would only cost time.
            return Markup(_APOSTROPHE.sub("&rsquo;", str(escape(text))))
        html = self._convert(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def markdown_span(self, text: str | None) -> Markup:
        """Inline Markdown for a place inside the page's Markdown (a list item, a paragraph): one line,
        rendered here, then made inert so the site's Markdown cannot turn it into links or attributes."""
        return _inert(self.markdown_inline(" ".join(text.split()) if text else text))

    def cite(self, key: str) -> Markup:
        if self._citations is None:  # text outside a page with notes (home, section pages)
            return Markup("")
        return self._citations.cite(key)

    def sources(self, keys: list[str]) -> Markup:
        if not keys or self._citations is None:
            return Markup("")
        markers = Markup("").join(self.cite(k) for k in keys)
        return Markup('<p class="tk-sources">{} {}</p>').format(self.gettext("Sources:"), markers)

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
        plural = target.item_name_plural or f"{target.item_name}s"
        return self.gettext("%(framework)s %(items)s") % {"framework": target.short_title or target.title,
                                                          "items": plural}

    def tag_label(self, tag: str) -> str:
        framework_id, _, key = tag.partition(":")
        framework = self.project.toolkit.framework(framework_id)
        if framework is None:
            return tag
        component = framework.component(key)
        name = framework.short_title or framework.title
        if framework.maps_to is None and component is not None:  # numbered dimensions
            return self.gettext("%(framework)s %(item)s %(key)s") % {"framework": name, "item": framework.item_name,
                                                                     "key": key}
        return f"{name}: {component.label if component else key}"

    def language_name(self, code: str) -> str:
        """The name of a language in the page's language ("anglais" on a French page)."""
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(code).get_display_name(self.project.language) or code
        except (ValueError, UnknownLocaleError):
            return code

    def audience_label(self, audience_id: str) -> str:
        audience = self.project.toolkit.audience(audience_id)
        return audience.label if audience else audience_id

    # ------------------------------------------------------------------ pages

    def render_block(self, block: BaseBlock, level: int = 2) -> Markup:
        template = self.env.get_template(f"blocks/{block.type}.html.j2")
        framework = None
        target = None
        if block.type == "framework":
            framework = self.project.toolkit.framework(block.framework)
            target = self.project.toolkit.framework(framework.maps_to) if framework and framework.maps_to else None
        html = template.render(block=block, level=level, framework=framework, target=target)
        # A blank line would end the HTML block in the page's Markdown.
        return Markup("\n".join(line for line in html.splitlines() if line.strip()) + "\n")

    def render_module(self, module: Module) -> Page:
        self.start_page(f"{module.section}/{module.id}.md")
        self._citations = Citations(self.project.references, self.gettext)
        untranslated = self.project.untranslated.get(module.id, Untranslated())
        try:
            blocks = [
                {
                    "block": b,
                    "html": self.render_block(b, 3 if b.heading else 2),
                    "anchor": f" {{#{b.id}}}" if b.id else "",  # attr_list sets the heading's id
                    "untranslated": i in untranslated.blocks,
                }
                for i, b in enumerate(module.blocks)
            ]
            module_sources = self.sources(module.cites)
            text = self.env.get_template("module.md.j2").render(
                module=module,
                section=self.project.toolkit.section(module.section),
                blocks=blocks,
                module_sources=module_sources,
                untranslated=untranslated,
                notes=self._citations.notes(),
            )
        finally:
            self._citations = None
        return Page(f"{module.section}/{module.id}.md", module.title, _tidy(text), self.project.sources.get(module.id),
                    module.id)

    def render_home(self) -> Page:
        self.start_page("index.md")
        sections = [(s, self.project.modules_in(s.id)) for s in self.project.toolkit.sections]
        published = {m.id: m for m in self.project.modules}
        starts = [(a, [published[i] for i in a.start if i in published]) for a in self.project.toolkit.audiences]
        text = self.env.get_template("home.md.j2").render(sections=sections, starts=starts,
                                                          topics=bool(self.project.toolkit.frameworks))
        return Page("index.md", self.project.toolkit.title, _tidy(text))

    def render_section(self, section) -> Page:
        self.start_page(f"{section.id}/index.md")
        text = self.env.get_template("section.md.j2").render(
            section=section, modules=self.project.modules_in(section.id)
        )
        return Page(f"{section.id}/index.md", section.title, _tidy(text))

    def render_references(self) -> Page:
        self.start_page("references.md")
        references = sorted(self.project.references.items(),
                            key=lambda kv: ((kv[1].authors or kv[1].title).lower(), kv[1].year or 0))
        text = self.env.get_template("references.md.j2").render(references=references)
        return Page("references.md", self.gettext("References"), _tidy(text))

    def render_glossary(self) -> Page:
        self.start_page("glossary.md")
        terms = sorted(self.project.glossary, key=lambda t: t.term.lower())
        untranslated = {self.project.glossary[i].term for i in self.project.untranslated_terms}
        text = self.env.get_template("glossary.md.j2").render(terms=terms, anchor=term_anchor,
                                                               untranslated=untranslated)
        return Page("glossary.md", self.gettext("Glossary"), _tidy(text))


def render_site(project: Project, overrides: str | Path | None = None, translations: Any = None,
                directory_urls: bool = True) -> list[Page]:
    """Every page of the toolkit, in nav order."""
    renderer = Renderer(project, overrides, translations, directory_urls)
    pages = [renderer.render_home()]
    for section in project.toolkit.sections:
        pages.append(renderer.render_section(section))
        pages.extend(renderer.render_module(m) for m in project.modules_in(section.id))
    pages.extend(render_topics(renderer))
    if project.references:
        pages.append(renderer.render_references())
    if project.glossary:
        pages.append(renderer.render_glossary())
    return pages


def site_nav(project: Project, translations: Any = None) -> list[Any]:
    """The nav as MkDocs writes it in mkdocs.yml: sections in declared order, modules in order."""
    _ = (translations or NullTranslations()).gettext
    nav: list[Any] = [{_("Home"): "index.md"}]
    for section in project.toolkit.sections:
        children = [f"{section.id}/index.md"]
        children += [{nav_title(m.title): f"{section.id}/{m.id}.md"} for m in project.modules_in(section.id)]
        nav.append({nav_title(section.title): children})
    nav.extend(_nav_titles(topics_nav(project, _)))
    if project.references:
        nav.append({_("References"): "references.md"})
    if project.glossary:
        nav.append({_("Glossary"): "glossary.md"})
    return nav


def _nav_titles(items: Any) -> Any:
    """The same nav with every title made safe for the theme (see ``nav_title``)."""
    if isinstance(items, list):
        return [_nav_titles(item) for item in items]
    if isinstance(items, dict):
        return {nav_title(title): _nav_titles(value) for title, value in items.items()}
    return items


def nav_title(title: str) -> str:
    """A title as the theme writes it, unescaped, in the nav: no tags can form (`&` stays, as the
    theme escapes titles again in attributes)."""
    return " ".join(title.split()).replace("<", "&lt;").replace(">", "&gt;")


def plain_in_markdown(text: str | None) -> Markup:
    """Text for a heading or link text in the page's Markdown: one line, shown as written, never markup."""
    return _inert(escape(" ".join(text.split()))) if text else Markup("")


def term_anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def format_reference(reference: Reference, gettext: Callable[[str], str] = lambda s: s) -> Markup:
    """An APA-style reference with its DOI or URL as a link.

    Without authors the title takes their place; without a date "(n.d.)" stands for the
    year; a description ("Oral presentation") follows the title in square brackets."""
    year = reference.year if reference.year is not None else gettext("n.d.")
    title = reference.title.rstrip(".")
    # Titles of works that stand alone are italic; titles of articles are not.
    standalone = not reference.container and not reference.pages
    shown = Markup("<cite>{}</cite>").format(title) if standalone else Markup("{}").format(title)
    if reference.description:
        shown += Markup(" [{}]").format(reference.description)
    if reference.authors:
        parts = [Markup("{} ({}). {}").format(reference.authors, year, shown)]
    else:
        parts = [Markup("{}. ({})").format(shown, year)]
    if reference.container:
        parts.append(Markup(". <cite>{}</cite>").format(reference.container))
        if reference.volume:
            parts.append(Markup(", <i>{}</i>").format(reference.volume))
            if reference.issue:
                parts.append(Markup("({})").format(reference.issue))
        if reference.pages:
            parts.append(Markup(", {}").format(reference.pages.replace("-", "–")))
    elif reference.pages:
        parts.append(Markup(". {}").format(gettext("Pages %(pages)s") % {"pages": reference.pages.replace("-", "–")}))
    parts.append(Markup("."))
    if reference.publisher:
        parts.append(Markup(" {}.").format(reference.publisher))
    if reference.link:
        parts.append(Markup(' <a href="{0}">{0}</a>').format(reference.link))
    return Markup("").join(parts)


#: One-line text that Markdown (with smarty quotes) would leave as it is, apart from escaping
#: and turning an apostrophe between letters into a typographic one.
_PLAIN_TEXT = re.compile(r"(?![0-9]+[.)]\s|[-+]\s)[^\W_]+(?:[ ,;:?!./%()\u2019]+[^\W_]+|[-'][^\W_]+)*[ .?!:)]*")
_APOSTROPHE = re.compile(r"(?<=[^\W_])&#39;(?=[^\W_])")

_HREF = re.compile(r'(href|src)="([^"]*)"')
_IMAGE = re.compile(r"<img\b[^>]*>")
#: What a browser ignores in a URL before reading its scheme: controls, spaces, tabs, newlines.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def _seen(target: str) -> str:
    # Browsers decode entities in attributes, drop controls and whitespace and read `\` as `/`
    # before they read the scheme: `java&#x09;script&#58;` is `javascript:`.
    return _URL_IGNORED.sub("", html_lib.unescape(target)).replace("\\", "/").lower()


def _safe_target(target: str) -> bool:
    seen = _seen(target)
    return seen.startswith(SAFE_SCHEMES) or ":" not in re.split(r"[/?#]", seen)[0]


def _unsafe_links(html: str) -> str:
    """Drop link targets with schemes other than web, mail and relative ones (javascript:...),
    and turn images from other sites into links: pages load nothing from another origin."""

    def check(match: re.Match) -> str:
        if _safe_target(match.group(2)):
            return match.group(0)
        return f'{match.group(1)}="#"'

    def image(match: re.Match) -> str:
        tag = match.group(0)
        src = re.search(r'src="([^"]*)"', tag)
        if src is None:
            return ""
        if _safe_target(src.group(1)) and not re.match(r"^([a-z][a-z0-9+.-]*:|//)", _seen(src.group(1))):
            return tag  # an image of the site itself
        alt = re.search(r'alt="([^"]*)"', tag)
        text = alt.group(1) if alt and alt.group(1) else "image"
        return f'<a href="{src.group(1)}">{text}</a>' if _safe_target(src.group(1)) else text

    return _HREF.sub(check, _IMAGE.sub(image, html))


#: Characters that start syntax in the site's Markdown (links, emphasis, code, attribute lists).
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]{}!<>]")


def _inert(html: str) -> Markup:
    """HTML the site's Markdown leaves as it is: syntax characters in its text become entities."""
    parts = re.split(r"(<[^>]*>)", str(html))
    for i in range(0, len(parts), 2):  # text between tags; tags and their attributes stay
        parts[i] = _MARKDOWN_SYNTAX.sub(lambda m: f"&#{ord(m.group(0))};", parts[i])
    return Markup("".join(parts))


def _tidy(text: str) -> str:
    """At most one blank line in a row, and a final newline."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
