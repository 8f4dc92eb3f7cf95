"""Status colours come from the palette: each reads at 4.5:1 (WCAG) on the background it is drawn on, in a light,
a dark and two high-contrast palettes, and no fixed colour is left in the GUI's code outside coopdesk.ui.colors."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTabWidget, QWidget

from coopdesk.ui import colors
from coopdesk.ui.colors import (
    HUES,
    MIN_CONTRAST,
    SERIES,
    Tone,
    contrast,
    series_color,
    status_color,
    status_fill,
    text_color,
)
from tests.ui.conftest import GUI, demo_window
from tests.ui.palettes import PALETTES

pytestmark = GUI
BACKGROUNDS = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window)
TONES = typing.get_args(Tone)


def test_contrast_is_wcag_s_ratio() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)  # WCAG's own example


@pytest.mark.parametrize("name", PALETTES)
def test_every_status_colour_reads_on_the_palette_s_backgrounds(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    palette = PALETTES[name]()
    for tone in (*TONES, *HUES):
        color = status_color(tone, palette)
        for role in BACKGROUNDS:
            assert contrast(color, palette.color(role)) >= MIN_CONTRAST, (tone, role.name, color.name())
    for index in range(len(SERIES)):
        assert contrast(series_color(index, palette), palette.color(QPalette.ColorRole.Base)) >= MIN_CONTRAST


@pytest.mark.parametrize("name", PALETTES)
def test_text_and_status_colours_read_on_the_tints(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    """A tinted cell or banner keeps the palette's text readable, and red drawn on it (a name on leave) too."""
    palette = PALETTES[name]()
    for hue in HUES:
        for strength in (0.1, 0.18, 0.25, 0.3):
            fill = status_fill(hue, palette, strength)
            assert contrast(text_color(palette), fill) >= MIN_CONTRAST, (hue, strength, fill.name())
            assert contrast(status_color("bad", palette, on=fill), fill) >= MIN_CONTRAST


def test_a_dark_palette_gets_lighter_colours_than_a_light_one(qapp) -> None:  # type: ignore[no-untyped-def]
    light, dark = PALETTES["light"](), PALETTES["dark"]()
    assert status_color("bad", light).lightness() < status_color("bad", dark).lightness()
    assert status_fill("amber", light).lightness() > status_fill("amber", dark).lightness()


# What a fixed colour looks like in code: "#c62828" or "#FFF", QColor(255, 0, 0), rgb(…), Qt.red, QColor("red").
FIXED = re.compile(r"""["'][^"'\n]*#[0-9a-fA-F]{3,8}\b|QColor\(\s*\d|QColor\(\s*["']|\brgba?\(|Qt\.(GlobalColor\.)?"""
                   r"""(red|green|blue|yellow|black|white|gray|grey|cyan|magenta|dark\w+|light\w+)\b""")


def test_no_fixed_colour_outside_the_helper() -> None:
    ui = Path(colors.__file__).parent
    found = [f"{path.relative_to(ui)}:{number}: {line.strip()}"
             for path in sorted(ui.rglob("*.py")) if path.name != "colors.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FIXED.search(line)]
    assert not found, "\n".join(found)
    assert FIXED.search('ERROR = "color: #c62828;"') and FIXED.search("QColor(255, 244, 204)")


# ---- the window itself, in a dark and a high-contrast palette

COLOR_IN_SHEET = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")
BACKGROUND_IN_SHEET = re.compile(r"background:\s*(#[0-9a-fA-F]{6})")


def _label_problems(top: QWidget) -> list[str]:
    """Labels coloured by a style sheet or by rich text, against what is behind them."""
    problems = []
    for label in top.findChildren(QLabel):
        if not label.isVisibleTo(top):
            continue
        sheet = label.styleSheet()
        behind = BACKGROUND_IN_SHEET.search(sheet)
        background = QColor(behind.group(1)) if behind else label.palette().color(QPalette.ColorRole.Window)
        for found in COLOR_IN_SHEET.finditer(sheet + " " + label.text()):
            ratio = contrast(QColor(found.group(1)), background)
            if ratio < MIN_CONTRAST:
                problems.append(f"{label.text()[:60]!r}: {found.group(1)} on {background.name()} ({ratio:.2f}:1)")
    return problems


def _cell_problems(top: QWidget) -> list[str]:
    """Cells a model colours, against their own background or the view's."""
    problems = []
    for view in top.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisibleTo(top) or model is None:
            continue
        base = view.palette().color(QPalette.ColorRole.Base)
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()  # private in a list model
        for row in range(min(model.rowCount(), 60)):
            for column in range(columns):
                index = model.index(row, column)
                foreground = index.data(Qt.ItemDataRole.ForegroundRole)
                if not isinstance(foreground, QBrush | QColor):
                    continue
                color = foreground.color() if isinstance(foreground, QBrush) else foreground
                fill = index.data(Qt.ItemDataRole.BackgroundRole)
                background = fill.color() if isinstance(fill, QBrush) else base
                if contrast(color, background) < MIN_CONTRAST:
                    problems.append(f"{type(view).__name__} {view.accessibleName()!r} ({row}, {column}) "
                                    f"{index.data()!r}: {color.name()} on {background.name()}")
    return problems


@pytest.mark.parametrize("name", ["dark", "high-contrast-black"])
def test_the_window_s_status_colours_read_in_a_dark_palette(qtbot, wait_ops, demo_file, db_path,  # type: ignore[no-untyped-def]
                                                            name: str) -> None:
    """Every section and tab of the demo council: overdue, arrears, passed and failed votes, fairness lines."""
    before = QApplication.palette()
    QApplication.setPalette(PALETTES[name]())
    try:
        windows = demo_window(qtbot, demo_file, db_path)
        window = next(windows)
        problems, coloured = [], 0
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            wait_ops()
            page = window.pages.currentWidget()
            shown = [page]
            for tabs in page.findChildren(QTabWidget):
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    wait_ops()
                    shown.append(tabs.widget(index))
            for widget in shown:
                problems += _label_problems(widget) + _cell_problems(widget)
                coloured += sum(1 for label in widget.findChildren(QLabel) if "color:" in label.styleSheet())
        assert coloured > 5  # the walk did meet coloured statuses
        assert not problems, "\n".join(sorted(set(problems)))
        next(windows, None)
    finally:
        QApplication.setPalette(before)
