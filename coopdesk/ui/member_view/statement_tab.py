""""My statement": the signed-in member's ledger entries for a year and what they add up to; printed or
saved through the PDF preview. The member is fixed — only the year can be chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Statement, statement
from coopdesk.services.ledger.reports import statement_report
from coopdesk.ui.ledger.common import RIGHT, Col, RowsModel, fit_columns, make_table, money, short_date
from coopdesk.ui.ledger.entries_model import correction_text, entry_style, kind_text
from coopdesk.ui.member_view.common import MUTED, open_preview
from coopdesk.ui.ops import show_error


def statement_years(whole: Statement) -> list[int]:
    """The years with entries for this member (a period counts in the year it ends), latest first."""
    years = {end.year for _start, end in whole.periods.values()}
    years |= {entry.posted_on.year for entry in whole.entries if entry.surplus_id is not None}
    return sorted(years, reverse=True) or [date.today().year]


class StatementTab(QWidget):
    def __init__(self, db: Database, member_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_code = db, member_code
        self.statement: Statement | None = None
        self.year = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_statement)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.model = RowsModel([
            Col(N_("Posted on"), lambda e: short_date(e.posted_on)),
            Col(N_("Pay period"), self._period_text),
            Col(N_("Kind"), kind_text, tip=kind_text),
            Col(N_("Amount"), lambda e: money(e.amount_cents), right=True),
            Col(N_("Correction"), correction_text),
            Col(N_("Note"), lambda e: e.note or "", tip=lambda e: e.note),
        ], self, style=entry_style)
        self.table = make_table(self.model)
        self.empty = QLabel()
        self.empty.setStyleSheet(MUTED)
        self.totals_box = QGroupBox()
        self.totals_form = QFormLayout(self.totals_box)
        self.totals_form.setLabelAlignment(RIGHT)
        self.totals_box.setMinimumWidth(270)

        bar = QHBoxLayout()
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
        layout.addLayout(bar)
        layout.addLayout(body, 1)
        self._load_years()
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.year_label.setText(_("&Year:"))
        self.print_button.setText(_("Print or save…"))
        self.totals_box.setTitle(_("Totals"))
        self.model.retranslate()
        self.show_year()

    def _period_text(self, entry) -> str:  # type: ignore[no-untyped-def]
        period_id = entry.period_id or entry.original_period_id
        dates = self.statement.periods.get(period_id) if self.statement and period_id else None
        if dates is None:
            return _("Surplus") if entry.surplus_id is not None else ""
        return f"{short_date(dates[0])} – {short_date(dates[1])}"

    def _read(self, year: int | None) -> Statement | None:
        try:
            return statement(self.db, member_code=self.member_code, year=year)
        except CoopdeskError as error:
            show_error(self, error)
            return None

    def _load_years(self) -> None:
        whole = self._read(None)
        for year in statement_years(whole) if whole else [date.today().year]:
            self.year.addItem(str(year), year)

    def show_year(self) -> None:
        year = self.year.currentData()
        result = self._read(year) if year is not None else None
        self.statement = result
        self.model.set_rows(result.entries if result else ())
        fit_columns(self.table, widest=260)
        self.print_button.setEnabled(result is not None)
        while self.totals_form.rowCount():
            self.totals_form.removeRow(0)
        if result is None:
            self.heading.setText("")
            self.totals_box.hide()
            return
        self.heading.setText(f"{result.member_code} — {result.member_name} · {result.year}")
        self.empty.setText(_("No entries in this year.") if not result.entries else "")
        self.empty.setVisible(not result.entries)
        totals = result.totals
        rows = [(_("Gross pay"), totals.gross_cents, False)]
        rows += [(_("Contribution to %(fund)s") % {"fund": code}, cents, False) for code, cents in totals.contributions]
        rows += [(_("Advances"), totals.advances_cents, False), (_("Net pay"), totals.net_cents, False),
                 (_("Shares of the surplus"), totals.surplus_cents, False),
                 (_("Received in all"), totals.received_cents, True)]
        for text, cents, bold in rows:
            value = QLabel(money(cents))
            value.setAlignment(RIGHT)
            if bold:
                value.setStyleSheet("font-weight: 600;")
            self.totals_form.addRow(text + ":", value)
        self.totals_box.show()

    def print_statement(self) -> QWidget | None:
        result, db = self.statement, self.db
        if result is None or result.year is None:
            return None
        code, year = result.member_code, result.year
        return open_preview(db, self, title=lambda: _("Member statement"),
                            render=lambda lang: statement_report(db, member_code=code, year=year, lang=lang),
                            file_stem=_("statement-%(code)s-%(year)s") % {"code": code, "year": year})
