"""The PDFs as a facilitator prints them, in both languages: no sheet printed for a few stranded
lines, no page of the whole toolkit ending on a heading or a glossary term, and a meeting pack
per meeting (its facilitator guide, then its handouts, in one print). Read with poppler's
pdftotext and pypdf from one `toolkit build --pdf` of the bundled toolkit."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from toolkit_builder.core.load import load_project

from .browser import copy_project, missing, run_toolkit
from .conftest import CONTENT

pytestmark = pytest.mark.browser

#: Fewest words a printed page may hold (its number and running header aside): below it, a sheet
#: is spent on a few stranded lines.
FEWEST_WORDS = 15
LANGUAGES = {"en": "", "fr": "fr/"}


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory) -> Path:
    """The bundled toolkit built once by `toolkit build --pdf` (the browser fixture skips or fails
    first when there is no Chromium)."""
    project = copy_project(tmp_path_factory.mktemp("paper") / "project")
    result = run_toolkit("build", "--pdf", cwd=project, timeout=900)
    assert result.returncode == 0, result.stderr
    return project / "site"


def pages_of(pdf: Path) -> list[list[str]]:
    """Each page's lines as pdftotext lays them out, without blank lines and without the page
    number ("3 / 8") that print.css writes at the foot of every page."""
    if shutil.which("pdftotext") is None:
        missing("pdftotext not found (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    pages = []
    for page in done.stdout.split("\f")[:-1]:
        lines = [" ".join(line.split()) for line in page.splitlines()]
        pages.append([line for line in lines if line and not re.fullmatch(r"\d+ ?/ ?\d+", line)])
    return pages


def flat(pages: list[list[str]]) -> list[str]:
    return [line for lines in pages for line in lines]


def lines_of(pdf: Path) -> list[str]:
    return flat(pages_of(pdf))


def meeting_ids() -> list[str]:
    return [module.id for module in load_project(CONTENT).modules if module.meeting()]


def meeting_pdfs(site: Path, language: str) -> list[Path]:
    folder = site / LANGUAGES[language] / "pdf"
    return [folder / f"{meeting}-{kind}.pdf" for meeting in meeting_ids()
            for kind in ("facilitator-guide", "handouts")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_guide_or_handouts_page_holds_only_a_few_stranded_lines(printed, language):
    pdfs = meeting_pdfs(printed, language)
    assert len(pdfs) >= 12
    thin = []
    for pdf in pdfs:
        for number, lines in enumerate(pages_of(pdf), 1):
            if number == 1:
                lines = lines[1:]  # the running header: the toolkit's name
            words = len(" ".join(lines).split())
            if words < FEWEST_WORDS:
                thin.append(f"{pdf.name} page {number}: {words} words ({' / '.join(lines)[:80]})")
    assert thin == []


def headings_by_page(pdf: Path) -> dict[int, set[str]]:
    """The headings each page starts (from 0), from the PDF's bookmarks: Chromium makes one of each
    heading, at its place (glossary terms are headings too)."""
    reader = PdfReader(pdf)
    found: dict[int, set[str]] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(reader.get_destination_page_number(item), set()).add(" ".join(item.title.split()))

    walk(reader.outline)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_of_the_whole_toolkit_ends_on_a_heading_or_a_glossary_term(printed, language):
    project = load_project(CONTENT, language=language)
    book = next(p for p in (printed / LANGUAGES[language] / "pdf").glob("*.pdf")
                if len(PdfReader(p).pages) > 30)
    headings = headings_by_page(book)
    terms = {term.term for term in project.glossary}
    assert terms <= {h.split(" (")[0] for found in headings.values() for h in found}, \
        "every glossary term is a heading, so a bookmark"
    assert stranded(book) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_of_a_guide_handouts_or_meeting_pack_ends_on_a_heading(printed, language):
    pdfs = [*meeting_pdfs(printed, language),
            *(printed / LANGUAGES[language] / "pdf").glob("*-meeting-pack.pdf")]
    assert len(pdfs) >= 18
    assert [f"{pdf.name}: {where}" for pdf in pdfs for where in stranded(pdf)] == []


def stranded(pdf: Path) -> list[str]:
    """The pages of a PDF (but its last) whose last line is a heading that starts on that page."""
    headings = headings_by_page(pdf)
    return [f"page {number + 1} ends with {found!r}" for number, lines in enumerate(pages_of(pdf)[:-1])
            if (found := ends_on(lines, headings.get(number, set())))]


def ends_on(lines: list[str], headings: set[str]) -> str | None:
    """The heading a page's lines end with, if any; a heading that wraps ends with its last line."""
    if not lines:
        return None
    last, end = lines[-1], " ".join(lines[-3:])
    for heading in headings:
        if last == heading or (heading.endswith(" " + last) and (end == heading or end.endswith(" " + heading))):
            return heading
    return None


def test_the_check_sees_a_page_ending_on_a_heading():
    headings = {"Custodial model of care", "Hope", "Making sense and finding meaning"}
    assert ends_on(["A paragraph ends here.", "Custodial model of care"], headings) == "Custodial model of care"
    assert ends_on(["A paragraph ends here.", "Making sense and", "finding meaning"], headings) == \
        "Making sense and finding meaning"
    assert ends_on(["Custodial model of care", "The state of care where staff decide."], headings) is None
    assert ends_on(["Peer support can bring hope"], headings) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_pack_holds_the_guide_then_the_handouts_and_is_linked_beside_them(printed, language):
    site = printed / LANGUAGES[language]
    for meeting in meeting_ids():
        pack = site / "pdf" / f"{meeting}-meeting-pack.pdf"
        guide, handouts = (site / "pdf" / f"{meeting}-{kind}.pdf" for kind in ("facilitator-guide", "handouts"))
        # The guide's words, then the handouts': each part as its own PDF has it, without the running
        # header (the toolkit's name, once at the top of its first page) and page numbers.
        words = [" ".join(lines).split() for lines in (flat(pages_of(pdf))[1:] for pdf in (guide, handouts))]
        assert " ".join(lines_of(pack)).split() == words[0] + words[1], pack.name
        assert len(PdfReader(pack).pages) >= len(PdfReader(guide).pages) + len(PdfReader(handouts).pages) - 1
        assert PdfReader(pack).metadata.title == PdfReader(site / "pdf" / f"{meeting}.pdf").outline[0].title
        section = next(p for p in site.glob(f"*/{meeting}/index.html"))
        links = [a["href"] for a in BeautifulSoup(section.read_text(encoding="utf-8"), "html.parser")
                 .select(".tk-meeting-prints a[type='application/pdf']")]
        assert [(section.parent / href).resolve().name for href in links] == [
            f"{meeting}-facilitator-guide.pdf", f"{meeting}-handouts.pdf", f"{meeting}-meeting-pack.pdf"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_pdf_is_titled_with_its_own_title(printed, language):
    folder = printed / LANGUAGES[language] / "pdf"
    book = next(p for p in folder.glob("*.pdf") if len(PdfReader(p).pages) > 30)
    title = load_project(CONTENT, language=language).toolkit.title
    assert PdfReader(book).metadata.title == title, "not 'title - title'"
