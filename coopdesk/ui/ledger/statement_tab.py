"""A member's statement for a year: every entry (a reversal beside what it undoes) and the totals; printed or
saved through the PDF preview."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import N_, _
from coopdesk.services.ledger import Statement, statement
from coopdesk.ui.ledger.common import (
    MUTED_STYLE,
    RIGHT,
    Col,
    LazyTab,
    RowsModel,
    fit_columns,
    make_table,
    money,
    short_date,
)
from coopdesk.ui.ledger.context import LedgerContext
from coopdesk.ui.ledger.entries_model import correction_text, entry_style, kind_text
from coopdesk.ui.ledger.fields import MemberPicker


class StatementTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.statement: Statement | None = None
        self.member = MemberPicker()
        self.member_label = QLabel()
        self.member_label.setBuddy(self.member)
        self.year = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.print_button = QPushButton()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.model = RowsModel([
            Col(N_("No."), lambda e: str(e.id), right=True),
            Col(N_("Posted on"), lambda e: short_date(e.posted_on)),
            Col(N_("Pay period"), self._period_text),
            Col(N_("Kind"), kind_text, tip=kind_text),
            Col(N_("Amount"), lambda e: money(e.amount_cents), right=True),
            Col(N_("Correction"), correction_text),
            Col(N_("Note"), lambda e: e.note or "", tip=lambda e: e.note),
        ], self, style=entry_style)
        self.table = make_table(self.model)
        self.empty = QLabel()
        self.empty.setStyleSheet(MUTED_STYLE)
        self.totals_box = QGroupBox()
        self.totals_form = QFormLayout(self.totals_box)
        self.totals_form.setLabelAlignment(RIGHT)
        self.totals_box.setMinimumWidth(270)

        self.member.member_chosen.connect(lambda _code: self.show_statement())
        self.year.currentIndexChanged.connect(lambda _i: self.show_statement())
        self.print_button.clicked.connect(self.print_statement)

        bar = QHBoxLayout()
        bar.addWidget(self.member_label)
        bar.addWidget(self.member, 2)
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        right = QVBoxLayout()
        right.addWidget(self.totals_box)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(body, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.member_label.setText(_("&Member:"))
        self.year_label.setText(_("&Year:"))
        self.member.setPlaceholderText(_("Code or name"))
        self.print_button.setText(_("Print or save…"))
        self.totals_box.setTitle(_("Totals"))
        self.model.retranslate()
        self._show(self.statement)

    def _period_text(self, entry) -> str:  # type: ignore[no-untyped-def]
        period_id = entry.period_id or entry.original_period_id
        dates = self.statement.periods.get(period_id) if self.statement and period_id else None
        if dates is None:
            return _("Surplus") if entry.surplus_id is not None else ""
        return f"{short_date(dates[0])} – {short_date(dates[1])}"

    # -- data

    def reload(self) -> None:
        self.member.set_members(self.read(self.context.members) or [])
        years = self.read(self.context.years) or []
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in years or [date.today().year]:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(chosen)) if chosen is not None else 0)
        self.year.blockSignals(False)
        self.show_statement()

    def show_member(self, code: str, year: int | None = None) -> None:
        self.ensure_loaded()
        self.member.set_code(code)
        if year is not None and self.year.findData(year) >= 0:
            self.year.blockSignals(True)
            self.year.setCurrentIndex(self.year.findData(year))
            self.year.blockSignals(False)
        self.show_statement()

    def show_statement(self) -> None:
        code, year, db = self.member.code(), self.year.currentData(), self.db
        result = None
        if code and year is not None and db is not None:
            result = self.read(lambda: statement(db, member_code=code, year=year))
        self._show(result)

    def _show(self, result: Statement | None) -> None:
        self.statement = result
        self.model.set_rows(result.entries if result else ())
        fit_columns(self.table, widest=260)
        self.print_button.setEnabled(result is not None)
        while self.totals_form.rowCount():
            self.totals_form.removeRow(0)
        if result is None:
            self.heading.setText("")
            self.empty.setText(_("Choose a member and a year.") if self.db is not None else "")
            self.totals_box.hide()
            return
        self.heading.setText(f"{result.member_code} — {result.member_name}"
                             + (f" · {result.national_id}" if result.national_id else "")
                             + f" · {result.year}")
        self.empty.setText(_("No entries in this year.") if not result.entries else "")
        totals = result.totals
        rows = [(_("Gross pay"), totals.gross_cents)]
        rows += [(_("Contribution to %(fund)s") % {"fund": code}, cents) for code, cents in totals.contributions]
        rows += [(_("Advances"), totals.advances_cents), (_("Net pay"), totals.net_cents),
                 (_("Shares of the surplus"), totals.surplus_cents), (_("Received in all"), totals.received_cents)]
        for text, cents in rows:
            value = QLabel(money(cents))
            value.setAlignment(RIGHT)
            if text == _("Received in all"):
                value.setStyleSheet("font-weight: 600;")
            self.totals_form.addRow(text + ":", value)
        self.totals_box.show()

    def print_statement(self) -> QWidget | None:
        from coopdesk.services.ledger.reports import statement_report
        from coopdesk.ui.ledger.common import open_report

        result, db = self.statement, self.db
        if result is None or db is None or result.year is None:
            return None
        code, year = result.member_code, result.year
        return open_report(db, self, title=N_("Member statement"),
                           render=lambda lang: statement_report(db, member_code=code, year=year, lang=lang),
                           file_stem=_("statement-%(code)s-%(year)s") % {"code": code, "year": year})
