"""Pages on paper: print styles, the print, worksheet and table buttons, ruled answer space,
and the process's pages (action plan, facilitator guide, handouts) on paper."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MODULE = "education/recovery-education-and-training/"


@pytest.fixture
def module_page(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + MODULE)
    yield page
    page.close()


def visible(page, selector: str) -> bool:
    return page.evaluate("(s) => [...document.querySelectorAll(s)].some(e => e.checkVisibility())", selector)


def test_on_paper_there_is_no_navigation_and_the_masthead_names_toolkit_and_section(module_page):
    page = module_page
    assert not visible(page, ".tk-masthead"), "the masthead is for paper only"
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-content__button", ".headerlink", ".tk-worksheet-action"):
        assert not visible(page, chrome), chrome
    masthead = page.locator(".tk-masthead")
    assert masthead.is_visible()
    assert masthead.inner_text().startswith("Learning Recovery Together · Education and training")
    assert MODULE in page.locator("[data-tk-url]").inner_text(), "the page's address is printed"
    assert visible(page, "h1")


def test_on_paper_external_links_show_their_address_and_rows_stay_whole(module_page):
    page = module_page
    page.emulate_media(media="print")
    after = page.evaluate("""() => {
        const p = document.createElement('p');
        p.innerHTML = 'See <a href="https://example.org/guide">the guide</a>.';
        document.querySelector('article').append(p);
        return getComputedStyle(p.querySelector('a'), '::after').content;
    }""")
    assert "https://example.org/guide" in after
    note = page.evaluate("getComputedStyle(document.querySelector('.tk-notes a[href^=\"http\"]'), '::after').content")
    assert note in ("none", "normal"), "references already show their address"
    for row in page.locator("article table tr").all():
        assert row.evaluate("r => getComputedStyle(r).breakInside") == "avoid"
    assert page.evaluate("getComputedStyle(document.querySelector('article table thead')).display") == "table-header-group"


def test_questions_get_ruled_answer_space_on_paper_only(module_page):
    page = module_page
    assert not visible(page, ".tk-answer")
    page.emulate_media(media="print")
    heights = page.eval_on_selector_all(".tk-answer", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(heights) == 7 and min(heights) > 40
    lines = page.evaluate("""() => { const a = document.querySelector('.tk-answer');
        return [getComputedStyle(a).borderBottomStyle, getComputedStyle(a, '::before').borderBottomStyle,
                getComputedStyle(a, '::after').borderBottomStyle]; }""")
    assert lines == ["solid", "solid", "solid"], "three ruled lines per question"


def test_print_buttons_show_with_javascript_and_print(module_page):
    page = module_page
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    button = page.get_by_role("button", name="Print this page")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1
    worksheet = page.get_by_role("button", name="Print these questions as a worksheet")
    assert worksheet.count() == 1 and worksheet.is_visible()
    worksheet.click()
    assert page.evaluate("window.__printed") == 2
    assert page.evaluate("document.documentElement.dataset.tkPrint") == "worksheet"
    page.emulate_media(media="print")
    # The worksheet: the title, the questions' heading and questions, nothing else.
    assert visible(page, "h1") and visible(page, "#interview-questions") and visible(page, ".tk-question")
    for other in ("#clinical-vs-personal", "#chime", ".tk-framework", ".tk-considerations", "#references",
                  ".tk-tags"):
        assert not visible(page, other), other
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.dataset.tkPrint") is None
    assert visible(page, ".tk-tags"), "the whole page, for facilitators, keeps the framework tags"
    assert visible(page, ".tk-framework"), "after printing, the whole page prints again"


def test_print_buttons_are_hidden_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + MODULE)
    assert page.locator("[data-tk-print]").count() == 5  # the page, the questions, three tables
    assert not visible(page, "[data-tk-print]")
    context.close()


def test_a_table_prints_on_its_own(module_page):
    page = module_page
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    buttons = page.get_by_role("button", name="Print this table")
    assert buttons.count() == 3, "every table block: contrast, CHIME, logic model"
    page.locator("#chime + .tk-block [data-tk-print=block]").click()
    assert page.evaluate("window.__printed") == 1
    assert page.evaluate("document.documentElement.dataset.tkPrint") == "block"
    page.emulate_media(media="print")
    assert visible(page, "h1") and visible(page, "#chime") and visible(page, ".tk-framework table")
    for other in ("#clinical-vs-personal", ".tk-contrast", ".tk-questions", ".tk-considerations", "#references"):
        assert not visible(page, other), other
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert visible(page, ".tk-contrast"), "after printing, the whole page prints again"


def test_handouts_start_each_on_a_new_sheet_and_links_stay_on_screen(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "facilitation/planning-co-production-interviews/handouts/")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all("h2.tk-handout-title", "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert breaks == ["auto", "page"], "the first handout follows the title; each other one starts a sheet"
    assert not visible(page, ".tk-meeting-prints"), "links to other pages are left off paper"
    assert page.locator(".tk-questions .tk-tags").count() and not visible(page, ".tk-tags"), (
        "the people interviewed get the questions without the framework tags")
    page.emulate_media(media="screen")
    assert visible(page, ".tk-tags")
    page.emulate_media(media="screen")
    page.goto(base_url + "process/action-plan/")
    assert page.get_by_role("button", name="Print this page").count() == 1, "the action plan prints as a worksheet"
    page.emulate_media(media="print")
    # What prints is the team's plan (assets/js/tools/plan.js): a meeting without actions yet keeps
    # room to write by hand in each column: at least 13 mm (two lines by hand), so that the six
    # meetings still fit one sheet (tests/test_action_plan.py).
    heights = page.eval_on_selector_all(".tk-plan-print td.tk-write-in",
                                        "cells => cells.map(c => c.getBoundingClientRect().height)")
    assert len(heights) == 6 * 5 and min(heights) >= 48, "room to write by hand"
    page.close()
