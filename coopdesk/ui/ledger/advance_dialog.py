"""Record an advance already paid to a worker during an open pay period."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from coopdesk.domain.members import Member
from coopdesk.i18n import _, parse_money
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Advance, PeriodSummary, add_advance
from coopdesk.ui.ledger.common import date_range, error_label, show_message
from coopdesk.ui.ledger.fields import FigureEdit, MemberPicker
from coopdesk.ui.members.dialog import date_edit
from coopdesk.ui.ops import run_op


class AdvanceDialog(QDialog):
    def __init__(self, db: Database, period: PeriodSummary, members: Sequence[Member], parent: QWidget | None = None,
                 on_saved: Callable[[Advance], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.period = period
        self.on_saved = on_saved
        self.member = MemberPicker()
        self.member.set_members(members)
        self.amount = FigureEdit(parse_money)
        self.paid_on = date_edit(min(max(date.today(), period.starts_on), period.ends_on))
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.period_label = QLabel(date_range(period.starts_on, period.ends_on))
        self.problem = error_label()
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.labels, (self.period_label, self.member, self.amount, self.paid_on, self.note),
                                strict=True):
            if field is not self.period_label:
                label.setBuddy(field)
            self.form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.touched = False
        self.member.textChanged.connect(self.validate)
        self.amount.textChanged.connect(self._touch)
        self.retranslate_ui()
        self.validate()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Record an advance"))
        for label, text in zip(self.labels, (_("Pay period:"), _("&Worker:"), _("&Amount:"), _("&Paid on:"),
                                             _("&Note:")), strict=True):
            label.setText(text)
        self.member.setPlaceholderText(_("Code or name"))
        self.amount.setPlaceholderText("0,00")

    def _touch(self) -> None:
        self.touched = True
        self.validate()

    def problems(self) -> list[str]:
        found = []
        if self.member.code() is None:
            found.append(_("Choose the worker by code or name."))
        amount_problem = self.amount.problem()
        if amount_problem:
            found.append(amount_problem)
        return found

    def validate(self) -> bool:
        problems = self.problems()
        show_message(self.problem, "\n".join(problems) if self.touched else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        return not problems

    def save(self) -> None:
        self.touched = True
        if not self.validate():
            return
        db, period_id = self.db, self.period.id
        code, cents = self.member.code() or "", self.amount.value() or 0
        paid_on, note = self.paid_on.date().toPython(), self.note.text().strip() or None
        self.buttons.setEnabled(False)
        run_op(self, lambda: add_advance(db, period_id=period_id, member_code=code, amount_cents=cents,
                                         paid_on=paid_on, note=note),
               on_success=self._saved, on_failure=self._failed)

    def _saved(self, advance: Advance) -> None:
        self.buttons.setEnabled(True)
        if self.on_saved is not None:
            self.on_saved(advance)
        self.accept()

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False
