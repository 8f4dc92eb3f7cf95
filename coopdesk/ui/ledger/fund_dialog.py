"""Create a social fund or change its name, percentage and payer (from the next closing on); 0 % keeps it but
takes nothing. A new fund is paid by management in an SPU, by the workers in a cooperative. The motion that
decided it may be cited."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coopdesk.domain.ledger import FundPayer, default_payer
from coopdesk.domain.money import parse_percent
from coopdesk.domain.settings import UnitKind
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Fund, save_fund
from coopdesk.ui.ledger.common import hours, show_message
from coopdesk.ui.ledger.fields import FigureEdit, MotionField
from coopdesk.ui.ledger.op_dialog import OpDialog
from coopdesk.ui.widgets import set_read_only

NAME_MAX = 200


class FundDialog(OpDialog):
    def __init__(self, db: Database, fund: Fund | None = None, parent: QWidget | None = None,
                 on_saved: Callable[[Fund], None] | None = None, *,
                 unit_kind: UnitKind = UnitKind.COOPERATIVE) -> None:
        super().__init__(db, parent, on_saved)
        self.fund = fund
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit(fund.code if fund else "")
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression(r"[A-Za-z0-9_-]{0,20}"), self.code))
        set_read_only(self.code, fund is not None)  # the code names the fund in every entry posted to it
        self.name = QLineEdit(fund.name if fund else "")
        self.name.setMaxLength(NAME_MAX)
        self.name.setMinimumWidth(300)
        self.percent = FigureEdit(parse_percent, positive=False)
        if fund is not None:
            self.percent.setText(hours(fund.percent_hundredths))  # the same figure, in the UI's decimals
        self.motion = MotionField(db, optional=True)
        if fund is not None and fund.motion_id:
            self.motion.set_motion_id(fund.motion_id)
        self.paid_by = QComboBox()
        for payer in (FundPayer.MANAGEMENT, FundPayer.WORKERS):
            self.paid_by.addItem("", payer.value)
        payer = fund.paid_by if fund is not None else default_payer(unit_kind)
        self.paid_by.setCurrentIndex(self.paid_by.findData(payer.value))
        self.labels, form = self.labelled_form((self.code, self.name, self.percent, self.paid_by, self.motion))
        self.stack(self.intro, form, stretch=True)
        self.setMinimumWidth(560)
        for edit in (self.code, self.name, self.percent):
            edit.textEdited.connect(self._touch)
        self.motion.changed.connect(self.validate)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit social fund") if self.fund else _("New social fund"))
        self.intro.setText(_("A social fund takes its percentage of each gross pay line when a pay period closes: "
                             "deducted from the pay when the workers pay it, owed on top of the pay when management "
                             "does. A change counts from the next closing on; at 0 % the fund is kept but takes "
                             "nothing."))
        for label, text in zip(self.labels, (_("&Code:"), _("&Name:"), _("&Percentage of gross pay:"),
                                             _("Paid &by:"), _("Passed &motion no. (optional):")), strict=True):
            label.setText(text)
        self.paid_by.setItemText(0, _("Management, on top of the pay (owed to the fund)"))
        self.paid_by.setItemText(1, _("The workers, deducted from their pay"))
        self.code.setPlaceholderText(_("e.g. savings"))
        self.percent.setPlaceholderText("5,00")
        self.motion.retranslate_ui()
        self.validate()

    def problems(self) -> list[str]:
        found = []
        if not self.code.text().strip():
            found.append(_("The fund needs a code."))
        if not " ".join(self.name.text().split()):
            found.append(_("The fund needs a name."))
        if problem := self.percent.problem():
            found.append(problem)
        return found

    def validate(self) -> bool:
        problems = self.problems()
        show_message(self.problem, "\n".join(problems) if self.touched else "")
        ok = not problems and self.motion.is_acceptable()
        self.ok_button().setEnabled(ok)
        return ok

    def operation(self) -> Callable[[], Fund]:
        db, code, name = self.db, self.code.text().strip(), " ".join(self.name.text().split())
        percent, motion_id, paid_by = self.percent.value() or 0, self.motion.motion_id(), self.paid_by.currentData()
        return lambda: save_fund(db, code=code, name=name, percent_hundredths=percent, motion_id=motion_id,
                                 paid_by=paid_by)
