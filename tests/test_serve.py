"""`toolkit serve` while an editor works: a mistake shows in the browser, with its file and
line, instead of a stale page, and the page comes back as soon as the file is fixed."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from toolkit_builder.core.problems import Problem
from toolkit_builder.core.site import pages_from_files as problem_page_paths
from toolkit_builder.mkdocs.problems import problems_page

from .browser import copy_project
from .conftest import CONTENT, ROOT

MODULE = "content/modules/education/recovery-education-and-training.yml"
MODULE_URL = "education/recovery-education-and-training/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"toolkit serve stopped:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"toolkit serve did not answer at {url}:\n{log.read_text(encoding='utf-8')}")


@contextlib.contextmanager
def serving(project: Path, tmp_path: Path, log: Path, *options: str) -> Iterator[str]:
    """`toolkit serve OPTIONS` of ``project`` on a free port, output in ``log``: its base URL.
    Stopped with SIGTERM at the end, after which its temporary folders must be gone."""
    port = free_port()
    temporary = tmp_path / "tmp"  # where the server makes its temporary folders
    temporary.mkdir()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen([sys.executable, "-m", "toolkit_builder.cli", "serve", *options,
                                    "-a", f"127.0.0.1:{port}"], cwd=project, stdout=output,
                                   stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": str(temporary)})
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    # Stopped with SIGTERM, the server removed what it kept in temporary folders.
    assert sorted(p.name for p in temporary.iterdir()) == []


@pytest.fixture
def served_project(tmp_path, request):
    """A copy of the project served by `toolkit serve` on a free port: (folder, base URL).

    A test marked ``broken_at_start`` gets the copy with a mistake before the server starts."""
    project = copy_project(tmp_path / "project")
    if request.node.get_closest_marker("broken_at_start"):
        source = project / MODULE
        source.write_text(source.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:"), encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(project, tmp_path, log) as base:
        yield project, base, log


def test_serve_shows_a_mistake_in_the_browser_and_recovers(served_project, browser, tmp_path):
    from playwright.sync_api import expect

    project, base, log = served_project
    source = project / MODULE
    good = source.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(base + MODULE_URL)
        heading = page.locator("article h1")
        expect(heading).to_contain_text("Recovery education and training")

        broken = good.replace("\ntitle: Recovery education and training\n", "\ntitel: Recovery education and training\n")
        assert broken != good
        source.write_text(broken, encoding="utf-8")
        # Live reload brings the problems to the page that was open, without any click.
        expect(heading).to_contain_text("The toolkit has 2 problems", timeout=60_000)
        article = page.locator("article")
        expect(article).to_contain_text(f"{MODULE}:3:1 error [unknown-key]")
        expect(article).to_contain_text("unknown key 'titel'")
        expect(article).to_contain_text("did you mean 'title'?")
        expect(article).to_contain_text(f"{MODULE}:2:1 error [missing-field]")
        expect(page.locator("[role=alert]")).to_contain_text("cannot be built until these are fixed")
        page.screenshot(path=str(tmp_path / "serve-problems.png"), full_page=True)

        source.write_text(good, encoding="utf-8")
        expect(heading).to_contain_text("Recovery education and training", timeout=60_000)
        expect(page.locator("article table").first).to_be_visible()
    finally:
        page.close()
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output
    assert "unknown key 'titel'" in output  # the terminal shows the problems too


@pytest.mark.broken_at_start
def test_serve_started_on_broken_content_shows_the_problems_page(served_project):
    project, base, log = served_project
    for url in (base, base + "education/", base + MODULE_URL):
        with urllib.request.urlopen(url, timeout=30) as response:
            html = response.read().decode("utf-8")
        assert "The toolkit has 2 problems" in html, url
        assert "unknown key &#39;titel&#39;" in html or "unknown key 'titel'" in html
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output and "AttributeError" not in output


def test_problems_page_escapes_content_text():
    problem = Problem("content/x.yml", 4, 2, "unknown-key", "unknown key '<script>alert(1)</script>'",
                      "did you mean 'text'?")
    html = problems_page([problem])
    assert html.startswith('<h1 id="problems">The toolkit has 1 problem</h1>\n')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<code>content/x.yml:4:2</code>" in html
    assert "Unknown key: what this means" in html
    # A backtick in content text makes no element of it: the text between is escaped.
    spans = problems_page([Problem("x.yml", 1, 1, "unknown-key", "key `<b>` and `a", None)])
    assert "key <code>&lt;b&gt;</code> and `a" in spans


def test_problem_pages_cover_every_module_file_even_when_content_is_broken(tmp_path):
    paths = problem_page_paths(CONTENT)
    assert {"index.md", "education/index.md", "education/recovery-education-and-training.md"} <= paths
    assert not any(".fr" in path for path in paths)


def test_serve_serves_every_language_where_the_switcher_leads(tmp_path):
    """One `toolkit serve` serves the default language at the root and the other under es/,
    as `toolkit build` lays them out: the switcher's links lead to served pages, and an edit
    of a Spanish translation shows in the Spanish page."""
    from bs4 import BeautifulSoup

    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    log = tmp_path / "serve.log"

    def get(url: str) -> BeautifulSoup:
        with urllib.request.urlopen(url, timeout=30) as response:
            return BeautifulSoup(response.read().decode("utf-8"), "html.parser")

    with serving(project, tmp_path, log) as base:
        page = base + "growing/preparing-the-beds/"
        for language, title in (("en", "Preparing the beds"), ("es", "Preparar los bancales")):
            link = get(page).select_one(f'a.md-select__link[hreflang="{language}"]')
            target = urllib.parse.urljoin(page, link["href"])
            assert get(target).select_one("article h1").get_text(strip=True).startswith(title), target
        translation = project / "content/modules/growing/preparing-the-beds.es.yml"
        translation.write_text(translation.read_text(encoding="utf-8").replace(
            "title: Preparar los bancales", "title: Preparar bien los bancales"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Preparar bien" not in get(base + "es/growing/preparing-the-beds/").get_text():
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_serve_refuses_a_language_the_toolkit_does_not_have():
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "serve", "-l", "xx", "-a", "127.0.0.1:1"],
                            cwd=ROOT / "tests/fixtures/garden", capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "xx not among the toolkit's languages (en, es)" in result.stderr


def test_serve_l_says_which_languages_it_does_not_serve(tmp_path):
    """`toolkit serve -l en` builds the default language only: the switcher's Spanish entry says
    it is not served (and how to serve it) instead of leading to a missing page."""
    from bs4 import BeautifulSoup

    project = tmp_path / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    with serving(project, tmp_path, tmp_path / "serve.log", "-l", "en") as base:
        with urllib.request.urlopen(base + "growing/season-plan/", timeout=30) as response:
            page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
        entries = page.select(".md-select__item")
        assert [entry.get_text(strip=True) for entry in entries] == [
            "English", "Español: not served (toolkit serve -l es)"]
        assert page.select("a.md-select__link[hreflang=es]") == []
