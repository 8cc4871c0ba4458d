"""`toolkit serve`: every language of the site, laid out as `toolkit build` lays them out (the
default language at the root, each other one under `<language>/`), rebuilt and reloaded in the
browser when a file of the content changes.

MkDocs' own `serve` builds one configuration, so one language; this is the same development
server (MkDocs' ``LiveReloadServer``) with a builder that builds each language in turn into its
folder of one served directory. The builds are MkDocs' dirty builds: the plugin (one instance
for every language, kept across rebuilds) writes a page's file only when the page changed, so
an edit rebuilds only the pages it changes, in each language (``mkdocs/serving.py``).
"""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import watchdog.observers
from mkdocs import exceptions
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent

from ..core.build import LanguageBuild, prepare
from ..core.load import DocumentCache
from ..core.problems import ContentError
from ..core.render.cache import project_digest
from .config import keep_compiled_templates, plugin_layers, site_config
from .report import setup_logging

log = logging.getLogger("mkdocs.toolkit.serve")


def served_languages(config_file: str, wanted: tuple[str, ...], check: bool = False,
                     kept: DocumentCache | None = None,
                     layers: list[Path] | None = None) -> tuple[list[str | None], dict[str, LanguageBuild]]:
    """The languages to build, the default first (it is served at the root). While the content
    cannot be loaded: the default only (None), whose pages show the problems. With ``check``, a
    wanted language the toolkit does not have is an error (at start; later edits may drop one).

    The content is loaded (checked) once, here, in every served language: each language's build is
    handed its own (the second value); ``kept``: parsed files kept from the previous rebuild (only
    the files an edit changed are parsed again); ``layers``: the content folders, when the caller
    has read the config already."""
    layers = layers if layers is not None else plugin_layers(site_config(config_file))
    try:
        prepared = prepare(layers, wanted, kept=kept)
    except ContentError:
        return [None], {}
    toolkit = next(iter(prepared.values())).project.toolkit
    unknown = [code for code in wanted if code not in toolkit.languages]
    if unknown and check:
        raise click.BadParameter(f"{', '.join(unknown)} not among the toolkit's languages "
                                 f"({', '.join(toolkit.languages)})", param_hint="--language")
    others = [code for code in toolkit.languages if code != toolkit.language and (not wanted or code in wanted)]
    return [toolkit.language, *others], prepared


class Builder:
    """Builds every served language into ``site_dir``: what the live-reload server calls."""

    def __init__(self, config_file: str, site_dir: Path, serve_url: str, wanted: tuple[str, ...]):
        self.config_file, self.site_dir, self.serve_url, self.wanted = config_file, site_dir, serve_url, wanted
        self.languages: list[str | None] = []
        self.plugins: Any = None  # the plugins of the first configuration, started once
        #: Parsed files and what each loaded as, kept from one rebuild to the next.
        self.documents = DocumentCache(results=True)
        #: What the last rebuild was made from: the stamps of the files besides the content's
        #: YAML, the names of the YAML files, and a hash of each language's project as loaded.
        self.inputs: list[tuple[str, int, int]] = []
        self.digests: dict[str, str] = {}
        #: Each served language, loaded and planned for the rebuild at hand.
        self.prepared: dict[str, LanguageBuild] = {}
        self._site: tuple[tuple[int, int, int], MkDocsConfig] | None = None

    def config(self, language: str | None, root: bool) -> MkDocsConfig:
        """One language's configuration, built into the root (the default language) or its folder."""
        folder = self.site_dir if root or language is None else self.site_dir / language
        config = load_config(config_file=self.config_file, site_dir=str(folder))
        if self.plugins is None:
            # The plugin shows the problems on every page instead of stopping, as under `mkdocs
            # serve`, and keeps each language's pages from one rebuild to the next.
            config.plugins.on_startup(command="serve", dirty=True)
            self.plugins = config.plugins
        plugin = config.plugins.get("toolkit")
        if plugin is not None and language is not None:
            plugin.config.language = language
        if plugin is not None:
            plugin.hand_over(self.prepared.get(language) if language else None)
        if plugin is not None and self.wanted:
            plugin.served = {code for code in self.languages if code}
        config.site_url = self.serve_url if folder == self.site_dir else f"{self.serve_url}{language}/"
        return config

    def site(self) -> MkDocsConfig:
        """The site's configuration as read for its paths, read again only when mkdocs.yml changed."""
        status = Path(self.config_file).stat()
        stamp = (status.st_ino, status.st_size, status.st_mtime_ns)
        if self._site is None or self._site[0] != stamp:
            self._site = stamp, site_config(self.config_file)
        return self._site[1]

    def __call__(self, config: Any = None) -> None:
        site = self.site()
        layers = plugin_layers(site)
        inputs = _inputs(site, layers)
        if inputs != self.inputs:
            # A media file or catalogue changed, or a YAML file came or went (a translation, say):
            # what a file loads as may change without the file changing, so every file is checked again.
            self.documents.forget_results()
        self.languages, self.prepared = served_languages(self.config_file, self.wanted, kept=self.documents,
                                                         layers=layers)
        try:
            digests = {code: project_digest(build.project) for code, build in self.prepared.items()}
            same, previous = inputs == self.inputs, self.digests
            self.inputs, self.digests = inputs, digests
            # The default language first, at the root; dirty builds leave the other languages' folders alone.
            for i, language in enumerate(self.languages):
                if same and language is not None and previous.get(language) == digests[language]:
                    continue  # an edit of another language's files only: its pages would be the same
                built = self.config(language, root=i == 0)
                mkdocs_build(built, serve_url=built.site_url, dirty=True)
        finally:
            self.prepared = {}

    def close(self) -> None:
        if self.plugins is not None:
            self.plugins.on_shutdown()


def _inputs(config: MkDocsConfig, layers: list[Path]) -> list[tuple[str, int, int]]:
    """(path, size, time) of every file the pages are made from besides the content's YAML files
    (whose effect the projects' hashes say): mkdocs.yml, the theme's own folder, media, catalogues;
    and (path, 0, 0) of each YAML file, so a file that comes or goes shows too."""
    roots = [Path(p) for p in (config.docs_dir, config.theme.custom_dir) if p] + list(layers)
    files = [Path(config.config_file_path)] + [path for root in roots if root.is_dir() for path in root.rglob("*")]
    stamps = []
    for path in sorted(set(files)):
        if path.suffix in (".yml", ".yaml") and path != Path(config.config_file_path):
            stamps.append((str(path), 0, 0))
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return stamps


class _EditEvents(watchdog.observers.Observer):  # type: ignore[misc,valid-type]  # the system's observer class
    """The system's file events of edits only: a build opens and closes every file it reads, and with
    those events each build would set off the next."""

    def schedule(self, event_handler: Any, path: str, *, recursive: bool = False, event_filter: Any = None) -> Any:
        edits = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent]
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or edits)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@click.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT")
@click.option("-l", "--language", "languages", multiple=True,
              help="Serve only this language besides the default one (repeatable; default: every language).")
@click.option("--poll", is_flag=True,
              help="Look for edits by polling the folders every half second, as `mkdocs serve` does, instead of the "
                   "system's file events (for folders whose events do not arrive: some network or container mounts).")
@click.option("-v", "--verbose", is_flag=True)
def serve(config_file: str, dev_addr: str, languages: tuple[str, ...], poll: bool, verbose: bool) -> None:
    """Serve the site in every language with live reload; edits under content/ rebuild it.

    The default language is served at the root, every other one under `<language>/`, as
    `toolkit build` writes them, so the language switcher leads to the other language.
    """
    setup_logging(verbose)
    keep_compiled_templates()
    config = site_config(config_file)
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(f"{dev_addr!r} is not an address such as 127.0.0.1:8000", param_hint="--dev-addr")
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path}"
    served_languages(config_file, languages, check=True)
    # Stopped by a service manager or `kill` (SIGTERM) as by Ctrl-C: the temporary folders go too.
    signal.signal(signal.SIGTERM, _interrupt)
    site_dir = Path(tempfile.mkdtemp(prefix="toolkit-serve-"))
    builder = Builder(config_file, site_dir, serve_url, languages)
    try:
        try:
            builder()
        except (exceptions.Abort, exceptions.PluginError, exceptions.ConfigurationError) as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        try:
            server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(site_dir),
                                      mount_path=mount_path)
        except OSError as error:  # the address is taken, most often
            click.echo(f"cannot serve on {dev_addr}: {error.strerror or error}; is another server running? "
                       "Choose another address with `-a 127.0.0.1:8001`.", err=True)
            sys.exit(1)
        if not poll:
            # The system's file events (inotify, FSEvents, ReadDirectoryChangesW) instead of MkDocs'
            # polling, which finds an edit up to half a second after it is saved; and the rebuild starts
            # once the events of a save have stopped for 30 ms (MkDocs waits 100 ms, for polling).
            server.observer = _EditEvents()
            server.build_delay = 0.03
        server.error_handler = lambda code: (site_dir / "404.html").read_bytes() if code == 404 and (
            site_dir / "404.html").is_file() else None
        for watched in (config.docs_dir, config.config_file_path, *map(str, plugin_layers(config))):
            if watched:
                server.watch(watched)
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs' server has no type hints here
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        builder.close()
        shutil.rmtree(site_dir, ignore_errors=True)
