"""`toolkit pdf`: tagged PDFs of each module and of the whole toolkit, printed by Chromium.

The site is built (every language) with PDF links switched on (the plugin's `pdf` option), served on
localhost, and each module page is printed with the site's own print stylesheet. The whole
toolkit is one document assembled in the browser from every page's content, so its PDF is
tagged and has an outline of headings too (merging per-page PDFs would lose the tags).
The finished site, PDFs included, replaces the old one only when everything succeeded.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..core.site import PdfJob, SitePlan

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from playwright.sync_api import Page as BrowserPage
from ..core.render.urls import page_url
from .paper import lay_out_for_paper

PAPER_SIZES = ("Letter", "A4", "Legal")
#: Where Chromium usually is; TOOLKIT_CHROMIUM overrides.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class PdfError(Exception):
    """A problem the user can fix (no Chromium, no Playwright...), told in plain words."""


def plan(site: SitePlan, directory_urls: bool = True) -> list[PdfJob]:
    """The PDFs of a site (``SitePlan.pdf_jobs``: a PDF per module and per meeting's facilitator guide
    and handouts, then the whole toolkit), each page as its URL path in the built site."""
    return [replace(job, pages=tuple(page_url(path, directory_urls) for path in job.pages))
            for job in site.pdf_jobs()]


# ---------------------------------------------------------------------- Chromium

def find_chromium() -> str | None:
    """Chromium's path: TOOLKIT_CHROMIUM if set, else the first one on PATH; None lets
    Playwright use a browser of its own if it has one."""
    explicit = os.environ.get("TOOLKIT_CHROMIUM")
    if explicit:
        if not Path(explicit).is_file():
            raise PdfError(f"TOOLKIT_CHROMIUM is {explicit!r}, but there is no such file. "
                           "Point it at the Chromium program, or unset it.")
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, or a PdfError that says how to get one."""
    try:
        from playwright.sync_api import Error, sync_playwright  # an optional dependency: toolkit-builder[pdf]
    except ImportError:
        raise PdfError("PDF output needs Playwright for Python: pip install 'toolkit-builder[pdf]'") from None
    executable = find_chromium()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            where = f"at {executable}" if executable else "on this computer"
            first_line = (error.message or str(error)).strip().splitlines()[0]
            raise PdfError(
                f"Chromium could not be started {where} ({first_line}).\n"
                "Install it (Debian or Ubuntu: sudo apt-get install chromium), "
                "or set TOOLKIT_CHROMIUM to the path of a Chromium or Chrome program."
            ) from None
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on localhost while the block runs; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------- printing

#: Joins several pages into one document: each page's content becomes a part starting on a
#: new sheet; ids are prefixed per part so they stay unique, and links between pages of the
#: book become links inside it.
_ASSEMBLE = """(pages) => {
    const urls = pages.map(([p, _]) => new URL(p, location.href).href);
    const article = document.querySelector('article.md-content__inner');
    const parts = [];
    for (const [i, url] of urls.entries()) {
        const html = pages[i][1];
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const content = doc.querySelector('article.md-content__inner');
        const prefix = `part${i}-`;
        content.querySelectorAll('[id]').forEach(el => el.id = prefix + el.id);
        content.querySelectorAll('[aria-labelledby]').forEach(el => el.setAttribute('aria-labelledby',
            el.getAttribute('aria-labelledby').split(/\\s+/).map(id => prefix + id).join(' ')));
        content.querySelectorAll('[src]').forEach(el => el.setAttribute('src', new URL(el.getAttribute('src'), url).href));
        content.querySelectorAll('a[href]').forEach(link => {
            const href = link.getAttribute('href');
            if (href.startsWith('#')) { link.setAttribute('href', '#' + prefix + href.slice(1)); return; }
            const target = new URL(href, url);
            const j = urls.findIndex(u => new URL(u).pathname === target.pathname);
            if (j >= 0) link.setAttribute('href', '#' + (target.hash ? `part${j}-` + target.hash.slice(1) : `part${j}`));
            // A page of the site outside this PDF: its words stay, not the printing server's address.
            else if (target.origin === location.origin) link.removeAttribute('href');
            else link.setAttribute('href', target.href);
        });
        const part = document.createElement('section');
        part.className = 'tk-book-part';
        part.id = prefix.slice(0, -1);
        part.setAttribute('aria-labelledby', (content.querySelector('h1') || {}).id || '');
        part.append(...content.childNodes);
        parts.push(part);
    }
    article.replaceChildren(...parts);
}"""

_BOOK_CSS = """
.tk-book-part + .tk-book-part { break-before: page; }
.tk-book-part .tk-masthead { display: none !important; }
"""

#: Writes each contents entry's page number; ``numbers`` maps a part's id ("part3") to its first page.
_NUMBER_CONTENTS = """(numbers) => document.querySelectorAll('.tk-book-contents a[href^="#part"]').forEach(link => {
    const page = link.parentElement.querySelector('.tk-book-contents__page');
    if (page) page.textContent = numbers[link.getAttribute('href').slice(1)] || '';
})"""


def part_pages(pdf: Path, parts: int) -> dict[str, str]:
    """The page each part of a printed book starts on ({"part3": "12"}), read from its outline:
    each part has one top-level heading (h1), and Chromium makes an outline entry of each."""
    # pypdf: pure Python, well kept (the py-pdf project), reads an outline with its pages.
    from pypdf import PdfReader  # an optional dependency: toolkit-builder[pdf]

    reader = PdfReader(pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    numbers = [reader.get_destination_page_number(item) for item in top]
    if len(numbers) != parts or None in numbers:
        raise PdfError(f"{pdf.name}: the contents' page numbers could not be found: {parts} pages were printed, "
                       f"but the PDF's outline has {len(top)} top-level headings. Please report it.")
    return {f"part{i}": str((number or 0) + 1) for i, number in enumerate(numbers)}


def _set_address(page: BrowserPage, public_url: str | None) -> None:
    """The masthead shows the page's public address when the site has one, else nothing."""
    page.evaluate(
        """(address) => document.querySelectorAll('[data-tk-url]').forEach(el => {
            if (address) el.textContent = address; else { el.previousElementSibling?.remove(); el.remove(); }
        })""",
        public_url,
    )


#: What the pages' own script does before printing (toolkit.js), done here instead: collapsed
#: parts are printed open.
_OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(el => el.setAttribute('open', ''))"


def _read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:  # the local server of ``serve``
        return str(response.read().decode("utf-8"))


def print_job(browser: Browser, base_url: str, job: PdfJob, out: Path, site_url: str = "",
              paper: str = "Letter") -> None:
    # The pages are printed with their scripts off: whatever a content file managed to put in a
    # page cannot run in this browser, which runs without a sandbox where the platform has none.
    # The pages print the same without them (tests/test_pdf.py); the few steps that need a script
    # are this module's own, evaluated by Playwright.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + job.pages[0], wait_until="load")
        page.evaluate(_OPEN_DETAILS)
        if len(job.pages) > 1:
            # The pages' HTML is read here: a page's own fetch does not run with its scripts off.
            page.evaluate(_ASSEMBLE, [[path, _read(base_url + path)] for path in job.pages])
            page.evaluate("(css) => document.head.append(Object.assign(document.createElement('style'), "
                          "{textContent: css}))", _BOOK_CSS)
        _set_address(page, (site_url.rstrip("/") + "/" + job.pages[0]) if site_url else None)
        # The PDF's title (its metadata): the job's own, not the first page's "page - site".
        page.evaluate("(title) => { document.title = title; }", job.title)
        page.emulate_media(media="print", color_scheme="light")
        lay_out_for_paper(page, paper)
        out.parent.mkdir(parents=True, exist_ok=True)
        options: dict[str, Any] = dict(path=str(out), format=paper, print_background=True, tagged=True, outline=True,
                                       prefer_css_page_size=True)
        page.pdf(**options)
        if job.contents:  # printed once to learn where each part starts, then again with the numbers
            page.evaluate(_NUMBER_CONTENTS, part_pages(out, len(job.pages)))
            page.pdf(**options)
    finally:
        context.close()


# ---------------------------------------------------------------------- the command

def check_chromium() -> None:
    """Raise PdfError, saying how to get one, unless Chromium starts."""
    with chromium():
        pass


def print_pdfs(root: Path, plans: dict[str, tuple[str, list[PdfJob]]], site_url: str, paper: str,
               progressbar: Callable[..., Any]) -> list[Path]:
    """Print the PDFs of every language into the built site at ``root``.

    ``plans`` maps a language to (its folder in the site, e.g. "" or "fr/", its PdfJobs).
    """
    jobs = [(prefix, job) for prefix, language_jobs in plans.values() for job in language_jobs]
    written = []
    with chromium() as browser, serve(root) as base_url, progressbar(
            jobs, label="Rendering PDFs", item_show_func=lambda item: item[0] + item[1].target if item else "") as bar:
        for prefix, job in bar:
            public = (site_url.rstrip("/") + "/" + prefix) if site_url else ""
            print_job(browser, base_url + prefix, job, root / prefix / job.target, public, paper)
            written.append(root / prefix / job.target)
    return written
