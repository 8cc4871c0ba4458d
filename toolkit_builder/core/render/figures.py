"""Figures drawn at build time from the content's data, as inline SVG.

A framework's figure puts its components in a ring around its centre ("personal
recovery" for CHIME). It is drawn with ``currentColor`` and the theme's colour
variables, so it follows dark mode and prints in black and white, and it carries a
title and a description for screen readers. No script, no external file.
"""

from __future__ import annotations

import math
import textwrap
from typing import Callable

from babel.lists import format_list
from markupsafe import Markup

from ..model import Framework
from .words import item_names

#: Drawing units of the viewBox; the SVG scales to the width of the page.
WIDTH = 640
RING_RADIUS = 195
CENTRE_RADIUS = 92
COMPONENT_RADIUS = 88
FONT_SIZE = 18
LINE_HEIGHT = 21
#: Characters per line of a wrapped label (about the width of a component circle).
WRAP = 13


def _lines(label: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(label, width=width, break_long_words=False) or [label]


def _text(x: float, y: float, label: str, css: str, width: int = WRAP) -> Markup:
    lines = _lines(label, width)
    top = y - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = Markup("").join(
        Markup('<tspan x="{x:.1f}" y="{y:.1f}">{t}</tspan>').format(x=x, y=top + i * LINE_HEIGHT, t=line)
        for i, line in enumerate(lines)
    )
    return Markup('<text class="{c}" text-anchor="middle" dominant-baseline="middle">{s}</text>').format(c=css, s=spans)


def framework_figure(framework: Framework, figure_id: str, gettext: Callable[[str], str] = lambda s: s,
                     language: str = "en", caption: str | None = None) -> Markup:
    """The framework's components in a ring around its centre, as an accessible figure."""
    labels = [c.label for c in framework.components]
    centre = framework.centre or framework.short_title or framework.title
    count = len(labels)
    height = 2 * (RING_RADIUS + COMPONENT_RADIUS) + 20
    cx, cy = WIDTH / 2, height / 2
    shapes: list[Markup] = []
    for i, label in enumerate(labels):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x, y = cx + RING_RADIUS * math.cos(angle), cy + RING_RADIUS * math.sin(angle)
        # A spoke from the centre's edge to the component's edge.
        x1, y1 = cx + CENTRE_RADIUS * math.cos(angle), cy + CENTRE_RADIUS * math.sin(angle)
        x2, y2 = x - COMPONENT_RADIUS * math.cos(angle), y - COMPONENT_RADIUS * math.sin(angle)
        shapes.append(Markup('<line class="tk-fig-spoke" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>').format(
            x1, y1, x2, y2))
        shapes.append(Markup('<circle class="tk-fig-part" cx="{:.1f}" cy="{:.1f}" r="{}"/>').format(
            x, y, COMPONENT_RADIUS))
        shapes.append(_text(x, y, label, "tk-fig-label"))
    shapes.append(Markup('<circle class="tk-fig-centre" cx="{:.1f}" cy="{:.1f}" r="{}"/>').format(
        cx, cy, CENTRE_RADIUS))
    shapes.append(_text(cx, cy, centre, "tk-fig-label tk-fig-label--centre", WRAP - 1))

    try:
        listed = format_list(labels, locale=language)
    except (ValueError, LookupError):
        listed = ", ".join(labels)
    title = framework.title
    # The framework names its own parts ("component", "pillar"...): its data says what they are.
    items = item_names(framework, gettext)[0 if count == 1 else 1]
    description = gettext("%(centre)s, surrounded by its %(count)s %(items)s: %(components)s.") % {
        "centre": centre, "count": count, "items": items, "components": listed}
    # The caption says what the framework is; the description (for screen readers) lists what
    # the drawing shows, so the two do not repeat each other. An empty caption leaves it out.
    if caption is None:
        caption = framework.description or description
    figcaption = Markup("<figcaption>{}</figcaption>").format(caption) if caption else Markup("")
    return Markup(
        '<figure class="tk-figure tk-figure--ring" id="{id}">'
        '<svg class="tk-figure__svg" role="img" viewBox="0 0 {w} {h}" aria-labelledby="{id}-title" '
        'aria-describedby="{id}-desc" data-search-exclude="">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{shapes}</svg>{figcaption}</figure>"
    ).format(id=figure_id, w=WIDTH, h=int(height), title=title, desc=description,
             shapes=Markup("").join(shapes), figcaption=figcaption)
