"""Brand colours made safe to read: WCAG 2.1 contrast, checked at build time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_vatoolkit.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_vatoolkit.config import Brand

logger = logging.getLogger(__name__)

DEFAULT_PRIMARY = "#0b5cad"
DEFAULT_ACCENT = "#b35c00"
WHITE = "#ffffff"
BLACK = "#111111"
# The theme's lightest dark and darkest light backgrounds: links must read on both.
LIGHT_SURFACE = "#f3f5f8"
DARK_SURFACE = "#20242b"
TEXT_CONTRAST = 4.5


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on the background."""
    return (
        WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(BLACK, background) else BLACK
    )


def readable_on(colour: str, background: str, minimum: float = TEXT_CONTRAST) -> str:
    """The colour, darkened or lightened just enough to reach the contrast minimum."""
    target = (0.0, 0.0, 0.0) if relative_luminance(background) > 0.5 else (255.0, 255.0, 255.0)
    red, green, blue = (float(c) for c in _channels(colour))
    candidate = colour
    for step in range(21):
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
        mix = step / 20
        candidate = _hex(
            red + (target[0] - red) * mix,
            green + (target[1] - green) * mix,
            blue + (target[2] - blue) * mix,
        )
    return candidate


@dataclass(frozen=True)
class Palette:
    primary: str
    on_primary: str
    accent: str
    on_accent: str
    link: str
    link_dark: str

    def css_variables(self) -> str:
        return (
            f"--va-primary:{self.primary};--va-on-primary:{self.on_primary};"
            f"--va-accent:{self.accent};--va-on-accent:{self.on_accent};"
            f"--va-link:{self.link};--va-link-dark:{self.link_dark};"
        )


def palette_for(brand: Brand) -> Palette:
    primary = brand.primary_color or DEFAULT_PRIMARY
    accent = brand.accent_color or DEFAULT_ACCENT
    return Palette(
        primary=primary,
        on_primary=text_on(primary),
        accent=accent,
        on_accent=text_on(accent),
        link=readable_on(primary, LIGHT_SURFACE),
        link_dark=readable_on(primary, DARK_SURFACE),
    )


def check_contrast(app: Sphinx) -> None:
    """``builder-inited``: say when a brand colour is too light (or dark) for text."""
    brand = build_state(app.env).model.brand
    for key, colour in (("primary_color", brand.primary_color),):
        if colour is None:
            continue
        ratio = contrast_ratio(colour, WHITE)
        if ratio < TEXT_CONTRAST:
            logger.warning(
                "vatoolkit.brand.%s: %s has a contrast of %.2f:1 against white, below the "
                "%.1f:1 WCAG 2.1 AA needs for text; links and text use %s instead",
                key,
                colour,
                ratio,
                TEXT_CONTRAST,
                readable_on(colour, WHITE),
                type="vatoolkit",
                subtype="contrast",
            )


def setup_brand(app: Sphinx) -> None:
    app.connect("builder-inited", check_contrast, priority=200)
