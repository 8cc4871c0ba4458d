"""Translations: content files merged with their translations, translation status, and the
interface strings' catalogues."""

from .catalogues import (
    DOMAIN,
    PACKAGE_LOCALES,
    catalogue_paths,
    catalogue_problems,
    extract_messages,
    interface_coverage,
    language_links,
    load_translations,
    text_direction,
)
from .merge import ANCHORS, DIGEST_KEY, Merged, digest, has_text, merge, text_leaves
from .skeleton import skeleton, start_catalogue
from .status import FileStatus, edit_link, stamp, translation_name, translation_status

__all__ = [
    "ANCHORS", "DIGEST_KEY", "DOMAIN", "PACKAGE_LOCALES", "FileStatus", "Merged", "catalogue_paths",
    "catalogue_problems", "digest",
    "extract_messages", "has_text", "interface_coverage", "language_links", "load_translations", "merge",
    "skeleton", "stamp", "start_catalogue", "text_direction", "text_leaves",
    "translation_status", "edit_link", "translation_name",
]
