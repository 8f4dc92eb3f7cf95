"""Reopen a closed pay period: only as a passed motion decided, and with the reason (both are recorded)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import PeriodSummary, reopen_period
from coopdesk.ui.ledger.common import TITLE_STYLE, date_range, error_label, show_message
from coopdesk.ui.ledger.fields import MotionField
from coopdesk.ui.ops import run_op

REASON_MAX = 1000


class ReopenDialog(QDialog):
    def __init__(self, db: Database, period: PeriodSummary, parent: QWidget | None = None,
                 on_reopened: Callable[[PeriodSummary], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.period = period
        self.on_reopened = on_reopened
        self.title = QLabel()
        self.title.setStyleSheet(TITLE_STYLE)
        self.title.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.motion = MotionField(db)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        self.motion_label, self.reason_label = QLabel(), QLabel()
        self.motion_label.setBuddy(self.motion.edit)
        self.reason_label.setBuddy(self.reason)
        self.problem = error_label()
        form = QFormLayout()
        form.addRow(self.motion_label, self.motion)
        form.addRow(self.reason_label, self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.motion.changed.connect(self.validate)
        self.reason.textChanged.connect(self.validate)
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

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def validate(self) -> bool:
        problems = []
        if not self.reason_text():
            problems.append(_("A reason is required."))
        elif len(self.reason_text()) > REASON_MAX:
            problems.append(_("The reason is longer than %(max)d characters.") % {"max": REASON_MAX})
        ok = self.motion.is_acceptable() and not problems
        show_message(self.problem, "\n".join(problems) if self.reason.document().isModified() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def save(self) -> None:
        if not self.validate():
            return
        db, period_id = self.db, self.period.id
        motion_id, reason = self.motion.motion_id() or 0, self.reason_text()
        self.buttons.setEnabled(False)
        run_op(self, lambda: reopen_period(db, period_id=period_id, motion_id=motion_id, reason=reason),
               on_success=self._reopened, on_failure=self._failed)

    def _reopened(self, summary: PeriodSummary) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_reopened is not None:
            self.on_reopened(summary)

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False
