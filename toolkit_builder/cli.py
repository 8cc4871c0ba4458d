"""The `toolkit` command: validate content, build or serve the site, start a module."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from .loader import ContentError, did_you_mean, load_languages, load_project

# Material prints a notice about its own future on every build; the toolkit's users
# cannot act on it, so it is off unless they ask for it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _report(error: ContentError) -> None:
    from .errors import annotation

    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in error.problems:
            click.echo(annotation(problem))
    click.echo(str(error), err=True)
    click.echo(_EXPLAIN_HINT.format(code=error.problems[0].code if error.problems else "unknown-key"), err=True)


_EXPLAIN_HINT = "Each problem's code is explained, with how to fix it, by `toolkit explain CODE` (e.g. `toolkit explain {code}`)."


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


@click.group()
@click.version_option(package_name="toolkit-builder")
def main() -> None:
    """Build implementation toolkits from YAML modules."""


@main.command()
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors: exit 1 if there is any.")
def validate(path: Path | None, config_file: str, strict: bool) -> None:
    """Check every file of the content, in every language, and list all problems.

    PATH is a content folder; without it, the folders of the site's mkdocs.yml (its
    upstream and its own content), or ./content.
    """
    layers = [path] if path else _config_layers(config_file)
    try:
        projects = load_languages(layers)
    except ContentError as error:
        _report(error)
        sys.exit(1)
    project = next(iter(projects.values()))
    warnings = _lint(project, layers)
    click.echo(f"{os.path.relpath(layers[-1])}: {len(project.modules)} module(s), {len(project.references)} "
               f"reference(s), {len(project.glossary)} glossary term(s), languages {', '.join(projects)}: no errors"
               + (f", {warnings} warning(s)." if warnings else ", no warnings."))
    if strict and warnings:
        click.echo("--strict: warnings count as errors.", err=True)
        sys.exit(1)


def _plugin_layers(config_file: str) -> list[Path]:
    """The content folders the `toolkit` plugin of a MkDocs config reads, upstream first."""
    import yaml

    path = Path(config_file)
    try:
        # MkDocs configs may hold tags such as !ENV; only the plugin's options are needed.
        loader = type("ConfigLoader", (yaml.SafeLoader,), {})
        loader.add_multi_constructor("", lambda loader, suffix, node: None)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise click.ClickException(f"cannot read {config_file}: {error}") from None
    options: dict = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "toolkit" in plugin:
            options = plugin["toolkit"] or {}
    root = path.parent
    return [root / u for u in options.get("upstream", [])] + [root / options.get("content_dir", "content")]


def _config_layers(config_file: str) -> list[Path]:
    return _plugin_layers(config_file) if Path(config_file).is_file() else [Path("content")]


def _build_one(config_file: str, language: str, site_dir: str, strict: bool, verbose: bool,
               pdf: bool = False) -> tuple[str | None, list]:
    """Build one language into ``site_dir``: (error message or None, the PDFs to print)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["TOOLKIT_LANGUAGE"] = language
    _setup_logging(verbose)
    try:
        config = load_config(config_file=config_file, strict=strict, site_dir=site_dir)
        toolkit = config.plugins.get("toolkit")
        if toolkit is None:
            return f"{config_file} does not use the `toolkit` plugin; add it under `plugins:`.", []
        toolkit.config.pdf = pdf  # module pages link to their PDF only when it is printed
        mkdocs_build(config)
    except exceptions.ConfigurationError as error:
        return str(error), []
    except exceptions.PluginError as error:
        return str(error), []
    except exceptions.Abort as error:
        return f"[{language}] {error}", []
    except Exception as error:  # a fault of the builder, not of the content: say so plainly
        if verbose:
            raise
        return (f"[{language}] the build stopped on an internal error ({type(error).__name__}: {error}); "
                "run again with --verbose for the details, and please report it"), []
    if not pdf:
        return None, []
    from .pdf import plan

    return None, plan(toolkit.title, toolkit.pages, config.use_directory_urls)


def _worker_start(lock: int | None) -> None:
    """In a language build process: let go of the build lock inherited from the parent, and
    end with the parent, so a killed build leaves neither a held lock nor a builder writing."""
    if lock is not None:
        os.close(lock)
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _build_site(config_file: str, site_dir: str | None, strict: bool, languages: tuple[str, ...], jobs: int,
                verbose: bool, finish=None) -> tuple[Path, list[str]]:
    """Build every language (in parallel processes) into a staging folder, let ``finish``
    add to it (PDFs), then swap it in place of the old site; exit 1 on any problem."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from mkdocs import exceptions
    from mkdocs.config import load_config

    _setup_logging(verbose)
    try:
        config = load_config(config_file=config_file)
    except exceptions.ConfigurationError as error:
        raise click.ClickException(str(error)) from None
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # First put right what a killed build left, even if this build stops at a content mistake.
    lock = _lock_and_tidy(target)
    staging = None
    try:
        try:
            project = next(iter(load_languages(_plugin_layers(config_file)).values()))
        except ContentError as error:
            _report(error)
            sys.exit(1)
        toolkit = project.toolkit
        wanted = list(languages) or list(toolkit.languages)
        unknown = [code for code in wanted if code not in toolkit.languages]
        if unknown:
            raise click.BadParameter(f"{', '.join(unknown)} not among the toolkit's languages "
                                     f"({', '.join(toolkit.languages)})", param_hint="--language")
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        outputs = {code: staging / f"lang-{code}" for code in wanted}
        args = [(config_file, code, str(outputs[code]), strict, verbose, finish is not None) for code in wanted]
        workers = min(len(wanted), jobs or os.cpu_count() or 1)
        if workers > 1:
            context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start,
                                     initargs=(lock,)) as pool:
                results = list(pool.map(_build_one, *zip(*args)))
        else:
            results = [_build_one(*a) for a in args]
        errors = [error for error, _ in results if error]
        if errors:
            for error in dict.fromkeys(errors):
                click.echo(error, err=True)
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
        _swap(root, target)
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if lock is not None:
            os.close(lock)
    return target, wanted


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site_dir of the config).")
@click.option("-s", "--strict/--no-strict", default=True, show_default=True, help="Fail on any warning.")
@click.option("-l", "--language", "languages", multiple=True, help="Build only this language (repeatable).")
@click.option("-j", "--jobs", default=0, type=int, help="Languages built at once (default: one per core).")
@click.option("-v", "--verbose", is_flag=True)
def build(config_file: str, site_dir: str | None, strict: bool, languages: tuple[str, ...], jobs: int,
          verbose: bool) -> None:
    """Build the site in every language. The previous site stays in place unless the build succeeds.

    The default language is written at the root of the site, every other one under
    `<language>/`, with the same page paths.
    """
    target, wanted = _build_site(config_file, site_dir, strict, languages, jobs, verbose)
    click.echo(f"Site written to {target} ({', '.join(wanted)})")


def _lock_and_tidy(target: Path) -> int | None:
    """Wait for any other build of the same site, then repair what a killed build left:
    the old site put aside but not replaced is put back; unfinished builds are removed.
    Returns the lock (a descriptor to close), None where there is no locking (Windows)."""
    try:
        import fcntl
    except ImportError:  # no lock, so leave other builds' folders alone
        return None
    descriptor = os.open(target.parent, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # also released if the process is killed
    old = target.with_name(f".{target.name}-old")
    if old.is_dir() and not target.exists():
        old.rename(target)
    for leftover in target.parent.glob(f".{target.name}-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    return descriptor


def _swap(new: Path, target: Path) -> None:
    """Put the finished build in place of the old site with two renames."""
    new.chmod(0o755)
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT")
@click.option("-l", "--language", default=None, help="Language to serve (default: the toolkit's own).")
@click.option("-v", "--verbose", is_flag=True)
def serve(config_file: str, dev_addr: str, language: str | None, verbose: bool) -> None:
    """Serve the site with live reload; edits under content/ rebuild it."""
    from mkdocs import exceptions
    from mkdocs.commands.serve import serve as mkdocs_serve

    if language:
        os.environ["TOOLKIT_LANGUAGE"] = language
    _setup_logging(verbose)
    try:
        mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)
    except (exceptions.Abort, exceptions.PluginError) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except OSError as error:  # the address is taken, most often
        click.echo(f"cannot serve on {dev_addr}: {error.strerror or error}; is another server running? "
                   "Choose another address with `-a 127.0.0.1:8001`.", err=True)
        sys.exit(1)


@main.group()
def new() -> None:
    """Start a new piece of content from a skeleton."""


SKELETON = """\
# yaml-language-server: $schema=../../../schema/module.schema.json
id: {id}
title: {title}
section: {section}
summary: One sentence that tells a facilitator what this module is for.
audience: [{audience}]

blocks:
  - type: prose
    id: introduction
    heading: Introduction
    text: |
      Write the module's text here. Use a blank line between paragraphs,
      **two stars** for bold and [a link](https://example.org) for links.
"""


@new.command("module")
@click.argument("section")
@click.argument("module_id", metavar="ID")
@click.option("--title", default=None, help="The module's title (default: from the id).")
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
def new_module(section: str, module_id: str, title: str | None, content_dir: Path) -> None:
    """Write a module skeleton to content/modules/SECTION/ID.yml."""
    import json
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", module_id):
        raise click.BadParameter("use lower-case letters, digits and dashes, e.g. 'peer-support'", param_hint="ID")
    try:
        project = load_project(content_dir)
    except ContentError as error:
        _report(error)
        raise click.ClickException("fix the content first, then add the module") from None
    toolkit = project.toolkit
    if toolkit.section(section) is None:
        hint = did_you_mean(section, [s.id for s in toolkit.sections], "sections")
        raise click.BadParameter(f"'{section}' is not a section of toolkit.yml; {hint}", param_hint="SECTION")
    if module_id in project.sources:
        raise click.ClickException(f"a module '{module_id}' already exists: {project.sources[module_id]}")
    path = content_dir / "modules" / section / f"{module_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    audience = toolkit.audiences[0].id if toolkit.audiences else ""
    title = title or module_id.replace("-", " ").capitalize()
    path.write_text(SKELETON.format(id=module_id, title=json.dumps(title, ensure_ascii=False), section=section, audience=audience), encoding="utf-8")
    click.echo(f"Wrote {path}. Edit it, then run `toolkit validate`.")




# --------------------------------------------------------------------------- translations


@main.group()
def i18n() -> None:
    """Translations: what is missing or stale, and the UI string catalogues."""


@i18n.command("status")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Exit 1 when anything is missing, partly translated or stale.")
@click.option("--details", is_flag=True, help="List the source lines each translation lacks.")
def i18n_status(config_file: str, strict: bool, details: bool) -> None:
    """Per language: the files missing, partly translated and stale (source changed since)."""
    from .i18n import translation_status

    layers = _config_layers(config_file)
    try:
        project = load_project(layers)
    except ContentError as error:
        _report(error)
        sys.exit(1)
    toolkit = project.toolkit
    incomplete = 0
    for language in toolkit.languages:
        if language == toolkit.language:
            continue
        results = translation_status(layers, language)
        counts = {state: sum(r.state == state for r in results) for state in ("complete", "partial", "stale",
                                                                               "missing")}
        total = sum(r.total for r in results)
        done = sum(r.translated for r in results if r.state != "missing")
        share = 100 * done / total if total else 100.0
        click.echo(f"{language}: {share:.0f}% of texts translated; {len(results)} files: "
                   + ", ".join(f"{n} {state}" for state, n in counts.items()))
        for result in results:
            if result.state == "complete":
                continue
            incomplete += 1
            click.echo(f"  {result.state:<8} {os.path.relpath(result.translation)} "
                       f"({result.translated}/{result.total} texts)")
            if details and result.missing_lines:
                lines = ", ".join(map(str, result.missing_lines[:30]))
                click.echo(f"           untranslated: {os.path.relpath(result.source)} lines {lines}")
            if result.state == "stale":
                click.echo("           the source changed since; update the text, then run "
                           f"`toolkit i18n stamp {language}`")
    if strict and incomplete:
        sys.exit(1)


@i18n.command("stamp")
@click.argument("language")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
def i18n_stamp(language: str, files: tuple[Path, ...], config_file: str) -> None:
    """Mark translations into LANGUAGE as up to date with their sources (all, or the FILES given)."""
    from .i18n import stamp, translation_status

    chosen = {f.resolve() for f in files}
    changed = 0
    for result in translation_status(_config_layers(config_file), language):
        if result.state == "missing" or (chosen and result.translation.resolve() not in chosen):
            continue
        if stamp(result.translation, result.digest):
            changed += 1
            click.echo(f"stamped {os.path.relpath(result.translation)}")
    click.echo(f"{changed} file(s) updated")


@i18n.command("extract")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .pot template (default: the package's locale/toolkit.pot).")
def i18n_extract(output: Path | None) -> None:
    """Extract the UI strings of the templates and code into a .pot catalogue template."""
    from .i18n import PACKAGE_LOCALES, extract_messages

    output = output or PACKAGE_LOCALES / "toolkit.pot"
    count = extract_messages(output)
    click.echo(f"{count} messages written to {output}")


# --------------------------------------------------------------------------- localized copies


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--upstream", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="The upstream toolkit's content folder (e.g. a checkout of the upstream repository's content/).")
@click.option("--name", default="Our organization", show_default=True, help="Your organization's name.")
def init(directory: Path, upstream: Path, name: str) -> None:
    """Start a localized copy of a toolkit in DIRECTORY, on top of an upstream content folder."""
    import json

    starter = Path(__file__).parent / "starter"
    try:
        load_project(upstream)
    except ContentError as error:
        _report(error)
        raise click.ClickException(f"{upstream} is not a valid toolkit content folder") from None
    if directory.exists() and any(directory.iterdir()):
        raise click.ClickException(f"{directory} is not empty; choose a new folder")
    upstream_path = Path(os.path.relpath(upstream.resolve(), directory.resolve())).as_posix()
    quoted = json.dumps(name, ensure_ascii=False)
    values = {"name": name, "upstream": upstream_path, "schema": f"{upstream_path}/../schema/"}
    files = {
        "mkdocs.yml": ("mkdocs.yml", {**values, "name": quoted}),
        "content/toolkit.yml": ("toolkit.yml", {**values, "name": quoted}),
        "content/modules/local/local-resources.yml": ("local-resources.yml", values),
        "README.md": ("README.md", values),
    }
    for target, (source, fields) in files.items():
        path = directory / target
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (starter / source).read_text(encoding="utf-8")
        for key, value in fields.items():
            text = text.replace("{" + key + "}", value)
        path.write_text(text, encoding="utf-8")
    (directory / "content/docs").mkdir(parents=True, exist_ok=True)
    (directory / "content/docs/.gitkeep").touch()
    (directory / "overrides").mkdir(exist_ok=True)
    (directory / "overrides/main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    click.echo(f"Started {directory}. Next: cd {directory} && toolkit build")
@main.command()
@click.option("-o", "--output", default="schema", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the schemas to.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a schema in the folder is missing or stale.")
def schema(output: Path, check: bool) -> None:
    """Write the JSON Schemas of the content files, for editors' autocompletion and checks."""
    from .schema import schemas, write_schemas

    if check:
        stale = [name for name, text in schemas().items()
                 if not (output / name).is_file() or (output / name).read_text(encoding="utf-8") != text]
        if stale:
            click.echo(f"stale or missing in {output}: {', '.join(stale)}; run `toolkit schema`", err=True)
            sys.exit(1)
        click.echo(f"{output}: the schemas are up to date.")
        return
    changed = write_schemas(output)
    click.echo(f"{output}: {len(changed)} schema(s) written" + (f": {', '.join(p.name for p in changed)}" if changed else ""))



def _lint(project, path) -> int:
    """Print the warnings and each module's reading ease; return the number of warnings."""
    from .errors import annotation, reading_ease_label
    from .lint import lint_project

    report = lint_project(project, path)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in report.problems:
            click.echo(annotation(problem))
    for problem in report.problems:
        click.echo(str(problem), err=True)
    if report.reading_ease:
        click.echo("Reading ease (Flesch, 0-100; plain language is 60 or more):")
        for module_id, score in sorted(report.reading_ease.items()):
            click.echo(f"  {project.sources[module_id]}: {score:.0f} ({reading_ease_label(score)})")
    return len(report.problems)


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as the Markdown page docs/errors.md.")
def explain(code: str | None, markdown: bool) -> None:
    """Explain a problem CODE reported by `toolkit validate`, and how to fix it (all codes without CODE)."""
    from .errors import CATALOGUE, catalogue_markdown
    from .errors import explain as explain_code

    if markdown:
        click.echo(catalogue_markdown(), nl=False)
    elif code is None:
        width = max(len(c) for c in CATALOGUE)
        for entry in CATALOGUE.values():
            click.echo(f"{entry.code:<{width}}  {entry.severity:<7}  {entry.title}")
    elif code in CATALOGUE:
        click.echo(explain_code(code), nl=False)
    else:
        raise click.BadParameter(did_you_mean(code, CATALOGUE, "codes"), param_hint="CODE")
@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site_dir of the config).")
@click.option("-s", "--strict/--no-strict", default=True, show_default=True, help="Fail on any warning.")
@click.option("--paper", type=click.Choice(["Letter", "A4", "Legal"], case_sensitive=False), default="Letter",
              show_default=True, help="Paper size of the PDFs.")
@click.option("-l", "--language", "languages", multiple=True, help="Only this language (repeatable).")
@click.option("-v", "--verbose", is_flag=True)
def pdf(config_file: str, site_dir: str | None, strict: bool, paper: str, languages: tuple[str, ...],
        verbose: bool) -> None:
    """Build the site with a PDF of each module and of the whole toolkit, in every language
    (in site/pdf/, site/fr/pdf/...).

    Needs Chromium (Debian/Ubuntu: apt-get install chromium; or set TOOLKIT_CHROMIUM).
    """
    from .pdf import PdfError, check_chromium, print_pdfs

    paper = {p.lower(): p for p in ("Letter", "A4", "Legal")}[paper.lower()]
    try:
        check_chromium()  # before building: no Chromium, no work done
    except PdfError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)

    def finish(root: Path, plans: dict, site_url: str) -> None:
        try:
            print_pdfs(root, plans, site_url, paper, click.progressbar)
        except PdfError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)

    target, _ = _build_site(config_file, site_dir, strict, languages, 0, verbose, finish)
    click.echo(f"Site with PDFs written to {target}")

@main.command()
@click.argument("site_dir", default="site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--base-path", default="/", show_default=True,
              help="The path the site is served under (the path of site_url), for links starting with '/'.")
def linkcheck(site_dir: Path, base_path: str) -> None:
    """Check every link of the built site SITE_DIR (default: site), offline.

    Internal links, anchors, citations and cross-references must resolve, in every language
    folder; external addresses are checked for form (nothing is fetched) and listed.
    """
    from .linkcheck import check_site, format_report

    report = check_site(site_dir, base_path)
    click.echo(format_report(report))
    if not report.ok:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
