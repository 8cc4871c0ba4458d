"""Content folders ("layers"): an upstream toolkit and the overlays of localized copies laid
over it, and the module files each of them holds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Collection, Iterator, Sequence, Union

#: Folder of an overlay holding translations of the upstream toolkit.yml and glossary.yml.
UPSTREAM_TRANSLATIONS = "upstream"


def module_files(content_dir: Path) -> Iterator[tuple[Path, str]]:
    """Module files (not translations) under ``modules/<section>/``, with their section folder."""
    modules_dir = content_dir / "modules"
    if not modules_dir.is_dir():
        return
    for path in sorted(modules_dir.glob("*/*.yml")):
        if "." not in path.stem:  # `<id>.fr.yml` is a translation
            yield path, path.parent.name


def module_files_of(layers: Collection[Path], languages: Collection[str] = ()) -> list[Path]:
    """The module files of every layer, with their translations into ``languages`` (into every
    language if empty): what a load of those languages reads, but for a few project files."""
    return [path for layer in layers for path in sorted((layer / "modules").glob("*/*.yml"))
            if not languages or "." not in path.stem or path.stem.rsplit(".", 1)[1] in languages]


ContentDirs = Union[str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]]


def content_layers(content_dirs: ContentDirs) -> list[Path]:
    """The content folders, upstream first: one folder, or an upstream and overlays."""
    if isinstance(content_dirs, (str, os.PathLike)):
        return [Path(content_dirs)]
    return [Path(d) for d in content_dirs]
