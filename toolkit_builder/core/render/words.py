"""What a framework calls its parts, in the page's language: the toolkit's own words when its
data gives them (`item_name` in toolkit.yml or its translation), else the interface's."""

from __future__ import annotations

from typing import Callable

from ..model import Framework


def item_names(framework: Framework, gettext: Callable[[str], str]) -> tuple[str, str]:
    """(singular, plural) of what the framework calls one of its parts: "dimension"/"dimensions",
    or "component"/"components" in the page's language when the toolkit does not say."""
    if framework.item_name:
        return framework.item_name, framework.item_name_plural or f"{framework.item_name}s"
    return gettext("component"), gettext("components")
