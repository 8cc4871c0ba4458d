"""The theme's copies of Material's partials: still made from Material's current file, and
what they change shows in the built pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
from bs4 import BeautifulSoup

#: Material's partials that `toolkit_builder/mkdocs/theme/partials/` replaces with an edited
#: copy, with the SHA-256 of the file each copy was made from (Material 9.8.2).
COPIED = {
    "nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
}


def test_copied_partials_match_materials_own():
    """A new Material may change a partial the theme replaces: this fails until the copy takes
    the change over and the hash above is updated."""
    partials = Path(material.__file__).parent / "templates" / "partials"
    for name, expected in COPIED.items():
        actual = hashlib.sha256((partials / name).read_bytes()).hexdigest()
        assert actual == expected, (f"Material's partials/{name} changed: bring the change into "
                                    f"toolkit_builder/mkdocs/theme/partials/{name}, then record {actual} here")


def test_nav_entries_are_light_and_named(bundled_site: Path):
    """Each nav entry is one line whose link text is the title; no empty tabindex; each nested
    nav is named by its own title."""
    nested = 0
    for page in ("index.html", "education/index.html", "education/recovery-education-and-training/index.html"):
        html = (bundled_site / page).read_text(encoding="utf-8")
        nav = BeautifulSoup(html, "html.parser").select_one("nav.md-nav--primary")
        assert nav is not None
        for toc in nav.select("nav.md-nav--secondary"):  # the page's table of contents: Material's own partial
            toc.decompose()
        links = nav.select("li > a.md-nav__link")
        assert len(links) > 5
        # An entry neither active nor nested is a bare <li>; no class that nothing reads.
        bare = [li for li in nav.select("li") if not li.get("class")]
        assert bare and all(li.select_one(":scope > a.md-nav__link") for li in bare)
        assert "md-nav__item--pruned" not in html
        assert not nav.select(".md-ellipsis")
        assert [link.get_text() for link in links] == [link.get_text().strip() for link in links]
        assert 'tabindex=""' not in html
        for inner in nav.select("nav.md-nav[aria-labelledby]"):
            title = nav.find(id=inner["aria-labelledby"])
            assert title is not None and title.get_text(strip=True), (page, inner["aria-labelledby"])
            nested += 1
    assert nested
