"""Close a pay period: the confirmation names what will be posted (workers, hours, rate, gross, each fund,
advances, net) and says that the period is then locked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.i18n import _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import CloseResult, Payroll, close_period
from coopdesk.ui.ledger.common import RIGHT, date_range, error_label, hours, money, show_message, title_font
from coopdesk.ui.ops import run_op


class ClosePeriodDialog(QDialog):
    def __init__(self, db: Database, payroll: Payroll, parent: QWidget | None = None,
                 on_closed: Callable[[CloseResult], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.payroll = payroll
        self.on_closed = on_closed
        self.question = QLabel()
        title_font(self.question)
        self.question.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setLabelAlignment(RIGHT)
        self.figures: list[tuple[QLabel, QLabel]] = []
        for _row in range(6 + len(payroll.funds)):
            label, value = QLabel(), QLabel()
            value.setStyleSheet("font-weight: 600;")
            self.form.addRow(label, value)
            self.figures.append((label, value))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.problems = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.close_it)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(self.form)
        layout.addWidget(self.warning)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        payroll, totals = self.payroll, self.payroll.totals
        period = payroll.period
        self.setWindowTitle(_("Close pay period"))
        self.question.setText(_("Close pay period %(id)s, %(dates)s?") % {
            "id": period.id, "dates": date_range(period.starts_on, period.ends_on)})
        rows = [
            (_("Workers paid:"), str(len(payroll.lines))),
            (_("Hours worked:"), hours(totals.hours_hundredths, grouping=True)),
            (_("Equal hourly rate:"), money(payroll.rate.rate_cents) if payroll.rate else "—"),
            (_("Gross pay:"), money(totals.gross_cents)),
            *[(_("Contribution to %(fund)s:") % {"fund": fund.name}, money(cents))
              for fund, cents in zip(payroll.funds, totals.contributions, strict=True)],
            (_("Advances:"), money(totals.advances_cents)),
            (_("Net pay:"), money(totals.net_cents)),
        ]
        for (label, value), (text, figure) in zip(self.figures, rows, strict=True):
            label.setText(text)
            value.setText(figure)
        self.warning.setText(ngettext(
            "Closing posts these figures for %(count)d worker and locks the period: it can then be reopened only by "
            "a passed motion, and any later correction is a reversal.",
            "Closing posts these figures for %(count)d workers and locks the period: it can then be reopened only "
            "by a passed motion, and any later correction is a reversal.", len(payroll.lines)) % {
            "count": len(payroll.lines)})
        show_message(self.problems, "\n".join(problem.translated() for problem in payroll.problems))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Close and post"))
        ok.setEnabled(not payroll.problems)

    def close_it(self) -> None:
        if self.payroll.problems:
            return
        db, period_id = self.db, self.payroll.period.id
        self.buttons.setEnabled(False)
        run_op(self, lambda: close_period(db, period_id=period_id), on_success=self._closed,
               on_failure=self._failed, progress=_("Closing the pay period…"))

    def _closed(self, result: CloseResult) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_closed is not None:
            self.on_closed(result)

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False
