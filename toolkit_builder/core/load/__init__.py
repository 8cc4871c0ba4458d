"""Loading: YAML files -> the typed, cross-checked project, with every problem located."""

from .documents import DocumentCache
from .project import load_languages, load_project

__all__ = ["DocumentCache", "load_languages", "load_project"]
