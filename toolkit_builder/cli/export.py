"""`toolkit export DIR`: the site's plan written out as a plain MkDocs project per language.

Each language gets `DIR/<language>/`: a `mkdocs.yml` with the nav the plan makes, `docs/` with
every planned page as the toolkit renders it (and the site's hand-written pages, media and the
toolkit's stylesheets and script), and `overrides/` with the toolkit's theme partials under the
site's own. Stock MkDocs with Material builds it, with no toolkit plugin, into the same page paths
as `toolkit build`: the way to carry a toolkit to another engine, or to keep building it if this
package is gone. What the plugin adds at build time and an export cannot hold is said in
ARCHITECTURE.md ("Export").
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click
import yaml
from markupsafe import escape

from ..core.branding import branding_css
from ..core.build import LanguageBuild, prepare
from ..core.files import published_files
from ..core.problems import ContentError
from ..core.render import render_site, site_nav
from ..core.render.markdown import one_line
from ..core.render.page import as_markdown
from ..mkdocs.plugin import ASSETS, BRAND_CSS, OFFLINE_ASSETS, SCRIPT, STYLESHEETS, THEME
from .config import plugin_layers, site_config
from .report import report


def export_language(config_file: str, prepared: LanguageBuild, out: Path) -> int:
    """Write one language's MkDocs project into ``out``; returns how many pages it has."""
    config = site_config(config_file)
    root = Path(config.config_file_path).parent
    plugin = config.plugins.get("toolkit")
    templates = (root / plugin.config.templates_dir).resolve() if plugin is not None else None
    project = prepared.project
    pages = render_site(project, templates, prepared.translations, config.use_directory_urls, plan=prepared.plan)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    if Path(config.docs_dir).is_dir():  # hand-written pages and images
        shutil.copytree(config.docs_dir, docs)
    hidden = []
    for page in pages:
        planned = prepared.plan.page(page.path)
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        front = "---\nsearch:\n  exclude: true\n---\n\n" if planned is not None and not planned.roles.in_search else ""
        target.write_text(front + as_markdown(page.html, page.toc), encoding="utf-8")
        if not page.in_nav or (planned is not None and planned.nav is None):
            hidden.append(f"/{page.path}")
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file() and not asset.is_relative_to(OFFLINE_ASSETS):
            target = docs / "assets/toolkit" / asset.relative_to(ASSETS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asset, target)
    brand = branding_css(project.toolkit.branding)
    if brand:
        (docs / BRAND_CSS).write_text(brand, encoding="utf-8")
    for uri, path in sorted(published_files(project, list(prepared.layers)).items()):
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / uri)
    shutil.copytree(THEME, out / "overrides")
    if config.theme.custom_dir:
        shutil.copytree(config.theme.custom_dir, out / "overrides", dirs_exist_ok=True,
                        ignore=lambda folder, names: [n for n in names if templates and (Path(folder) / n) == templates])
    (out / "mkdocs.yml").write_text(yaml.safe_dump(_mkdocs_yml(config, prepared, hidden, bool(brand)),
                                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(pages)


def _mkdocs_yml(config: Any, prepared: LanguageBuild, hidden: list[str], brand: bool) -> dict[str, Any]:
    project, gettext = prepared.project, prepared.gettext
    theme = {key: config.theme[key] for key in ("features", "palette", "font", "icon", "logo", "favicon")
             if config.theme.get(key) not in (None, [], {})}
    for scheme in theme.get("palette") or []:  # the colour toggle's label in the page's language
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict) and scheme["toggle"].get("name"):
            scheme["toggle"]["name"] = gettext(scheme["toggle"]["name"])
    extensions: list[Any] = []
    for name in dict.fromkeys([*config.markdown_extensions, "attr_list", "toc", "abbr"]):
        options = config.mdx_configs.get(name)
        extensions.append({name: options} if options else name)
    extra_css = [*STYLESHEETS, *([BRAND_CSS] if brand else []),
                 *(css for css in config.extra_css if css not in STYLESHEETS)]
    extra = {key: value for key, value in dict(config.extra).items() if key != "alternate"}
    return {
        "site_name": str(escape(one_line(project.toolkit.title))),
        **({"site_url": config.site_url} if config.site_url else {}),
        "use_directory_urls": config.use_directory_urls,
        "docs_dir": "docs",
        "theme": {"name": "material", "custom_dir": "overrides", "language": project.language, **theme},
        "nav": site_nav(prepared.plan),
        "not_in_nav": "\n".join(hidden),
        "plugins": ["search"],
        "markdown_extensions": extensions,
        "extra_css": extra_css,
        "extra_javascript": [SCRIPT, *(js for js in map(str, config.extra_javascript) if js != SCRIPT)],
        **({"extra": extra} if extra else {}),
    }


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-l", "--language", "languages", multiple=True, help="Only this language (repeatable).")
def export(directory: Path, config_file: str, languages: tuple[str, ...]) -> None:
    """Write the site as a plain MkDocs project per language (DIRECTORY/<language>/mkdocs.yml),
    which stock MkDocs and Material build without the toolkit plugin:
    `mkdocs build -f DIRECTORY/en/mkdocs.yml`."""
    layers = plugin_layers(site_config(config_file))
    try:
        prepared = prepare(layers, languages)
    except ContentError as error:
        report(error)
        sys.exit(1)
    for code, build in prepared.items():
        if languages and code not in languages:
            continue
        try:
            count = export_language(config_file, build, directory / code)
        except ContentError as error:  # found while the pages are made (a page out of proportion)
            report(error)
            sys.exit(1)
        click.echo(f"{code}: {count} pages in {directory / code} (mkdocs build -f {directory / code / 'mkdocs.yml'})")
