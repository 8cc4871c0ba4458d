# ruff: noqa: I001 - imported in the order the documentation lists block types (they register on import)
"""Block types: one module each, with its model, checks, cross-index mentions, files and
template beside it. Importing this package registers the built-in types, in the order
the documentation lists them, then the block types of installed packages: a package
declares the modules that define them under the entry-point group ``toolkit_builder.blocks``
(see ``base`` for what a block type is)."""

from .base import BLOCK_TYPES, AnyBlock, BaseBlock, Checks, Mention, Modules, on_register
from .prose import ProseBlock
from .list import ListBlock
from .callout import CalloutBlock
from .contrast import ContrastBlock
from .framework import FrameworkBlock, FrameworkEntry
from .questions import Question, QuestionGroup, QuestionsBlock
from .considerations import Consideration, ConsiderationsBlock
from .logic_model import LogicModelBlock, LogicModelRow
from .fact_sheet import FactSheetBlock
from .meeting import AgendaItem, Handout, MeetingBlock
from .faq import FaqBlock, FaqItem
from .media import CaptionTrack, MediaBlock

from importlib.metadata import entry_points

#: Entry-point group of packages that add block types.
ENTRY_POINTS = "toolkit_builder.blocks"

for _entry in entry_points(group=ENTRY_POINTS):
    _entry.load()  # defining the block classes registers them

__all__ = [
    "BLOCK_TYPES", "AgendaItem", "AnyBlock", "BaseBlock", "CalloutBlock", "CaptionTrack", "Checks", "Consideration",
    "ConsiderationsBlock", "ContrastBlock", "FactSheetBlock", "FaqBlock", "FaqItem", "FrameworkBlock", "FrameworkEntry", "Handout",
    "ListBlock", "LogicModelBlock", "LogicModelRow", "MediaBlock", "MeetingBlock", "Mention", "Modules",
    "ProseBlock", "Question", "QuestionGroup", "QuestionsBlock", "on_register",
]
