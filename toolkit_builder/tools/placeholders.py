"""Text that `toolkit init` and `toolkit new module` write for an editor to replace.

A copy published with `toolkit@example.org` in its footer, or a module that still says
"Replace this text", validates; the linter warns about it (`placeholder-text`).
"""

from __future__ import annotations

import re
import typing
from typing import Any, Iterator

from pydantic import BaseModel

Path_ = tuple[typing.Union[str, int], ...]

#: The domains reserved for examples (RFC 2606): no real address uses them.
EXAMPLE_ADDRESS = re.compile(r"\bexample\.(?:org|com|net)\b", re.IGNORECASE)

#: The opening words of the texts the skeletons of `toolkit init` and `toolkit new module` hold.
PHRASES = (
    "Replace this text",
    "Write the module's text here",
    "One sentence that tells a facilitator what this module is for",
    "Write the name, telephone number and e-mail address",
)


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every string of a model object (texts, addresses, labels), with its path in the YAML data."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, str):
        yield path, value


def find_placeholders(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(path, the placeholder found) for every string of ``value`` that still holds a skeleton's text."""
    for where, text in _strings(value, path):
        folded = " ".join(text.split()).replace("’", "'").lower()
        yield from ((where, phrase) for phrase in PHRASES if phrase.lower() in folded)
        address = EXAMPLE_ADDRESS.search(text)
        if address:
            yield where, address.group(0)
