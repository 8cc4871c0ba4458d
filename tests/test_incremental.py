"""`toolkit serve`'s rebuilds after an edit, run as serve runs them (dirty MkDocs builds with the
same plugin instance) but without a server: only the pages the edit changes are rendered and
written again; a mistake still turns every page into the problems page at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from toolkit_builder.core.render.site import OUTLINE_ONLY

from .browser import copy_project
from .conftest import CONTENT

MODULE = "content/modules/education/recovery-education-and-training.yml"
MODULE_PAGE = "education/recovery-education-and-training.md"
MODULE_HTML = "education/recovery-education-and-training/index.html"


class Served:
    """A project built the way `toolkit serve` builds it, rebuilt on demand."""

    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = self.config.plugins["toolkit"]
        self.times: dict[str, int] = {}
        self.rebuild(self.config)

    def load(self):
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = "http://127.0.0.1:8000/"
        return config

    def rebuild(self, config=None) -> set[str]:
        """Build again; the HTML pages written by this build."""
        config = config or self.load()
        assert config.plugins["toolkit"] is self.plugin  # as serve keeps it across rebuilds
        build(config, serve_url=config.site_url, dirty=True)
        times = {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}
        written = {page for page, time in times.items() if self.times.get(page) != time}
        self.times = times
        return written - {"404.html"}  # MkDocs renders the theme's own pages at every build

    def edit(self, old: str, new: str, path: str = MODULE) -> None:
        file = self.project / path
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def html(self, page: str = MODULE_HTML) -> str:
        return (self.site / page).read_text(encoding="utf-8")


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    served = Served(project, tmp_path / "site")
    pages = served.plugin.pages_dir
    assert pages is not None and pages.is_dir()
    yield served
    served.config.plugins.on_shutdown()
    assert not pages.exists()


def test_an_edit_re_renders_only_the_edited_module_page(served):
    pages = len(served.plugin.build.pages)
    assert len(served.plugin.build.changed) == pages > 50  # the first build writes every page
    served.edit("is still quite new", "is still new and untried")
    served.plugin.documents.parsed.clear()
    assert served.rebuild() == {MODULE_HTML}
    assert served.plugin.build.changed == [MODULE_PAGE]
    assert served.plugin.documents.parsed == [served.project / MODULE]  # the other files were kept parsed
    # The toolkit rendered the page anew; the other module pages came from its cache (the
    # meetings' pages depend on every module, so they are rendered again, to the same Markdown:
    # each meeting's page, guide and handouts, and the room of each meeting of the process).
    project = served.plugin.build.project
    meetings = 3 * sum(1 for m in project.modules if m.meeting() is not None) + len(project.steps())
    assert served.plugin.rendered.rendered == 1 + meetings
    assert "is still new and untried" in served.html()
    assert served.rebuild() == set()  # nothing changed: nothing is written


def test_a_new_title_re_renders_the_pages_that_show_it(served):
    served.edit("title: Recovery education and training", "title: Recovery learning")
    written = served.rebuild()
    # Its own page, the pages of its section (their nav lists it), and the pages listing it.
    assert {MODULE_HTML, "education/index.html", "topics/for-facilitator/index.html"} <= written
    assert not any(page.startswith("research/") for page in written)  # another section's nav is unchanged
    assert "Recovery learning" in served.html("education/index.html")


def test_a_mistake_shows_the_problems_page_at_once_everywhere_and_goes_away(served):
    served.edit("id: at-a-glance", "id: at-a-glance\n    bogus_field: 1")
    written = served.rebuild()
    assert len(written) == len(served.times) - 1  # every page...
    for page in (MODULE_HTML, "research/index.html", "index.html"):
        assert "bogus_field" in served.html(page)  # ...shows the problem, with its file
    served.edit("id: at-a-glance\n    bogus_field: 1", "id: at-a-glance")
    served.rebuild()
    assert "bogus_field" not in served.html("research/index.html")
    assert "Recovery education and training" in served.html()


def test_a_build_after_serving_in_the_same_process_keeps_nothing(served, tmp_path):
    """MkDocs hands the same plugin instance to the next command of a process."""
    served.edit("is still quite new", "is still new and untried")
    config = load_config(config_file=str(served.project / "mkdocs.yml"), site_dir=str(tmp_path / "built"))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["toolkit"]
    assert plugin is served.plugin and plugin.pages_dir is None and plugin.documents is None
    build(config)
    assert "is still new and untried" in (tmp_path / "built" / MODULE_HTML).read_text(encoding="utf-8")
    # Every page the cache keeps rendered anew: none taken from what serving kept.
    kept = [p for p in plugin.build.pages if p.module_id or p.path.startswith("topics/")
            or plugin.build.plan.page(p.path).kind in OUTLINE_ONLY]
    assert plugin.rendered.rendered == len(kept)


def _html_times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_serve_keeps_each_language_apart(tmp_path, monkeypatch):
    """`toolkit serve` builds both languages with one plugin instance: an edit rewrites only the
    pages it changes (an edit of a translation, only that language's), and after a mistake and its
    fix every page of both languages is as a full build made it (titles of pages not rebuilt
    included: the previous and next links)."""
    from toolkit_builder.cli.serve import Builder

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    builder = Builder(str(project / "mkdocs.yml"), site, "http://127.0.0.1:8000/", ())
    try:
        builder()
        french = site / "fr" / MODULE_HTML
        assert 'lang="fr"' in french.read_text(encoding="utf-8")
        before = {page: (site / page).read_text(encoding="utf-8") for page in _html_times(site)}
        times = _html_times(site)

        module = project / MODULE
        good = module.read_text(encoding="utf-8")
        module.write_text(good.replace("is still quite new", "is still new and untried", 1), encoding="utf-8")
        builder()
        written = {page for page, time in _html_times(site).items() if times.get(page) != time}
        written -= {"404.html", "fr/404.html"}  # MkDocs renders the theme's own pages at every build
        assert MODULE_HTML in written and written <= {MODULE_HTML, f"fr/{MODULE_HTML}"}, written
        assert "is still new and untried" in (site / MODULE_HTML).read_text(encoding="utf-8")

        # An edit of the French translation only: the English pages are not built at all.
        translation = project / MODULE.replace(".yml", ".fr.yml")
        text = translation.read_text(encoding="utf-8")
        assert "cette idée est encore assez nouvelle" in text
        translation.write_text(text.replace("cette idée est encore assez nouvelle",
                                            "cette idée reste assez nouvelle", 1), encoding="utf-8")
        times = _html_times(site)
        builder()
        written = {page for page, time in _html_times(site).items() if times.get(page) != time}
        assert written == {f"fr/{MODULE_HTML}", "fr/404.html"}, written
        assert "cette idée reste assez nouvelle" in french.read_text(encoding="utf-8")
        translation.write_text(text, encoding="utf-8")

        module.write_text(good.replace("\ntitle: ", "\ntitel: ", 1), encoding="utf-8")
        builder()
        assert "unknown key" in (site / MODULE_HTML).read_text(encoding="utf-8")
        module.write_text(good, encoding="utf-8")
        builder()
        after = {page: (site / page).read_text(encoding="utf-8") for page in before}
        assert [page for page in before if after[page] != before[page]] == []
        assert 'lang="fr"' in french.read_text(encoding="utf-8")
    finally:
        builder.close()


def test_serve_checks_files_again_when_what_they_name_changes(tmp_path, monkeypatch):
    """`toolkit serve` keeps what each unchanged file loaded as; a media file deleted, or a
    translation removed, changes that without the file changing, and shows at the next rebuild."""
    from toolkit_builder.cli.serve import Builder

    from .test_blocks import media, media_files, module

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    content = project / "content"
    media_files(content)
    module(content, media(captions="[{file: media/welcome.en.vtt, language: en}, "
                                   "{file: media/welcome.en.vtt, language: fr, label: Anglais}]"))
    site = tmp_path / "site"
    builder = Builder(str(project / "mkdocs.yml"), site, "http://127.0.0.1:8000/", ())
    try:
        builder()
        page = site / "education" / "sample" / "index.html"
        assert "media/welcome.mp4" in page.read_text(encoding="utf-8")
        from toolkit_builder.core.load import project as loading
        checked: list[object] = []
        check = loading.validate
        monkeypatch.setattr(loading, "validate", lambda *args, **kwargs: checked.append(args) or check(*args, **kwargs))
        builder()  # nothing changed: every file's result is used again
        assert checked == [] and len(builder.documents.results or {}) > 20
        (content / "modules/education/sample.yml").write_text(
            (content / "modules/education/sample.yml").read_text(encoding="utf-8").replace("Sample", "Example"))
        builder()  # one file changed: it alone is checked again, once (French lays its translation over it)
        assert len(checked) == 1 and "Example" in page.read_text(encoding="utf-8")
        assert "Example" in (site / "fr" / "education" / "sample" / "index.html").read_text(encoding="utf-8")

        (content / "media/welcome.mp4").unlink()
        builder()
        assert "missing-media" in page.read_text(encoding="utf-8")
        media_files(content)
        builder()
        assert "missing-media" not in page.read_text(encoding="utf-8")

        translation = project / MODULE.replace(".yml", ".fr.yml")
        text = translation.read_text(encoding="utf-8")
        french = site / "fr" / MODULE_HTML
        assert "cette idée est encore assez nouvelle" in french.read_text(encoding="utf-8")
        translation.unlink()
        builder()
        assert "cette idée est encore assez nouvelle" not in french.read_text(encoding="utf-8")
        translation.write_text(text, encoding="utf-8")
        builder()
        assert "cette idée est encore assez nouvelle" in french.read_text(encoding="utf-8")
    finally:
        builder.close()


def test_module_hashes_are_kept_per_loaded_module_and_follow_a_change():
    """A loaded module is frozen: its hash is made once while it lives (a rebuild of `toolkit serve`
    hashes only the modules whose files changed), a changed module has a hash of its own, and
    the project's hash follows any module's change."""
    import gc

    from toolkit_builder.core.load import load_project
    from toolkit_builder.core.render import cache

    project = load_project(CONTENT)
    before = cache.project_digest(project)
    assert all(id(m) in cache._HASHED for m in project.modules)
    module = project.modules[0]
    changed = module.model_copy(update={"title": module.title + " (changed)"})
    assert cache.module_digest(project, changed) != cache.module_digest(project, module)
    other = project.model_copy(update={"modules": [changed, *project.modules[1:]]})
    assert cache.project_digest(other) != before and cache.project_digest(project) == before
    key = id(changed)
    del changed, other
    gc.collect()
    assert key not in cache._HASHED
