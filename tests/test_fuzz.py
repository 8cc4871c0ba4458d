"""Fuzz the loader and the renderer with generated and mutated YAML.

Whatever a file holds, ``load_project`` returns a model or raises ``ContentError``
whose every problem names a file, a line and a column inside that file; no other
exception escapes. A model that loads renders, and its pages hold no markup that
could run code.

CI runs the ``ci`` profile (a few hundred examples in all). Run the long profile with

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

and ``HYPOTHESIS_MAX_EXAMPLES=N`` sets the examples per test (a third of them for translations and
catalogues) whatever the profile.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import toolkit_builder
from toolkit_builder.core.blocks import BLOCK_TYPES
from toolkit_builder.core.limits import BAD_CHARACTER
from toolkit_builder.core.load import load_languages, load_project
from toolkit_builder.core.load.checks import PAGE_LINK_IN_TEXT
from toolkit_builder.core.problems import ContentError
from toolkit_builder.core.problems import display as _display
from toolkit_builder.core.project import Module
from toolkit_builder.core.render import Renderer

from .conftest import CONTENT
from .content_shapes import Vocabulary, valid, write_media_samples
from .html_safety import unsafe_markup

_COMMON = dict(deadline=None, derandomize=False, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.filter_too_much, HealthCheck.large_base_example])
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.register_profile("long", max_examples=10_000, **_COMMON)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
if os.environ.get("HYPOTHESIS_MAX_EXAMPLES"):  # a long run cut to the time there is (the figures say how many ran)
    PROFILE = settings(PROFILE, max_examples=int(os.environ["HYPOTHESIS_MAX_EXAMPLES"]))

MODULE_ID = "recovery-education-and-training"
MODULE = f"modules/education/{MODULE_ID}.yml"
BUNDLED_MODULE = (CONTENT / MODULE).read_bytes()
BUNDLED = load_project(CONTENT)
VOCABULARY = Vocabulary.of(BUNDLED)
#: The same line breaks as YAML: a problem's line must exist in the file.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """The bundled content with its module; each example rewrites one file and puts it back."""
    target = tmp_path_factory.mktemp("fuzz") / "content"
    # Without translations: a fuzzed module must not also have to match its French version.
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("*.*.yml"))
    # Only the module being fuzzed: other modules' links into it (handouts, where-to-start lists)
    # would otherwise reject a valid module that lacks the blocks they name; and no process, whose
    # meetings are those other modules.
    for other in (target / "modules").glob("*/*.yml"):
        if other.name != "recovery-education-and-training.yml":
            other.unlink()
    toolkit = target / "toolkit.yml"
    data = yaml.safe_load(toolkit.read_text(encoding="utf-8"))
    data["languages"] = ["en"]
    for audience in data.get("audiences", []):
        audience.pop("start", None)
    data.pop("process", None)
    toolkit.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_media_samples(target)
    return target


def load(content: Path, name: str, raw: bytes):
    """Write ``raw`` as the file ``name`` and load the folder; check every problem is located."""
    path = content / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(raw)
    try:
        try:
            return load_project(content)
        except ContentError as error:
            assert error.problems, "a ContentError without problems"
            known = {_display(p) for p in content.rglob("*.yml")}
            text = raw.decode("utf-8", errors="replace")
            lines = LINE_BREAKS.split(text)
            for problem in error.problems:
                assert problem.file in known, f"problem in an unknown file: {problem}"
                assert problem.line >= 1 and problem.column >= 1, str(problem)
                assert problem.message and problem.code, str(problem)
                if problem.file == _display(path):
                    assert problem.line <= len(lines) + 1, f"line beyond the end of the file: {problem}"
            return None
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


# --------------------------------------------------------------------------- byte mutations of real files

SNIPPETS = [
    b"\t", b"  ", b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xfe\xff", b"\xc3\x28",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80\xa8", b"\xc2\x85", b"\x1b[31m", b"\x0c",
    b"&a ", b"*a", b"&b [*a, *a, *a]", b"<<: *a\n", b"<<: [*a, *b]", b"<<: 1", b"&", b"*", b"<<",
    b"!!python/object/apply:os.system ['true']", b"!!python/name:os.system", b"!!binary AAAA", b"!!set {a}",
    b"!!omap [a: 1]", b"!!timestamp 2001-13-45", b"!!float x", b"!!int 0x", b"!!str", b"!local x", b"!",
    b"? ", b"? [a, b]\n: c", b"---\n", b"...\n", b"%YAML 1.1\n", b"%YAML 9.9\n", b"%TAG ! tag:x,2000:\n",
    b"{", b"}", b"[", b"]", b",", b": ", b"- ", b"|", b"|-", b">", b">+2", b"'", b'"', b"#", b"@", b"`", b"%",
    b"\\", b'"\\x"', b'"\\ud800"', b'"\\U0010FFFF"', b'"\\0"', b"1e999", b"-.inf", b".nan", b"0o777", b"0x1F",
    b"~", b"null", b"yes", b"No", b"2001-12-14", b"2001-12-14 21:59:43.10 -5", b"12:30:00", b"1_000",
    b"=", b"type: prose", b"type: nope", b"blocks: []", b"blocks: 7", b"- type: framework\n    framework: x",
    b"cites: [nope]", b"[@nope]", b"tags: [chime:hpoe, x]", b"id: Bad Id", b"section: nowhere",
    "é漢字🙂\u202e\u200b".encode(), b"x" * 5000, b"[" * 200, b"{a: " * 100, b"- " * 80, b"[a, " * 500,
    b"&x " + b"[*x, " * 30,
]


@st.composite
def mutated(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        where = int(draw(st.floats(0, 1)) * len(data))
        operation = draw(st.sampled_from(["insert", "insert", "delete", "replace", "duplicate", "truncate",
                                          "indent", "swap"]))
        if operation == "insert":
            data[where:where] = draw(st.sampled_from(SNIPPETS) | st.binary(max_size=8))
        elif operation == "delete":
            del data[where:where + draw(st.integers(1, 200))]
        elif operation == "replace" and data:
            data[min(where, len(data) - 1)] = draw(st.integers(0, 255))
        elif operation == "duplicate":
            data[where:where] = data[where:where + draw(st.integers(1, 400))]
        elif operation == "truncate":
            del data[where:]
        elif operation in ("indent", "swap"):
            lines = bytes(data).split(b"\n")
            i = min(int(where / max(len(data), 1) * len(lines)), len(lines) - 1)
            if operation == "indent":
                lines[i] = draw(st.sampled_from([b"", b" ", b"   ", b"\t", b"        "])) + lines[i].lstrip(b" ")
            else:
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@PROFILE
@given(mutated(BUNDLED_MODULE))
def test_mutated_module_bytes(content, raw):
    load(content, MODULE, raw)


@pytest.mark.parametrize("name", ["toolkit.yml", "references.yml", "glossary.yml"])
@PROFILE
@given(data=st.data())
def test_mutated_project_files(content, name, data):
    load(content, name, data.draw(mutated((CONTENT / name).read_bytes())))


#: Translations and the interface catalogue: files of their own kinds, fuzzed with both languages loaded.
TRANSLATED = ["toolkit.fr.yml", "glossary.fr.yml", f"modules/education/{MODULE_ID}.fr.yml",
              "locale/fr/LC_MESSAGES/toolkit.po"]
PACKAGE_CATALOGUE = Path(toolkit_builder.__file__).parent / "locale/fr/LC_MESSAGES/toolkit.po"


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    """The bundled content in both languages, with the interface catalogue as a content file."""
    target = tmp_path_factory.mktemp("fuzz-fr") / "content"
    shutil.copytree(CONTENT, target)
    catalogue = target / TRANSLATED[-1]
    catalogue.parent.mkdir(parents=True)
    shutil.copy(PACKAGE_CATALOGUE, catalogue)
    return target


@pytest.mark.parametrize("name", TRANSLATED)
@settings(PROFILE, max_examples=max(PROFILE.max_examples // 3, 10))
@given(data=st.data())
def test_mutated_translations_and_catalogues(bilingual, name, data):
    path = bilingual / name
    original = path.read_bytes()
    raw = data.draw(mutated(original))
    path.write_bytes(raw)
    try:
        load_languages(bilingual)
    except ContentError as error:
        known = {_display(p) for p in bilingual.rglob("*") if p.is_file()}
        lines = LINE_BREAKS.split(raw.decode("utf-8", errors="replace"))
        for problem in error.problems:
            assert problem.file in known and problem.line >= 1 and problem.column >= 1, str(problem)
            assert problem.message and problem.code, str(problem)
            if problem.file == _display(path):
                assert problem.line <= len(lines) + 1, f"line beyond the end of the file: {problem}"
    finally:
        path.write_bytes(original)


# --------------------------------------------------------------------------- generated YAML

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**30), 10**30), st.floats(),
    st.text(), st.text(max_size=3), st.binary(max_size=8), st.dates(), st.datetimes(),
    st.sampled_from(["prose", "framework", "education", "chime", "hope", "leamy2011", "", " ", "\t", "<<",
                     "x" * 3000, "[@leamy2011]", "[@nope]", "chime:hope", "guidelines:7", "=", "~"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=12) | st.integers() | st.sampled_from(list(Module.model_fields)
                                                                             + ["type", "text", "rows", "key"]),
                      children, max_size=6),
    max_leaves=40,
)


@st.composite
def dumped(draw, data) -> bytes:
    """``data`` as YAML in a random style, sometimes with a BOM or another encoding mistake."""
    try:
        text = yaml.safe_dump(
            data, default_flow_style=draw(st.sampled_from([False, True, None])),
            allow_unicode=draw(st.booleans()), width=draw(st.sampled_from([20, 80, 10_000])),
            indent=draw(st.integers(2, 9)), explicit_start=draw(st.booleans()), sort_keys=False,
            canonical=draw(st.booleans()) and draw(st.booleans()),
        )
    except (yaml.YAMLError, TypeError, ValueError, RecursionError):
        assume(False)
    raw = text.encode("utf-8")
    prefix = draw(st.sampled_from([b"", b"", b"", b"\xef\xbb\xbf", b"# comment\n", b"\xff\xfe"]))
    return prefix + raw


@st.composite
def module_data(draw) -> dict:
    """The bundled module as data, then changed: values replaced, keys dropped or added, subtrees shared."""
    data = yaml.safe_load(BUNDLED_MODULE)
    for _ in range(draw(st.integers(1, 5))):
        parent, key = _random_spot(draw, data)
        operation = draw(st.sampled_from(["replace", "replace", "delete", "add", "share", "type"]))
        if operation == "replace":
            parent[key] = draw(VALUES)
        elif operation == "delete":
            del parent[key]
        elif operation == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10) | st.sampled_from(["txt", "heading", "type", "id"]))] = draw(VALUES)
        elif operation == "share":
            other_parent, other_key = _random_spot(draw, data)
            if other_parent is not parent:
                parent[key] = other_parent[other_key]  # the same object twice: YAML writes an anchor and alias
        elif operation == "type" and isinstance(parent, dict):
            parent["type"] = draw(st.sampled_from(list(BLOCK_TYPES) + ["Prose", "", "callout "]))
    return data


def _random_spot(draw, data):
    parent, key = None, None
    node = data
    while isinstance(node, (dict, list)) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, draw(st.sampled_from(keys))
        node = node[key]
        if draw(st.integers(0, 3)) == 0:
            break
    return (parent, key) if parent is not None else ({"id": None}, "id")


@PROFILE
@given(st.one_of(VALUES, module_data()).flatmap(dumped))
def test_generated_module_yaml(content, raw):
    load(content, MODULE, raw)


TOKENS = ["id", "title", "blocks", "type", "prose", "text", "rows", ": ", ":", "- ", "\n", "\n  ", "\n    ",
          "\t", "&a ", "*a", "<<: ", "[", "]", "{", "}", ", ", "? ", "|\n", ">\n", "'", '"', "#", "!", "!!str ",
          "!!map ", "!!seq ", "%", "---\n", "...\n", "@", "`", "\\", "\ufeff", "\x00", "\x85", "\u2028", "x",
          "1", "null", "true", "2001-01-01", "1e400", "\r"]


@PROFILE
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_yaml_token_soup(content, text, encoding):
    load(content, MODULE, text.encode(encoding, errors="replace"))


# --------------------------------------------------------------------------- valid modules render safely

FRAGMENTS = [
    "**bold**", "*it*", "`code`", "[link](https://example.org)", "[rel](../x.md)", "[@leamy2011]", " [@slay2013]",
    "<script>alert(1)</script>", "<b onclick=x>", "[x](javascript:alert(1))", "[x](javascript&#58;alert(1))",
    "{: onclick=alert(1) }", "\n\n", "\n- item", "\n# Heading", "\n    code", "&amp;", "&#60;", "<!-- c -->",
    "{{ x }}", "{% if %}", "\\", "\u202e", "\ufeff", "🙂", "e\u0301", "\x02", "\x03", "PWLE", "CHIME", "|a|b|",
    "\n---\n", "*[X]: y", "[^1]", "<https://example.org>", "x" * 2000,
]
TEXT = st.lists(st.text(min_size=1, max_size=20) | st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map(
    lambda parts: BAD_CHARACTER.sub("", "".join(parts))).filter(
    # A link to a page that does not exist is a located error by design (broken-link), not a crash; so is
    # an image from another site (`![link](https://example.org)`: remote-image, tested in test_security_round3).
    lambda s: s.strip() and not PAGE_LINK_IN_TEXT.search(s) and "![" not in s)


@PROFILE
@given(valid(Module, VOCABULARY, TEXT, fixed={"id": MODULE_ID, "section": "education"}))
def test_valid_modules_load_and_render_safely(content, data):
    ids = [b.get("id") for b in data["blocks"] if b.get("id")]
    assume(len(ids) == len(set(ids)))
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    project = load(content, MODULE, raw)
    assert project is not None, "a module built from the model's own field types was rejected"
    renderer = Renderer(project)
    for page in (renderer.render_module(project.modules[0]), renderer.render_home(),
                 renderer.render_section(project.toolkit.sections[0])):
        page.html.encode("utf-8")
        html = page.html  # finished: no Markdown runs over it
        assert unsafe_markup(html) == [], page.path


# --------------------------------------------------------------------------- what fuzzing found

MINIMAL = "id: recovery-education-and-training\ntitle: T\nsection: education\nblocks: [{type: prose, text: x}]\n"


@pytest.mark.parametrize("raw, code", [
    (MINIMAL.replace("title: T", "title: !!timestamp 2001-13-45x").encode(), "wrong-type"),  # was AttributeError
    (b"\x01 " + MINIMAL.encode(), "bad-character"),  # was ReaderError from the loader's constructor
    (MINIMAL.replace("title: T", "title: " + "[" * 3000).encode(), "file-too-large"),  # was RecursionError
    (MINIMAL.replace("title: T", 'title: "\\ud800"').encode(), "bad-character"),  # failed when written out
    (b"a: &a {<<: *a}\n", "file-too-large"),  # was RecursionError
])
def test_what_fuzzing_found(content, raw, code):
    path = content / MODULE
    original = path.read_bytes()
    path.write_bytes(raw)
    try:
        with pytest.raises(ContentError) as caught:
            load_project(content)
    finally:
        path.write_bytes(original)
    assert code in {p.code for p in caught.value.problems}


def test_a_link_after_an_at_sign_is_not_a_citation(content):
    # `[@[link](...)` was read as a citation of the reference "[link".
    raw = MINIMAL.replace("title: T", "title: T\nsummary: '[@[link](https://example.org)'").encode()
    project = load(content, MODULE, raw)
    assert project is not None and project.modules[0].summary.startswith("[@[link]")
