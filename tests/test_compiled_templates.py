"""Compiled templates kept on disk: a later build runs the code of the last one instead of compiling
again, and compiles again what changed; a cache it cannot write or read only costs time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from toolkit_builder.core.render.compiled import MemoryBytecodeCache
from toolkit_builder.core.render.typography import finalizer

from .browser import copy_project


def environment(templates: Path, cache: MemoryBytecodeCache, compiled: list[str], **settings) -> jinja2.Environment:
    """An environment over ``templates`` that notes in ``compiled`` every template it compiles."""

    class Counting(jinja2.Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[override]
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    return Counting(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache, **{"autoescape": True, **settings})


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    return folder


def test_a_later_process_runs_the_kept_code_and_compiles_only_what_changed(tmp_path, templates):
    first, compiled = MemoryBytecodeCache(), []
    first.keep_in(tmp_path / "cache")
    assert environment(templates, first, compiled).get_template("page.html").render(text="<b>") == "<p>&lt;b&gt;</p>"
    assert compiled == ["page.html"]
    assert len(list((tmp_path / "cache").glob("*.cache"))) == 1

    later, compiled = MemoryBytecodeCache(), []  # another process: nothing in memory
    later.keep_in(tmp_path / "cache")
    assert environment(templates, later, compiled).get_template("page.html").render(text="a") == "<p>a</p>"
    assert compiled == []

    (templates / "page.html").write_text("<div>{{ text }}</div>", encoding="utf-8")
    changed, compiled = MemoryBytecodeCache(), []
    changed.keep_in(tmp_path / "cache")
    assert environment(templates, changed, compiled).get_template("page.html").render(text="a") == "<div>a</div>"
    assert compiled == ["page.html"]


def test_code_read_from_disk_is_kept_in_memory_for_the_next_environment(tmp_path, templates):
    writer = MemoryBytecodeCache()
    writer.keep_in(tmp_path / "cache")
    environment(templates, writer, []).get_template("page.html")
    reader, compiled = MemoryBytecodeCache(), []
    reader.keep_in(tmp_path / "cache")
    environment(templates, reader, compiled).get_template("page.html")
    for kept in (tmp_path / "cache").glob("*.cache"):
        kept.unlink()
    environment(templates, reader, compiled).get_template("page.html")  # a new environment, as serve makes
    assert compiled == []


def test_the_same_template_under_other_settings_is_compiled_for_them(tmp_path, templates):
    """An upgrade that changes the renderer's settings (escaping, whitespace) while the templates
    stay the same must not run code compiled under the old ones."""
    (templates / "block.html").write_text("{% if true %}\n{{ text }}\n{% endif %}\n", encoding="utf-8")
    cache = MemoryBytecodeCache()
    cache.keep_in(tmp_path / "cache")
    compiled: list[str] = []
    assert environment(templates, cache, compiled).get_template("block.html").render(text="<b>") == "\n&lt;b&gt;\n"
    later = MemoryBytecodeCache()
    later.keep_in(tmp_path / "cache")
    trimmed = environment(templates, later, compiled, trim_blocks=True, autoescape=False)
    assert trimmed.get_template("block.html").render(text="<b>") == "<b>\n"
    assert compiled == ["block.html", "block.html"]


def test_templates_compiled_under_one_languages_typography_are_not_run_under_anothers(tmp_path, templates):
    """Jinja sets a template's constant values by the output hook as it compiles: French and
    German typography (hooks of the same name) each get code of their own, in memory and on disk."""
    (templates / "constant.html").write_text('{{ "Note : 5" }}', encoding="utf-8")
    cache = MemoryBytecodeCache()
    cache.keep_in(tmp_path / "cache")
    compiled: list[str] = []
    french = environment(templates, cache, compiled, finalize=finalizer("fr"))
    german = environment(templates, cache, compiled, finalize=finalizer("de"))
    assert french.get_template("constant.html").render() == "Note&#160;: 5"
    assert german.get_template("constant.html").render() == "Note : 5"
    assert compiled == ["constant.html", "constant.html"]
    later = MemoryBytecodeCache()
    later.keep_in(tmp_path / "cache")
    assert environment(templates, later, compiled, finalize=finalizer("de")).get_template("constant.html").render() \
        == "Note : 5"
    assert compiled == ["constant.html", "constant.html"]


def test_a_damaged_cache_file_is_compiled_again_and_replaced(tmp_path, templates):
    cache = MemoryBytecodeCache()
    cache.keep_in(tmp_path / "cache")
    environment(templates, cache, []).get_template("page.html")
    [kept] = (tmp_path / "cache").glob("*.cache")
    kept.write_bytes(kept.read_bytes()[:20])  # cut short, as by a full disk

    fresh, compiled = MemoryBytecodeCache(), []
    fresh.keep_in(tmp_path / "cache")
    assert environment(templates, fresh, compiled).get_template("page.html").render(text="a") == "<p>a</p>"
    assert compiled == ["page.html"]
    again, compiled = MemoryBytecodeCache(), []
    again.keep_in(tmp_path / "cache")
    environment(templates, again, compiled).get_template("page.html")
    assert compiled == []


def test_a_cache_folder_that_cannot_be_made_or_written_only_costs_compiling(tmp_path, templates):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    cache, compiled = MemoryBytecodeCache(), []
    cache.keep_in(blocker / "cache")  # under a file: cannot be made
    assert cache.disk is None
    assert environment(templates, cache, compiled).get_template("page.html").render(text="a") == "<p>a</p>"

    cache, compiled = MemoryBytecodeCache(), []
    cache.keep_in(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    (tmp_path / "gone").write_text("", encoding="utf-8")  # the folder replaced by a file: nothing can be written
    assert environment(templates, cache, compiled).get_template("page.html").render(text="a") == "<p>a</p>"
    assert compiled == ["page.html"]


def test_toolkit_build_keeps_its_templates_in_the_users_cache_and_writes_the_same_site_from_them(tmp_path):
    """`toolkit build` keeps the compiled templates (Material's and the toolkit's) in the user's
    cache folder, by Jinja and Python version; the next build, which runs that code instead of
    compiling, writes the same pages byte for byte."""
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    sites = []
    for run in ("cold", "warm"):
        site = tmp_path / f"site-{run}"
        subprocess.run([sys.executable, "-m", "toolkit_builder", "build", "-l", "en", "-d", str(site)], cwd=project,
                       env=env, capture_output=True, text=True, timeout=300, check=True)
        sites.append({p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")})
    version = f"jinja{jinja2.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}"
    kept = list((tmp_path / "user-cache" / "toolkit-builder" / "templates" / version).glob("*.cache"))
    assert len(kept) > 40  # Material's base, partials and the toolkit's own templates
    assert len(sites[0]) > 50
    assert sites[0] == sites[1]
