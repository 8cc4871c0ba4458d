"""The site: where its pages go (``paths``) and which pages it has, in order, with their roles (``plan``)."""

from .plan import (
                   NavItem,
                   PageKind,
                   PdfJob,
                   PlannedPage,
                   Roles,
                   SitePlan,
                   Source,
                   pages_from_files,
                   paths_before_load,
                   plan_site,
                   register_page_kind,
)
from .rooms import room_path  # registers the meeting rooms' region of the plan

__all__ = ["NavItem", "PageKind", "PdfJob", "PlannedPage", "Roles", "SitePlan", "Source", "pages_from_files",
           "paths_before_load", "plan_site", "register_page_kind", "room_path"]
