"""Plans decided by the council, in the window: publishing with the passed motion that adopted the plan (when
plans need a decision), and putting a draft to a meeting — an agenda item and its motion — from the wizard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.decisions import PutToMeeting, adoptable_motions, live_meetings, put_plan_to_meeting
from coopdesk.services.rotation.dto import PlanInfo
from coopdesk.services.rotation.planning import publish_plan
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import message_label, show_message


class PublishWithMotionDialog(QDialog):
    """Publish a plan with the passed motion that adopted it (the council's plans need a decision)."""

    def __init__(self, db: Database, plan: PlanInfo, *, parent: QWidget | None = None,
                 on_published: Callable[[PlanInfo], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan, self.on_published = db, plan, on_published
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setMinimumWidth(560)
        self.motion_label = QLabel()
        self.motion = QComboBox()
        self.motion_label.setBuddy(self.motion)
        for motion_id, text in adoptable_motions(db):
            self.motion.addItem(f"{motion_id}: {text}", motion_id)
        self.motion.setMinimumWidth(460)
        self.error = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setEnabled(self.motion.count() > 0)
        self.buttons.accepted.connect(self.publish)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.motion_label)
        row.addWidget(self.motion, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Publish the plan"))
        text = _("Plans need a decision of the council: publish plan %(id)d, %(weeks)d weeks from %(first)s, with "
                 "the passed motion that adopted it.") % {"id": self.plan.id, "weeks": self.plan.weeks,
                                                          "first": format_date(self.plan.starts_on)}
        if not self.motion.count():
            text += "\n" + _("No passed motion is waiting for a plan: put the plan to a meeting of the council "
                             "first (the plan wizard adds the item and the motion).")
        self.question.setText(text)
        self.motion_label.setText(_("Adopted by &motion:"))
        self.publish_button.setText(_("Publish"))
        lines = self.question.heightForWidth(self.question.minimumWidth())  # the wrapped question keeps its lines
        self.question.setMinimumHeight(lines)

    def publish(self) -> None:
        db, plan_id, motion_id = self.db, self.plan.id, self.motion.currentData()
        if motion_id is None:
            return
        self.publish_button.setEnabled(False)
        run_op(self, lambda: publish_plan(db, plan_id=plan_id, motion_id=motion_id), on_success=self._published,
               on_failure=self._failed)

    def _published(self, plan: PlanInfo) -> None:
        if self.on_published is not None:
            self.on_published(plan)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.publish_button.setEnabled(True)
        if isinstance(error, InvalidInput) and not hasattr(error, "problems"):
            show_message(self.error, error.translated())
            return True
        return False

    @classmethod
    def open_for(cls, parent: QWidget, db: Database, plan: PlanInfo,
                 on_published: Callable[[PlanInfo], None]) -> PublishWithMotionDialog:
        dialog = cls(db, plan, parent=parent, on_published=on_published)
        # Not deleted on close: deleting it once its publishing had been reported crashed Qt now and then (a test
        # run in three; none without the deletion). It is small, and goes with the window that opened it.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        return dialog


class PutToMeetingRow(QWidget):
    """"Put to the council: [meeting] [Add to its agenda]" under a draft plan (the wizard's last page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.plan_id: int | None = None
        self.label = QLabel()
        self.meeting = QComboBox()
        self.label.setBuddy(self.meeting)
        self.meeting.setMinimumWidth(320)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.put)
        self.notice = message_label(status_style("good"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.meeting)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Put to the council at:"))
        self.add_button.setText(_("Add the item and motion"))
        self.add_button.setToolTip(_("Adds an agenda item and a motion to adopt this plan to the chosen meeting"))

    def set_plan(self, db: Database, plan_id: int | None) -> None:
        self.db, self.plan_id = db, plan_id
        self.meeting.clear()
        for meeting_id, title in live_meetings(db):
            self.meeting.addItem(title, meeting_id)
        self.add_button.setEnabled(plan_id is not None and self.meeting.count() > 0)
        show_message(self.notice, "" if self.meeting.count() else
                     _("No meeting to put the plan to: convene a meeting of the Workers' Council first."))

    def put(self) -> None:
        db, plan_id, meeting_id = self.db, self.plan_id, self.meeting.currentData()
        if db is None or plan_id is None or meeting_id is None:
            return
        self.add_button.setEnabled(False)
        run_op(self, lambda: put_plan_to_meeting(db, plan_id=plan_id, meeting_id=meeting_id), on_success=self._put,
               on_failure=self._failed)

    def _failed(self, _error: BaseException) -> bool:
        self.add_button.setEnabled(True)
        return False  # the usual error dialog says why

    def _put(self, done: PutToMeeting) -> None:
        show_message(self.notice, _("Motion %(motion)d to adopt the plan is on the agenda of '%(meeting)s'. Once the "
                                    "council passes it, publish the plan with that motion.") % {
            "motion": done.motion_id, "meeting": self.meeting.currentText()})
