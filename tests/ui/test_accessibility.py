"""Every control a person can reach has a name a screen reader can say, and the keyboard reaches every section.

The walk opens each section by its shortcut and each tab of each section, then every dialog class of the GUI
(found by the test, wizards' pages and stacked pages included) on a copy of the demo council, and asks Qt's
accessibility layer (what a screen reader gets) for each control's name.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    QDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollBar,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

from coopdesk.ui.main_window import MainWindow
from tests.ui.conftest import GUI, alt_keys, demo_window

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


def alt_clashes(top: QWidget) -> list[str]:
    """Alt+letter keys that two things shown in `top` answer to: Qt then presses neither."""
    texts: dict[str, list[str]] = {}
    for letter, text in alt_keys(top):
        texts.setdefault(letter, []).append(text)
    return [f"Alt+{letter.upper()}: {' / '.join(same)} in {type(top).__name__}" for letter, same in texts.items()
            if len(same) > 1]


@pytest.fixture
def window(qtbot, demo_file: Path, db_path: Path):  # type: ignore[no-untyped-def]
    yield from demo_window(qtbot, demo_file, db_path)


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


def test_every_control_of_the_main_window_s_dialogs_has_a_name(qtbot, wait_ops, window) -> None:  # type: ignore[no-untyped-def]
    """The dialogs as the window opens them (its menus and buttons), and the message boxes."""
    window.show_members_report()
    window.members_page.add_member()
    window.show_about()
    window.show_help()
    window.backups.actions["verify"].trigger()
    wait_ops()
    problems, opened = [], []
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            opened.append(type(top).__name__)
            problems += unnamed_controls(top)
    assert {"ReportPreview", "MemberDialog", "QMessageBox", "VerifyDialog"} <= set(opened)
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            top.close()
    assert not problems, "\n".join(sorted(set(problems)))


# ---- every dialog class of the GUI, opened on the demo council

def dialog_classes() -> set[type[QDialog]]:
    """Every QDialog subclass defined in coopdesk.ui (its modules imported first), wizards included."""
    import coopdesk.ui

    for module in pkgutil.walk_packages(coopdesk.ui.__path__, "coopdesk.ui."):
        importlib.import_module(module.name)
    found: set[type[QDialog]] = set()
    waiting: list[type[QDialog]] = [QDialog]
    while waiting:
        for sub in waiting.pop().__subclasses__():
            waiting.append(sub)
            if sub.__module__.startswith("coopdesk.ui.") and "<locals>" not in sub.__qualname__:
                found.add(sub)
    return found


def class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


class Demo:
    """What the dialogs are opened with, read from the demo council."""

    def __init__(self, window: MainWindow) -> None:
        from coopdesk.services import ledger, meetings, rotation
        from coopdesk.services.members import all_members
        from coopdesk.services.rotation.views import roster_grid
        from coopdesk.ui.meetings.convocation import active_people

        db = self.db = window.db
        self.window = window
        self.people = active_people(db)
        self.members = all_members(db)
        self.periods = ledger.list_periods(db)
        self.funds = ledger.list_funds(db)
        details = [meetings.meeting_detail(db, m.id) for m in meetings.list_meetings(db)]
        self.meeting = next(d for d in details if any(item.motions for item in d.items))
        self.item = next(item for item in self.meeting.items if item.motions)
        decided = [(d, item) for d in details for item in d.items if item.decisions]
        self.decided_meeting, self.decided_item = decided[0]
        self.plan = rotation.list_plans(db)[0]
        grid = roster_grid(db, start=self.plan.starts_on, weeks=2)
        self.week, self.posts = grid.weeks[0], grid.posts

    def entry(self):  # type: ignore[no-untyped-def]
        from coopdesk.services import ledger

        return ledger.entries_by_ids(self.db, ids=ledger.entry_ids(self.db)[:1])[0]


def _factories() -> dict[str, Callable[[Demo], QDialog]]:
    from coopdesk.services import ledger
    from coopdesk.services.members import get_member
    from coopdesk.services.verify import verify_database
    from coopdesk.ui.backups.backups_dialog import Mode

    def factory(cls_path: str, make: Callable[[Any, Demo], QDialog]) -> tuple[str, Callable[[Demo], QDialog]]:
        module, name = cls_path.rsplit(".", 1)
        return cls_path, lambda demo: make(getattr(importlib.import_module(module), name), demo)

    def closed(demo: Demo):  # type: ignore[no-untyped-def]
        return next(p for p in demo.periods if p.closed_at is not None)

    def open_period(demo: Demo):  # type: ignore[no-untyped-def]
        return next(p for p in demo.periods if p.closed_at is None)

    ui = "coopdesk.ui."
    return dict((
        factory(ui + "backups.verify_dialog.VerifyDialog", lambda c, d: c(verify_database(d.db, full=False), d.window)),
        factory(ui + "backups.backups_dialog.BackupsDialog", lambda c, d: c(d.db, Mode.RESTORE, d.window)),
        factory(ui + "backups.document_dialog.VerifyDocumentDialog", lambda c, d: c(d.db, d.window)),
        factory(ui + "first_run.FirstRunDialog", lambda c, d: c(d.window)),
        factory(ui + "login.LoginDialog", lambda c, d: c(d.db, d.window)),
        factory(ui + "users_dialog.UsersDialog", lambda c, d: c(d.db, d.window)),
        factory(ui + "users_dialog.UserForm", lambda c, d: c(d.db, d.window)),
        factory(ui + "council_dialog.CouncilDialog", lambda c, d: c(d.db, d.window)),
        factory(ui + "report_preview.ReportPreview", lambda c, d: c(d.db, d.window)),
        factory(ui + "members.dialog.MemberDialog", lambda c, d: c(d.db, get_member(d.db, d.members[0].id), d.window)),
        factory(ui + "members.skills_dialog.SkillsDialog", lambda c, d: c(d.db, d.members[0].code, parent=d.window)),
        factory(ui + "members.import_wizard.ImportWizard", lambda c, d: c(d.db, d.window)),
        factory(ui + "meetings.convocation.NewMeetingDialog", lambda c, d: c(d.db, d.window)),
        factory(ui + "meetings.lifecycle.SessionTimeDialog", lambda c, d: c(d.meeting, closing=True, parent=d.window)),
        factory(ui + "meetings.lifecycle.ApproveDialog", lambda c, d: c(d.db, d.meeting, d.window)),
        factory(ui + "meetings.lifecycle.ErratumDialog", lambda c, d: c(d.db, d.meeting, d.window)),
        factory(ui + "meetings.agenda.ItemDialog", lambda c, d: c(d.db, d.meeting.id, d.item, d.people, d.window)),
        factory(ui + "meetings.motion_dialog.MotionDialog",
                lambda c, d: c(d.db, d.item.id, d.item.motions[0], d.window)),
        factory(ui + "meetings.election_dialog.ElectionDialog",
                lambda c, d: c(d.db, d.item.id, None, d.people, d.window)),
        factory(ui + "meetings.decision_dialogs.DecisionDialog",
                lambda c, d: c(d.db, d.decided_meeting, d.decided_item.id, d.decided_item.decisions[0], d.window)),
        factory(ui + "meetings.decision_dialogs.ActionDialog",
                lambda c, d: c(d.db, d.decided_item.decisions[0].id, None, d.people, d.window)),
        factory(ui + "ledger.surplus_wizard.SurplusWizard",
                lambda c, d: c(d.db, [d.periods[0].ends_on.year], d.window)),
        factory(ui + "ledger.rate_dialog.RateDialog", lambda c, d: c(d.db, d.window)),
        factory(ui + "ledger.fund_dialog.FundDialog", lambda c, d: c(d.db, d.funds[0], d.window)),
        factory(ui + "ledger.deposit_dialog.DepositDialog", lambda c, d: c(d.db, d.funds, d.window)),
        factory(ui + "ledger.payout_dialog.PayoutDialog", lambda c, d: c(d.db, d.funds, d.members, d.window)),
        factory(ui + "ledger.open_period_dialog.OpenPeriodDialog", lambda c, d: c(d.db, d.periods, d.window)),
        factory(ui + "ledger.close_period_dialog.ClosePeriodDialog",
                lambda c, d: c(d.db, ledger.payroll(d.db, period_id=open_period(d).id), d.window)),
        factory(ui + "ledger.reopen_dialog.ReopenDialog", lambda c, d: c(d.db, closed(d), d.window)),
        factory(ui + "ledger.advance_dialog.AdvanceDialog", lambda c, d: c(d.db, open_period(d), d.members, d.window)),
        factory(ui + "ledger.reversal_dialog.ReversalDialog", lambda c, d: c(d.db, d.entry(), d.window)),
        factory(ui + "rotation.post_dialog.PostDialog", lambda c, d: c(d.db, None, ["cocina"], d.window)),
        factory(ui + "rotation.plan_wizard.PlanWizard", lambda c, d: c(d.db, d.window)),
        factory(ui + "rotation.decision.PublishWithMotionDialog", lambda c, d: c(d.db, d.plan, parent=d.window)),
        factory(ui + "rotation.task_dialog.TaskDialog", lambda c, d: c(d.db, d.week, d.posts[0], parent=d.window)),
        factory(ui + "rotation.swap_dialog.SwapDialog", lambda c, d: c(d.db, d.week, d.posts, parent=d.window)),
        factory(ui + "rotation.release_dialog.ReleaseDialog", lambda c, d: c(d.db, d.week, d.posts, parent=d.window)),
        factory(ui + "rotation.leave_dialog.LeaveDialog",
                lambda c, d: c(d.db, member_id=d.members[0].id, member_label=d.members[0].full_name, parent=d.window)),
        factory(ui + "needs.form.FormDialog", lambda _c, d: _need_form(d)),
        factory(ui + "learning.wave_dialog.WaveDialog", lambda c, d: c(d.db, parent=d.window)),
        factory(ui + "learning.areas_dialog.AreasDialog", lambda c, d: c(d.db, d.window)),
    ))


def _need_form(demo: Demo) -> QDialog:
    from coopdesk.ui.needs.commitments_tab import commitment_form
    from coopdesk.ui.needs.needs_tab import need_form

    commitment_form(demo.window, demo.db, None).show()  # one more form, beside the need's
    return need_form(demo.window, demo.db, None)


# Bases no dialog is made of directly; each is opened through its subclasses.
BASES = {"coopdesk.ui.meetings.fields.RecordDialog", "coopdesk.ui.ledger.op_dialog.OpDialog",
         "coopdesk.ui.ledger.op_dialog.ReasonDialog", "coopdesk.ui.rotation.swap_dialog.WeekChangeDialog"}


def test_the_dialog_walk_opens_every_dialog_class() -> None:
    """A new dialog cannot be left out of the walk below: it must be given a way to open it here."""
    classes = dialog_classes()
    names = {class_name(cls) for cls in classes}
    factories = _factories()
    assert names - BASES - set(factories) == set(), "dialogs the walk does not open"
    assert set(factories) <= names, "the walk names a dialog that no longer exists"
    for cls in classes:
        if class_name(cls) in BASES:
            assert any(class_name(sub) in factories for sub in classes if issubclass(sub, cls) and sub is not cls)


def pages_of(top: QWidget) -> list[QWidget]:
    """The dialog and each page it may show in turn: a wizard's pages, a tab's or a stack's widgets."""
    pages = [top]
    if isinstance(top, QWizard):
        pages += [top.page(page_id) for page_id in top.pageIds()]
    for stack in top.findChildren(QStackedWidget):
        pages += [stack.widget(index) for index in range(stack.count())]
    return pages


def test_every_control_of_every_dialog_has_a_name(qtbot, wait_ops, window) -> None:  # type: ignore[no-untyped-def]
    demo = Demo(window)
    problems, opened = [], []
    for name, make in sorted(_factories().items()):
        dialog = make(demo)
        qtbot.addWidget(dialog)
        dialog.show()
        wait_ops()
        for top in QApplication.topLevelWidgets():  # the dialog, and any other it opened (a second form)
            if top.isVisible() and top is not window:
                opened.append(class_name(type(top)))
                for page in pages_of(top):
                    problems += [f"{p} (in {name})" for p in unnamed_controls(page)]
                top.close()
        wait_ops()
    assert set(_factories()) <= set(opened)
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


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_two_things_on_screen_share_an_alt_key(qtbot, wait_ops, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Each section and tab of the window, and every dialog, in Spanish and in English."""
    window.switch_language(lang)
    problems = []
    for row in range(window.nav.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        wait_ops()
        problems += alt_clashes(window)
        for tabs in window.pages.currentWidget().findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                wait_ops()
                problems += [f"{p} (tab {tabs.tabText(index)!r})" for p in alt_clashes(window)]
    demo = Demo(window)
    for name, make in sorted(_factories().items()):
        dialog = make(demo)
        qtbot.addWidget(dialog)
        dialog.show()
        wait_ops()
        for top in QApplication.topLevelWidgets():
            if top.isVisible() and top is not window:
                problems += [f"{p} ({name})" for p in alt_clashes(top)]
                top.close()
        wait_ops()
    assert not problems, "\n".join(sorted(set(problems)))
