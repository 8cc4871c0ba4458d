"""The accessibility statement page (`toolkit.yml` `accessibility:`), and the "Report a problem
with this page" link of every page (`organization:` `report_issues` or `report_email`).

The statement is a page kind of its own, registered as any page kind is (``site.register_page_kind``):
in the nav after the glossary, searched, in every language, not in the book.
"""

from __future__ import annotations

from typing import Callable
from urllib.parse import quote, urlencode

from markupsafe import Markup

from ..model.toolkit import Organization
from ..project import Project
from ..site import PlannedPage, Roles, register_page_kind
from .page import Page
from .renderer import Renderer
from .site import register_page_renderer

KIND = "accessibility"
PATH = "accessibility.md"


def plan_accessibility(project: Project, gettext: Callable[[str], str]) -> list[PlannedPage]:
    if project.toolkit.accessibility is None:
        return []
    return [PlannedPage(PATH, KIND, gettext("Accessibility"))]


def render_accessibility(renderer: Renderer, planned: PlannedPage) -> list[Page]:
    renderer.start_page(planned.path)
    toolkit = renderer.project.toolkit
    statement = toolkit.accessibility
    organization = toolkit.organization
    address = (statement.contact if statement else None) or (organization.email if organization else None)
    contact = Markup('<a href="mailto:{0}">{0}</a>').format(address) if address else None
    text = renderer.env.get_template("accessibility.html.j2").render(
        statement=statement, contact=contact, organization=organization)
    return [renderer.page(planned.path, planned.title, text, kind=KIND)]


def report_link(project: Project, title: str, url: str, gettext: Callable[[str], str]) -> dict[str, str] | None:
    """"Report a problem with this page" (``label``) and where it leads (``href``): a new issue or an
    e-mail, filled in with the page's title and address (``url``: the page's full address, or its
    path in its language's folder when the site has no `site_url`); None when `toolkit.yml` asks for
    neither. Nothing else is sent."""
    organization: Organization | None = project.toolkit.organization
    if organization is None or not (organization.report_issues or organization.report_email):
        return None
    if "://" not in url:  # from the site's root: the default language there, the others in their folder
        url = "/" + ("" if project.language == project.toolkit.language else f"{project.language}/") + url
    subject = gettext("Problem on the page: %(title)s") % {"title": title}
    body = gettext("Page: %(url)s\n\nWhat is the problem, and what were you trying to do?") % {"url": url}
    if organization.report_issues:
        joiner = "&" if "?" in organization.report_issues else "?"
        href = organization.report_issues + joiner + urlencode({"title": subject, "body": body}, quote_via=quote)
    else:
        href = f"mailto:{organization.report_email}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)
    return {"href": href, "label": gettext("Report a problem with this page")}


register_page_kind(KIND, Roles(), plan_accessibility, rank=60)
register_page_renderer(KIND, render_accessibility)
