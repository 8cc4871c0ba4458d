"""Loading: YAML files -> the typed, cross-checked project, with every problem located."""

from .project import keep_loaded, load_languages, load_project, loaded_project

__all__ = ["keep_loaded", "load_languages", "load_project", "loaded_project"]
