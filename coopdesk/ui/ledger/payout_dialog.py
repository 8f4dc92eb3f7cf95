"""Pay out of a fund as a passed motion decided: the fund, the amount, the day, the motion, the member paid (if
any) and a note. A fund pays out only what it holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from coopdesk.domain.members import Member
from coopdesk.domain.money import parse_amount
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Fund, FundMove, pay_out
from coopdesk.ui.ledger.common import show_message
from coopdesk.ui.ledger.deposit_dialog import NOTE_MAX, fund_combo
from coopdesk.ui.ledger.fields import FigureEdit, MemberPicker, MotionField
from coopdesk.ui.ledger.op_dialog import OpDialog
from coopdesk.ui.members.dialog import date_edit


class PayoutDialog(OpDialog):
    def __init__(self, db: Database, funds: Sequence[Fund], members: Sequence[Member],
                 parent: QWidget | None = None, *, fund_code: str | None = None,
                 on_saved: Callable[[FundMove], None] | None = None) -> None:
        super().__init__(db, parent, on_saved)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fund = fund_combo(funds, fund_code)
        self.amount = FigureEdit(parse_amount)
        self.paid_on = date_edit(date.today())
        self.paid_on.setMaximumDate(self.paid_on.date())
        self.motion = MotionField(db)
        self.member = MemberPicker()
        self.member.set_members(members)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.labels, form = self.labelled_form((self.fund, self.amount, self.paid_on, self.motion, self.member,
                                                self.note))
        self.stack(self.intro, form, stretch=True)
        self.setMinimumWidth(560)
        self.amount.textEdited.connect(self._touch)
        self.member.textChanged.connect(self.validate)
        self.motion.changed.connect(self.validate)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Pay out of a fund"))
        self.intro.setText(_("A payout from a fund needs a passed motion of the council; the fund pays out only what "
                             "was really paid into it."))
        for label, text in zip(self.labels, (_("&Fund:"), _("&Amount:"), _("&Paid on:"), _("Passed &motion no.:"),
                                             _("Paid &to member (optional):"), _("&Note:")), strict=True):
            label.setText(text)
        self.amount.setPlaceholderText("0,00")
        self.member.setPlaceholderText(_("Code or name"))
        self.motion.retranslate_ui()
        self.validate()

    def problems(self) -> list[str]:
        found = [] if self.fund.count() else [_("No social fund has been created yet.")]
        if problem := self.amount.problem():
            found.append(problem)
        if self.member.text().strip() and self.member.code() is None:
            found.append(_("Choose the worker by code or name."))
        return found

    def validate(self) -> bool:
        problems = self.problems()
        show_message(self.problem, "\n".join(problems) if self.touched else "")
        ok = not problems and self.motion.is_acceptable()
        self.ok_button().setEnabled(ok)
        return ok

    def operation(self) -> Callable[[], FundMove]:
        db, code, cents = self.db, self.fund.currentData(), self.amount.value() or 0
        paid_on, motion_id, member = self.paid_on.date().toPython(), self.motion.motion_id() or 0, self.member.code()
        note = self.note.text().strip() or None
        return lambda: pay_out(db, fund_code=code, amount_cents=cents, paid_on=paid_on, motion_id=motion_id,
                               member_code=member, note=note)
