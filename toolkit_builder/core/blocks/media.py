"""The `media` block: a video, always with captions and a transcript.

A video is published only with captions (a WebVTT file) and a transcript: the model
requires both fields; the checks here look at the files themselves. Paths are relative to
the content folder the module comes from and are published at the same path in the site
(``media/welcome.mp4`` -> ``<site>/media/welcome.mp4``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Iterator, Literal

from pydantic import Field

from ..model import Markdown, MediaPath, Slug, Strict, Text
from ..problems import Path_
from .base import BaseBlock, Checks

#: Video formats browsers play natively, with their MIME types.
VIDEO_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


class CaptionTrack(Strict):
    file: MediaPath = Field(description="A WebVTT (.vtt) file, relative to the content folder.")
    language: Slug = Field(description="Language of the captions (`en`, `fr`).")
    label: Text | None = Field(None,
        description="Name of the track in the player's menu (default: the language's name).")


class MediaBlock(BaseBlock):
    """A video, always with captions and a transcript."""

    missing_hints: ClassVar[dict[str, str]] = {
        "captions": "a video needs captions: add `captions:` with a WebVTT file (`- file: media/name.en.vtt`, "
                    "`language: en`), so people who cannot hear it can follow",
        "transcript": "a video needs a transcript: add `transcript:` with the words spoken and what is shown, "
                      "for people who cannot watch or hear it",
    }

    type: Literal["media"] = Field(description="The kind of block.")
    video: MediaPath = Field(description="The video file (.mp4, .webm), relative to the content folder.")
    captions: list[CaptionTrack] = Field(min_length=1,
        description="Captions files, at least one (required: people who cannot hear the video read them).")
    transcript: Markdown = Field(description="The full transcript (Markdown), shown under the video.")
    language: Slug | None = Field(None, description="Language spoken in the video (default: the toolkit's).")
    poster: MediaPath | None = Field(None,
        description="An image shown before the video plays, relative to the content folder.")
    description: Markdown | None = Field(None, description="What the video is about (Markdown).")

    @property
    def video_type(self) -> str:
        return VIDEO_TYPES.get(Path(self.video).suffix.lower(), "video/mp4")

    def files(self) -> Iterator[str]:
        yield self.video
        if self.poster:
            yield self.poster
        for track in self.captions:
            yield track.file

    @classmethod
    def check(cls, data: dict[str, Any], at: Path_, checks: Checks) -> None:
        """The files exist inside the content folder and are what they say."""

        def check_file(path: Path_, relative: Any, suffixes: tuple[str, ...], what: str) -> Path | None:
            if not isinstance(relative, str) or relative.startswith("/") or ".." in relative.split("/"):
                return None  # the model reports the form of the path
            target = _inside(checks.layer, relative)
            if target is None:
                checks.problem(path, "bad-value", f"'{relative}' leads outside the content folder",
                               "put the file inside the content folder, e.g. in media/, not a link to elsewhere")
                return None
            if Path(relative).suffix.lower() not in suffixes:
                checks.problem(path, "bad-value", f"'{relative}' is not {what}",
                               "use a file ending in " + ", ".join(suffixes))
                return None
            if not target.is_file():
                checks.problem(path, "missing-media", f"there is no file '{relative}' in the content folder",
                               f"add the file at {checks.layer.name}/{relative}, or correct the path")
                return None
            return target

        check_file(at + ("video",), data.get("video"), tuple(VIDEO_TYPES), "a video file browsers can play")
        if data.get("poster") is not None:
            check_file(at + ("poster",), data.get("poster"), IMAGE_SUFFIXES, "an image")
        tracks = data.get("captions")
        for i, track in enumerate(tracks if isinstance(tracks, list) else []):
            if not isinstance(track, dict):
                continue
            target = check_file(at + ("captions", i, "file"), track.get("file"), (".vtt",), "a WebVTT captions file")
            if target is not None and not _is_webvtt(target):
                checks.problem(at + ("captions", i, "file"), "bad-value",
                               f"'{track['file']}' is not a WebVTT file: it must start with the line WEBVTT",
                               "export the captions as WebVTT (.vtt); most captioning tools and converters offer it")


def _inside(layer: Path, relative: str) -> Path | None:
    """The file, if it resolves inside the content folder (a symlink may not lead out of it)."""
    target = (layer / relative).resolve()
    try:
        target.relative_to(layer.resolve())
    except ValueError:
        return None
    return target


def _is_webvtt(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.startswith(b"WEBVTT") and (len(head) == 6 or head[6:7] in (b" ", b"\t", b"\n", b"\r"))
