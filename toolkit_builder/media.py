"""Video files of media blocks: checks on the files, and the list of files to publish.

A video is published only with captions (a WebVTT file) and a transcript: the model
requires both fields; here the files themselves are checked. Paths are relative to
the content folder the module comes from and are published at the same path in the
site (``media/welcome.mp4`` -> ``<site>/media/welcome.mp4``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

#: Video formats browsers play natively, with their MIME types.
VIDEO_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

Report = Callable[..., None]


def video_type(path: str) -> str:
    return VIDEO_TYPES.get(Path(path).suffix.lower(), "video/mp4")


def _inside(layer: Path, relative: str) -> Path | None:
    """The file, if it resolves inside the content folder (a symlink may not lead out of it)."""
    target = (layer / relative).resolve()
    try:
        target.relative_to(layer.resolve())
    except ValueError:
        return None
    return target


def check_media_block(block: dict, layer: Path, report: Report) -> None:
    """Report each problem with the files of a media block (a dict as read from YAML):
    ``report(path_in_block, code=..., message=..., hint=...)``."""

    def check_file(path: tuple, relative: Any, suffixes: tuple[str, ...], what: str) -> Path | None:
        if not isinstance(relative, str) or relative.startswith("/") or ".." in relative.split("/"):
            return None  # the model reports the form of the path
        target = _inside(layer, relative)
        if target is None:
            report(path, code="bad-value", message=f"'{relative}' leads outside the content folder",
                   hint="put the file inside the content folder, e.g. in media/, not a link to elsewhere")
            return None
        if Path(relative).suffix.lower() not in suffixes:
            report(path, code="bad-value", message=f"'{relative}' is not {what}",
                   hint="use a file ending in " + ", ".join(suffixes))
            return None
        if not target.is_file():
            report(path, code="missing-media", message=f"there is no file '{relative}' in the content folder",
                   hint=f"add the file at {layer.name}/{relative}, or correct the path")
            return None
        return target

    check_file(("video",), block.get("video"), tuple(VIDEO_TYPES), "a video file browsers can play")
    if block.get("poster") is not None:
        check_file(("poster",), block.get("poster"), IMAGE_SUFFIXES, "an image")
    tracks = block.get("captions")
    for i, track in enumerate(tracks if isinstance(tracks, list) else []):
        if not isinstance(track, dict):
            continue
        target = check_file(("captions", i, "file"), track.get("file"), (".vtt",), "a WebVTT captions file")
        if target is not None and not _is_webvtt(target):
            report(("captions", i, "file"), code="bad-value",
                   message=f"'{track['file']}' is not a WebVTT file: it must start with the line WEBVTT",
                   hint="export the captions as WebVTT (.vtt); most captioning tools and converters offer it")


def _is_webvtt(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.startswith(b"WEBVTT") and (len(head) == 6 or head[6:7] in (b" ", b"\t", b"\n", b"\r"))


def media_paths(block: Any) -> Iterator[str]:
    """Every file a media block refers to."""
    yield block.video
    if block.poster:
        yield block.poster
    for track in block.captions:
        yield track.file


def media_files(project: Any, layers: list[Path]) -> dict[str, Path]:
    """Site path -> file on disk, for every file of every media block of the project."""
    files: dict[str, Path] = {}
    for module in project.modules:
        layer = layers[project.layers.get(module.id, len(layers) - 1)]
        for block in module.blocks:
            if block.type == "media":
                for relative in media_paths(block):
                    files[relative] = layer / relative
    return files
