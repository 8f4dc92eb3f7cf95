"""Reopen a closed pay period: only as a passed motion decided, and with the reason (both are recorded)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QWidget

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import PeriodSummary, reopen_period
from coopdesk.ui.ledger.common import date_range
from coopdesk.ui.ledger.fields import MotionField
from coopdesk.ui.ledger.op_dialog import ReasonDialog


class ReopenDialog(ReasonDialog):
    REASON_MAX = 1000

    def __init__(self, db: Database, period: PeriodSummary, parent: QWidget | None = None,
                 on_reopened: Callable[[PeriodSummary], None] | None = None) -> None:
        super().__init__(db, parent, on_reopened)
        self.period = period
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.motion = MotionField(db)
        self.motion_label = QLabel()
        self.motion_label.setBuddy(self.motion.edit)
        form = QFormLayout()
        form.addRow(self.motion_label, self.motion)
        form.addRow(self.reason_label, self.reason)
        self.stack(self.title, self.intro, form)
        self.setMinimumWidth(560)
        self.motion.changed.connect(self.validate)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Reopen pay period"))
        self.title.setText(_("Reopen pay period %(id)s, %(dates)s") % {
            "id": self.period.id, "dates": date_range(self.period.starts_on, self.period.ends_on)})
        self.intro.setText(_("A closed period is reopened only as the assembly decided: cite the passed motion and "
                             "say why. Closing it again posts the corrected payroll; the lines that change are "
                             "reversed, never erased."))
        self.motion_label.setText(_("Passed &motion no.:"))
        self.reason_label.setText(_("&Reason:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Reopen"))
        self.motion.retranslate_ui()
        self.validate()

    def acceptable(self) -> bool:
        return self.motion.is_acceptable()

    def operation(self) -> Callable[[], PeriodSummary]:
        db, period_id = self.db, self.period.id
        motion_id, reason = self.motion.motion_id() or 0, self.reason_text()
        return lambda: reopen_period(db, period_id=period_id, motion_id=motion_id, reason=reason)
