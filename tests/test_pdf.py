"""`toolkit build --pdf` (and `toolkit pdf`): tagged PDFs with outlines, every CHIME component
and interview question in them, sane page counts, module pages that link to their PDF, and for
each meeting a facilitator guide and a handouts package, the notes in one and not the other."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup
from pypdf import PdfReader

from toolkit_builder.core.load import load_project
from toolkit_builder.core.site import plan_site

from .browser import copy_project, missing, report, run_toolkit
from .conftest import CONTENT

pytestmark = pytest.mark.browser

MODULE_ID = "recovery-education-and-training"
MODULE_PAGE = f"education/{MODULE_ID}/index.html"


MEETING = "planning-co-production-interviews"


@pytest.fixture(scope="module")
def pdf_site(browser, tmp_path_factory, request) -> Path:
    """The bundled toolkit built by `toolkit build --pdf` (the browser fixture skips or fails
    first when there is no Chromium)."""
    project = copy_project(tmp_path_factory.mktemp("pdf") / "project")
    result = run_toolkit("build", "--pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Rendering PDFs" in result.stdout and "Site with PDFs written" in result.stdout
    site = project / "site"
    counts = ", ".join(f"{p.name}: {len(PdfReader(p).pages)} pages" for p in sorted((site / "pdf").glob("*.pdf")))
    report(request.config, f"PDFs: {counts}")
    return site


def text_of(pdf: Path) -> str:
    """All the text of a PDF with runs of white space made single spaces."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages))


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_a_pdf_for_each_module_and_for_the_whole_toolkit_in_each_language(pdf_site):
    project = load_project(CONTENT)
    modules = sorted(f"{m.id}.pdf" for m in project.modules)
    modules += [f"{m.id}-{kind}.pdf" for m in project.modules if m.meeting()
                for kind in ("facilitator-guide", "handouts", "meeting-pack")]
    assert sorted(p.name for p in (pdf_site / "pdf").iterdir()) == sorted(modules + ["learning-recovery-together.pdf"])
    assert sorted(p.name for p in (pdf_site / "fr/pdf").iterdir()) == sorted(modules + ["apprendre-ensemble-le-retablissement.pdf"])
    french = PdfReader(pdf_site / "fr/pdf" / f"{MODULE_ID}.pdf")
    assert french.trailer["/Root"]["/Lang"] == "fr"
    assert "Éducation et formation" in text_of(pdf_site / "fr/pdf" / f"{MODULE_ID}.pdf")


def test_module_pdf_has_every_chime_component_and_every_question(pdf_site):
    project = load_project(CONTENT)
    chime = project.toolkit.framework("chime")
    text = text_of(pdf_site / "pdf" / f"{MODULE_ID}.pdf")
    for component in chime.components:
        assert component.label in text, component.label
    module = next(m for m in project.modules if m.id == MODULE_ID)
    asked = sum(len(g.questions) for b in module.blocks if b.type == "questions" for g in b.groups)
    # The questions as the page shows them (Markdown and typography applied).
    soup = BeautifulSoup((pdf_site / MODULE_PAGE).read_text(encoding="utf-8"), "html.parser")
    questions = [q.get_text(" ", strip=True) for q in soup.select(".tk-question")]
    assert len(questions) == asked == 7
    for question in questions:
        assert re.sub(r"\s+", " ", question) in text, question


def test_module_pdf_is_tagged_with_an_outline_and_a_sane_length(pdf_site):
    reader = PdfReader(pdf_site / "pdf" / f"{MODULE_ID}.pdf")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root, "a tagged PDF"
    assert root["/Lang"] == "en"
    titles = outline_titles(reader)
    assert titles[0] == "Recovery education and training"
    for heading in ("The CHIME framework", "Questions for co-production interviews", "References"):
        assert heading in titles
    assert 3 <= len(reader.pages) <= 15, len(reader.pages)
    text = text_of(pdf_site / "pdf" / f"{MODULE_ID}.pdf")
    assert "Learning Recovery Together" in text, "the toolkit's name heads the first page"
    assert f"1 / {len(reader.pages)}" in text, "pages are numbered"
    assert "Skip to content" not in text and "Table of contents" not in text, "no navigation on paper"


def test_toolkit_pdf_has_the_process_then_the_sections_then_references_and_glossary(pdf_site):
    reader = PdfReader(pdf_site / "pdf" / "learning-recovery-together.pdf")
    project = load_project(CONTENT)
    module_pages = sum(len(PdfReader(pdf_site / "pdf" / f"{m.id}.pdf").pages) for m in project.modules)
    fronts = 2 + len(project.toolkit.sections) + 3  # cover, contents, section pages, process, action plan, glossary
    assert module_pages < len(reader.pages) <= module_pages + 2 * fronts + len(project.references) // 10
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    meetings = [s.module.title for s in project.steps()]
    assert top[:len(meetings) + 3] == ["Learning Recovery Together", "The process", *meetings, "Action plan"]
    assert top[len(meetings) + 3:len(meetings) + 5] == ["Education and training", "Recovery education and training"]
    assert top[-2:] == ["References", "Glossary"], "the nav's order (the site plan's)"
    assert sorted(top) == sorted(["Learning Recovery Together", "The process", "Action plan", "Glossary", "References",
                                  *(s.title for s in project.toolkit.sections), *(m.title for m in project.modules)]), \
        "every module once; no home page, no topic pages"
    assert "Facilitator guide: Forming the implementation team" not in outline_titles(reader), \
        "guides and handouts have PDFs of their own"
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])


@pytest.mark.parametrize("pdf, cover, contents", [
    ("pdf/learning-recovery-together.pdf", ["Learning Recovery Together", "Date", "Language English"], "Contents"),
    ("fr/pdf/apprendre-ensemble-le-retablissement.pdf", ["Apprendre ensemble", "Date", "Langue français"], "Table des matières"),
])
def test_toolkit_pdf_opens_with_a_cover_and_a_contents_list_whose_page_numbers_are_right(
        pdf_site, pdf, cover, contents):
    pages = pdf_pages(pdf_site / pdf)
    cover = [*cover, format_date(date.today(), format="long", locale="fr" if pdf.startswith("fr/") else "en")]
    for words in cover:
        assert words in pages[0], words
    assert "Skip to content" not in pages[0] and "/book/" not in pages[0], "no masthead nor address on the cover"
    assert pages[1].startswith(contents)
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf_site / pdf), "-"],
                            capture_output=True, text=True, timeout=60, check=True).stdout
    entries, title = [], ""
    for line in layout.splitlines()[1:]:  # after the heading; a long title wraps, its number on its last line
        found = re.fullmatch(r" *(\S.*?) {2,}(\d+)", line)
        if found:
            entries.append((f"{title} {found[1]}".strip(), found[2]))
        title = "" if found or not line.strip() else f"{title} {line.strip()}"
    assert len(entries) == len(plan_site(load_project(CONTENT)).book()) >= 15, "every entry has its page number"
    for title, number in entries:
        title = re.sub(r"^\d+\. ", "", title)  # meetings are numbered in the contents
        assert pages[int(number) - 1].startswith(title), f"{title!r} is not on page {number}"
    assert entries[-2][0] in ("References", "Références") and int(entries[-1][1]) <= len(pages)


def test_module_and_home_pages_link_to_their_pdfs(pdf_site):
    soup = BeautifulSoup((pdf_site / MODULE_PAGE).read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.tk-pdf-link")
    assert link["aria-label"] == "Download this module as a PDF"
    assert (pdf_site / MODULE_PAGE).parent.joinpath(link["href"]).resolve() == \
        (pdf_site / "pdf" / f"{MODULE_ID}.pdf").resolve()
    home = BeautifulSoup((pdf_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("a.tk-pdf-link")["href"] == "pdf/learning-recovery-together.pdf"


def test_plain_build_has_no_pdf_links_nor_the_pdfs_front(browser_site):
    html = (browser_site / MODULE_PAGE).read_text(encoding="utf-8")
    assert "tk-pdf-link" not in html and not (browser_site / "pdf").exists()
    assert not (browser_site / "book").exists()


def test_the_pdfs_front_page_is_out_of_the_nav_and_the_search(pdf_site):
    assert (pdf_site / "book/index.html").is_file()
    assert "book/" not in (pdf_site / "search/search_index.json").read_text(encoding="utf-8")
    home = BeautifulSoup((pdf_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not home.select('nav a[href$="book/"]')


@pytest.mark.parametrize("command", [("pdf",), ("build", "--pdf")])
@pytest.mark.parametrize("chromium, message", [
    ("nowhere", "no such file"),        # a path that does not exist
    ("/bin/false", "could not be started"),  # a program that is not Chromium
])
def test_missing_chromium_is_a_clear_error_and_leaves_the_site(tmp_path, command, chromium, message):
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "keep.txt").write_text("old site", encoding="utf-8")
    result = _run_with_chromium(project, tmp_path, chromium, *command)
    assert result.returncode == 1
    assert message in result.stderr and "Chromium" in result.stderr and "Nothing was built" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "keep.txt").read_text(encoding="utf-8") == "old site"


def test_without_chromium_a_lenient_build_keeps_every_page_and_says_there_are_no_pdfs(tmp_path):
    project = copy_project(tmp_path / "project")
    result = _run_with_chromium(project, tmp_path, "nowhere", "build", "--pdf", "--no-strict")
    assert result.returncode == 0, result.stderr
    assert "this build makes no PDFs" in result.stderr and "no such file" in result.stderr
    site = project / "site"
    assert (site / MODULE_PAGE).is_file() and (site / "facilitation" / MEETING / "handouts/index.html").is_file()
    assert not (site / "pdf").exists() and "tk-pdf-link" not in (site / MODULE_PAGE).read_text(encoding="utf-8")
    assert "Site written" in result.stdout and "with PDFs" not in result.stdout


def _run_with_chromium(project: Path, tmp_path: Path, chromium: str, *args: str) -> subprocess.CompletedProcess:
    path = str(tmp_path / chromium) if chromium == "nowhere" else chromium
    return subprocess.run([sys.executable, "-m", "toolkit_builder.cli", *args], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "TOOLKIT_CHROMIUM": path})


def test_pages_with_pdf_links_stay_valid_and_accessible(browser, pdf_site, serve):
    from .audit import audit_axe, nu_validate

    results = audit_axe(browser, serve(pdf_site), ["", f"education/{MODULE_ID}/"])
    failing = [r for r in results if r.violations]
    assert not failing, "\n".join(r.describe() for r in failing)
    try:
        assert nu_validate(pdf_site) == []
    except FileNotFoundError as error:
        missing(str(error))


def pdftotext(pdf: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it, runs of white space made single spaces."""
    if shutil.which("pdftotext") is None:
        missing("pdftotext not found (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return _words(re.sub(r"\[\d+\]", "", done.stdout))


def _words(value: str) -> str:
    """Runs of white space made single spaces, none before punctuation; plain apostrophes."""
    return re.sub(r"\s+([,.;:?!)])", r"\1", re.sub(r"\s+", " ", value)).replace("’", "'").strip()


def _visible_text(html) -> str:
    """The text of an element as printed, without citation numbers (each page numbers its own)."""
    for tip in html.select(".tk-abbr__tip, .tk-print-action, .tk-worksheet-action, .tk-cite"):
        tip.decompose()
    return _words(html.get_text(" ", strip=True))


def test_handouts_pdf_holds_the_named_blocks_in_full_and_not_the_notes(pdf_site):
    project = load_project(CONTENT)
    meeting = next(m for m in project.modules if m.id == MEETING).meeting()
    handouts = pdftotext(pdf_site / "pdf" / f"{MEETING}-handouts.pdf")
    source = BeautifulSoup((pdf_site / MODULE_PAGE).read_text(encoding="utf-8"), "html.parser")
    named = [h for h in meeting.handouts if h.module == MODULE_ID]
    assert [h.block for h in named] == ["interview-questions", "co-production"]
    for handout in named:
        heading = source.find(id=handout.block)
        block = heading.find_next_sibling(class_="tk-block")
        for tags in block.select(".tk-tags"):
            tags.decompose()  # for the facilitator: the handouts leave them out
        for paragraph in block.select("p, li"):  # every sentence of the block, as the page shows it
            if paragraph.find_parent(class_=["tk-worksheet-action", "tk-print-action"]) or \
                    set(paragraph.get("class", [])) & {"tk-worksheet-action", "tk-print-action"}:
                continue  # buttons, for the screen only
            sentence = _visible_text(paragraph)
            if sentence:
                assert sentence in handouts, (handout.block, sentence)
    assert "Linked to:" not in handouts
    notes = BeautifulSoup(f"<div>{meeting.notes}</div>", "html.parser").get_text()
    for sentence in re.split(r"(?<=[.;])\s+", re.sub(r"\s+", " ", notes).strip()):
        words = re.sub(r"\[@\w+\]", "", sentence).strip(" .;")[:40]
        assert words not in handouts, f"facilitator note in the handouts: {words}"
    guide = pdftotext(pdf_site / "pdf" / f"{MEETING}-facilitator-guide.pdf")
    assert "Facilitator notes" in guide and "Telling one's story can be hard." in guide
    assert "0:00–0:05" in guide or "0:00-0:05" in guide, "the agenda has clock times"


def test_meeting_page_links_to_its_guide_and_handouts_pdfs(pdf_site):
    page = pdf_site / "facilitation" / MEETING / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    pdfs = [a["href"] for a in soup.select(".tk-meeting-prints a[type='application/pdf']")]
    assert [(page.parent / href).resolve() for href in pdfs] == [
        (pdf_site / "pdf" / f"{MEETING}-{kind}.pdf").resolve() for kind in ("facilitator-guide", "handouts", "meeting-pack")]
    guide = BeautifulSoup((page.parent / "facilitator-guide/index.html").read_text(encoding="utf-8"), "html.parser")
    assert guide.select_one("a.tk-pdf-link")["aria-label"] == "Download this facilitator guide as a PDF"
    reader = PdfReader(pdf_site / "pdf" / f"{MEETING}-handouts.pdf")
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert 2 <= len(reader.pages) <= 8, "each handout on its own sheets, nothing more"


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text as pdftotext reads it, without the page number, white space made single."""
    if shutil.which("pdftotext") is None:
        missing("pdftotext not found (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [re.sub(r"\s*\d+ ?/ ?\d+\s*$", "", " ".join(page.split())) for page in done.stdout.split("\f")[:-1]]


def page_headings(html: Path) -> list[str]:
    """The text of a page's headings (h1 to h6), in order, as a reader sees them."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    for hidden in article.select(".headerlink, .tk-visually-hidden, .tk-abbr__tip"):
        hidden.decompose()
    return [" ".join(h.get_text(" ").split()) for h in article.select("h1, h2, h3, h4, h5, h6")]


def module_pdfs(site: Path) -> list[tuple[Path, Path]]:
    """Every single-page PDF (modules, guides, handouts) of a language, with the page it prints."""
    pairs = []
    for page in sorted(site.glob("*/*/**/index.html")):
        if (site / page.relative_to(site).parts[0] / "search").is_dir():
            continue  # another language's site
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("a.tk-pdf-link")
        if link is not None:
            pairs.append(((page.parent / link["href"]).resolve(), page))
    return pairs


@pytest.mark.parametrize("language", ["", "fr"])
def test_pdf_bookmarks_are_the_headings_text_and_no_page_ends_with_a_heading(pdf_site, language):
    site = pdf_site / language if language else pdf_site
    pairs = module_pdfs(site)
    assert len(pairs) >= 20
    for pdf, page in pairs:
        headings = page_headings(page)
        titles = [" ".join(t.split()) for t in outline_titles(PdfReader(pdf))]
        assert titles == headings, pdf.name
        pages = pdf_pages(pdf)
        for number, text in enumerate(pages[:-1], 1):
            ends = [h for h in headings if text.endswith(h)]
            assert not ends, f"{pdf.name}: page {number} ends with the heading {ends[0]!r}"


def test_a_fact_sheet_prints_its_doi_once(pdf_site):
    project = load_project(CONTENT)
    sheets = [m for m in project.modules if any(b.type == "fact_sheet" for b in m.blocks)]
    dois = 0
    for module in sheets:
        text = pdftotext(pdf_site / "pdf" / f"{module.id}.pdf")
        for doi in set(re.findall(r"https://doi\.org/\S+?(?=[\s)]|$)", text)):
            assert text.count(doi) == 1, f"{module.id}: {doi} printed {text.count(doi)} times"
            dois += 1
    assert dois >= 3
