"""No request leaves the site's origin: every page loaded in Chromium, with search used."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .browser import serve_folder
from .conftest import write

#: Pages open at once.
BATCH = 8


def load_pages(browser, site: Path, pages: list[str]) -> tuple[list[str], list[str]]:  # noqa: F811
    """Load ``pages`` of ``site`` from a local server and use search on each; returns the URLs
    requested from the site's origin and those requested from anywhere else (never sent)."""
    same_origin: list[str] = []
    elsewhere: list[str] = []
    with serve_folder(site) as address:
        origin = urlsplit(address).netloc
        context = browser.new_context(service_workers="block")

        def route(route):
            url = route.request.url
            if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == origin:
                same_origin.append(url)
                route.continue_()
            else:
                elsewhere.append(url)
                route.abort()

        context.route("**/*", route)
        try:
            # Pages are loaded a batch at a time: waiting for the network to go quiet is most of
            # the work, and pages of a batch wait together.
            for start in range(0, len(pages), BATCH):
                batch = [context.new_page() for _ in pages[start:start + BATCH]]
                for page, path in zip(batch, pages[start:start + BATCH]):
                    page.on("websocket", lambda socket: elsewhere.append(socket.url))
                    page.goto(address + path, wait_until="commit")
                for page in batch:
                    page.wait_for_load_state("networkidle")
                searched = [page for page in batch if page.locator("input.md-search__input").count()]
                for page in searched:  # search loads a worker and the index
                    page.keyboard.press("/")
                    page.locator("input.md-search__input").fill("recovery")
                for page in searched:
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(100)
                for page in batch:
                    page.close()
        finally:
            context.close()
    return same_origin, elsewhere


def test_no_request_leaves_the_origin(browser, bundled_site):  # noqa: F811
    pages = sorted(p.relative_to(bundled_site).as_posix() for p in bundled_site.rglob("*.html"))
    assert len(pages) >= 6
    same_origin, elsewhere = load_pages(browser, bundled_site, pages)
    assert elsewhere == []
    loaded = {urlsplit(url).path for url in same_origin}
    # The test saw the site load: every page, the theme's scripts and styles, and the search index.
    assert {"/" + p for p in pages} <= loaded
    assert any(p.endswith(".js") for p in loaded) and any(p.endswith(".css") for p in loaded)
    assert "/search/search_index.json" in loaded


def test_a_request_to_another_origin_would_be_seen(browser, tmp_path):  # noqa: F811
    write(tmp_path / "index.html", """
        <html><head><link rel="stylesheet" href="https://fonts.example.org/font.css"></head>
        <body><img src="//images.example.org/pixel.png"><img src="local.png"></body></html>
        """)
    same_origin, elsewhere = load_pages(browser, tmp_path, ["index.html"])
    assert sorted(elsewhere) == ["http://images.example.org/pixel.png", "https://fonts.example.org/font.css"]
    assert any(url.endswith("/local.png") for url in same_origin)
