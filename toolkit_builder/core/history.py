"""When each content file last changed, from git history.

One ``git log`` call per build gives the date of every file, instead of one call per
page. Outside a git repository (a downloaded copy, a folder under /tmp) there are no
dates, and pages simply show none.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from babel import UnknownLocaleError
from babel.dates import format_date
from markupsafe import Markup

#: Separates commits in the log output (ASCII record separator; never in a file name).
_RECORD = "\x1e"


def build_date() -> date:
    """The date a build writes (a book's cover): ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when
    set, as reproducible builds ask, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def last_updated(folder: str | Path) -> dict[str, datetime]:
    """Path relative to ``folder`` (with ``/``) -> commit date of the last change to it."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(folder), "log", "--relative",
               f"--format={_RECORD}%cI", "--name-only", "--", "."]
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=60)
    except (OSError, subprocess.SubprocessError):  # no git, or it hangs
        return {}
    if result.returncode != 0:  # not a repository, or one git refuses to read
        return {}
    dates: dict[str, datetime] = {}
    for commit in result.stdout.split(_RECORD)[1:]:
        lines = commit.strip().splitlines()
        if not lines:
            continue
        try:
            date = datetime.fromisoformat(lines[0].strip())
        except ValueError:
            continue
        for name in lines[1:]:
            if name.strip():
                dates.setdefault(name.strip(), date)  # the log lists the newest commit first
    return dates


def updated_html(date: datetime, language: str = "en", label: str = "Last updated") -> str:
    """The "last updated" line of a page: the date in the page's language (Babel), machine-readable
    in ``<time>``; ``label`` is the interface string, already in that language."""
    try:
        readable = format_date(date.date(), format="long", locale=language)
    except (ValueError, UnknownLocaleError):
        readable = date.date().isoformat()
    return str(Markup('{} <time datetime="{}">{}</time>').format(label, date.date().isoformat(), readable))
