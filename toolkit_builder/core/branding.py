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


#: Material's dark ("slate") page background, hsl(225, 15%, 14%), which links sit on.
SLATE = "#1e2129"
#: Links in the dark scheme are held to AAA contrast, as the bundled stylesheet's are.
DARK_LINK_CONTRAST = 7.0


def lighter(colour: str, background: str = SLATE, ratio: float = DARK_LINK_CONTRAST) -> str:
    """``colour``, mixed with white in small steps until it reads on ``background`` at ``ratio``:1
    (the same hue for links in the dark scheme as the accent gives them in the light one)."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(21):
        mixed = "#" + "".join(f"{round(c + (255 - c) * step / 20):02x}" for c in channels)
        if contrast(mixed, background) >= ratio:
            return mixed
    return WHITE


def branding_css(branding: Branding | None) -> str:
    """CSS custom properties that Material reads for its colours, in both colour schemes: the
    primary colour as it is (white text sits on it), and in the dark scheme the accent made
    light enough to read on the dark page."""
    if branding is None or (branding.primary is None and branding.accent is None):
        return ""
    light, dark = [], []
    if branding.primary:
        primary = [f"--md-primary-fg-color: {branding.primary};", f"--md-primary-fg-color--dark: {branding.primary};",
                   "--md-primary-bg-color: #ffffff;"]
        light += primary
        dark += primary
    if branding.accent:
        light += [f"--md-accent-fg-color: {branding.accent};", f"--md-typeset-a-color: {branding.accent};"]
        on_dark = lighter(branding.accent)
        dark += [f"--md-accent-fg-color: {on_dark};", f"--md-typeset-a-color: {on_dark};"]
    # As specific as the bundled stylesheet's rules for a palette colour ([scheme][primary]).
    return "".join(f'[data-md-color-scheme="{scheme}"][data-md-color-primary], [data-md-color-scheme="{scheme}"] {{\n  '
                   + "\n  ".join(rules) + "\n}\n" for scheme, rules in (("default", light), ("slate", dark)))
