"""Template helpers that block templates share.

They become Jinja globals of the renderer's environment, so block templates can format a
duration in the page's language, print a full citation, link to another module's page
or draw a framework's figure.
"""

from __future__ import annotations

from typing import Any, Callable, Protocol

from markupsafe import Markup

from ..project import Project
from ..site.paths import module_path
from .figures import framework_figure


class LinkMaker(Protocol):
    """Relative link from the page being rendered to a page (and anchor) or file of the site."""

    def __call__(self, to_path: str, anchor: str | None = None) -> str: ...


def template_helpers(project: Project, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
                     link: LinkMaker) -> dict[str, Callable[..., Any]]:
    """The helpers, for the page ``link`` makes links from."""

    def duration(minutes: int) -> str:
        """"1 hour 30 minutes", "45 minutes"... in the page's language."""
        hours, rest = divmod(int(minutes), 60)
        parts = []
        if hours:
            parts.append(ngettext("%(num)d hour", "%(num)d hours", hours) % {"num": hours})
        if rest or not hours:
            parts.append(ngettext("%(num)d minute", "%(num)d minutes", rest) % {"num": rest})
        return " ".join(parts)

    def reference_of(key: str) -> Any:
        return project.references.get(key)

    def module_link(module_id: str, block_id: str | None = None) -> str | None:
        """Link to a published module (and block); None when the module is hidden in this copy."""
        module = next((m for m in project.modules if m.id == module_id), None)
        if module is None:
            return None
        if block_id and block_id not in {b.id for b in module.blocks}:
            block_id = None  # a localized copy replaced the module: its page, not the block
        return link(module_path(module.section, module.id), block_id)

    def module_title(module_id: str) -> str:
        module = next((m for m in project.modules if m.id == module_id), None)
        return module.title if module else module_id

    def file_link(path: str) -> str:
        return link(path)

    def page_link(path: str, anchor: str | None = None) -> str:
        """Link to a generated page of the site by its path (`process/action-plan.md`), and an anchor."""
        return link(path, anchor)

    def figure(framework_id: str, figure_id: str, caption: str | None = None) -> Markup:
        framework = project.toolkit.framework(framework_id)
        if framework is None:
            return Markup("")
        return framework_figure(framework, figure_id, gettext, project.language, caption)

    return dict(
        duration=duration,
        reference_of=reference_of,
        module_link=module_link,
        module_title=module_title,
        file_link=file_link,
        page_link=page_link,
        framework_figure=figure,
    )
