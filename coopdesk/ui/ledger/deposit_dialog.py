"""Record what management really paid into a fund it owes: the fund, the amount, the day it paid, a note."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coopdesk.domain.money import parse_amount
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Fund, FundMove, record_deposit
from coopdesk.ui.ledger.common import show_message
from coopdesk.ui.ledger.fields import FigureEdit
from coopdesk.ui.ledger.op_dialog import OpDialog
from coopdesk.ui.members.dialog import date_edit

NOTE_MAX = 500


def fund_combo(funds: Sequence[Fund], chosen: str | None = None) -> QComboBox:
    combo = QComboBox()
    for fund in funds:
        combo.addItem(f"{fund.name} ({fund.code})", fund.code)
    if chosen is not None and (index := combo.findData(chosen)) >= 0:
        combo.setCurrentIndex(index)
    return combo


class DepositDialog(OpDialog):
    def __init__(self, db: Database, funds: Sequence[Fund], parent: QWidget | None = None, *,
                 fund_code: str | None = None, on_saved: Callable[[FundMove], None] | None = None) -> None:
        super().__init__(db, parent, on_saved)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fund = fund_combo(funds, fund_code)
        self.amount = FigureEdit(parse_amount)
        self.paid_on = date_edit(date.today())
        self.paid_on.setMaximumDate(self.paid_on.date())  # a payment is recorded once it is made
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.labels, form = self.labelled_form((self.fund, self.amount, self.paid_on, self.note))
        self.stack(self.intro, form, stretch=True)
        self.setMinimumWidth(520)
        self.amount.textEdited.connect(self._touch)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Record a deposit by management"))
        self.intro.setText(_("What management really paid into a fund it owes. The arrears are what it owes less "
                             "what it deposited."))
        for label, text in zip(self.labels, (_("&Fund:"), _("&Amount:"), _("&Paid on:"), _("&Note:")), strict=True):
            label.setText(text)
        self.amount.setPlaceholderText("0,00")
        self.validate()

    def problems(self) -> list[str]:
        found = [] if self.fund.count() else [_("No fund is paid by management.")]
        if problem := self.amount.problem():
            found.append(problem)
        return found

    def validate(self) -> bool:
        problems = self.problems()
        show_message(self.problem, "\n".join(problems) if self.touched else "")
        self.ok_button().setEnabled(not problems)
        return not problems

    def operation(self) -> Callable[[], FundMove]:
        db, code, cents = self.db, self.fund.currentData(), self.amount.value() or 0
        paid_on, note = self.paid_on.date().toPython(), self.note.text().strip() or None
        return lambda: record_deposit(db, fund_code=code, amount_cents=cents, paid_on=paid_on, note=note)
