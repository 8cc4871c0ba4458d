"""Find markup in built HTML that could run code or load something: what content must never produce."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

#: Schemes a link may use; anything else (javascript:, data:, vbscript:, file:...) is unsafe.
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
#: Attributes a browser follows or loads.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite",
                  "longdesc", "ping", "srcset", "manifest")
#: Elements that embed, run or redirect (forms are the theme's own; their targets are checked as URLs).
FORBIDDEN_TAGS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal")
#: The inline scripts Material for MkDocs writes into every page (and its bundle); anything else is injected.
THEME_SCRIPTS = (
    re.compile(r"^__md_scope=new URL\("),
    re.compile(r"^var palette=__md_get\("),
    re.compile(r"^var target=document\.getElementById\(location\.hash"),
)
_STRIPPED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def scheme_of(url: str) -> str | None:
    """The scheme a browser sees in ``url`` (entities already decoded): it drops tabs, newlines and controls."""
    cleaned = _STRIPPED.sub("", url).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def _theme_script(tag) -> bool:
    if tag.get("type") == "application/json" and tag.get("id") == "__config":
        return True
    if tag.get("src"):
        return re.search(r"(^|/)assets/(javascripts|toolkit)/[\w.\-]+\.js$", tag["src"]) is not None
    text = (tag.string or "").strip()
    return any(pattern.match(text) for pattern in THEME_SCRIPTS)


def unsafe_markup(html: str) -> list[str]:
    """Every script, handler, embedding element and unsafe URL in ``html``, described."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if name == "script" and not _theme_script(tag):
            found.append(f"script element: {str(tag)[:120]}")
        if name in FORBIDDEN_TAGS:
            found.append(f"<{name}> element: {str(tag)[:120]}")
        if name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append(f"meta refresh: {tag}")
        for attribute, value in tag.attrs.items():
            attribute = attribute.lower()
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on"):
                found.append(f"event handler {attribute}= on <{name}>: {value[:80]}")
            if attribute in URL_ATTRIBUTES:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" else [value]
                for url in urls:
                    scheme = scheme_of(url)
                    if scheme is not None and scheme not in SAFE_SCHEMES:
                        found.append(f"{attribute}= with scheme {scheme}: on <{name}>: {value[:80]}")
    return found


def remote_loads(html: str) -> list[str]:
    """Things a page would fetch from another origin as it loads (images, scripts, styles, frames)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(["img", "script", "link", "iframe", "source", "video", "audio", "track", "embed"]):
        if tag.name == "link" and not {"stylesheet", "preload", "icon", "modulepreload", "prefetch"} & set(
                tag.get("rel") or []):
            continue
        for attribute in ("src", "href", "srcset", "poster"):
            value = str(tag.get(attribute) or "").strip()
            if value.startswith("//") or scheme_of(value) not in (None,):
                found.append(f"<{tag.name} {attribute}={value[:80]}>")
    return found
