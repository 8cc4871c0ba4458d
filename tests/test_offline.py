"""`toolkit build --offline`: a copy of the site, in every language, that opens from a folder on
the disk (file://) with working links, search and language switcher, zipped for a meeting room
without internet; the normal build stays as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from .browser import copy_project, run_toolkit

MODULE = "education/recovery-education-and-training.html"
SHIM = "assets/toolkit/offline/iframe-worker/shim.js"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    result = run_toolkit("build", "--offline", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Offline copy written" in result.stdout and "site-offline.zip" in result.stdout
    return project / "site-offline"


def local_links(html: Path) -> list[str]:
    """Every address a page links to or loads that is not on the web nor an anchor of the page."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    found = [el.get(attr) for el in soup.find_all(True) for attr in ("href", "src") if el.get(attr)]
    return [url for url in found if not urlsplit(url).scheme and not url.startswith(("#", "//"))]


def test_every_link_of_the_offline_copy_leads_to_a_file(offline_site):
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) >= 40 and (offline_site / "fr" / MODULE).is_file()
    checked = 0
    for page in pages:
        for url in local_links(page):
            target = page.parent / unquote(urlsplit(url).path)
            assert target.is_file(), f"{page.relative_to(offline_site)} links to {url}, which is not a file"
            checked += 1
    assert checked > 1000


def test_the_offline_copy_ships_its_search_and_the_normal_build_is_unchanged(offline_site, bundled_site):
    assert (offline_site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert (offline_site / SHIM).is_file() and (offline_site / "fr" / SHIM).is_file()
    scripts = [s for page in offline_site.rglob("*.html")
               for s in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("script[src]")]
    assert all(not urlsplit(s["src"]).netloc for s in scripts), "every script comes from the copy itself"
    assert any(s["src"].endswith(SHIM) for s in scripts)
    home = (bundled_site / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in home and not (bundled_site / "assets/toolkit/offline").exists()
    assert not (bundled_site / "search/search_index.js").exists()
    assert (bundled_site / "education/recovery-education-and-training/index.html").is_file()


def test_the_zip_holds_the_whole_copy(offline_site):
    with zipfile.ZipFile(offline_site.with_name("site-offline.zip")) as archive:
        names = set(archive.namelist())
    files = {f"site-offline/{p.relative_to(offline_site).as_posix()}" for p in offline_site.rglob("*") if p.is_file()}
    assert files <= names and "site-offline/index.html" in names and f"site-offline/fr/{MODULE}" in names


def test_from_the_disk_a_link_leads_to_a_module_search_finds_it_and_french_is_a_click_away(browser, offline_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []  # what the pages ask of the network (nothing is sent)

    def route(route):
        if urlsplit(route.request.url).scheme in ("file", "data", "blob"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto((offline_site / "index.html").as_uri())
        page.locator(f"article a[href='{MODULE}']").first.click()
        page.wait_for_load_state("load")
        assert page.url == (offline_site / MODULE).as_uri()
        assert page.locator("h1").first.inner_text().startswith("Recovery education and training")
        page.goto((offline_site / "index.html").as_uri())
        page.keyboard.press("/")
        page.keyboard.type("strategic")  # only the module has it
        result = page.locator(".md-search-result__item a").first
        result.wait_for(timeout=15_000)
        with page.expect_navigation():
            result.click()
        assert urlsplit(page.url).path.endswith(MODULE) and page.url.startswith("file://")
        with page.expect_navigation():  # the language menu opens on hover; its link is clicked as it is
            page.locator(".md-header [hreflang='fr']").first.dispatch_event("click")
        assert page.url.startswith((offline_site / "fr" / MODULE).as_uri())
        assert page.evaluate("document.documentElement.lang") == "fr"
    finally:
        context.close()
    assert not requests, f"the offline copy asked the network for {requests}"
