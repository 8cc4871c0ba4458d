"""Reading raw YAML data in checks: the data may hold any mistake the model reports itself."""

from __future__ import annotations

from typing import Any


def items(value: Any) -> list[tuple[int, Any]]:
    """(index, item) of a list; nothing for anything else (the model reports wrong types)."""
    if not isinstance(value, list):
        return []
    return [(i, item if isinstance(item, dict) else str(item)) for i, item in enumerate(value) if item is not None]


def mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}
