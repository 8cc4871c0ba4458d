"""Colours of a localized copy: WCAG contrast checks and the CSS that applies them."""

from __future__ import annotations

from .model import Branding

WHITE = "#ffffff"
#: WCAG 2.2 AA minimum for normal text.
MIN_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_problems(branding: Branding) -> list[tuple[str, str]]:
    """(field, message) for each colour that white text or the white page cannot be read against."""
    problems = []
    for name, role in (("primary", "white text on it"), ("accent", "it as text on the white page")):
        colour = getattr(branding, name)
        if colour is not None:
            ratio = contrast(colour, WHITE)
            if ratio < MIN_CONTRAST:
                problems.append((name, f"'{colour}' gives a contrast of {ratio:.2f}:1 with {role}; "
                                       f"at least {MIN_CONTRAST}:1 is needed"))
    return problems


def branding_css(branding: Branding | None) -> str:
    """CSS custom properties that Material reads for its colours (light scheme)."""
    if branding is None or (branding.primary is None and branding.accent is None):
        return ""
    rules = []
    if branding.primary:
        rules += [f"--md-primary-fg-color: {branding.primary};", f"--md-primary-fg-color--dark: {branding.primary};",
                  "--md-primary-bg-color: #ffffff;"]
    if branding.accent:
        rules += [f"--md-accent-fg-color: {branding.accent};", f"--md-typeset-a-color: {branding.accent};"]
    body = "\n  ".join(rules)
    return f'[data-md-color-scheme="default"] {{\n  {body}\n}}\n'
