"""Headings follow the system font: no point size is fixed in a style sheet."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from coopdesk.ui.main_window import MainWindow
from tests.ui.conftest import GUI

pytestmark = GUI
UI = Path(__file__).resolve().parents[2] / "coopdesk" / "ui"


def test_no_style_sheet_fixes_a_font_size() -> None:
    fixed = [f"{path.relative_to(UI)}:{number}" for path in UI.rglob("*.py")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"font-size:\s*\d+(pt|px)", line)]
    assert not fixed


def test_a_larger_system_font_enlarges_the_section_titles(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    normal = app.font()
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.nav.setCurrentRow(2)
    small = window.rotation_page.title.font().pointSizeF()
    larger = type(normal)(normal)
    larger.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(larger)
    try:
        bigger = MainWindow(db)
        qtbot.addWidget(bigger)
        bigger.nav.setCurrentRow(2)
        assert bigger.rotation_page.title.font().pointSizeF() >= small * 1.45
        assert bigger.rotation_page.title.font().pointSizeF() > larger.pointSizeF()
    finally:
        app.setFont(normal)
