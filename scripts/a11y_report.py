#!/usr/bin/env python3
"""Accessibility report of a built site: axe-core (every rule) on every page at 1280 and 320 px
in light and dark schemes, and the W3C Nu HTML validator on every page.

    python scripts/a11y_report.py [SITE_DIR]      (default: site; build it first with `toolkit build`)

Prints pages checked and violations found, each violation with its page, width, scheme,
rule and element; exits 1 if there is any. Needs the test extra (pip install -e '.[test]'),
Chromium and Java.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.audit import audit_axe, nu_validate, summary  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, site_pages  # noqa: E402
from toolkit_builder.tools.pdf import serve  # noqa: E402


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (toolkit build).", file=sys.stderr)
        return 2
    paths = site_pages(site)
    with sync_playwright() as playwright, serve(site) as base_url:
        browser = playwright.chromium.launch(executable_path=os.environ.get("TOOLKIT_CHROMIUM", CHROMIUM),
                                             args=CHROMIUM_ARGS)
        results = audit_axe(browser, base_url, paths)
        browser.close()
    nu = nu_validate(site)
    print(summary(results, nu))
    for result in results:
        if result.violations:
            print(result.describe())
    for error in nu:
        print(f"{error['url']}:{error.get('lastLine')}: {error['message']}")
    return 1 if nu or any(r.violations for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
