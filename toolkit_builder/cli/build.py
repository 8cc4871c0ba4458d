"""`toolkit build` and `pdf`: every language built in parallel into a staging folder,
PDFs printed into it when asked for, swapped in place of the old site only when everything
succeeded."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, TypeAlias

import click
from filelock import FileLock
from material.plugins.offline.plugin import OfflinePlugin  # added to the build by `toolkit build --offline`
from mkdocs import exceptions
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from ..core.build import LanguageBuild, prepare
from ..core.problems import ContentError
from ..core.site import PdfJob
from ..tools.pdf import PdfError, check_chromium, plan, print_pdfs
from .config import keep_compiled_templates, plugin_layers, site_config
from .report import report, setup_logging

#: What `toolkit build --pdf` runs on the finished staging folder before it is swapped in: it
#: gets the site's root, each language's (folder in the site, PDFs to print) and the site's URL.
Finish: TypeAlias = Callable[[Path, dict[str, tuple[str, list[PdfJob]]], str], None]


def _build_one(config_file: str, prepared: LanguageBuild, site_dir: str, strict: bool, verbose: bool,
               pdf: bool = False, offline: bool = False,
               processes: int = 1) -> tuple[str | ContentError | None, list[PdfJob]]:
    """Build one language, loaded and planned (``prepared``), into ``site_dir``: (error message,
    the content's problems found while the pages are made, or None; the PDFs to print).

    ``offline``: a copy that opens from the disk; Material's `offline` plugin is added to the
    build (it bundles the search index into a script) and the toolkit plugin does the rest.
    ``processes``: how many processes render the pages (this one and forked ones)."""
    setup_logging(verbose)
    language = prepared.language
    try:
        config = load_config(config_file=config_file, strict=strict, site_dir=site_dir)
        toolkit = config.plugins.get("toolkit")
        if toolkit is None:
            return f"{config_file} does not use the `toolkit` plugin; add it under `plugins:`.", []
        toolkit.config.language = language
        toolkit.hand_over(prepared)
        toolkit.config.pdf = pdf  # module pages link to their PDF only when it is printed
        toolkit.config.render_processes = processes
        if offline:
            toolkit.config.offline = True
            if not any(name in config.plugins for name in ("offline", "material/offline")):
                plugin = OfflinePlugin()
                plugin.load_config({})
                config.plugins["material/offline"] = plugin
        mkdocs_build(config)
    except exceptions.ConfigurationError as error:
        return str(error), []
    except exceptions.PluginError as error:
        return str(error), []
    except exceptions.Abort as error:
        return f"[{language}] {error}", []
    except ContentError as error:  # found while the pages are made (a page out of proportion)
        return error, []
    except OSError as error:  # the disk, not the content nor the builder
        return f"[{language}] the site could not be written: {_os_reason(error)}", []
    except Exception as error:  # a fault of the builder, not of the content: say so plainly
        if verbose:
            raise
        return (f"[{language}] the build stopped on an internal error ({type(error).__name__}: {error}); "
                "run again with --verbose for the details, and please report it"), []
    return None, plan(prepared.plan, config.use_directory_urls) if pdf else []


#: In the parent, while forked language builds start: each language's ``LanguageBuild``, which a
#: forked process finds here (copied by the fork) instead of receiving it pickled: a pickled
#: project of 1,000 modules took each process about 2 s to receive.
_FORKED: dict[str, LanguageBuild] = {}


def _build_forked(config_file: str, language: str, *args: object) -> tuple[str | ContentError | None, list[PdfJob]]:
    """``_build_one`` in a forked process, for the language build it inherited."""
    return _build_one(config_file, _FORKED[language], *args)  # type: ignore[arg-type]


def _worker_start() -> None:
    """In a language build process: end with the parent, so a killed build leaves neither a held
    lock (a forked process shares the parent's) nor a builder writing. Processes are forked only
    on Linux; spawned ones (macOS, Windows) hold nothing of the parent's."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _build_site(config_file: str, site_dir: str | None, strict: bool, languages: tuple[str, ...], jobs: int,
                verbose: bool, finish: Finish | None = None, offline: bool = False) -> tuple[Path, list[str]]:
    """Build every language (in parallel processes) into a staging folder, let ``finish``
    add to it (PDFs), then swap it in place of the old site; exit 1 on any problem.
    ``offline``: a copy that opens from the disk, by default in `<site_dir>-offline/`, and the
    same folder zipped beside it."""
    setup_logging(verbose)
    keep_compiled_templates()
    config = site_config(config_file)
    target = Path(site_dir or (f"{config.site_dir}-offline" if offline else config.site_dir)).resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # First put right what a killed build left, even if this build stops at a content mistake.
        lock = _lock_and_tidy(target)
    except OSError as error:
        raise click.ClickException(f"cannot build into {target}: {_os_reason(error)}; choose another folder "
                                   "with --site-dir, or make its folder writable") from None
    staging = None
    layers = plugin_layers(config)
    try:
        try:
            # Loaded and checked once, here, only the languages to build (and the default): each
            # language's build is handed its own instead of loading the content again.
            prepared = prepare(layers, languages, pdf=finish is not None, processes=jobs or os.cpu_count() or 1)
        except ContentError as error:
            report(error)
            sys.exit(1)
        project = next(iter(prepared.values())).project
        toolkit = project.toolkit
        wanted = list(languages) or list(toolkit.languages)
        unknown = [code for code in wanted if code not in toolkit.languages]
        if unknown:
            raise click.BadParameter(f"{', '.join(unknown)} not among the toolkit's languages "
                                     f"({', '.join(toolkit.languages)})", param_hint="--language")
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        except OSError as error:
            raise click.ClickException(f"cannot write in {target.parent}: {_os_reason(error)}; choose another "
                                       "folder with --site-dir, or make this one writable") from None
        outputs = {code: staging / f"lang-{code}" for code in wanted}
        # One process per language, and the processes left over render the languages' pages.
        cores = jobs or os.cpu_count() or 1
        workers = min(len(wanted), cores)
        args = [(config_file, prepared[code], str(outputs[code]), strict, verbose, finish is not None, offline,
                 max(1, cores // len(wanted))) for code in wanted]
        if workers > 1 and sys.platform.startswith("linux"):
            _FORKED.update(prepared)
            try:
                with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_worker_start) as pool:
                    forked = [(a[0], a[1].language, *a[2:]) for a in args]
                    results = list(pool.map(_build_forked, *zip(*forked)))
            finally:
                _FORKED.clear()
        elif workers > 1:
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=_worker_start) as pool:
                results = list(pool.map(_build_one, *zip(*args)))
        else:
            results = [_build_one(*a) for a in args]
        errors = [error for error, _ in results if error]
        if errors:
            found = [p for e in errors if isinstance(e, ContentError) for p in e.problems]
            if found:
                report(ContentError(list(dict.fromkeys(found))))
            for message in dict.fromkeys(e for e in errors if isinstance(e, str)):
                click.echo(message, err=True)
            click.echo(f"Build failed; the site in {target} was left as it was.", err=True)
            sys.exit(1)
        root = outputs.get(toolkit.language) or staging / "site"
        root.mkdir(exist_ok=True)
        for code, output in outputs.items():
            if output != root:
                output.rename(root / code)
        if finish is not None:
            prefixes = {code: "" if code == toolkit.language else f"{code}/" for code in wanted}
            finish(root, {code: (prefixes[code], jobs_) for code, (_, jobs_) in zip(wanted, results)},
                   config.site_url or "")
        elif _has_pdfs(target):
            click.echo(f"Warning: the site in {target} had PDFs; this build has none, as PDFs are made only with "
                       "`toolkit build --pdf`. Build with --pdf to publish them again.", err=True)
        try:
            _swap(root, target)
        except OSError as error:
            raise click.ClickException(f"the new site could not take the place of {target}: {_os_reason(error)}; "
                                       "the previous site was left in place") from None
        if offline:
            try:
                _zip(target)
            except OSError as error:
                raise click.ClickException(f"the offline copy is in {target}, but it could not be zipped: "
                                           f"{_os_reason(error)}") from None
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        lock.release()
    return target, wanted


def _zip(site: Path) -> Path:
    """``site`` zipped beside it (site-offline/ -> site-offline.zip, holding site-offline/), written
    under another name first, so a zip that is there is whole."""
    archive = site.with_name(site.name + ".zip")
    partial = Path(shutil.make_archive(str(site.with_name(f".{site.name}-zip")), "zip", site.parent, site.name))
    partial.replace(archive)
    return archive


def _has_pdfs(site: Path) -> bool:
    """Whether a built site holds PDFs (in pdf/ of any language)."""
    return any(folder.is_dir() for folder in (site / "pdf", *site.glob("*/pdf")))


def _printer(paper: str, required: bool) -> Finish | None:
    """What prints the PDFs into a finished build, once Chromium is known to start (checked before
    any work). Without Chromium: exit 1 when PDFs are ``required``, the site left as it was; else
    a warning, and None: the site is built without PDFs and without links to them."""
    try:
        check_chromium()
    except PdfError as error:
        if required:
            click.echo(f"Error: {error}\nNothing was built: the site was left as it was.", err=True)
            sys.exit(1)
        click.echo(f"Warning: this build makes no PDFs. {error}\nThe site is built without PDFs and without links "
                   "to them.", err=True)
        return None

    def finish(root: Path, plans: dict[str, tuple[str, list[PdfJob]]], site_url: str) -> None:
        try:
            print_pdfs(root, plans, site_url, paper, click.progressbar)
        except PdfError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)

    return finish


PAPER = click.option("--paper", type=click.Choice(["Letter", "A4", "Legal"], case_sensitive=False), default="Letter",
                     show_default=True, help="Paper size of the PDFs.")


@click.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site_dir of the config).")
# The long name first: click shows the first one as the default ("[default: strict]").
@click.option("--strict/--no-strict", "-s", default=True, show_default=True,
              help="Fail on any warning of the site build (MkDocs's, such as a link to a missing page); with --pdf, "
                   "also when Chromium is missing. The content's warnings fail `toolkit validate --strict`.")
@click.option("-l", "--language", "languages", multiple=True, help="Build only this language (repeatable).")
@click.option("-j", "--jobs", default=0, type=int,
              help="Processes to use (default: one per core): languages are built at once, and the processes "
                   "left over render each language's pages.")
@click.option("--pdf", is_flag=True,
              help="Also print the PDFs (each module, each meeting's facilitator guide and handouts, the whole "
                   "toolkit) into pdf/ of each language, and link the pages to them. Needs Chromium.")
@PAPER
@click.option("--offline", is_flag=True,
              help="Make a copy that opens from the disk, without internet (links and search work from a folder), "
                   "in <site_dir>-offline/ (or --site-dir), and the same folder zipped beside it.")
@click.option("-v", "--verbose", is_flag=True)
def build(config_file: str, site_dir: str | None, strict: bool, languages: tuple[str, ...], jobs: int, pdf: bool,
          paper: str, offline: bool, verbose: bool) -> None:
    """Build the site in every language. The previous site stays in place unless the build succeeds.

    The default language is written at the root of the site, every other one under
    `<language>/`, with the same page paths. With --pdf the PDFs are made in the same build;
    if Chromium is missing, --strict (the default) stops before building anything, and
    --no-strict builds the site without PDFs, with a warning.
    """
    finish = _printer(_paper(paper), required=strict) if pdf else None
    target, wanted = _build_site(config_file, site_dir, strict, languages, jobs, verbose, finish, offline)
    click.echo(f"{'Offline copy' if offline else 'Site'}{' with PDFs' if finish else ''} written to {target} "
               f"({', '.join(wanted)})")
    if offline:
        click.echo(f"Zipped as {target.with_name(target.name + '.zip')}: unzip it anywhere and open index.html "
                   "in the folder.")


def _paper(name: str) -> str:
    return {p.lower(): p for p in ("Letter", "A4", "Legal")}[name.lower()]


def _lock_and_tidy(target: Path) -> FileLock:
    """Wait for any other build of the same site, then repair what a killed build left:
    the old site put aside but not replaced is put back; unfinished builds are removed.
    Returns the held lock (release it): filelock's lock on `.<site>.lock` beside the site, the
    system's own file lock on Linux, macOS and Windows, let go of by the system when the process
    ends, even killed."""
    lock = FileLock(target.with_name(f".{target.name}.lock"))
    lock.acquire()
    old = target.with_name(f".{target.name}-old")
    if old.is_dir() and not target.exists():
        old.rename(target)
    for leftover in target.parent.glob(f".{target.name}-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    return lock


def _swap(new: Path, target: Path) -> None:
    """Put the finished build in place of the old site with two renames. An OSError leaves the
    old site where it was; an old site that cannot be deleted afterwards is said, not hidden."""
    new.chmod(0o755)
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        # What an earlier swap could not delete: out of the way, under a name of its own.
        old.rename(Path(tempfile.mkdtemp(prefix=f".{target.name}-stale-", dir=target.parent)) / old.name)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)
        raise
    if old.exists():
        failures: list[str] = []
        shutil.rmtree(old, onerror=lambda _function, path, info: failures.append(f"{path}: {info[1]}"))
        if failures:
            click.echo(f"Warning: the previous site, moved to {old}, could not be deleted ({failures[0]}); "
                       "delete it by hand.", err=True)


def _os_reason(error: OSError) -> str:
    """An OSError in words, with the file it is about."""
    reason = error.strerror or str(error)
    return f"{reason} ({error.filename})" if error.filename else reason


@click.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site_dir of the config).")
@click.option("--strict/--no-strict", "-s", default=True, show_default=True,
              help="Fail on any warning of the site build (MkDocs's, such as a link to a missing page).")
@PAPER
@click.option("-l", "--language", "languages", multiple=True, help="Only this language (repeatable).")
@click.option("-v", "--verbose", is_flag=True)
def pdf(config_file: str, site_dir: str | None, strict: bool, paper: str, languages: tuple[str, ...],
        verbose: bool) -> None:
    """Build the site with its PDFs, in every language (in site/pdf/, site/fr/pdf/...): the same
    as `toolkit build --pdf`, except that a missing Chromium is always an error.

    Needs Chromium (Debian/Ubuntu: apt-get install chromium; or set TOOLKIT_CHROMIUM).
    """
    finish = _printer(_paper(paper), required=True)  # before building: no Chromium, no work done
    target, _ = _build_site(config_file, site_dir, strict, languages, 0, verbose, finish)
    click.echo(f"Site with PDFs written to {target}")
