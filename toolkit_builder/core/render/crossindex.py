"""The cross-index: a page per framework component and per audience, made from the data.

A component's page lists every module and block linked to it: modules and blocks
tagged with it (`tags: [chime:hope]`), framework tables that have a row for it or map
a row to it (`maps_to`), and questions tagged with it. An audience's page lists the
modules written for it and the questions to ask it, with its recommended modules first.

The pages are generated here rather than with Material's tags plugin: that plugin
lists whole pages by tags in their front matter, while the index needs to point at
blocks, table rows and questions inside pages, and the core must not depend on the
site engine.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, cast

from ..blocks import BaseBlock
from ..blocks.base import tag_topic
from ..model import Audience, Component, Framework
from ..project import Module, Project
from ..site.paths import TOPICS, audience_path, component_path, module_path, topic_page_path
from .markdown import plain
from .page import Page
from .renderer import Renderer
from .words import item_names


@dataclass(frozen=True)
class Mention:
    """One place in the toolkit linked to a topic."""

    module: Module
    #: "module" (the whole module), "block" (a tagged block), "row" (a framework table row),
    #: "mapped" (a row mapped to this component), "question", "group" (questions to ask an audience),
    #: "faq" (a question answered).
    kind: str
    block: BaseBlock | None = None
    #: The row's component, the question or the group heading.
    text: str | None = None
    anchor: str | None = None


@dataclass
class Topic:
    path: str
    title: str
    nav_title: str
    framework: Framework | None = None
    component: Component | None = None
    audience: Audience | None = None
    mentions: list[Mention] = field(default_factory=list)


def _modules_in_order(project: Project) -> list[Module]:
    return [m for s in project.toolkit.sections for m in project.modules_in(s.id)]


def collect_mentions(project: Project) -> dict[tuple[str, str], list[Mention]]:
    """(framework id, component key) or ("audience", id) -> the places linked to it, in nav order."""
    toolkit = project.toolkit
    found: dict[tuple[str, str], list[Mention]] = defaultdict(list)

    for module in _modules_in_order(project):
        for audience in module.audience:
            found[("audience", audience)].append(Mention(module, "module"))
        for tag in module.tags:
            found[tag_topic(tag)].append(Mention(module, "module"))
        for block in module.blocks:
            for tag in block.tags:
                found[tag_topic(tag)].append(Mention(module, "block", block, anchor=block.id))
            for place in block.mentions(toolkit):
                found[place.topic].append(Mention(module, place.kind, block, place.text, place.anchor))
    return found


def topics(project: Project, gettext: Callable[[str], str]) -> list[Topic]:
    """Every cross-index page, frameworks first (in declared order), then audiences."""
    mentions = collect_mentions(project)
    result = []
    for framework in project.toolkit.frameworks:
        name = framework.short_title or framework.title
        for component in framework.components:
            if component.key.isdigit():  # numbered, like the dimensions of the Guidelines
                singular = item_names(framework, gettext)[0]
                item = singular[:1].upper() + singular[1:]
                title = gettext("%(item)s %(key)s: %(label)s") % {"item": item, "key": component.key,
                                                                  "label": component.label}
                nav_title = f"{component.key}. {component.label}"
            else:
                title = gettext("%(framework)s: %(label)s") % {"framework": name, "label": component.label}
                nav_title = component.label
            result.append(Topic(component_path(framework, component.key), title, nav_title, framework=framework,
                                component=component, mentions=mentions.get((framework.id, component.key), [])))
    for audience in project.toolkit.audiences:
        result.append(Topic(audience_path(audience), audience.label, audience.label, audience=audience,
                            mentions=mentions.get(("audience", audience.id), [])))
    return result


#: How many lines (a module's heading, its summary, each place in it) one topic page lists at most;
#: a module is never split across pages. A line makes 150 to 450 bytes of HTML (measured on the
#: benchmark's toolkit), so an article stays under about 55 KB and, with the header, nav and footer,
#: a topic page under 80 KB, however large the toolkit grows. At 200 lines topic pages averaged
#: 61 KB at 1,000 modules, where the average page must stay under 40 KB; shorter pages would add
#: pages to build and to click through.
TOPIC_PAGE_LINES = 120


def _grouped(mentions: list[Mention]) -> list[tuple[Module, list[Mention]]]:
    groups: dict[str, tuple[Module, list[Mention]]] = {}
    for mention in mentions:
        groups.setdefault(mention.module.id, (mention.module, []))[1].append(mention)
    return list(groups.values())


def paginated(groups: list[tuple[Module, list[Mention]]],
              limit: int = TOPIC_PAGE_LINES) -> list[list[tuple[Module, list[Mention]]]]:
    """The module groups of a topic cut into pages of at most ``limit`` lines (at least one group a page)."""
    pages: list[list[tuple[Module, list[Mention]]]] = [[]]
    lines = 0
    for group in groups:
        size = 2 + len(group[1])
        if pages[-1] and lines + size > limit:
            pages.append([])
            lines = 0
        pages[-1].append(group)
        lines += size
    return pages


def render_topics(renderer: "Renderer") -> list["Page"]:
    """The cross-index pages: an overview and a page per topic."""
    project = renderer.project
    if not project.toolkit.frameworks and not project.toolkit.audiences:
        return []
    gettext = renderer.gettext
    all_topics = topics(project, gettext)
    published = {m.id: m for m in project.modules}

    renderer.start_page(f"{TOPICS}/index.md")
    # The framework's description is printed just above its figure: no caption to repeat it.
    figures = {f.id: cast(Callable[..., Any], renderer.env.globals["framework_figure"])(
                   f.id, f"topics-{f.id}-figure", "")
               for f in project.toolkit.frameworks if f.centre}
    overview = renderer.env.get_template("topics.html.j2").render(
        topics=all_topics, figures=figures, relpath=renderer.link)
    pages = [renderer.page(f"{TOPICS}/index.md", gettext("Browse by topic"), overview)]

    template = renderer.env.get_template("topic.html.j2")
    for topic in all_topics:
        parts = paginated(_grouped(topic.mentions))
        paths = [topic_page_path(topic.path, number) for number in range(1, len(parts) + 1)]
        for number, (path, groups) in enumerate(zip(paths, parts), start=1):
            renderer.start_page(path)
            start = ([published[i] for i in topic.audience.start if i in published]
                     if topic.audience and number == 1 else [])
            text = template.render(
                topic=topic, groups=groups, start=start, number=number,
                pages=[renderer.link(p) for p in paths], overview=renderer.link(f"{TOPICS}/index.md"),
                link=lambda module, anchor=None: renderer.link(module_path(module.section, module.id), anchor),
                link_text=plain,
            )
            pages.append(renderer.page(path, topic.title, text, in_nav=number == 1))
    return pages
