"""The README's "Publishing your own copy" walkthrough, followed command by command.

The commands are read from the section's `sh` blocks and run in a temporary folder, in order;
between them the test makes the edits the steps describe, with the files of the organization's
copy in tests/fixtures/copy/ (the upstream, and the copy's own content and translations)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import yaml

from .browser import run_toolkit
from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "copy"
OVERLAY = FIXTURE / "overlay"


def walkthrough() -> list[list[str]]:
    """The commands of the section's `sh` blocks, in order, as argument lists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing your own copy", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"^ *```sh\n(.*?)^ *```", section, re.MULTILINE | re.DOTALL):
        commands += [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]
    return [c for c in commands if c]


def without_stamp(path: Path) -> str:
    return re.sub(r"^source: .*\n", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)


def edit_the_copy(content: Path, languages: list[str]) -> None:
    """Steps 3 and 4: the copy's toolkit.yml, its modules and their French translations."""
    for path in OVERLAY.rglob("*"):
        relative = path.relative_to(OVERLAY)
        if path.is_file() and ".es." not in path.name and "upstream" not in relative.parts and \
                "locale" not in relative.parts:
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, content / relative)
    overlay = content / "toolkit.yml"
    overlay.write_text(overlay.read_text(encoding="utf-8").replace(
        "languages: [en, fr, es]", f"languages: [{', '.join(languages)}]"), encoding="utf-8")


def translate(content: Path, written: set[str]) -> None:
    """Step 5: a translator writes every text over the skeletons, and the catalogue's strings."""
    spanish = {p.relative_to(OVERLAY).as_posix() for p in OVERLAY.rglob("*.es.yml")}
    assert written == spanish, f"`toolkit i18n start es` wrote {sorted(written)}, expected {sorted(spanish)}"
    for relative in spanish:
        (content / relative).write_text(without_stamp(OVERLAY / relative), encoding="utf-8")
    # The copy's own wording of a few interface strings, over the package's Spanish.
    (content / "locale/es/LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    shutil.copy(OVERLAY / "locale/es/LC_MESSAGES/toolkit.po", content / "locale/es/LC_MESSAGES/toolkit.po")


def test_the_readme_walkthrough_runs_command_by_command(tmp_path):
    commands = walkthrough()
    names = [" ".join(c[:3]) if c[0] == "toolkit" and c[1] == "i18n" else " ".join(c[:2]) for c in commands]
    assert names == ["git submodule", "toolkit init", "cd our-toolkit", "toolkit validate", "toolkit i18n start",
                     "toolkit i18n stamp", "toolkit i18n status", "toolkit build", "toolkit linkcheck"], commands
    cwd = tmp_path
    for command in commands:
        if command[:3] == ["git", "submodule", "add"]:  # mirrored: the upstream repository, with its content/
            shutil.copytree(FIXTURE / "upstream", cwd / command[-1] / "content")
            continue
        if command[0] == "cd":
            cwd = cwd / command[1]
            assert cwd.is_dir(), command
            continue
        assert command[0] == "toolkit", command
        if command[1] == "validate":
            edit_the_copy(cwd / "content", ["en", "fr"])
        elif command[1:3] == ["i18n", "start"]:
            edit_the_copy(cwd / "content", ["en", "fr", "es"])
            before = set((cwd / "content").rglob("*.es.yml"))
        result = run_toolkit(*command[1:], cwd=cwd)
        assert result.returncode == 0, f"{shlex.join(command)} failed:\n{result.stdout}\n{result.stderr}"
        if command[1] == "init":
            config = yaml.safe_load((cwd / command[2] / "mkdocs.yml").read_text(encoding="utf-8"))
            plugin = next(p["toolkit"] for p in config["plugins"] if isinstance(p, dict) and "toolkit" in p)
            assert plugin["upstream"] == ["../upstream/content"]  # as the README says
        elif command[1:3] == ["i18n", "start"]:
            written = {p.relative_to(cwd / "content").as_posix() for p in
                       set((cwd / "content").rglob("*.es.yml")) - before}
            # The package translates the interface into Spanish: no catalogue of the copy's own yet.
            assert not (cwd / "content/locale/es/LC_MESSAGES/toolkit.po").exists()
            translate(cwd / "content", written)
        elif command[1:3] == ["i18n", "status"]:
            assert "es: 100% of texts translated" in result.stdout
    assert cwd.name == "our-toolkit"
    for language in ("", "fr/", "es/"):
        assert (cwd / "site" / language / "local/local-resources/index.html").is_file()
