"""The typed content model: field types, toolkit.yml, references and glossary.

Modules and their blocks are in ``core.blocks`` and ``core.project``; this package holds
what they are built from.
"""

from .fields import (
    CITATION,
    MEDIA_PATH_PATTERN,
    PATTERN_PROBLEMS,
    TRANSLATABLE,
    ContentPath,
    Key,
    Markdown,
    MediaPath,
    Minutes,
    Slug,
    Strict,
    Text,
    Translatable,
    content_path_problem,
)
from .references import Glossary, GlossaryTerm, Reference
from .toolkit import (
    Audience,
    Branding,
    Component,
    Framework,
    Link,
    Organization,
    Part,
    Process,
    Section,
    Toolkit,
    ToolkitOverlay,
)

__all__ = [
    "CITATION", "MEDIA_PATH_PATTERN", "PATTERN_PROBLEMS", "TRANSLATABLE", "Audience", "Branding", "Component",
    "ContentPath", "Framework", "Glossary", "GlossaryTerm", "Key", "Link", "Markdown", "MediaPath", "Minutes",
    "Organization", "Part", "Process", "Reference", "Section", "Slug", "Strict", "Text", "Toolkit", "ToolkitOverlay", "Translatable",
    "content_path_problem",
]
