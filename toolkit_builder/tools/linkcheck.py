"""Check the links of a built site, offline.

Every internal link (pages, assets, anchors such as citations ``#ref-1`` and
cross-references) must resolve to a file of the site and, when it has a
``#fragment``, to an element with that id; this covers every language folder,
since it covers every page. External links are checked for form only (nothing is
fetched) and listed, with the pages that use them.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from ..core.limits import decoded_url, remote_address

#: Attributes that hold a link, by element.
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src",),
    "source": ("src",), "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "iframe": ("src",),
    "embed": ("src",), "object": ("data",), "form": ("action",), "blockquote": ("cite",), "q": ("cite",),
}
#: Elements whose link attributes make the browser load what they name (a <link> only with these rels).
LOADING_ELEMENTS = {"img", "script", "source", "video", "audio", "track", "iframe", "embed", "object"}
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class LinkProblem:
    page: str
    line: int
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.reason}: {self.target}"


@dataclass
class Report:
    pages: int = 0
    #: Language folder ("" for the default language at the root) -> pages in it.
    languages: dict[str, int] = field(default_factory=dict)
    internal: int = 0
    anchors: int = 0
    #: External address -> pages that link to it.
    external: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    problems: list[LinkProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Page(HTMLParser):
    """The ids of one page and its links, each with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}
        self.duplicates: list[tuple[str, int]] = []
        self.links: list[tuple[str, int]] = []
        #: The links the browser loads (images, scripts, frames, style sheets).
        self.loads: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            anchor = values.get(name)
            if anchor:
                if name == "id" and anchor in self.ids:
                    self.duplicates.append((anchor, line))
                self.ids.setdefault(anchor, line)
        loads = tag in LOADING_ELEMENTS or (tag == "link" and bool(
            LOADING_RELS & set((values.get("rel") or "").lower().split())))
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if values.get(name) is not None:
                self.links.append((cast(str, values[name]).strip(), line))
                if loads:
                    self.loads.append((cast(str, values[name]), line))
        if tag in ("img", "source") and values.get("srcset"):
            sources = [part.strip().split(" ")[0] for part in cast(str, values["srcset"]).split(",") if part.strip()]
            self.links.extend((source, line) for source in sources)
            self.loads.extend((source, line) for source in sources)


def external_problem(url: str) -> str | None:
    """Why ``url`` (with a scheme, or starting with //) is not a well-formed web, mail or phone address."""
    if re.search(r"\s", url):
        return "address with a space in it"
    parts = urlsplit("https:" + url if url.startswith("//") else url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        try:
            host, port = parts.hostname, parts.port  # port raises ValueError when it is not a number
        except ValueError:
            return "address with a bad port"
        if not host:
            return "web address without a host"
        try:
            labels = host.encode("idna").decode("ascii").split(".") if not host.startswith("[") else []
        except UnicodeError:
            return "web address with a bad host name"
        if labels and (len(labels) < 2 and host != "localhost" or not all(_HOST_LABEL.match(x) for x in labels)):
            return "web address with a bad host name"
        return None if port is None or 0 < port < 65536 else "address with a bad port"
    if scheme == "mailto":
        return None if re.match(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$", unquote(parts.path)) else "bad e-mail address"
    if scheme == "tel":
        return None if re.match(r"^\+?[0-9][0-9 ().-]*$", unquote(parts.path)) else "bad phone number"
    return f"link with the scheme '{scheme}:' (not a web, mail or phone address)"


def check_site(site: str | Path, base_path: str = "/") -> Report:
    """Check every page of the built site in ``site``; ``base_path`` is where the site is served
    (links starting with it are read from the site's root)."""
    site = Path(site)
    report = Report()
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        page.close()
        pages[path.relative_to(site).as_posix()] = page
    report.pages = len(pages)
    for name in pages:
        top = name.split("/")[0]
        language = top if "/" in name and _LANGUAGE.match(top) and f"{top}/index.html" in pages else ""
        report.languages[language] = report.languages.get(language, 0) + 1

    def ids_of(file: str) -> dict[str, int] | None:
        if file not in pages:
            return None
        return pages[file].ids

    def check(page_name: str, target: str, line: int, source: str | None = None) -> None:
        """``source``: where the link is written when it is not the page it is relative to."""
        shown = source or page_name
        if not target:
            report.problems.append(LinkProblem(shown, line, target, "empty link"))
            return
        # Decided on the address as a browser reads it (`/\\host` is another host), as the renderer decides.
        scheme = _SCHEME.match(decoded_url(target, references=False))
        if scheme or decoded_url(target, references=False).startswith("//"):
            if scheme and scheme.group(1).lower() not in EXTERNAL_SCHEMES:
                report.problems.append(LinkProblem(shown, line, target, f"unsafe link ({scheme.group(1)}:)"))
                return
            reason = external_problem(decoded_url(target, references=False))
            if reason:
                report.problems.append(LinkProblem(shown, line, target, reason))
            elif shown not in report.external[target]:
                report.external[target].append(shown)
            return
        parts = urlsplit(target)
        path = unquote(parts.path)
        if not path:
            file = page_name
        elif path.startswith("/"):
            if not path.startswith(base) and path + "/" != base:
                report.problems.append(LinkProblem(shown, line, target, f"link outside the site's path {base}"))
                return
            file = posixpath.normpath(path[len(base):] or ".")
        else:
            file = posixpath.normpath(posixpath.join(posixpath.dirname(page_name), path))
        if file == ".." or file.startswith("../"):
            report.problems.append(LinkProblem(shown, line, target, "link out of the site"))
            return
        resolved = site / file
        if file != page_name:
            report.internal += 1
            if resolved.is_dir() or path.endswith("/") or file == ".":
                file = posixpath.normpath(posixpath.join(file, "index.html"))
                resolved = site / file
            if not resolved.is_file():
                report.problems.append(LinkProblem(shown, line, target, "broken link (no such file)"))
                return
        fragment = unquote(parts.fragment)
        if fragment:
            report.anchors += 1
            ids = ids_of(file)
            if ids is None:
                if file.endswith(".html"):
                    report.problems.append(LinkProblem(shown, line, target, "anchor on a page that is not there"))
            elif fragment not in ids:
                report.problems.append(LinkProblem(shown, line, target, f"broken anchor (no id '{fragment}')"))

    for name, page in pages.items():
        for anchor, line in page.duplicates:
            report.problems.append(LinkProblem(name, line, "#" + anchor, "id used twice on the page"))
        for target, line in page.loads:
            if remote_address(target, references=False):
                report.problems.append(LinkProblem(name, line, target, "loads a file from another site"))
        for target, line in page.links:
            if target == "#":  # a link to the page's top (unsafe links in content become this)
                continue
            check(name, target, line)

    index = site / "search/search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            # Locations in the search index are relative to the site's root.
            check("index.html", doc.get("location") or "./", 1, source="search/search_index.json")
    report.external = dict(sorted(report.external.items()))
    return report


def format_report(report: Report) -> str:
    languages = ", ".join(f"{lang or 'default'}: {count}" for lang, count in sorted(report.languages.items()))
    lines = [f"{report.pages} pages ({languages}); {report.internal} internal links and "
             f"{report.anchors} anchors checked; {len(report.external)} external addresses "
             "(form checked, not fetched):"]
    for url, pages in report.external.items():
        lines.append(f"  {url}  ({len(pages)} page{'s' if len(pages) != 1 else ''})")
    if report.problems:
        lines.append(f"{len(report.problems)} broken link(s):")
        lines.extend(f"  {problem}" for problem in report.problems)
    else:
        lines.append("No broken links.")
    return "\n".join(lines)
