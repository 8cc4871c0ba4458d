"""Small things a reader sees, checked in Chromium on the bundled site at the widths they show
at: a heading's permalink and an abbreviation in brackets never wrap alone, one magnifier in a
wide header, "Sources: [2]" on the line, and every row of a logic model's cards with its outcome."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MODULE = "education/recovery-education-and-training/"
FAQ = "facilitation/frequently-asked-questions/"

#: For each element, whether the character just before it (in the same text node) sits on the same
#: line as the element's first line box.
_SAME_LINE = """(selector) => [...document.querySelectorAll(selector)].map(el => {
    const before = el.previousSibling;
    if (!before || before.nodeType !== Node.TEXT_NODE || !before.length) return null;
    const range = document.createRange();
    range.setStart(before, before.length - 1);
    range.setEnd(before, before.length);
    const char = range.getBoundingClientRect(), box = el.getClientRects()[0];
    return [before.data.slice(-1), Math.abs(char.bottom - box.bottom) < 6];
}).filter(Boolean)"""


def wraps(page, selector: str, widths: range) -> list[str]:
    """Where, across ``widths``, an element of ``selector`` starts a line of its own after its text."""
    found = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        for char, same in page.evaluate(_SAME_LINE, selector):
            if not same:
                found.append(f"{width}px after {char!r}")
    return found


def test_permalinks_and_bracketed_abbreviations_stay_on_the_line_of_their_word(browser, base_url):
    page = browser.new_page()
    try:
        page.goto(base_url + FAQ)
        assert page.locator(".tk-faq-question .headerlink").count() >= 5
        assert wraps(page, ".tk-faq-question .headerlink", range(300, 500, 4)) == []
        page.goto(base_url + MODULE)
        brackets = page.evaluate(_SAME_LINE, ".tk-abbr")
        assert any(char == "(" for char, _ in brackets), "the page has an abbreviation in brackets"
        assert [w for w in wraps(page, ".tk-abbr", range(320, 480, 3)) if w.endswith("'('")] == []
    finally:
        page.close()


def test_a_wide_header_shows_one_magnifier(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(base_url)
        assert page.locator(".md-search__input").is_visible()
        assert not page.locator(".md-header .tk-search-button").is_visible()
        page.set_viewport_size({"width": 375, "height": 800})
        assert page.locator(".md-header .tk-search-button").is_visible(), "a small screen opens search with it"
    finally:
        page.close()


def test_sources_numbers_sit_on_the_line_at_full_size(browser, base_url):
    page = browser.new_page()
    try:
        page.goto(base_url + MODULE)
        styles = page.evaluate("""() => [...document.querySelectorAll('.tk-sources .tk-cite')].map(cite => {
            const own = getComputedStyle(cite), text = getComputedStyle(cite.parentElement);
            return [own.verticalAlign, own.fontSize === text.fontSize];
        })""")
        assert styles and all(style == ["baseline", True] for style in styles), styles
        assert page.locator(".tk-sources").first.inner_text().startswith("Sources: [")
    finally:
        page.close()


def test_each_card_of_a_logic_model_shows_its_outcome_on_a_small_screen(browser, base_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(base_url + MODULE)
        rows = page.locator(".tk-logic-model tbody tr")
        assert rows.count() >= 2
        outcomes = rows.evaluate_all("""rows => {
            const label = rows[0].closest('table').querySelector('thead th:last-child').textContent.trim();
            return rows.map(row => [...row.querySelectorAll('td, .tk-shared-outcome')].some(el =>
                (el.matches('.tk-shared-outcome') || el.dataset.label === label)
                && el.offsetHeight > 0 && el.textContent.trim() !== ''));
        }""")
        assert all(outcomes), outcomes
        page.set_viewport_size({"width": 1280, "height": 800})
        assert page.locator(".tk-shared-outcome").first.is_hidden(), "the table shows a shared outcome once"
    finally:
        page.close()
