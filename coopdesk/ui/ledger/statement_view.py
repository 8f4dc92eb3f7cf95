"""The body of a member's statement — heading, the entries table and the totals box — shared by the ledger's
statement tab and the member view's "My statement"."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from coopdesk.i18n import N_, _
from coopdesk.services.ledger import Statement
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import RIGHT, Col, RowsModel, fit_columns, make_table, money, short_date
from coopdesk.ui.ledger.entries_model import correction_text, entry_style, kind_text


class StatementView(QWidget):
    """Shows one Statement (or none); `numbered` adds the entry-number column, `national_id` puts the member's
    national id in the heading."""

    def __init__(self, parent: QWidget | None = None, *, numbered: bool = True, national_id: bool = True) -> None:
        super().__init__(parent)
        self.national_id = national_id
        self.statement: Statement | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        number = [Col(N_("No."), lambda e: str(e.id), right=True)] if numbered else []
        self.model = RowsModel([
            *number,
            Col(N_("Posted on"), lambda e: short_date(e.posted_on)),
            Col(N_("Pay period"), self._period_text),
            Col(N_("Kind"), kind_text, tip=kind_text),
            Col(N_("Amount"), lambda e: money(e.amount_cents), right=True),
            Col(N_("Correction"), correction_text),
            Col(N_("Note"), lambda e: e.note or "", tip=lambda e: e.note),
        ], self, style=entry_style)
        self.table = make_table(self.model)
        self.empty = QLabel()
        self.empty.setStyleSheet(status_style("muted"))
        self.totals_box = QGroupBox()
        self.totals_form = QFormLayout(self.totals_box)
        self.totals_form.setLabelAlignment(RIGHT)
        self.totals_box.setMinimumWidth(270)

        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        right = QVBoxLayout()
        right.addWidget(self.totals_box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(right)

    def retranslate(self) -> None:
        self.totals_box.setTitle(_("Totals"))
        self.model.retranslate()

    def _period_text(self, entry) -> str:  # type: ignore[no-untyped-def]
        period_id = entry.period_id or entry.original_period_id
        dates = self.statement.periods.get(period_id) if self.statement and period_id else None
        if dates is None:
            return _("Surplus") if entry.surplus_id is not None else _("Fund") if entry.motion_id else ""
        return f"{short_date(dates[0])} – {short_date(dates[1])}"

    def show_statement(self, result: Statement | None, *, none_text: str = "") -> None:
        """Shows `result`; without one, `none_text` stands where the entries would."""
        self.statement = result
        self.model.set_rows(result.entries if result else ())
        fit_columns(self.table, widest=260)
        while self.totals_form.rowCount():
            self.totals_form.removeRow(0)
        if result is None:
            self.heading.setText("")
            self._set_empty(none_text)
            self.totals_box.hide()
            return
        self.heading.setText(f"{result.member_code} — {result.member_name}"
                             + (f" · {result.national_id}" if self.national_id and result.national_id else "")
                             + f" · {result.year}")
        self._set_empty(_("No entries in this year.") if not result.entries else "")
        totals = result.totals
        rows = [(_("Gross pay"), totals.gross_cents, False)]
        rows += [(_("Contribution to %(fund)s") % {"fund": code}, cents, False) for code, cents in totals.contributions]
        rows += [(_("Advances"), totals.advances_cents, False), (_("Net pay"), totals.net_cents, False),
                 (_("Shares of the surplus"), totals.surplus_cents, False)]
        if totals.payouts_cents:
            rows.append((_("Payouts from the funds"), totals.payouts_cents, False))
        rows.append((_("Received in all"), totals.received_cents, True))
        # not paid to the member and not deducted: what management owes the funds for the member's work
        rows += [(_("Owed by management to %(fund)s") % {"fund": code}, cents, False) for code, cents in totals.owed]
        for text, cents, bold in rows:
            value = QLabel(money(cents))
            value.setAlignment(RIGHT)
            if bold:
                value.setStyleSheet("font-weight: 600;")
            self.totals_form.addRow(text + ":", value)
        self.totals_box.show()

    def _set_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
