"""The advances tab of a pay period: the advances already paid, to be deducted at closing; add and remove
while the period is open."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.members import Body, Member
from coopdesk.i18n import N_, _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Advance, PeriodSummary, remove_advance
from coopdesk.ui.ledger.common import (
    Col,
    Editable,
    RowsModel,
    confirm,
    fit_columns,
    make_table,
    money,
    selected_row,
    short_date,
)
from coopdesk.ui.ops import run_op


class AdvancesPanel(Editable, QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.period: PeriodSummary | None = None
        self.members: dict[str, Member] = {}
        self.model = RowsModel([
            Col(N_("No."), lambda a: str(a.id), right=True),
            Col(N_("Code"), lambda a: a.member_code),
            Col(N_("Name"), lambda a: self.members[a.member_code].full_name if a.member_code in self.members else ""),
            Col(N_("Amount"), lambda a: money(a.amount_cents), right=True),
            Col(N_("Paid on"), lambda a: short_date(a.paid_on) if a.paid_on else ""),
            Col(N_("Note"), lambda a: a.note or "", tip=lambda a: a.note),
        ], self)
        self.table = make_table(self.model)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.total = QLabel()
        self.add_button.clicked.connect(self.add_advance)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Record an advance…"))
        self.remove_button.setText(_("Remove advance"))
        self.model.retranslate()
        self._update_total()

    def set_advances(self, db: Database | None, period: PeriodSummary | None, advances: Sequence[Advance],
                     members: dict[str, Member]) -> None:
        self.db, self.period, self.members = db, period, members
        self.model.set_rows(advances)
        fit_columns(self.table)
        self._update_total()
        self._update_buttons()

    def _update_total(self) -> None:
        rows = self.model.rows
        self.total.setText(ngettext("%(count)d advance", "%(count)d advances", len(rows)) % {"count": len(rows)}
                           + " · " + _("Total: %(amount)s") % {"amount": money(sum(a.amount_cents for a in rows))})

    def _update_buttons(self) -> None:
        is_open = self.db is not None and self.period is not None and self.period.is_open
        self.add_button.setEnabled(is_open)
        self.remove_button.setEnabled(is_open and selected_row(self.table) is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.add_button, self.remove_button

    def add_advance(self) -> None:
        from coopdesk.ui.ledger.advance_dialog import AdvanceDialog

        if self.db is None or self.period is None:
            return
        workers = [member for member in self.members.values() if member.body is Body.WORKER]
        dialog = AdvanceDialog(self.db, self.period, workers, self, on_saved=lambda _advance: self.changed.emit())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def remove_selected(self) -> None:
        row = selected_row(self.table)
        advance: Advance | None = self.model.row_at(row) if row is not None else None
        if advance is None or self.db is None:
            return
        db = self.db

        def remove() -> None:
            run_op(self, lambda: remove_advance(db, advance_id=advance.id), on_success=lambda _r: self.changed.emit())

        confirm(self, _("Remove the advance of %(amount)s to %(code)s?") % {
            "amount": money(advance.amount_cents), "code": advance.member_code},
            _("It was never posted: removing it only takes back an entry made by mistake."),
            remove, yes_text=_("Remove"))
