"""Benchmark: build speed and page weight of synthetic toolkits of 10, 100 and 1,000 modules.

For each size it generates a toolkit (realistic modules using every block type, in
sections, with French translations), then measures in the same run:

- `toolkit validate` (every language), on a fresh toolkit and again (warnings kept by hash);
- a full `toolkit build` of one language (its pages rendered by every core), again in one process
  (`-j 1`), and of two languages (parallel processes);
- bare MkDocs building the very same rendered Markdown with the same theme and nav,
  without the toolkit plugin (the ratio is the toolkit layer's overhead), and again with Python's
  cycle collector set as the `toolkit` command sets it (what that setting saves MkDocs' own work
  is then not counted as the toolkit's);
- Zensical (the Material team's newer engine) building and serving the same bare pages, when a
  `zensical` command is given or on PATH (it runs no third-party plugin: the engine's floor, for the record);
- the preview's latency: `toolkit serve` and bare `mkdocs serve --dirty` on the same pages, a
  module saved, the time until its page is served with the change over HTTP (``--edits`` edits each);
- peak memory (resident set of the build processes);
- average and largest page HTML size.

Every time is also given as a ratio to what bare MkDocs takes for the same thing.

Usage: python benchmarks/run.py [--sizes 10 100 1000] [--repeat 3] [--edits 7] [--serve-max 100]
       [--json results.json] [--zensical PATH]
The commands run in --repeat rounds, each once a round; every time and every ratio (taken round by
round) is given as the median of its rounds, with its spread (min, median, max) in a second table
and in the JSON; the preview's figures as the median of its edits, with theirs. The "Done when"
targets of issue 26 are judged on the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit_builder.core.i18n import load_translations  # noqa: E402
from toolkit_builder.core.load import load_project  # noqa: E402
from toolkit_builder.core.render import render_site, site_nav  # noqa: E402
from toolkit_builder.core.render.page import as_markdown  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmark's own modules, beside it
from figures import print_tables, print_targets, spread, summed_up, targets  # noqa: E402

WORDS = ("recovery hope connection identity meaning empowerment practice service staff peer support "
         "education training co-production family team plan learning change partnership experience").split()


def sentence(seed: int, length: int = 14) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def module(index: int, section: str) -> dict:
    s = lambda k, n=14: sentence(index * 31 + k, n)  # noqa: E731
    return {
        "id": f"module-{index:04d}",
        "title": f"Module {index}: {s(0, 4)[:-1]}",
        "section": section,
        "summary": s(1),
        "audience": ["facilitator", "implementation-team"],
        "blocks": [
            {"type": "prose", "id": "overview", "heading": "Overview",
             "text": f"{s(2)} {s(3)} [@leamy2011]\n\n{s(4)} **{s(5, 3)[:-1]}** {s(6)}"},
            {"type": "list", "id": "points", "heading": "Key points", "intro": s(7),
             "items": [s(8 + i, 8) for i in range(5)]},
            {"type": "callout", "id": "tip", "kind": "tip", "title": "Tip", "text": s(13)},
            {"type": "contrast", "id": "contrast", "heading": "Two views", "left": "Clinical", "right": "Personal",
             "rows": [[s(14 + i, 5), s(20 + i, 5)] for i in range(4)]},
            {"type": "framework", "id": "chime", "heading": "CHIME", "framework": "chime", "cites": ["leamy2011"],
             "components": [{"key": k, "maps_to": m, "themes": [s(30 + j, 10) for j in range(2)]}
                            for k, m in (("connection", [3, 5]), ("hope", [1]), ("identity", [4]),
                                         ("meaning", [6]), ("empowerment", [2]))]},
            {"type": "questions", "id": "questions", "heading": "Questions",
             "groups": [{"heading": "Linked to CHIME", "audience": ["pwle", "family"],
                         "questions": [{"text": s(40 + i, 8)[:-1] + "?", "tags": ["chime:hope"]} for i in range(3)]},
                        {"heading": "General", "questions": [{"text": s(50 + i, 8)[:-1] + "?"} for i in range(4)]}]},
            {"type": "logic_model", "id": "logic", "heading": "Logic model",
             "rows": [{"input": "Education", "output": s(60, 8), "co_production": s(61, 5), "outcome": s(62, 5)},
                      {"input": "Training", "output": s(63, 8), "co_production": s(64, 5)}]},
            {"type": "considerations", "id": "considerations", "heading": "Considerations", "intro": s(70),
             "items": [{"title": f"Point {i}", "text": s(71 + i), "cites": ["schwartz2020"]} for i in range(4)]},
        ],
    }


def french(data):
    """A stand-in translation with the source's structure (every text prefixed)."""
    from toolkit_builder.core.i18n import text_leaves
    from toolkit_builder.core.project import Module

    result: dict = {}
    for path, text in text_leaves(data, Module):
        target = result
        for i, part in enumerate(path[:-1]):
            nxt = [] if isinstance(path[i + 1], int) else {}
            if isinstance(target, list):
                while len(target) <= part:
                    target.append(type(nxt)())
                target = target[part]
            else:
                target = target.setdefault(part, nxt)
        last = path[-1]
        if isinstance(target, list):
            while len(target) <= last:
                target.append(None)
        target[last] = "FR " + text
    return result


def generate(target: Path, count: int) -> None:
    """A project folder: mkdocs.yml, overrides/, content/ with ``count`` modules."""
    from toolkit_builder.core.i18n import digest
    from toolkit_builder.core.model import Toolkit
    from toolkit_builder.core.project import Module

    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    content = target / "content"
    (content / "docs").mkdir(parents=True)
    for name in ("references.yml", "glossary.yml", "glossary.fr.yml", "toolkit.fr.yml"):
        shutil.copy(ROOT / "content" / name, content / name)
    toolkit = yaml.safe_load((ROOT / "content/toolkit.yml").read_text(encoding="utf-8"))
    sections = max(1, count // 50)
    toolkit["sections"] = [{"id": f"section-{i:02d}", "title": f"Section {i}", "summary": sentence(i)}
                           for i in range(sections)]
    for audience in toolkit.get("audiences", []):
        audience["start"] = [f"module-{i:04d}" for i in range(min(count, 3))]
    toolkit.pop("process", None)  # its meetings are modules of the bundled toolkit, not generated here
    (content / "toolkit.yml").write_text(yaml.safe_dump(toolkit, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    fr = yaml.safe_load((ROOT / "content/toolkit.fr.yml").read_text(encoding="utf-8"))
    fr["sections"] = [{"id": s["id"], "title": "FR " + s["title"], "summary": "FR " + s["summary"]}
                      for s in toolkit["sections"]]
    fr.pop("process", None)
    fr["source"] = digest(toolkit, Toolkit)
    (content / "toolkit.fr.yml").write_text(yaml.safe_dump(fr, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
    for i in range(count):
        section = f"section-{i % sections:02d}"
        data = module(i, section)
        folder = content / "modules" / section
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{data['id']}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                  encoding="utf-8")
        translation = {"source": digest(data, Module), **french(data)}
        (folder / f"{data['id']}.fr.yml").write_text(yaml.safe_dump(translation, allow_unicode=True,
                                                                    sort_keys=False), encoding="utf-8")


def bare_project(project: Path, target: Path) -> None:
    """The same rendered pages as plain Markdown files, and the same config without the plugin."""
    loaded = load_project(project / "content")
    docs = target / "docs"
    for page in render_site(loaded, project / "overrides/toolkit", load_translations(loaded.language)):
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(as_markdown(page.html, page.toc), encoding="utf-8")
    css = docs / "assets/toolkit"
    css.mkdir(parents=True)
    shutil.copy(ROOT / "toolkit_builder/mkdocs/assets/toolkit.css", css / "toolkit.css")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["strict"] = False  # `mkdocs serve --dirty` warns that its nav may be stale
    config["site_name"] = loaded.toolkit.title
    config["plugins"] = ["search"]
    config["nav"] = site_nav(loaded)
    config["extra_css"] = ["assets/toolkit/toolkit.css"]
    config["theme"]["custom_dir"] = str(ROOT / "toolkit_builder/mkdocs/theme")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed(command: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs, and the peak RSS (KB) of the process tree."""
    best = float("inf")
    peak = 0
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(repeat):
        wrapper = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
        start = time.perf_counter()
        result = subprocess.run(wrapper + command, cwd=cwd, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
        best = min(best, elapsed)
        if wrapper:
            peak = max(peak, int(result.stderr.strip().splitlines()[-1]))
    if not peak:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return best, peak


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bytes(response.read())
    except OSError:
        return None


def serve_latency(command: list[str], cwd: Path, page: str, edit, edits: int = 7) -> list[float]:
    """Seconds from saving a file to ``page`` served with the change, for each edit. ``edit(marker)``
    makes the file's new text and returns what saves it: the clock starts at the save, so the time
    the benchmark takes to write the new YAML is not counted against the engine."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(cwd / "serve.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(command + ["-a", f"127.0.0.1:{port}"], cwd=cwd, stdout=log, stderr=log, env=env)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.monotonic() + 900
        while _fetch(url) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{' '.join(command)} did not serve:\n{(cwd / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.2)
        time.sleep(1.5)  # the file watcher starts after the first build
        times = []
        for i in range(edits):
            marker = f"edit{i}x{time.time_ns()}"
            save = edit(marker)
            start = time.perf_counter()
            save()
            while marker.encode() not in (_fetch(url) or b""):
                if time.perf_counter() - start > 300:
                    raise SystemExit(f"{' '.join(command)}: the edit never showed")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            time.sleep(1.0)
        return times
    finally:
        process.terminate()
        process.wait(timeout=60)


def _edit_module(path: Path):
    """Changes the first paragraph of a module file (YAML, or the Markdown bare MkDocs reads)."""
    original = path.read_text(encoding="utf-8")

    def edit(marker: str) -> Callable[[], int]:
        if path.suffix == ".yml":
            data = yaml.safe_load(original)
            data["blocks"][0]["text"] = f"{marker} " + data["blocks"][0]["text"]
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        else:
            text = original + f"\n\n{marker}\n"
        return lambda: path.write_text(text, encoding="utf-8")
    return edit


def page_sizes(site: Path) -> tuple[float, int, int, float]:
    """Average and largest page, page count, and the average weight of everything but the
    article (header, nav, table of contents, footer): what grows with the size of the toolkit."""
    import re

    sizes, chrome = [], []
    article = re.compile(rb"<article.*?</article>", re.DOTALL)
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        data = page.read_bytes()
        sizes.append(len(data))
        chrome.append(len(article.sub(b"", data, count=1)))
    return sum(sizes) / len(sizes), max(sizes), len(sizes), sum(chrome) / len(chrome)


def measure(count: int, repeat: int, work: Path, serve: bool, zensical: str | None = None, edits: int = 7) -> dict:
    project = work / f"toolkit-{count}"
    project.mkdir()
    generate(project, count)
    toolkit = [sys.executable, "-m", "toolkit_builder"]
    bare = work / f"bare-{count}"
    bare.mkdir()
    bare_project(project, bare)
    runs = {
        # Nothing kept from an earlier run (the lint caches are emptied first): every module linted.
        "validate_fresh_s": (toolkit + ["validate"], project),
        # Again, the warnings of the unchanged modules kept by hash (tools/lintcache.py).
        "validate_s": (toolkit + ["validate"], project),
        "build_one_language_s": (toolkit + ["build", "-l", "en", "-d", str(work / f"site-{count}")], project),
        # The same in one process: the toolkit's own work, without the second core that renders pages.
        "build_one_process_s": (toolkit + ["build", "-l", "en", "-j", "1", "-d", str(work / f"site1-{count}")], project),
        "build_two_languages_s": (toolkit + ["build", "-d", str(work / f"site2-{count}")], project),
        "bare_mkdocs_s": ([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / f"bare-site-{count}")], bare),
        # Bare MkDocs with the cycle collector set as the `toolkit` command sets it (cli/main.py),
        # to tell the toolkit's overhead apart from what that setting saves MkDocs' own work.
        "bare_mkdocs_same_gc_s": ([sys.executable, "-c", "import gc, sys; gc.freeze(); gc.set_threshold(50_000, 20, 100); "
                                   "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()",
                                   "build", "-q", "-d", str(work / f"bare-gc-site-{count}")], bare),
    }
    if zensical:  # the Material team's newer engine on the same pages: the floor of an engine, not a target
        runs["zensical_s"] = ([zensical, "build", "--clean"], bare)
    # Round after round, each command once a round, so a slow spell of the machine costs every
    # figure of a round alike instead of the few measured during it; each figure is the median of
    # its rounds, each ratio the median of its rounds' ratios.
    times: dict[str, list[float]] = {name: [] for name in runs}
    memory: dict[str, int] = {}
    for _ in range(repeat):
        for name, (command, folder) in runs.items():
            if name == "validate_fresh_s":  # the lint caches go; the compiled templates stay, as for a user
                for kept in (Path(os.environ["XDG_CACHE_HOME"]) / "toolkit-builder").glob("*"):
                    if kept.name != "templates":
                        shutil.rmtree(kept, ignore_errors=True)
            seconds, peak = timed(command, folder, 1)
            times[name].append(seconds)
            memory[name] = max(memory.get(name, 0), peak)
    average, largest, pages, chrome = page_sizes(work / f"site-{count}")
    serving: dict[str, list[float]] = {}
    if serve:
        page = "section-00/module-0000/"
        serving["serve_edit_s"] = serve_latency(toolkit + ["serve"], project, page,
                                                _edit_module(project / "content/modules/section-00/module-0000.yml"),
                                                edits)
        bare_page = _edit_module(bare / "docs/section-00/module-0000.md")
        serving["bare_serve_dirty_s"] = serve_latency([sys.executable, "-m", "mkdocs", "serve", "--dirty"], bare, page,
                                                      bare_page, edits)
        if zensical:
            serving["zensical_serve_s"] = serve_latency([zensical, "serve"], bare, page, bare_page, edits)
    medians, spreads = summed_up(times)
    spreads.update({name: spread(values) for name, values in serving.items()})
    medians.update({name: figures["median"] for name, figures in spreads.items() if name in serving})
    ratio = (round(medians["serve_edit_s"] / medians["bare_serve_dirty_s"], 3) if serving else None)
    row: dict = {"modules": count, "pages": pages}
    for name in ("validate_fresh_s", "validate_s", "validate_over_build", "validate_fresh_over_build",
                 "build_one_language_s", "bare_mkdocs_s", "overhead_ratio", "build_one_process_s",
                 "one_process_over_bare", "bare_mkdocs_same_gc_s", "overhead_over_same_gc", "zensical_s",
                 "zensical_over_bare", "build_two_languages_s", "two_over_one", "serve_edit_s", "bare_serve_dirty_s"):
        row[name] = medians.get(name)
    row.update(serve_ratio=ratio, zensical_serve_s=medians.get("zensical_serve_s"),
               peak_memory_mb=round(max(memory["build_one_language_s"], memory["build_two_languages_s"]) / 1024, 1),
               average_page_kb=round(average / 1024, 1), largest_page_kb=round(largest / 1024, 1),
               average_chrome_kb=round(chrome / 1024, 1), spread=spreads)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="Rounds: every command runs once a round.")
    parser.add_argument("--edits", type=int, default=7, help="Edits timed in each preview (7 or more for a median).")
    parser.add_argument("--serve-max", type=int, default=100,
                        help="Measure the preview's latency for sizes up to this one (each start builds the site).")
    parser.add_argument("--json", type=Path, default=None, help="Write the results here as JSON.")
    parser.add_argument("--zensical", default=shutil.which("zensical"),
                        help="The `zensical` command, to time Zensical on the bare pages too (default: on PATH; "
                             "install it in a virtual environment of its own).")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as work:
        os.environ["XDG_CACHE_HOME"] = str(Path(work) / "cache")  # validate's cache goes with the rest
        for count in args.sizes:
            rows.append(measure(count, args.repeat, Path(work), count <= args.serve_max, args.zensical, args.edits))
            print(f"measured {count} modules", file=sys.stderr)
    print_tables(rows)
    by_size = {r["modules"]: r for r in rows}
    if 100 in by_size and 1000 in by_size:
        print(f"\ntime(1000)/time(100) = {by_size[1000]['build_one_language_s'] / by_size[100]['build_one_language_s']:.2f}"
              f" (bare MkDocs: {by_size[1000]['bare_mkdocs_s'] / by_size[100]['bare_mkdocs_s']:.2f}), on the medians")
    judged = targets(rows)
    print_targets(judged)
    result = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
              "repeat": args.repeat, "edits": args.edits, "results": rows, "targets": judged}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
