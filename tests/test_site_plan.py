"""The site plan: one list of the pages, their kinds, order and roles, that every output reads;
the language builds handed over in the open; the export any engine can build; reproducible builds."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit_builder.core.build import LanguageBuild, prepare
from toolkit_builder.core.load import load_project
from toolkit_builder.core.render import render_site, site_nav
from toolkit_builder.core.render import site as render_site_module
from toolkit_builder.core.site import PageKind, plan_site
from toolkit_builder.core.site import plan as plan_module

from .browser import copy_project, run_toolkit
from .conftest import CONTENT, ROOT, only, problems_of, write

PLUGIN = Path(__file__).parent / "fixtures" / "page_kind_plugin"


@pytest.fixture(scope="module")
def project():
    return load_project(CONTENT)


def _nav_paths(items):
    for item in items:
        if isinstance(item, str):
            yield item
        else:
            for value in item.values():
                yield from ([value] if isinstance(value, str) else _nav_paths(value))


def test_every_page_has_a_kind_and_the_rendered_site_is_the_plan_in_order(project):
    plan = plan_site(project)
    assert all(isinstance(page.kind, PageKind) for page in plan.pages)
    assert len(plan.paths) == len(plan.pages), "no two pages at one path"
    rendered = [page.path for page in render_site(project, plan=plan)]
    assert [path for path in rendered if plan.page(path)] == [page.path for page in plan.pages]
    # The nav, the book and the PDFs agree on the order: the back matter is references, then glossary.
    nav = list(_nav_paths(site_nav(plan)))
    book = [page.path for page in plan.book()]
    assert [p for p in nav if p in book] == book
    assert book[-2:] == ["references.md", "glossary.md"] and nav[-2:] == book[-2:]
    jobs = plan.pdf_jobs()
    assert jobs[-1].pages[1:] == tuple(book) and jobs[-1].contents
    guides = [job for job in jobs if job.target.endswith("-facilitator-guide.pdf")]
    assert len(guides) == len([p for p in plan.pages if p.kind == PageKind.FACILITATOR_GUIDE]) >= 6


def test_a_page_kind_from_a_package_outside_shows_in_nav_paths_book_pdfs_and_pages(project, monkeypatch):
    # Registered into copies, so the other tests see the package's own kinds only.
    monkeypatch.setattr(plan_module, "_REGIONS", list(plan_module._REGIONS))
    monkeypatch.setattr(plan_module, "ROLES", dict(plan_module.ROLES))
    monkeypatch.setattr(render_site_module, "PAGE_RENDERERS", dict(render_site_module.PAGE_RENDERERS))
    monkeypatch.syspath_prepend(str(PLUGIN))
    sys.modules.pop("posters", None)
    importlib.import_module("posters")
    plan = plan_site(project)
    assert "posters.md" in plan.paths
    nav = list(_nav_paths(site_nav(plan)))
    assert nav[-3:] == ["references.md", "posters.md", "glossary.md"], "placed by its rank, between the two"
    assert [page.path for page in plan.book()][-3:] == ["references.md", "posters.md", "glossary.md"]
    assert [job.target for job in plan.pdf_jobs() if job.pages == ("posters.md",)] == ["pdf/posters.pdf"]
    pages = {page.path: page for page in render_site(project, plan=plan)}
    assert pages["posters.md"].html.startswith("# Posters")
    sys.modules.pop("posters", None)


@pytest.mark.parametrize("suffix", ["handouts", "meeting-pack"])
def test_two_pages_or_pdfs_at_one_path_are_a_located_problem(content_dir, suffix):
    # A module named as a meeting's handouts (or its pack): its PDF would replace the meeting's.
    write(content_dir / f"modules/facilitation/forming-the-team-{suffix}.yml", f"""
        id: forming-the-team-{suffix}
        title: Handouts of the first meeting
        section: facilitation
        blocks:
          - type: prose
            text: People can and do recover.
        """)
    problem = only(problems_of(content_dir), "path-clash")
    assert problem.file.endswith(f"forming-the-team-{suffix}.yml") and problem.line == 1
    assert f"pdf/forming-the-team-{suffix}.pdf" in problem.message and "'forming-the-team'" in problem.message


def test_a_section_named_as_a_generated_folder_is_refused(content_dir):
    toolkit = content_dir / "toolkit.yml"
    text = toolkit.read_text(encoding="utf-8")
    toolkit.write_text(text.replace("sections:\n", "sections:\n  - id: topics\n    title: Topics\n", 1), encoding="utf-8")
    write(content_dir / "modules/topics/about.yml", """
        id: about
        title: About
        section: topics
        blocks:
          - type: prose
            text: People can and do recover.
        """)
    assert "topics/index.md" in only(problems_of(content_dir), "path-clash").message


def _render_in_a_fresh_process(build: LanguageBuild) -> list[str]:
    return [page.path for page in render_site(build.project, translations=build.translations, plan=build.plan)]


def test_a_language_build_goes_to_a_spawned_process_without_loading_the_content_again(tmp_path):
    content = shutil.copytree(CONTENT, tmp_path / "content")
    builds = prepare(content)
    french = builds["fr"]
    assert pickle.loads(pickle.dumps(french)).gettext("Glossary") == "Glossaire"
    shutil.rmtree(content)  # a process that loaded the content again would fail now
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        paths = pool.apply(_render_in_a_fresh_process, (french,))
    assert paths[:2] == ["index.md", "process/index.md"]
    assert set(french.plan.paths) <= set(paths)


def test_the_plugin_reads_no_language_from_the_environment():
    plugin = (ROOT / "toolkit_builder/mkdocs").rglob("*.py")
    assert not [path for path in plugin if "TOOLKIT_LANGUAGE" in path.read_text(encoding="utf-8")]
    load = (ROOT / "toolkit_builder/core/load/project.py").read_text(encoding="utf-8")
    assert "_LOADED" not in load and "keep_loaded" not in load


def test_the_books_date_is_the_builds_when_source_date_epoch_is_set(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, UTC
    book = next(page for page in render_site(project, pdf=True) if page.kind == "book")
    assert "November 14, 2023" in book.html


@pytest.mark.slow
def test_two_builds_with_source_date_epoch_are_byte_identical(tmp_path):
    project = copy_project(tmp_path / "project")
    sites = []
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    for name in ("one", "two"):
        result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build", "-d", str(tmp_path / name)],
                                cwd=project, env=environment, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        sites.append(tmp_path / name)
    files = [sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1] and len(files[0]) > 100
    different = [str(p) for p in files[0] if (sites[0] / p).read_bytes() != (sites[1] / p).read_bytes()]
    assert different == []


@pytest.mark.slow
def test_the_export_builds_with_stock_mkdocs_into_the_same_page_paths(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_toolkit("build", "-d", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stderr
    result = run_toolkit("export", str(tmp_path / "export"), cwd=project)
    assert result.returncode == 0, result.stderr
    config = (tmp_path / "export/en/mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins:\n- search\n" in config, "no toolkit plugin"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                            str(tmp_path / "export/en/mkdocs.yml"), "-d", str(tmp_path / "exported")],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    ours = {p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.html")
            if p.relative_to(tmp_path / "site").parts[0] != "fr"}
    theirs = {p.relative_to(tmp_path / "exported") for p in (tmp_path / "exported").rglob("*.html")}
    assert ours == theirs and len(ours) > 40


def test_each_module_page_knows_its_files_in_the_plan():
    builds = prepare(CONTENT, ["fr"])
    english = builds["en"].plan.page("education/recovery-education-and-training.md")
    french = builds["fr"].plan.page("education/recovery-education-and-training.md")
    assert english.source.path == "modules/education/recovery-education-and-training.yml"
    assert english.source.layer == 0 and english.source.translation is None
    assert french.source.translation == "modules/education/recovery-education-and-training.fr.yml"
    assert (CONTENT / french.source.translation).is_file()
