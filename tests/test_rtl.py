"""Right-to-left languages: the direction comes from Babel's locale data, pages say it, parts
left in a left-to-right language say theirs, the toolkit's CSS mirrors, and an Arabic toolkit
passes axe."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from toolkit_builder.core.i18n import text_direction

from .audit import audit_axe, summary
from .browser import CHROMIUM, CHROMIUM_ARGS, report, site_pages

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "toolkit_builder/mkdocs/assets"
MODULE = "growing/preparing-the-beds/"


def test_direction_comes_from_the_locale_data():
    assert [text_direction(code) for code in ("ar", "he", "fa", "ur", "ps", "ckb", "ar_EG")] == ["rtl"] * 7
    assert [text_direction(code) for code in ("en", "fr", "es", "pt_BR", "zh", "not-a-language")] == ["ltr"] * 6


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Path:
    """The garden toolkit with Arabic added: toolkit.yml and one module translated, the rest not."""
    project = tmp_path_factory.mktemp("rtl") / "garden"
    shutil.copytree(ROOT / "tests/fixtures/garden", project)
    shutil.copytree(ROOT / "tests/fixtures/rtl/content", project / "content", dirs_exist_ok=True)
    toolkit = project / "content/toolkit.yml"
    toolkit.write_text(toolkit.read_text(encoding="utf-8").replace("languages: [en, es]", "languages: [en, es, ar]"),
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return project / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_arabic_pages_read_right_to_left_and_others_left_to_right(arabic_site):
    for language, direction in (("ar/", "rtl"), ("", "ltr"), ("es/", "ltr")):
        page = soup(arabic_site, language + MODULE)
        assert page.body["dir"] == direction, language
    arabic = soup(arabic_site, "ar/" + MODULE)
    assert arabic.html["lang"] == "ar" and arabic.h1.get_text(strip=True).startswith("تجهيز الأحواض")


def test_english_left_in_an_arabic_page_says_its_direction(arabic_site):
    for path in ("ar/growing/season-plan/", "ar/" + MODULE):  # not translated, and its last block not
        english = soup(arabic_site, path).select('article [lang="en"]')
        assert english and all(part.get("dir") == "ltr" for part in english), path
    # The notice over an English block is in Arabic, right to left again.
    notices = soup(arabic_site, "ar/" + MODULE).select('.tk-untranslated [lang="ar"]')
    assert notices and all(notice.get("dir") == "rtl" for notice in notices)
    # Left to right, the same parts need no `dir`: nothing changes for the other languages.
    assert not soup(arabic_site, "es/growing/season-plan/").select('article [dir]')


PHYSICAL = re.compile(r"(?<![\w-])(?:(?:margin|padding|border)-(?:left|right)|left|right)\s*:|"
                      r"text-align:\s*(?:left|right)|float:\s*(?:left|right)")


@pytest.mark.parametrize("name", ["toolkit.css", "print.css", "tools.css", "access.css"])
def test_the_toolkits_css_uses_logical_properties(name):
    css = re.sub(r"/\*.*?\*/", "", (ASSETS / name).read_text(encoding="utf-8"), flags=re.DOTALL)
    assert not PHYSICAL.findall(css), f"{name}: use inline-start/end, not left/right, so the page mirrors"


@pytest.mark.browser
def test_axe_finds_no_violation_on_the_arabic_pages(arabic_site, browser, serve, request):
    paths = [p for p in site_pages(arabic_site) if p.startswith("ar/")]
    assert "ar/" + MODULE in paths
    results = audit_axe(browser, serve(arabic_site), paths, CHROMIUM, CHROMIUM_ARGS)
    report(request.config, "Arabic: " + summary(results))
    failing = [r for r in results if r.violations]
    assert not failing, "\n".join(r.describe() for r in failing)
