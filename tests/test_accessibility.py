"""WCAG 2.2 AA in a real browser: axe-core on every page, Nu HTML validation, keyboard use,
JavaScript off, reflow at 320 px, and the page outline (lang, one h1, no skipped levels)."""

from __future__ import annotations

import pytest

from .audit import audit_axe, nu_validate, summary
from .browser import CHROMIUM, CHROMIUM_ARGS, missing, report, site_pages

pytestmark = pytest.mark.browser

MODULE = "education/recovery-education-and-training/"


@pytest.fixture(scope="module")
def axe_results(browser, base_url, browser_site, request):
    results = audit_axe(browser, base_url, site_pages(browser_site), CHROMIUM, CHROMIUM_ARGS)
    report(request.config, summary(results))
    return results


def test_every_page_is_checked(axe_results, browser_site):
    pages = {r.path for r in axe_results}
    assert {"", "education/", MODULE, "references/", "glossary/", "404.html"} <= pages
    assert len(axe_results) == len(pages) * 4


def test_axe_finds_no_violation_on_any_page(axe_results):
    failing = [r for r in axe_results if r.violations]
    assert not failing, "\n".join(r.describe() for r in failing)


def test_nu_validator_finds_no_error(browser_site, request):
    try:
        errors = nu_validate(browser_site)
    except FileNotFoundError as error:
        missing(str(error))
    report(request.config, f"Nu HTML validator: {len(site_pages(browser_site))} pages, {len(errors)} error(s)")
    assert not errors, "\n".join(f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in errors)


def test_the_audit_catches_a_planted_violation(browser, base_url):
    """axe really runs: a low-contrast paragraph and an image without text are reported."""
    from .audit import axe_script, run_axe

    page = browser.new_page()
    page.goto(base_url + MODULE)
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Barely readable';
        p.style.cssText = 'color:#777;background:#888';
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').append(p, img);
    }""")
    found = {v["id"] for v in run_axe(page, axe_script())}
    page.close()
    assert {"color-contrast", "image-alt"} <= found


# ---------------------------------------------------------------- keyboard

FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
             "[tabindex]:not([tabindex='-1'])")


def _focus_box(page) -> dict | None:
    """The viewport box where the focused element (or the label it drives) is drawn."""
    return page.evaluate("""() => {
        let el = document.activeElement;
        if (el.classList.contains('md-option')) el = el.nextElementSibling;  // palette: its label shows focus
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) return null;
        const x = Math.max(0, r.left - 6), y = Math.max(0, r.top - 6);
        return {x, y, width: Math.min(innerWidth - x, r.right + 6 - x), height: Math.min(innerHeight - y, r.bottom + 6 - y)};
    }""")


@pytest.mark.parametrize("width", [1280, 320])
def test_tab_reaches_every_control_in_order_with_visible_focus(browser, base_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url + MODULE)
    page.wait_for_timeout(400)  # the closed drawer leaves the tab order after its transition
    expected = page.evaluate("""(selector) => {
        const all = [...document.querySelectorAll(selector)];
        all.forEach((el, i) => el.dataset.tkOrder = i);
        return all.filter(el => el.tabIndex >= 0 && !el.disabled &&
            (el.type === 'radio' ? el.checked : el.checkVisibility({visibilityProperty: true})))
          .map(el => +el.dataset.tkOrder);
    }""", FOCUSABLE)
    assert page.evaluate("document.querySelectorAll('[tabindex]:not([tabindex=\"0\"]):not([tabindex=\"-1\"])').length") == 0, \
        "no positive tabindex: the tab order follows the page order"
    visited, invisible, unmarked = [], [], []
    for _ in range(len(expected) + 40):
        page.keyboard.press("Tab")
        order = page.evaluate("document.activeElement.dataset.tkOrder ?? null")
        if order is None:
            if page.evaluate("document.activeElement === document.body"):
                break
            continue
        order = int(order)
        if visited and order == visited[0]:
            break
        name = page.evaluate("(() => { const e = document.activeElement; return e.outerHTML.slice(0, 120) })()")
        box = _focus_box(page)
        if box is None:
            unmarked.append("(no box) " + name)
        else:
            # Transitions are finished at once, so the two pictures show the settled states.
            focused = page.screenshot(clip=box, animations="disabled")
            page.evaluate("document.activeElement.blur()")
            if page.screenshot(clip=box, animations="disabled") == focused:
                unmarked.append(name)
            if page.evaluate(f"!document.querySelector('[data-tk-order=\"{order}\"]').checkVisibility()"):
                invisible.append(name)
        visited.append(order)
    page.close()
    assert set(expected) <= set(visited), f"never reached by Tab: {sorted(set(expected) - set(visited))}"
    assert visited == sorted(visited), "the tab order follows the reading order"
    assert not unmarked, "no visible focus indicator on:\n" + "\n".join(unmarked)
    assert not invisible, "focus went to hidden elements:\n" + "\n".join(invisible)


def test_skip_link_moves_keyboard_focus_to_the_content(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + MODULE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.evaluate("document.activeElement.checkVisibility() && "
                         "document.activeElement.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#recovery-education-and-training"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), \
        "after the skip link, Tab continues inside the content, not the header"
    page.close()


def test_search_works_from_the_keyboard(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url)
    page.keyboard.press("/")  # Material's shortcut; Tab reaches the same field
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("strategic")  # only the module has it (handouts are not searched)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.md-search-result__item')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "recovery-education-and-training" in page.url
    page.close()


def test_search_opens_from_the_keyboard_on_a_phone(browser, base_url):
    """At 320 px the closed search field is off screen and out of the tab order; the header's
    search button (a real button) opens it and moves the focus into it."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(base_url + MODULE)
    page.wait_for_timeout(400)
    for _ in range(15):
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.classList.contains('md-search__input')"), \
            "the closed search field takes no focus"
        if page.evaluate("document.activeElement.classList.contains('tk-search-button')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Search"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')", timeout=5_000)
    page.keyboard.type("co-production interview")
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    assert page.locator(".md-search-result__item a").first.is_visible()
    page.close()


def test_palette_toggle_works_from_the_keyboard(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page.goto(base_url + MODULE)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-option')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to dark mode"
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the choice is remembered"
    page.close()


# ---------------------------------------------------------------- no JavaScript, reflow

def test_module_page_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + MODULE)
    assert page.locator("h1").inner_text().startswith("Recovery education and training")
    assert page.locator("article table").count() == 3
    assert page.locator("article table tbody tr").count() == 4 + 5 + 2
    assert page.locator(".tk-question").count() == 7
    for row in ("Connection", "Hope", "Identity", "Empowerment"):
        assert page.get_by_role("rowheader", name=row).is_visible()
    nav = page.locator("nav.md-nav--primary")
    for name in ("Home", "References", "Glossary"):
        link = nav.get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
    with page.expect_navigation():
        nav.get_by_role("link", name="Glossary", exact=True).click()
    assert page.url.endswith("/glossary/")
    context.close()


# Each table region: its label, how far it scrolls sideways, and whether it says it scrolls.
TABLES = """() => [...document.querySelectorAll('.tk-table')].map(r => ({
    label: r.getAttribute('aria-label'), role: r.getAttribute('role'), tabindex: r.getAttribute('tabindex'),
    overflow: r.scrollWidth - r.clientWidth, scrolls: r.classList.contains('tk-table--scrolls')}))"""


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_or_table_scrolls_sideways_on_a_phone(browser, base_url, browser_site, width):
    """Tables (every block's, both languages) reflow into one card per row: neither the page
    nor a table's own region scrolls sideways, unless the region is marked as scrolling."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    tables = 0
    for path in site_pages(browser_site):
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path or '/'} scrolls sideways by {overflow}px at {width}px"
        for table in page.evaluate(TABLES):
            tables += 1
            assert table["role"] == "region" and table["tabindex"] == "0" and table["label"], (path, table)
            assert table["overflow"] <= 0 or table["scrolls"], (
                f"{path}: the table {table['label']!r} scrolls sideways by {table['overflow']}px at {width}px")
    assert tables >= 10
    page.close()


@pytest.mark.parametrize(("path", "labels"), [
    (MODULE, ["Recovery component", "Guidelines dimensions", "Suggested themes"]),
    ("fr/" + MODULE, ["Composante du rétablissement", "Dimensions du Guide de référence", "Thèmes suggérés"]),
])
def test_a_stacked_table_shows_each_cells_column_and_stays_a_table(browser, base_url, path, labels):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(base_url + path)
    row = page.locator(".tk-framework tbody tr").first
    shown = row.locator("th, td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert shown == [f'"{label}" / ""' for label in labels] or shown == [f'"{label}"' for label in labels], shown
    table = page.locator(".tk-framework table")
    assert table.locator("caption").count() == 1
    assert table.locator("thead th[scope=col]").count() == 3
    # Every name shown once: the caption, the same words as the block's heading, is for screen readers.
    caption = table.locator("caption")
    assert caption.evaluate("c => c.getBoundingClientRect().height") <= 1
    assert page.get_by_role("table", name=caption.inner_text()).count() == 1
    page.close()


# ---------------------------------------------------------------- page outline

def test_every_page_has_lang_one_h1_and_no_skipped_heading_level(browser_site):
    from bs4 import BeautifulSoup

    for path in site_pages(browser_site):
        html = browser_site / (path + "index.html" if not path.endswith(".html") else path)
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        expected = "fr" if path.startswith("fr/") else "en"
        assert soup.html.get("lang") == expected, path
        headings = [int(h.name[1]) for h in soup.body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert headings.count(1) == 1, f"{path or '/'}: {headings.count(1)} h1"
        assert headings[0] == 1, f"{path or '/'}: the first heading is h{headings[0]}"
        for before, after in zip(headings, headings[1:]):
            assert after <= before + 1, f"{path or '/'}: h{before} is followed by h{after}"


def test_small_screen_menu_opens_and_closes_from_the_keyboard(browser, base_url):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(base_url + MODULE)
    menu = page.get_by_role("button", name="Navigation")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('nav.md-nav--primary') !== null")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("document.activeElement.getBoundingClientRect().left >= 0", timeout=2000)  # slid in
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('tk-drawer-button')")
    page.close()
