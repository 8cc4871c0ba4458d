"""Loading: YAML files -> the typed, cross-checked project, with every problem located."""

from .documents import DocumentCache
from .project import keep_loaded, load_languages, load_project, loaded_project

__all__ = ["DocumentCache", "keep_loaded", "load_languages", "load_project", "loaded_project"]
