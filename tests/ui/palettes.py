"""The palettes the colour tests and screenshots use: Fusion's light one, a dark one as dark-theme users set it,
and two high-contrast ones (white on black with yellow selection, as Windows' "High Contrast Black", and black on
white)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

Role = QPalette.ColorRole


def make_palette(window: str, base: str, alternate: str, text: str, highlight: str, highlighted_text: str,
                 placeholder: str, link: str, button: str | None = None) -> QPalette:
    palette = QPalette()
    for role, color in ((Role.Window, window), (Role.Base, base), (Role.AlternateBase, alternate),
                        (Role.Link, link), (Role.LinkVisited, link),
                        (Role.Text, text), (Role.WindowText, text), (Role.ButtonText, text),
                        (Role.Button, button or window), (Role.ToolTipBase, base), (Role.ToolTipText, text),
                        (Role.Highlight, highlight), (Role.HighlightedText, highlighted_text),
                        (Role.PlaceholderText, placeholder), (Role.BrightText, text)):
        palette.setColor(role, QColor(color))
    return palette


def light() -> QPalette:
    from PySide6.QtWidgets import QApplication, QStyleFactory

    style = QStyleFactory.create("Fusion") or QApplication.style()
    return style.standardPalette()


def dark() -> QPalette:
    return make_palette("#353535", "#2a2a2a", "#323232", "#eeeeee", "#2a82da", "#ffffff", "#8c8c8c", "#7cb8ff",
                        button="#404040")


def high_contrast_black() -> QPalette:
    return make_palette("#000000", "#000000", "#0a0a0a", "#ffffff", "#ffff00", "#000000", "#c0c0c0", "#00ffff")


def high_contrast_white() -> QPalette:
    return make_palette("#ffffff", "#ffffff", "#f2f2f2", "#000000", "#37006e", "#ffffff", "#404040", "#00009f")


PALETTES = {"light": light, "dark": dark, "high-contrast-black": high_contrast_black,
            "high-contrast-white": high_contrast_white}
