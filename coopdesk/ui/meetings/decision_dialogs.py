"""Add or edit a decision (acuerdo), optionally taken by one of the meeting's motions, and a follow-up action
(what, who is responsible, by when)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from coopdesk.domain.meeting_record import ActionDetail, DecisionDetail, MeetingDetail, Person
from coopdesk.domain.meetings import MotionResult
from coopdesk.domain.needs import OWED_BY_SUGGESTIONS
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import MemberPicker
from coopdesk.ui.meetings.fields import RecordDialog, date_field
from coopdesk.ui.widgets import label_name


def passed_motion_without_decision(detail: MeetingDetail, item_id: int) -> int | None:
    """The item's latest approved motion no decision cites yet: what a new decision most likely records."""
    items = [item for item in detail.items if item.id == item_id]
    cited = {decision.motion_id for item in items for decision in item.decisions}
    passed = [motion.id for item in items for motion in item.motions
              if motion.result is MotionResult.PASSED and motion.id not in cited]
    return passed[-1] if passed else None


class DecisionDialog(RecordDialog):
    def __init__(self, db: Database, detail: MeetingDetail, item_id: int, decision: DecisionDetail | None,
                 parent: QWidget | None = None, on_saved: Callable[[DecisionDetail], None] | None = None) -> None:
        super().__init__(parent, on_saved)
        self.db, self.item_id, self.decision = db, item_id, decision
        self.text = QPlainTextEdit(decision.text if decision else "")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumSize(460, 100)
        self.motion = QComboBox()
        self.motion.addItem("", 0)  # no motion (never None: see common.NOBODY)
        for motion in detail.motions:
            self.motion.addItem(f"{motion.number} {motion.text}", motion.id)
        chosen = decision.motion_id if decision else passed_motion_without_decision(detail, item_id)
        if chosen is not None:
            self.motion.setCurrentIndex(max(0, self.motion.findData(chosen)))
        self.motion.setMaximumWidth(560)
        self.form.add("text", self.text)
        self.form.add("motion", self.motion)
        self.lay_out()
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
        self.submit(work)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, detail: MeetingDetail, item_id: int,
            decision: DecisionDetail | None, on_saved: Callable[[DecisionDetail], None]) -> DecisionDialog:
        return cls.open_new(db, detail, item_id, decision, parent, on_saved)


class ActionDialog(RecordDialog):
    def __init__(self, db: Database, decision_id: int, action: ActionDetail | None, people: Sequence[Person],
                 parent: QWidget | None = None, on_saved: Callable[[ActionDetail], None] | None = None) -> None:
        super().__init__(parent, on_saved)
        self.db, self.decision_id, self.action = db, decision_id, action
        self.description = QLineEdit(action.description if action else "")
        self.description.setMinimumWidth(420)
        self.responsible = MemberPicker()
        self.responsible.offer(people, action.responsible if action else None)
        self.owed_by = QComboBox()  # or a party outside the council: management, a ministry…
        self.owed_by.setEditable(True)
        self.owed_by.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.owed_by.addItems([""] * len(OWED_BY_SUGGESTIONS))
        self.owed_by.setEditText(action.owed_by or "" if action else "")
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
        self.form.add("description", self.description)
        self.form.add("responsible", self.responsible)
        self.form.add("owed_by", self.owed_by)
        self.form.add("due_on", due)
        self.lay_out()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit follow-up action") if self.action else _("New follow-up action"))
        self.form.set_texts({"description": _("&What:"), "responsible": _("&Responsible:"),
                             "owed_by": _("Or &owed by:"), "due_on": _("&Due:")})
        typed = self.owed_by.currentText()
        for index, party in enumerate(OWED_BY_SUGGESTIONS):
            self.owed_by.setItemText(index, _(party))
        self.owed_by.setEditText(typed)
        self.owed_by.lineEdit().setPlaceholderText(_("a party outside the council, if it is theirs to do"))
        self.has_due.setText(_("by"))
        self.due_on.setAccessibleName(label_name(_("&Due:")))
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
        owed_by = self.owed_by.currentText().strip() or None
        if self.action is None:
            decision_id = self.decision_id

            def work() -> ActionDetail:
                return add_action(db, decision_id=decision_id, description=description, responsible_id=responsible,
                                  due_on=due_on, owed_by=owed_by)
        else:
            action = self.action

            def work() -> ActionDetail:
                return update_action(db, action_id=action.id, version=action.version, description=description,
                                     responsible_id=responsible, due_on=due_on, owed_by=owed_by)
        self.submit(work)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, decision_id: int, action: ActionDetail | None,
            people: Sequence[Person], on_saved: Callable[[ActionDetail], None]) -> ActionDialog:
        return cls.open_new(db, decision_id, action, people, parent, on_saved)
