"""The options of the `toolkit` plugin in mkdocs.yml, and the one theme option it translates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


# mkdocs' Config.__init_subclass__ has no type hints.
class ToolkitConfig(base.Config):  # type: ignore[no-untyped-call]
    #: The content folder (toolkit.yml, modules/...), relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    #: Folder of Jinja templates that replace the bundled ones, relative to mkdocs.yml.
    templates_dir = c.Type(str, default="overrides/toolkit")
    #: Address that a module's YAML path (e.g. `modules/education/x.yml`) is appended to
    #: for the "edit this page" button; empty for no button.
    edit_url = c.Type(str, default="")
    #: Upstream content folders this site builds on, relative to mkdocs.yml (oldest first);
    #: `content_dir` is laid over them.
    upstream = c.ListOfItems(c.Type(str), default=[])
    #: Language to build; default: the toolkit's own language (`!ENV [A_VARIABLE, ""]` in
    #: mkdocs.yml takes it from the environment). `toolkit build` builds every language.
    language = c.Type(str, default="")
    #: Link pages (modules, meeting guides and handouts, the home page) to their PDFs in `pdf/`;
    #: `toolkit build --pdf` turns this on for the build whose pages it prints, so a link appears
    #: only with its PDF.
    pdf = c.Type(bool, default=False)
    #: A copy that opens from the disk (`toolkit build --offline`): page addresses end in
    #: `.html`, and Material's `offline` plugin (added by the command) bundles the search index;
    #: the search worker's shim for `file://` is the toolkit's own copy, not fetched from the web.
    offline = c.Type(bool, default=False)
    #: How many processes render the module and topic pages (forked from the build's; where
    #: there is no `fork`, one). `toolkit build` sets it to the cores its language builds leave free.
    render_processes = c.Type(int, default=1)


def translate_palette(config: MkDocsConfig, gettext: Callable[[str], str]) -> None:
    """The colour scheme toggle's label (mkdocs.yml `palette: toggle: name:`) in the page's
    language: the English names Material's documentation suggests are interface strings."""
    palette = config.theme.get("palette")
    for scheme in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = str(escape(gettext(toggle["name"])))

