"""Helpers for the tests of the tools in the page (action plan, schedule, meeting room, checklists)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

#: A meeting of the bundled toolkit's process, and its pages.
MEETING = "forming-the-team"
ROOM = f"facilitation/{MEETING}/room/"
GUIDE = f"facilitation/{MEETING}/facilitator-guide/"
PLAN = "process/action-plan/"
PROCESS = "process/"


@contextmanager
def tool_page(browser, url: str, *, width: int = 1280, scheme: str = "light", clock: bool = False,
              **options) -> Iterator:
    """A page in a fresh browser context (its own storage) that fails the test on any script error,
    and accepts the confirmation dialogs the tools ask."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  accept_downloads=True, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    if clock:
        page.clock.install()
    page.goto(url)
    page.wait_for_function("() => window.ToolkitTools !== undefined")
    try:
        yield page
        assert not errors, errors
    finally:
        context.close()


def plain(text: str) -> str:
    """Text as Intl writes it, its narrow and no-break spaces as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def downloaded(page, button) -> str:
    with page.expect_download() as info:
        button.click()
    return open(info.value.path(), encoding="utf-8", newline="").read()


def import_file(page, name: str, content: bytes | str, mime: str = "application/json") -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    page.get_by_label("Import", exact=True).set_input_files({"name": name, "mimeType": mime, "buffer": data})
