"""The page `toolkit serve` shows at every address while the content has problems."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..core.catalogue import CATALOGUE
from ..core.problems import Problem


def _code_spans(text: str) -> Markup:
    """Escaped text with its `code spans` as <code> elements (a backtick without its pair stays)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: the last one is text
        parts[-2:] = [parts[-2] + "`" + parts[-1]]
    return Markup("").join(Markup("<code>{}</code>").format(part) if i % 2 else escape(part)
                           for i, part in enumerate(parts))


def problems_page(problems: list[Problem]) -> str:
    """A page (finished HTML) listing content problems, shown by `toolkit serve`.

    While the content has mistakes, every page of the site shows this instead of a stale
    page, and live reload brings the real pages back as soon as the file is fixed.
    """
    count = len(problems)
    items = []
    for problem in problems:
        entry = CATALOGUE.get(problem.code)
        parts = [Markup('<p class="tk-problem-place"><code>{}:{}:{}</code> {} [{}]</p>').format(
            problem.file, problem.line, problem.column, problem.severity, problem.code),
            Markup('<p class="tk-problem-message">{}</p>').format(_code_spans(problem.message))]
        if problem.hint:
            parts.append(Markup('<p class="tk-problem-fix"><strong>Fix:</strong> {}</p>').format(
                _code_spans(problem.hint)))
        if entry:
            parts.append(Markup("<details><summary>{}: what this means</summary><p>{}</p><p>{}</p></details>").format(
                entry.title, _code_spans(entry.explanation), _code_spans(entry.fix)))
        items.append(Markup("<li>{}</li>").format(Markup("").join(parts)))
    heading = f"The toolkit has {count} problem{'s' if count != 1 else ''}"
    body = Markup(
        '<div class="admonition warning tk-problems" role="alert">\n'
        '<p class="admonition-title">The site cannot be built until {these} fixed</p>\n'
        "<p>Fix the file, save it, and this page reloads by itself.</p>\n"
        "</div>\n"
        '<ol class="tk-problem-list">\n{items}\n</ol>\n'
    ).format(these="this is" if count == 1 else "these are", items=Markup("\n").join(items))
    return str(Markup('<h1 id="problems">{}</h1>\n{}').format(heading, body))
