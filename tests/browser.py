"""Shared fixtures for tests in a real browser: a site built once, served on localhost,
and Debian's Chromium driven by Playwright.

Without Chromium (or Playwright) the browser tests skip with the reason; with CI=true
they fail instead, so a CI machine that lost its browser cannot pass quietly.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from toolkit_builder.tools.pdf import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")


def missing(reason: str) -> None:
    """Skip the test, or fail it on CI where the browser must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def run_toolkit(*args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit_builder.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def browser_site(bundled_site) -> Path:
    """The bundled toolkit's one build of the session (tests/conftest.py), for browser tests."""
    return bundled_site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of a local HTTP server for that folder (closed at the end)."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(browser_site, serve) -> str:
    return serve(browser_site)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as error:
            missing(f"Chromium at {CHROMIUM} does not start: {error.message.splitlines()[0]}")
        yield instance
        instance.close()


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of a built site, relative to its root."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(("pdf/", "search/")):
            continue
        paths.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return paths


REPORTS = pytest.StashKey[list]()


def report(config, text: str) -> None:
    """Keep a line of figures for the summary at the end of the test run."""
    config.stash.setdefault(REPORTS, []).append(text)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the audit figures (pages checked, violations found) at the end of the run."""
    reports = config.stash.get(REPORTS, None)
    if reports:
        terminalreporter.section("accessibility report")
        for report in reports:
            terminalreporter.write_line(report)


@contextlib.contextmanager
def serve_folder(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 while the block runs; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
