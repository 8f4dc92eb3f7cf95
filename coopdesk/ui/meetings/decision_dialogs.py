"""Add or edit a decision (acuerdo), optionally taken by one of the meeting's motions, and a follow-up action
(what, who is responsible, by when)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import ActionDetail, DecisionDetail, MeetingDetail, Person
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import MemberPicker
from coopdesk.ui.meetings.fields import ProblemForm, date_field
from coopdesk.ui.ops import run_op


def _dialog_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.save)  # type: ignore[attr-defined]
    buttons.rejected.connect(dialog.reject)
    return buttons


class DecisionDialog(QDialog):
    def __init__(self, db: Database, detail: MeetingDetail, item_id: int, decision: DecisionDetail | None,
                 parent: QWidget | None = None, on_saved: Callable[[DecisionDetail], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.item_id, self.decision, self.on_saved = db, item_id, decision, on_saved
        self.text = QPlainTextEdit(decision.text if decision else "")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumSize(460, 100)
        self.motion = QComboBox()
        self.motion.addItem("", 0)  # no motion (never None: see common.NOBODY)
        for motion in detail.motions:
            self.motion.addItem(f"{motion.number} {motion.text}", motion.id)
        if decision and decision.motion_id is not None:
            self.motion.setCurrentIndex(max(0, self.motion.findData(decision.motion_id)))
        self.motion.setMaximumWidth(560)
        self.form = ProblemForm()
        self.form.add("text", self.text)
        self.form.add("motion", self.motion)
        self.buttons = _dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit decision") if self.decision else _("New decision"))
        self.form.set_texts({"text": _("&Decision:"), "motion": _("Taken by &motion:")})
        self.motion.setItemText(0, _("(none: agreed without a vote)"))
        self.text.setPlaceholderText(_("e.g. Repair the roof of the main warehouse before the rains"))

    def save(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.form.show_problems({"text": _("The decision's text is required.")})
            return
        from coopdesk.services.meetings import add_decision, update_decision

        db, motion_id = self.db, self.motion.currentData() or None
        if self.decision is None:
            item_id = self.item_id

            def work() -> DecisionDetail:
                return add_decision(db, item_id=item_id, text=text, motion_id=motion_id)
        else:
            decision_id = self.decision.id

            def work() -> DecisionDetail:
                return update_decision(db, decision_id=decision_id, text=text, motion_id=motion_id)
        self.buttons.setEnabled(False)
        run_op(self, work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, decision: DecisionDetail) -> None:
        self.accept()
        if self.on_saved is not None:
            self.on_saved(decision)

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return self.form.show_error(error)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, detail: MeetingDetail, item_id: int,
            decision: DecisionDetail | None, on_saved: Callable[[DecisionDetail], None]) -> DecisionDialog:
        dialog = cls(db, detail, item_id, decision, parent, on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


class ActionDialog(QDialog):
    def __init__(self, db: Database, decision_id: int, action: ActionDetail | None, people: Sequence[Person],
                 parent: QWidget | None = None, on_saved: Callable[[ActionDetail], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.decision_id, self.action, self.on_saved = db, decision_id, action, on_saved
        self.description = QLineEdit(action.description if action else "")
        self.description.setMinimumWidth(420)
        self.responsible = MemberPicker()
        offered = list(people)
        if action and action.responsible and action.responsible not in offered:
            offered.insert(0, action.responsible)
        self.responsible.set_people(offered, keep=action.responsible.id if action and action.responsible else None)
        if not (action and action.responsible):
            self.responsible.set_member_id(None)
        self.has_due = QCheckBox()
        self.due_on = date_field(action.due_on if action and action.due_on else date.today() + timedelta(days=30))
        self.has_due.setChecked(bool(action and action.due_on) or action is None)
        self.due_on.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due_on.setEnabled)
        due = QWidget()
        row = QHBoxLayout(due)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_due)
        row.addWidget(self.due_on, 1)
        self.form = ProblemForm()
        self.form.add("description", self.description)
        self.form.add("responsible", self.responsible)
        self.form.add("due_on", due)
        self.buttons = _dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit follow-up action") if self.action else _("New follow-up action"))
        self.form.set_texts({"description": _("&What:"), "responsible": _("&Responsible:"), "due_on": _("&Due:")})
        self.has_due.setText(_("by"))
        self.description.setPlaceholderText(_("e.g. Ask three suppliers for quotes"))
        self.responsible.lineEdit().setPlaceholderText(_("Type a name or a code"))

    def save(self) -> None:
        problems = {}
        if not self.description.text().strip():
            problems["description"] = _("Say what is to be done.")
        if (problem := self.responsible.problem()) is not None:
            problems["responsible"] = problem
        self.form.show_problems(problems)
        if problems:
            return
        from coopdesk.services.meetings import add_action, update_action

        db, description = self.db, self.description.text().strip()
        responsible = self.responsible.member_id()
        due_on = self.due_on.date().toPython() if self.has_due.isChecked() else None
        if self.action is None:
            decision_id = self.decision_id

            def work() -> ActionDetail:
                return add_action(db, decision_id=decision_id, description=description, responsible_id=responsible,
                                  due_on=due_on)
        else:
            action = self.action

            def work() -> ActionDetail:
                return update_action(db, action_id=action.id, version=action.version, description=description,
                                     responsible_id=responsible, due_on=due_on)
        self.buttons.setEnabled(False)
        run_op(self, work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, action: ActionDetail) -> None:
        self.accept()
        if self.on_saved is not None:
            self.on_saved(action)

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return self.form.show_error(error)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, decision_id: int, action: ActionDetail | None,
            people: Sequence[Person], on_saved: Callable[[ActionDetail], None]) -> ActionDialog:
        dialog = cls(db, decision_id, action, people, parent, on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
