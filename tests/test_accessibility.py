"""WCAG 2.2 AA in a real browser: axe-core on every page, Nu HTML validation, keyboard use,
JavaScript off, reflow at 320 px, and the page outline (lang, one h1, no skipped levels)."""

from __future__ import annotations

import pytest

from .audit import audit_axe, nu_validate, summary
from .browser import report, site_pages

pytestmark = pytest.mark.browser

MODULE = "education/recovery-education-and-training/"


@pytest.fixture(scope="module")
def axe_results(browser, base_url, browser_site, request):
    results = audit_axe(browser, base_url, site_pages(browser_site))
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
    errors = nu_validate(browser_site)
    report(request.config, f"Nu HTML validator: {len(site_pages(browser_site))} pages, {len(errors)} error(s)")
    assert not errors, "\n".join(f"{e['url']}:{e.get('lastLine')}: {e['message']}" for e in errors)
