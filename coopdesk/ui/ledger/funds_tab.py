"""The social funds over a year: each fund's balance after each pay period as a chart, the contributions and
balances as a table, and the report to print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from coopdesk.i18n import N_, _
from coopdesk.services.ledger import FundBalances, fund_balances
from coopdesk.ui.ledger.chart import LineChart, Series
from coopdesk.ui.ledger.common import Col, LazyTab, RowsModel, fit_columns, make_table, money, percent, short_date
from coopdesk.ui.ledger.context import LedgerContext


@dataclass(frozen=True)
class FundLine:
    """A line of the table: the opening balance, a period, or the closing balance."""

    label: str
    contributions: tuple[int, ...] | None
    balances: tuple[int, ...]
    total: bool = False


class FundsTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.balances: FundBalances | None = None
        self.year = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.print_button = QPushButton()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = LineChart()
        self.model = RowsModel([], self, style=lambda line: "bold" if line.total else None)
        self.table = make_table(self.model, stretch=False)
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.print_button.clicked.connect(self.print_funds)
        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.year_label.setText(_("&Year:"))
        self.print_button.setText(_("Print or save…"))
        self._show(self.balances)

    def reload(self) -> None:
        years = self.read(self.context.years) or []
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in years or [date.today().year]:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(chosen)) if chosen is not None else 0)
        self.year.blockSignals(False)
        self.show_year()

    def show_year(self) -> None:
        year, db = self.year.currentData(), self.db
        self._show(self.read(lambda: fund_balances(db, year=year)) if db is not None and year is not None else None)

    def _show(self, balances: FundBalances | None) -> None:
        self.balances = balances
        self.print_button.setEnabled(balances is not None and balances.year is not None)
        funds = balances.funds if balances else ()
        if balances is None or not funds:
            self.chart.set_data([], [], _("No social fund has been created yet.") if self.db is not None else "")
            self.model.set_rows([], [])
            self.summary.setText("")
            return
        self.chart.set_data([short_date(row.ends_on) for row in balances.rows],
                            [Series(fund.name, tuple(row.balances[i] for row in balances.rows))
                             for i, fund in enumerate(funds)],
                            _("No contributions in %(year)s.") % {"year": balances.year})
        columns = [Col(N_("Pay period"), lambda line: line.label)]
        for i, fund in enumerate(funds):
            columns.append(Col(_("%(fund)s\ncontributions") % {"fund": fund.name},
                               lambda line, i=i: money(line.contributions[i]) if line.contributions else "",
                               right=True, raw=True))
            columns.append(Col(_("%(fund)s\nbalance") % {"fund": fund.name},
                               lambda line, i=i: money(line.balances[i]), right=True, raw=True))
        lines = [FundLine(_("Opening balance"), None, balances.opening, total=True)]
        lines += [FundLine(_("No. %(id)s · %(dates)s") % {
            "id": row.period_id, "dates": f"{short_date(row.starts_on)} – {short_date(row.ends_on)}"},
            row.contributions, row.balances) for row in balances.rows]
        lines.append(FundLine(_("Closing balance"), balances.contributed, balances.closing, total=True))
        self.model.set_rows(lines, columns)
        fit_columns(self.table)
        self.summary.setText(_("Balance at the end of %(year)s:") % {"year": balances.year} + " " + " · ".join(
            _("%(fund)s (%(percent)s): %(balance)s") % {
                "fund": fund.name, "percent": percent(fund.percent_hundredths), "balance": money(balances.closing[i])}
            for i, fund in enumerate(funds)))

    def print_funds(self) -> QWidget | None:
        from coopdesk.services.ledger.reports import funds_report
        from coopdesk.ui.ledger.common import open_report

        balances, db = self.balances, self.db
        if balances is None or balances.year is None or db is None:
            return None
        year = balances.year
        return open_report(db, self, title=N_("Social funds"),
                           render=lambda lang: funds_report(db, year=year, lang=lang),
                           file_stem=_("funds-%(year)s") % {"year": year})
