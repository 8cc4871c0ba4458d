"""Time against size for every construct of content Markdown: a text made of one construct repeated
to 10 KB, 100 KB and 1 MB goes through what `toolkit build` does with it (the loader's checks, the
module page's rendering, the search index's reading of that page: the page reaches MkDocs as
finished HTML, with no Markdown run over it again), and the time may grow at most linearly
with the size. A text over a limit ends early with a located `text-too-complex`, which counts: the
work stays bounded either way. Each size has a deadline, so a construct that grew with the square of
its size fails here instead of stalling the run."""

from __future__ import annotations

import json
import shutil
import signal
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from mkdocs.contrib.search.search_index import ContentParser

from toolkit_builder.core.limits import (
    MAX_INLINE_MARKS_PER_FILE,
    MAX_INLINE_MARKS_PER_TEXT,
    MAX_TEXT_CHARACTERS,
    inline_marks,
)
from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError
from toolkit_builder.core.render.renderer import Renderer

BASE = Path(__file__).parent / "fixtures" / "errors" / "_base"
SIZES = (10_000, 100_000, 1_000_000)
#: Seconds any one size may take (a construct that grew with the square of its size would take minutes).
DEADLINE = 60

#: One unit of each construct the converter (Python-Markdown with smarty, the glossary, citations)
#: or the site's Markdown handles; repeated to the size wanted.
CONSTRUCTS = {
    "apostrophes": "'",
    "apostrophes in words": "l'a ",
    "quote pairs": '"a" ',
    "open quotes": '"',
    "emphasis": "*a* ",
    "strong": "**a** ",
    "open emphasis": "*a ",
    "code spans": "`a` ",
    "open backticks": "`a ",
    "hard breaks": "a  \n",
    "escapes": "\\*",
    "entities": "&amp; ",
    "autolinks": "<a@b.c> ",
    "angle brackets": "<",
    "dashes": "a -- ",
    "ellipses": "a... ",
    "abbreviation definitions": "*[a]: b\n",
    "glossary term": "CHIME ",
    "citations": "a [@leamy2011] ",
    "spaces": " ",
    "line breaks": "a\n",
    "attribute lists": "a{: #x } ",
    "table rows": "|a|b|\n",
    "footnotes": "a[^1] ",
    "links": "[a](b.md) ",
    "plain words": "recovery ",
}


class Overtime(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def stop(signum, frame):
        raise Overtime(f"over {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def module_with(texts: list[str]) -> str:
    blocks = "".join(f"  - type: prose\n    heading: Part {i}\n    text: {json.dumps(text)}\n"
                     for i, text in enumerate(texts))
    return ("id: sample\ntitle: A module\nsection: education\nsummary: Sizes.\naudience: [facilitator]\n"
            "cites: [leamy2011]\nblocks:\n" + blocks)


def content_for(tmp_path: Path, texts: list[str]) -> Path:
    content = tmp_path / f"content{len(list(tmp_path.iterdir()))}"
    shutil.copytree(BASE, content)
    (content / "modules/education/sample.yml").write_text(module_with(texts), encoding="utf-8")
    return content


def build_time(content: Path) -> tuple[float, list[str]]:
    """Seconds to load, check and render the module page and read it as the site's search does; the codes
    of the problems when the loader refused the content."""
    started = time.perf_counter()
    with deadline(DEADLINE):
        try:
            project = load_project(content)
        except ContentError as error:
            return time.perf_counter() - started, sorted({p.code for p in error.problems})
        page = Renderer(project).render_module(next(m for m in project.modules if m.id == "sample"))
        ContentParser().feed(page.html)  # what MkDocs does with a finished page's HTML: index it
    return time.perf_counter() - started, []


#: The envelope every size must fit: a fixed cost and a cost per character. The loader reads files
#: over 200 KB with PyYAML's pure-Python reader (a few microseconds a character), so a ratio between
#: sizes would measure that switch; the envelope measures growth. Before the limits, 100 KB of
#: apostrophes took some twenty seconds (the square of the size), far outside it.
FIXED_SECONDS = 2.0
SECONDS_PER_CHARACTER = 20e-6


def assert_linear(times: list[float], what: str) -> None:
    for size, elapsed in zip(SIZES, times):
        allowed = FIXED_SECONDS + SECONDS_PER_CHARACTER * size
        assert elapsed <= allowed, f"{what}: {elapsed:.2f} s at {size:,} characters (linear allows {allowed:.1f} s)"


def unit_text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_one_text_of_one_construct_grows_linearly(tmp_path, name):
    times, codes = [], []
    for size in SIZES:
        elapsed, found = build_time(content_for(tmp_path, [unit_text(CONSTRUCTS[name], size)]))
        times.append(elapsed)
        codes.append(found)
    print(name, " ".join(f"{size:,}: {t:.2f} s {c or ''}" for size, t, c in zip(SIZES, times, codes)))
    assert_linear(times, name)
    # A megabyte in one text is refused, with a limit's own code, never by a crash.
    assert {"text-too-complex", "file-too-large"} & set(codes[-1]), codes


@pytest.mark.parametrize("name", ["apostrophes in words", "code spans", "glossary term", "plain words"])
def test_a_file_of_many_texts_grows_linearly(tmp_path, name):
    """The same size spread over texts of 5,000 characters each, as a long module holds them."""
    times = []
    for size in SIZES:
        texts = [unit_text(CONSTRUCTS[name], 5_000)] * (size // 5_000)
        times.append(build_time(content_for(tmp_path, texts))[0])
    print(name, " ".join(f"{size:,}: {t:.2f} s" for size, t in zip(SIZES, times)))
    assert_linear(times, name)


@pytest.mark.parametrize("mark", ["'", "`a` ", "a  \n", "\\*"])
def test_the_worst_file_within_the_limits_builds_in_seconds(tmp_path, mark):
    """Texts as long as a text may be, each with as many marks as a text may hold, as many as the
    file may hold: the converter's work (marks times paragraph length) at its bound."""
    per_text = MAX_INLINE_MARKS_PER_TEXT // inline_marks(mark)
    padding = "a" * ((MAX_TEXT_CHARACTERS - 100) // per_text - len(mark))
    text = ((padding + mark) * per_text)[:MAX_TEXT_CHARACTERS - 100]
    assert inline_marks(text) <= MAX_INLINE_MARKS_PER_TEXT
    texts = [text] * (MAX_INLINE_MARKS_PER_FILE // max(inline_marks(text), 1))
    elapsed, codes = build_time(content_for(tmp_path, texts))
    print(f"{len(texts)} texts of {len(text):,} characters and {inline_marks(text):,} marks: {elapsed:.1f} s")
    assert codes == [] and elapsed < 30


def test_the_glossary_is_one_pattern_whatever_its_number_of_terms(tmp_path):
    """Thousands of glossary terms: the pattern that finds them is built once per renderer and
    follows one branch per character, so converting texts costs about the same with 1,000 terms as
    with 10,000 (the `abbr` extension's alternation tried every term at every place of every text)."""
    times = []
    for count in (1_000, 10_000):
        content = content_for(tmp_path, ["x"])
        terms = "".join(f"  - term: T{i}x\n    expansion: e{i}\n    definition: d.\n" for i in range(count))
        (content / "glossary.yml").write_text("terms:\n" + terms, encoding="utf-8")
        renderer = Renderer(load_project(content))
        text = "The T17x and T999x terms, among words that are not terms at all. " * 60
        started = time.perf_counter()
        with deadline(DEADLINE):
            for _ in range(50):
                renderer.start_page("index.md")  # each text on a page of its own: a page shows 500 hints at most
                html = renderer.markdown_block(text)
        times.append(time.perf_counter() - started)
        assert html.count("<abbr") == 100  # two terms a sentence, the first 100 with their hint
    print(" ".join(f"{count:,} terms: {t:.2f} s" for count, t in zip((1_000, 10_000), times)))
    assert times[1] < 3 * times[0] + 0.5
