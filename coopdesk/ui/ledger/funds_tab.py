"""The social funds: what management owes the funds it pays against what it deposited, month by month, as a
chart and as a table, with the arrears in words; each workers-paid fund's balance after each pay period over a
year; deposits, payouts and the report to print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.ledger import FundPayer, arrears_text
from coopdesk.i18n import N_, _, format_month
from coopdesk.services.ledger import FundBalances, FundHistory, fund_balances, fund_history
from coopdesk.ui.ledger.chart import LineChart, Series
from coopdesk.ui.ledger.common import Col, LazyTab, RowsModel, fit_columns, make_table, money, percent, short_date
from coopdesk.ui.ledger.context import LedgerContext
from coopdesk.ui.widgets import refill

MONTH_COLUMNS = [
    Col(N_("Month"), lambda month: format_month(month.month)),
    Col(N_("Owed by management, in all"), lambda month: money(month.owed_cents), right=True),
    Col(N_("Deposited, in all"), lambda month: money(month.deposited_cents), right=True),
    Col(N_("Arrears"), lambda month: money(month.owed_cents - month.deposited_cents), right=True),
]


@dataclass(frozen=True)
class FundLine:
    """A line of the table: the opening balance, a period, or the closing balance."""

    label: str
    contributions: tuple[int, ...] | None
    balances: tuple[int, ...]
    total: bool = False


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


class FundsTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.balances: FundBalances | None = None
        self.history: FundHistory | None = None
        self.year = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.deposit_button = QPushButton()
        self.payout_button = QPushButton()
        self.print_button = QPushButton()
        self.arrears = QLabel()
        self.arrears.setWordWrap(True)
        self.arrears.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.arrears.setStyleSheet("font-weight: 600;")
        self.pages = QTabWidget()

        # what management owes, against what it deposited
        self.owed_fund = QComboBox()
        self.owed_fund_label = QLabel()
        self.owed_fund_label.setBuddy(self.owed_fund)
        self.owed_chart = LineChart()
        self.months = RowsModel(MONTH_COLUMNS, self)
        self.months_table = make_table(self.months, stretch=False)
        owed_page = QWidget()
        column = QVBoxLayout(owed_page)
        row = QHBoxLayout()
        row.addWidget(self.owed_fund_label)
        row.addWidget(self.owed_fund, 1)
        row.addStretch(1)
        column.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.owed_chart)
        splitter.addWidget(self.months_table)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([700, 600])  # the table's four columns whole, beside the chart
        column.addWidget(splitter, 1)

        # the funds the workers pay, period by period
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = LineChart()
        self.model = RowsModel([], self, style=lambda line: "bold" if line.total else None)
        self.table = make_table(self.model, stretch=False)
        contributions_page = QWidget()
        column = QVBoxLayout(contributions_page)
        column.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        column.addWidget(splitter, 1)
        self.pages.addTab(owed_page, "")
        self.pages.addTab(contributions_page, "")

        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.owed_fund.currentIndexChanged.connect(lambda _i: self.show_history())
        self.print_button.clicked.connect(self.print_funds)
        self.deposit_button.clicked.connect(self.record_deposit)
        self.payout_button.clicked.connect(self.pay_out)
        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        for button in (self.deposit_button, self.payout_button, self.print_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.arrears)
        layout.addWidget(self.pages, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.year_label.setText(_("&Year:"))
        self.owed_fund_label.setText(_("&Fund paid by management:"))
        self.deposit_button.setText(_("Record a deposit…"))
        self.payout_button.setText(_("Pay out of a fund…"))
        self.print_button.setText(_("Print or save…"))
        self.pages.setTabText(0, _("Owed and deposited"))
        self.pages.setTabText(1, _("Contributions of the workers"))
        self.owed_chart.setAccessibleName(_("Chart: owed by management and deposited, in all, month by month"))
        self.owed_chart.setAccessibleDescription(_("The same figures are in the table beside it."))
        self.months_table.setAccessibleName(_("Owed by management and deposited, month by month"))
        self.chart.setAccessibleName(_("Chart: each fund's balance after each pay period"))
        self.table.setAccessibleName(_("Contributions and balances of the funds the workers pay"))
        self.months.retranslate()
        self._show(self.balances)
        self._show_history(self.history)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.deposit_button, self.payout_button

    def reload(self) -> None:
        years = self.read(self.context.years) or [date.today().year]
        refill(self.year, ((year, str(year)) for year in years))
        self.show_year()

    def show_year(self) -> None:
        year, db = self.year.currentData(), self.db
        self._show(self.read(lambda: fund_balances(db, year=year)) if db is not None and year is not None else None)
        self._fill_owed_funds()
        if not self._management_accounts():  # a cooperative's funds: the workers' contributions are all there is
            self.pages.setCurrentIndex(1)
        elif not (self.balances and self.balances.funds):
            self.pages.setCurrentIndex(0)

    def _management_accounts(self):  # type: ignore[no-untyped-def]
        return [account for account in (self.balances.accounts if self.balances else ())
                if account.paid_by is FundPayer.MANAGEMENT]

    def _fill_owed_funds(self) -> None:
        chosen = self.owed_fund.currentData()
        self.owed_fund.blockSignals(True)
        self.owed_fund.clear()
        accounts = self._management_accounts()
        for account in accounts:
            self.owed_fund.addItem(f"{account.name} ({account.code})", account.code)
        if chosen is None and accounts:  # first, the fund management is furthest behind with
            chosen = max(accounts, key=lambda account: account.arrears_cents).code
        self.owed_fund.setCurrentIndex(max(0, self.owed_fund.findData(chosen)))
        self.owed_fund.blockSignals(False)
        self.show_history()

    def show_owed_fund(self, fund_code: str) -> None:
        """What management owed and deposited for that fund."""
        self.ensure_loaded()
        self.pages.setCurrentIndex(0)
        index = self.owed_fund.findData(fund_code)
        if index >= 0:
            self.owed_fund.setCurrentIndex(index)

    def show_history(self) -> None:
        code, db = self.owed_fund.currentData(), self.db
        self._show_history(self.read(lambda: fund_history(db, fund_code=code))
                           if db is not None and code is not None else None)

    def _show_history(self, history: FundHistory | None) -> None:
        self.history = history
        months = history.months if history else ()
        self.owed_chart.set_data(
            [format_month(month.month) for month in months],
            [Series(_("Owed by management"), tuple(month.owed_cents for month in months)),
             Series(_("Deposited"), tuple(month.deposited_cents for month in months))] if months else [],
            _("No fund is paid by management.") if history is None else _("Nothing owed or deposited yet."))
        self.months.set_rows(list(reversed(months)))  # the latest month first
        fit_columns(self.months_table)

    def _show(self, balances: FundBalances | None) -> None:
        self.balances = balances
        self.print_button.setEnabled(balances is not None and balances.year is not None)
        self.deposit_button.setEnabled(bool(self._management_accounts()))
        self.payout_button.setEnabled(bool(balances and balances.accounts))
        in_arrears = [sentence(arrears_text(account.name, account.arrears_cents, account.arrears_since))
                      for account in self._management_accounts()
                      if account.arrears_cents > 0 and account.arrears_since is not None]
        self.arrears.setText(" ".join(in_arrears))
        self.arrears.setVisible(bool(in_arrears))
        funds = balances.funds if balances else ()
        if balances is None or not funds:
            self.chart.set_data([], [], _("No fund is paid by the workers.") if self.db is not None else "")
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

    # -- actions

    def _funds(self, *, management_only: bool):  # type: ignore[no-untyped-def]
        from coopdesk.services.ledger import list_funds

        db = self.db
        funds = self.read(lambda: list_funds(db)) or [] if db is not None else []
        return [fund for fund in funds if fund.paid_by is FundPayer.MANAGEMENT or not management_only]

    def record_deposit(self) -> QWidget | None:
        from coopdesk.ui.ledger.deposit_dialog import DepositDialog

        if self.db is None:
            return None
        dialog = DepositDialog(self.db, self._funds(management_only=True), self,
                               fund_code=self.owed_fund.currentData(), on_saved=lambda _move: self.context.notify())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def pay_out(self) -> QWidget | None:
        from coopdesk.ui.ledger.payout_dialog import PayoutDialog

        if self.db is None:
            return None
        dialog = PayoutDialog(self.db, self._funds(management_only=False), self.context.members(), self,
                              fund_code=self.owed_fund.currentData(), on_saved=lambda _move: self.context.notify())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

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
