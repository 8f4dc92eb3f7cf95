"""Every control a person can reach has a name a screen reader can say, and the keyboard reaches every section.

The walk opens each section by its shortcut, each tab of each section, and the dialogs the main window opens,
and asks Qt's accessibility layer (what a screen reader gets) for each control's name.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from coopdesk.ui.main_window import MainWindow
from tests.ui.conftest import GUI

pytestmark = GUI
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit,
            QAbstractSlider)


def _qt_part(control: QWidget) -> bool:
    """Parts Qt names through their owner: scroll bars, headers, a spin box's or combo box's editor, a
    calendar's buttons, the corner button of a table."""
    if isinstance(control, QScrollBar | QHeaderView) or control.objectName().startswith("qt_"):
        return True
    parent = control.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QCalendarWidget):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(top: QWidget) -> list[str]:
    found = []
    for control in top.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(top) or _qt_part(control):
            continue
        interface = QAccessible.queryAccessibleInterface(control)
        if not (interface and interface.text(QAccessible.Text.Name).strip()):
            owner = control.parentWidget()
            found.append(f"{type(control).__name__} in {type(owner).__name__ if owner else '-'} of "
                         f"{type(top).__name__}")
    return found


@pytest.fixture
def window(qtbot, wait_ops, db):  # type: ignore[no-untyped-def]
    from coopdesk.services.demo import create_demo

    create_demo(db, members=12, years=1)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def walk_sections(qtbot, wait_ops, window: MainWindow) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    for row in range(window.nav.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentRow() == row
        wait_ops()
        page = window.pages.currentWidget()
        problems += unnamed_controls(window)
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                wait_ops()
                problems += [f"{p} (tab {tabs.tabText(index)!r})" for p in unnamed_controls(tabs.widget(index))]
    return problems


def test_every_control_of_every_section_and_tab_has_a_name(qtbot, wait_ops, window) -> None:  # type: ignore[no-untyped-def]
    problems = walk_sections(qtbot, wait_ops, window)
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_control_of_the_dialogs_has_a_name(qtbot, wait_ops, window) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.ui.first_run import FirstRunDialog
    from coopdesk.ui.login import LoginDialog
    from coopdesk.ui.users_dialog import UsersDialog

    window.show_members_report()
    window.members_page.add_member()
    window.show_about()
    window.show_help()
    window.backups.actions["verify"].trigger()
    wait_ops()
    dialogs = [UsersDialog(window.db, window), FirstRunDialog(window), LoginDialog(window.db, window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    wait_ops()
    problems, opened = [], []
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            opened.append(type(top).__name__)
            problems += unnamed_controls(top)
    assert {"ReportPreview", "MemberDialog", "QMessageBox", "VerifyDialog", "UsersDialog", "FirstRunDialog",
            "LoginDialog"} <= set(opened)
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            top.close()
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_keyboard_reaches_the_sections_the_search_and_the_help(qtbot, wait_ops, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Home, Members, Meetings, Rotation
    assert window.pages.currentWidget() is window.rotation_page
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    window.members_page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.members_page.search
    window.actions_by_key["help"].trigger()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "Ctrl+F" in boxes[0].informativeText() and "Ctrl+1" in boxes[0].informativeText()
    assert window.actions_by_key["help"].shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_ctrl_p_prints_in_the_report_preview(qtbot, wait_ops, window) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.ui.report_preview import ReportPreview

    preview = ReportPreview(window.db, window)
    qtbot.addWidget(preview)
    wait_ops()
    keys = [shortcut.key() for shortcut in preview.findChildren(QShortcut)]
    assert QKeySequence(QKeySequence.StandardKey.Print) in keys
