"""Hostile YAML is refused with a located error, in bounded time and memory, and never runs code."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from toolkit_builder.core.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from toolkit_builder.core.load import load_project
from toolkit_builder.core.problems import ContentError

MODULE = "modules/education/recovery-education-and-training.yml"


def measured(content_dir: Path) -> tuple[list, float, float]:
    """Load the folder; return its problems, the seconds it took and the peak of memory allocated (MB)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        load_project(content_dir)
        problems = []
    except ContentError as error:
        problems = error.problems
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return problems, seconds, peak


def measured_apart(content_dir: Path) -> tuple[list[str], float, float]:
    """Like ``measured``, in a fresh process (tracemalloc slows big files down many times): the problems
    as text, the seconds, and how much the peak resident memory grew while loading (MB)."""
    script = (
        "import resource, sys, time\n"
        "from toolkit_builder.core import ContentError, load_project\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "start = time.perf_counter()\n"
        "try:\n    load_project(sys.argv[1]); problems = []\n"
        "except ContentError as error:\n    problems = [str(p) for p in error.problems]\n"
        "seconds = time.perf_counter() - start\n"
        "grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024\n"
        "print(json.dumps([problems, seconds, grown]))\n"
    )
    result = subprocess.run([sys.executable, "-c", "import json\n" + script, str(content_dir)],
                            capture_output=True, text=True, timeout=300, check=True)
    problems, seconds, grown = json.loads(result.stdout)
    return problems, seconds, grown


def module_problems(problems: list) -> list:
    return [p for p in problems if p.file.endswith("recovery-education-and-training.yml")]


def test_alias_bomb_is_refused_early(content_dir):
    # "Billion laughs": nine levels of nine aliases would expand to 9**9 (387 million) values.
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (content_dir / MODULE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems, seconds, peak = measured(content_dir)
    [problem] = module_problems(problems)
    assert problem.code == "file-too-large"
    assert f"expands to more than {MAX_NODES:,} values" in problem.message
    # At the alias whose expansion passes the limit: 9**5 values under `l5`, on line 6.
    assert (problem.line, problem.column) == (6, 10) and "aliases" in problem.hint
    assert seconds < 15 and peak < 150, (seconds, peak)


def test_merge_key_bomb_stays_small(content_dir):
    # Each mapping merges the one before twice: 2**40 keys if merges were copied, not resolved.
    lines = ["l0: &l0 {x: 1, y: 2}"] + [f"l{i}: &l{i} {{<<: [*l{i - 1}, *l{i - 1}]}}" for i in range(1, 41)]
    (content_dir / MODULE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems, seconds, peak = measured(content_dir)
    found = module_problems(problems)
    # The file is not a module (unknown keys, missing fields), but it is read, quickly and once.
    assert {p.code for p in found} <= {"unknown-key", "missing-field"}
    assert len(found) < 50
    assert seconds < 5 and peak < 50, (seconds, peak)


def test_merges_follow_yaml_rules(content_dir):
    text = (content_dir / MODULE).read_text(encoding="utf-8")
    text = text.replace("  - type: prose\n    id: recovery-education\n",
                        "  - &prose\n    type: prose\n    id: recovery-education\n", 1)
    text += "\n  - <<: *prose\n    id: merged-copy\n"
    (content_dir / MODULE).write_text(text, encoding="utf-8")
    project = load_project(content_dir)  # own keys win over merged ones: no duplicate-key error
    module = next(m for m in project.modules if m.id == "recovery-education-and-training")
    blocks = {b.id: b for b in module.blocks}
    assert blocks["merged-copy"].text == blocks["recovery-education"].text


@pytest.mark.parametrize("text, message", [
    ("a: &a {<<: *a, x: 1}\n", "merges itself"),
    ("a: &a [*a]\n", f"nests deeper than {MAX_DEPTH} levels"),
    ("a: &a [1]\nb: {<<: *a}\n", "merges mappings only"),
])
def test_self_reference_is_a_located_error(content_dir, text, message):
    (content_dir / MODULE).write_text(text, encoding="utf-8")
    problems, seconds, _peak = measured(content_dir)
    assert any(message in p.message and p.line >= 1 for p in module_problems(problems)), problems
    assert seconds < 5


def test_deep_nesting_is_refused_without_recursion(content_dir):
    (content_dir / MODULE).write_bytes(b"blocks: " + b"[" * 100_000)
    problems, seconds, peak = measured(content_dir)
    [problem] = module_problems(problems)
    assert problem.code == "file-too-large" and f"deeper than {MAX_DEPTH} levels" in problem.message
    assert (problem.line, problem.column) == (1, 8 + MAX_DEPTH)  # the mapping is the first level
    assert seconds < 5 and peak < 50, (seconds, peak)


def test_too_many_values_stop_the_reading_early(content_dir):
    raw = b"- x\n" * (MAX_FILE_BYTES // 4 - 1)
    assert len(raw) <= MAX_FILE_BYTES
    (content_dir / MODULE).write_bytes(raw)
    problems, seconds, grown = measured_apart(content_dir)
    [problem] = [p for p in problems if "recovery-education-and-training.yml" in p]
    # It stopped at the limit, not at the end of the file.
    assert f"yml:{MAX_NODES}:3: error [file-too-large] the file holds more than {MAX_NODES:,} values" in problem
    assert seconds < 30 and grown < 250, (seconds, grown)


def test_oversize_file_is_refused_without_reading_it(content_dir):
    path = content_dir / MODULE
    with path.open("wb") as file:
        file.truncate(1 << 30)  # a sparse 1 GB file
    problems, seconds, peak = measured(content_dir)
    [problem] = module_problems(problems)
    assert (problem.code, problem.line, problem.column) == ("file-too-large", 1, 1)
    assert "1,073,741,824 bytes" in problem.message and f"{MAX_FILE_BYTES:,}" in problem.message
    assert seconds < 2 and peak < 10, (seconds, peak)


def test_file_just_over_the_limit(content_dir):
    (content_dir / MODULE).write_bytes(b"title: " + b"x" * MAX_FILE_BYTES)
    [problem] = module_problems(measured(content_dir)[0])
    assert problem.code == "file-too-large" and problem.message.startswith(f"the file is {MAX_FILE_BYTES + 7:,} bytes")


@pytest.mark.parametrize("value", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/object/apply:os.system {{args: ['touch {marker}']}}",
    "!!python/name:os.system",
])
def test_python_tags_never_run(content_dir, tmp_path, value):
    marker = tmp_path / "ran"
    text = (content_dir / MODULE).read_text(encoding="utf-8")
    text = text.replace("title: Recovery education and training", "title: " + value.format(marker=marker), 1)
    (content_dir / MODULE).write_text(text, encoding="utf-8")
    problems, _seconds, _peak = measured(content_dir)
    assert not marker.exists()
    tagged = [p for p in module_problems(problems) if "python/" in p.message]
    assert [(p.code, p.line, p.column) for p in tagged] == [("wrong-type", 3, 8)]


def _every_content_file() -> list[Path]:
    root = Path(__file__).parent.parent
    files = [*root.joinpath("content").rglob("*.yml"), *root.joinpath("tests/fixtures").rglob("*.yml")]
    return sorted(path for path in files if path.is_file() and not path.is_symlink())


@pytest.mark.parametrize("text", [
    "title: [a](b) " + "[x](y) " * 300,  # more brackets in the file than one text may hold
    "text: |\n" + "".join(f"  {' ' * 4 * depth}- item\n" for depth in range(12)),  # deep indentation
    "a: 1\nb: plain text\nc: 'quoted'\nd: |\n  block\n",
])
def test_reading_texts_at_once_finds_what_reading_each_finds(text, monkeypatch):
    """Ordinary files skip the per-text limits when the whole file is within them
    (``_known_plain``): the data and the problems must be the same as when each text is checked."""
    from toolkit_builder.core import yamlpos

    def read(raw: bytes):
        problems: list = []
        document = yamlpos._Reader("f.yml", problems).read(raw)
        return (document.data, document.positions) if document else None, [p.code for p in problems]

    texts = [text.encode(), *(path.read_bytes() for path in _every_content_file())]
    fast = [read(raw) for raw in texts]
    assert sum(yamlpos._known_plain(raw.decode("utf-8", "replace")) for raw in texts) > 20  # the fast way is taken
    monkeypatch.setattr(yamlpos, "_known_plain", lambda text: False)
    assert fast == [read(raw) for raw in texts]
    assert sum(1 for data, _ in fast if data is not None) > 20


def test_positions_found_on_demand_are_those_of_the_located_reader():
    """An ordinary file is read without positions (``yamlplain``) and located only when a check asks:
    the data, the problems and every position must be those of the located reader, and a file read
    the quick way has no positions until then."""
    from toolkit_builder.core import yamlpos

    quick_ones = 0
    for path in _every_content_file():
        raw = path.read_bytes()
        quick_problems: list = []
        located_problems: list = []
        quick = yamlpos._Reader("f.yml", quick_problems).read(raw)
        located = yamlpos._Reader("f.yml", located_problems).read(raw, located=True)
        assert quick_problems == located_problems, path
        if quick is None or located is None:
            assert quick is located is None, path
            continue
        if quick._positions is None:
            quick_ones += 1
        assert quick.data == located.data, path
        assert (quick.positions, quick.key_positions) == (located.positions, located.key_positions), path
        merged = quick.with_data({"other": "data"})  # a translation laid over: the translation's positions
        assert merged.where(("id",)) == located.where(("id",))
    assert quick_ones > 50


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a duplicate key
    "? [a]\n: 1\n",  # a key that is not a text
    "<<: {a: 1}\nb: 2\n",  # a merge key
    "a: !!set {x}\n",  # a tag on a collection
    "a: !!binary aGk=\n",  # bytes
    "a: !!timestamp 2001-13-45x\n",  # a tagged value that cannot be built
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [b\n",  # a syntax error
    "- " * 70 + "x\n",  # too deep
])
def test_the_quick_way_leaves_every_mistake_to_the_located_reader(text):
    """What the located reader reports, the quick way does not read: the same problems, located."""
    from toolkit_builder.core import yamlplain, yamlpos

    assert yamlplain.plain_data(text) is yamlplain.LOOK_CLOSER
    quick: list = []
    located: list = []
    yamlpos._Reader("f.yml", quick).read(text.encode())
    yamlpos._Reader("f.yml", located).read(text.encode(), located=True)
    assert quick == located
