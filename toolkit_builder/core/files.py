"""Files of the content folders that a site publishes as they are (videos, captions, posters)."""

from __future__ import annotations

from pathlib import Path

from .project import Project


def published_files(project: Project, layers: list[Path]) -> dict[str, Path]:
    """Site path -> file on disk, for every file a block of the project names."""
    files: dict[str, Path] = {}
    for module in project.modules:
        layer = layers[project.layers.get(module.id, len(layers) - 1)]
        for block in module.blocks:
            for relative in block.files():
                files[relative] = layer / relative
    return files
