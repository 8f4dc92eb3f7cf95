"""Set the equal hourly rate from a date, as a passed motion decided (the rate links back to the motion)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QWidget

from coopdesk.i18n import _, parse_money
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Rate, set_rate
from coopdesk.ui.ledger.common import show_message
from coopdesk.ui.ledger.fields import FigureEdit, MotionField
from coopdesk.ui.ledger.op_dialog import OpDialog
from coopdesk.ui.members.dialog import date_edit


class RateDialog(OpDialog):
    def __init__(self, db: Database, parent: QWidget | None = None,
                 on_saved: Callable[[Rate], None] | None = None) -> None:
        super().__init__(db, parent, on_saved)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.amount = FigureEdit(parse_money)
        self.effective_from = date_edit(date.today())
        self.motion = MotionField(db)
        self.labels, form = self.labelled_form((self.amount, self.effective_from, self.motion))
        self.stack(self.intro, form, stretch=True)
        self.setMinimumWidth(560)
        self.amount.textEdited.connect(self._touch)
        self.motion.changed.connect(self.validate)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Set the equal hourly rate"))
        self.intro.setText(_("Everyone earns the same rate for each hour worked. Only the assembly sets it: cite "
                             "the passed motion that decided it. The rate in force on a period's first day pays "
                             "the whole period."))
        for label, text in zip(self.labels, (_("&Rate per hour:"), _("In force &from:"), _("Passed &motion no.:")),
                               strict=True):
            label.setText(text)
        self.amount.setPlaceholderText("0,00")
        self.motion.retranslate_ui()
        self.validate()

    def validate(self) -> bool:
        problem = self.amount.problem()
        show_message(self.problem, problem if problem and self.touched else "")
        ok = problem is None and self.motion.is_acceptable()
        self.ok_button().setEnabled(ok)
        return ok

    def operation(self) -> Callable[[], Rate]:
        db, cents = self.db, self.amount.value() or 0
        day, motion_id = self.effective_from.date().toPython(), self.motion.motion_id() or 0
        return lambda: set_rate(db, rate_cents=cents, effective_from=day, motion_id=motion_id)
