"""Loading: YAML files -> the typed, cross-checked project, with every problem located."""

from .project import load_languages, load_project

__all__ = ["load_languages", "load_project"]
