"""Every colour the GUI draws with beyond the palette's own: status colours (good, bad, warning…), chart series,
and the light tints behind cells and banners. Each starts from a hue and is darkened or lightened, hue kept,
until it reads at 4.5:1 (WCAG's contrast ratio for text) against the current palette's backgrounds, so a dark or
high-contrast theme gets colours that suit it instead of a light theme's dark red on a dark grey.

Colour never carries a status alone: the places that use these also say it in words, an icon or bold type.
This is the only module under coopdesk/ui that may name a fixed colour (tests/ui/test_colors.py checks)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Literal

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

Tone = Literal["good", "bad", "warning", "info", "special", "muted", "neutral"]

MIN_CONTRAST = 4.5  # WCAG 2 AA for text; also used for chart marks, which then read as well as the labels
TINT = 0.25  # how much of a hue a tinted background takes by default
# Starting hues (Material's 800 shades, readable on white as they are); "muted" and "neutral" start from the
# palette's own text instead.
HUES: dict[str, str] = {
    "good": "#2e7d32", "bad": "#c62828", "warning": "#b45309", "info": "#1565c0", "special": "#8e24aa",
    "teal": "#00838f", "brown": "#6d4c41", "slate": "#546e7a", "orange": "#ef6c00", "amber": "#f9a825",
}
# Chart series in order: distinct hues first (blue, green, orange, purple, red…).
SERIES = ("info", "good", "orange", "special", "bad", "teal", "brown", "slate")

_BACKGROUNDS = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window)


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(under: QColor, over: QColor, amount: float) -> QColor:
    """`over` laid on `under` at `amount` (0…1) opacity; an alpha in `over` counts too."""
    amount *= over.alphaF()
    return _opaque(QColor.fromRgbF(*(a + (b - a) * amount for a, b in (
        (under.redF(), over.redF()), (under.greenF(), over.greenF()), (under.blueF(), over.blueF())))))


def _opaque(color: QColor) -> QColor:
    """The colour as it will be painted and named: 8 bits a channel (a style sheet's "#rrggbb")."""
    return QColor.fromRgb(color.rgb())


def readable(color: QColor, backgrounds: tuple[QColor, ...], minimum: float = MIN_CONTRAST) -> QColor:
    """`color`, its lightness moved away from the backgrounds (hue and saturation kept) just far enough to reach
    `minimum` against each of them; black or white if no shade of the hue does."""
    def worst(candidate: QColor) -> float:
        return min(contrast(candidate, background) for background in backgrounds)

    if worst(color) >= minimum:
        return color
    darker = sum(luminance(b) for b in backgrounds) / len(backgrounds) > 0.18  # light backgrounds: go darker
    hue, saturation, lightness, _alpha = color.getHslF()
    hue = max(hue, 0.0)  # a grey's hue is -1
    steps = 50
    for step in range(1, steps + 1):
        target = lightness * (1 - step / steps) if darker else lightness + (1 - lightness) * step / steps
        candidate = _opaque(QColor.fromHslF(hue, saturation, target))
        if worst(candidate) >= minimum:
            return candidate
    return max((QColor(0, 0, 0), QColor(255, 255, 255)), key=worst)


def _palette_key(palette: QPalette) -> tuple[int, ...]:
    roles = (QPalette.ColorRole.Text, *_BACKGROUNDS)
    return tuple(palette.color(role).rgba() for role in roles)


@lru_cache(maxsize=256)
def _tone(name: str, key: tuple[int, ...]) -> QColor:
    text, *backgrounds = (QColor.fromRgba(value) for value in key)
    if name == "neutral":
        start = text
    elif name == "muted":  # half-way to the background, as a placeholder is, then as far back as readable
        start = mix(backgrounds[0], text, 0.55)
    else:
        start = QColor(HUES[name])
    return readable(start, tuple(backgrounds))


# Table cells ask for their colours (text and tint) each time they are painted: remember each answer by the
# palette's cache key (reading the palette's colours costs more than the rest).
_COLORS: dict[tuple, QColor] = {}


def _remembered(memo: tuple, make: Callable[[], QColor]) -> QColor:
    found = _COLORS.get(memo)
    if found is None:
        if len(_COLORS) > 1024:
            _COLORS.clear()
        found = _COLORS[memo] = make()
    return QColor(found)


def status_color(tone: Tone | str, palette: QPalette | None = None, on: QColor | None = None) -> QColor:
    """The colour for text or marks of a status (or a hue of HUES) that reads on the palette's Base, AlternateBase
    and Window, and on `on` too if given (a tinted cell)."""
    palette = palette if palette is not None else QApplication.palette()

    def make() -> QColor:
        key = _palette_key(palette)
        return _tone(tone, (*key, on.rgba()) if on is not None else key)

    return _remembered(("color", tone, palette.cacheKey(), on.rgba() if on is not None else None), make)


def series_color(index: int, palette: QPalette | None = None) -> QColor:
    """The colour of a chart's `index`-th series (bars, lines, legend swatches)."""
    return status_color(SERIES[index % len(SERIES)], palette)


@lru_cache(maxsize=256)
def _tint(name: str, key: tuple[int, ...], strength: float) -> QColor:
    text, base = QColor.fromRgba(key[0]), QColor.fromRgba(key[1])
    hue = QColor(HUES[name])
    amount = strength
    while amount > 0.02:  # a lighter touch of the hue until the text on it reads
        fill = mix(base, hue, amount)
        if contrast(text, fill) >= MIN_CONTRAST:
            return fill
        amount *= 0.8
    return base


def status_fill(tone: Tone | str, palette: QPalette | None = None, strength: float = TINT) -> QColor:
    """A background tinted with a status's (or a hue's) colour, on which the palette's Text still reads at 4.5:1:
    a light tint in a light theme, a dark one in a dark theme."""
    palette = palette if palette is not None else QApplication.palette()
    return _remembered(("fill", tone, palette.cacheKey(), strength),
                       lambda: _tint(tone, _palette_key(palette), strength))


def text_color(palette: QPalette | None = None) -> QColor:
    """The palette's own text colour: for text and lines drawn on a status_fill."""
    return (palette if palette is not None else QApplication.palette()).color(QPalette.ColorRole.Text)


def status_style(tone: Tone | str, *, bold: bool = False) -> str:
    """A style sheet that colours a label's text for a status (in bold to say it without colour too)."""
    return f"color: {status_color(tone).name()};" + (" font-weight: 600;" if bold else "")


def fill_style(tone: Tone | str, selector: str, extra: str = "", strength: float = TINT) -> str:
    """A style sheet for a banner: a tinted background with the palette's text on it (`extra`: more of the rule,
    such as padding)."""
    rule = f"background: {status_fill(tone, strength=strength).name()}; color: {text_color().name()}; {extra}"
    return f"{selector} {{ {rule.strip()} }}"
