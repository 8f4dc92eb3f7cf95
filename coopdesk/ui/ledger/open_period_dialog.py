"""Open a pay period: its first and last day, proposed right after the latest one, checked against the others
as they are chosen (periods never overlap)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.domain.ledger import Period, period_problems
from coopdesk.i18n import _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import PeriodSummary, create_period
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import error_label, show_message
from coopdesk.ui.members.dialog import date_edit
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import sentence

DEFAULT_DAYS = 14  # biweekly, as most councils pay


def proposed_dates(periods: Sequence[PeriodSummary], today: date) -> tuple[date, date]:
    """The day after the latest period, for as many days as it lasted; else two weeks from this Monday."""
    if periods:
        latest = max(periods, key=lambda period: period.ends_on)
        start = latest.ends_on + timedelta(days=1)
        return start, start + timedelta(days=latest.days - 1)
    start = today - timedelta(days=today.weekday())
    return start, start + timedelta(days=DEFAULT_DAYS - 1)


class OpenPeriodDialog(QDialog):
    def __init__(self, db: Database, periods: Sequence[PeriodSummary], parent: QWidget | None = None,
                 on_saved: Callable[[PeriodSummary], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.others = [Period(period.starts_on, period.ends_on) for period in periods]
        self.on_saved = on_saved
        start, end = proposed_dates(periods, date.today())
        self.starts_on = date_edit(start)
        self.ends_on = date_edit(end)
        self.start_label, self.end_label = QLabel(), QLabel()
        self.start_label.setBuddy(self.starts_on)
        self.end_label.setBuddy(self.ends_on)
        self.length = QLabel()
        self.length.setStyleSheet(status_style("muted"))
        self.problem = error_label()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.start_label, self.starts_on)
        form.addRow(self.end_label, self.ends_on)
        form.addRow("", self.length)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.starts_on.dateChanged.connect(self.validate)
        self.ends_on.dateChanged.connect(self.validate)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Open a pay period"))
        self.intro.setText(_("Hours and advances are entered while the period is open; closing it posts the "
                             "payroll and locks it."))
        self.start_label.setText(_("&First day:"))
        self.end_label.setText(_("&Last day:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Open the period"))
        self.validate()

    def period(self) -> Period:
        return Period(self.starts_on.date().toPython(), self.ends_on.date().toPython())

    def validate(self) -> bool:
        period = self.period()
        problems = period_problems(period, self.others)
        self.length.setText(ngettext("%(count)d day", "%(count)d days", period.days) % {"count": period.days}
                            if period.days > 0 else "")
        show_message(self.problem, "\n".join(sentence(problem.translated()) for problem in problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def save(self) -> None:
        if not self.validate():
            return
        period, db = self.period(), self.db
        self.buttons.setEnabled(False)
        run_op(self, lambda: create_period(db, starts_on=period.starts_on, ends_on=period.ends_on),
               on_success=self._saved, on_failure=self._failed)

    def _saved(self, summary: PeriodSummary) -> None:
        self.buttons.setEnabled(True)
        if self.on_saved is not None:
            self.on_saved(summary)
        self.accept()

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False
