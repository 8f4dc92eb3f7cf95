"""The equal hourly rate (each from a date, by a passed motion) and the social funds, with their editors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.ledger import FundPayer
from coopdesk.i18n import N_, _, format_date
from coopdesk.services.ledger import list_funds, list_rates
from coopdesk.ui.ledger.common import (
    Col,
    LazyTab,
    RowsModel,
    fit_columns,
    make_table,
    money,
    percent,
    selected_row,
)
from coopdesk.ui.ledger.context import LedgerContext


class SetupTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rates = RowsModel([
            Col(N_("In force from"), lambda r: format_date(r.effective_from)),
            Col(N_("Rate per hour"), lambda r: money(r.rate_cents), right=True),
            Col(N_("Motion"), lambda r: str(r.motion_id), right=True),
            Col(N_("What the assembly decided"), lambda r: r.motion_text, tip=lambda r: r.motion_text),
        ], self)
        self.funds = RowsModel([
            Col(N_("Code"), lambda f: f.code),
            Col(N_("Name"), lambda f: f.name),
            Col(N_("Percentage"), lambda f: percent(f.percent_hundredths), right=True),
            Col(N_("Paid by"), lambda f: _(f.paid_by.label)),
            Col(N_("Motion"), lambda f: str(f.motion_id) if f.motion_id else "", right=True),
        ], self, style=lambda f: None if f.active else "muted")
        self.rates_table = make_table(self.rates)
        self.funds_table = make_table(self.funds, stretch=False)
        self.rates_box, self.funds_box = QGroupBox(), QGroupBox()
        self.rate_button = QPushButton()
        self.add_fund_button = QPushButton()
        self.edit_fund_button = QPushButton()
        self.rates_note, self.funds_note = QLabel(), QLabel()
        for note in (self.rates_note, self.funds_note):
            note.setWordWrap(True)
        self.rate_button.clicked.connect(self.set_rate)
        self.add_fund_button.clicked.connect(lambda: self.edit_fund(None))
        self.edit_fund_button.clicked.connect(self.edit_selected_fund)
        self.funds_table.doubleClicked.connect(lambda _index: self.editable and self.edit_selected_fund())
        self.funds_table.selectionModel().selectionChanged.connect(self._update_buttons)

        rates = QVBoxLayout(self.rates_box)
        rates.addWidget(self.rates_note)
        rates.addWidget(self.rates_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.rate_button)
        row.addStretch(1)
        rates.addLayout(row)
        funds = QVBoxLayout(self.funds_box)
        funds.addWidget(self.funds_note)
        funds.addWidget(self.funds_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_fund_button)
        row.addWidget(self.edit_fund_button)
        row.addStretch(1)
        funds.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.rates_box, 1)
        layout.addWidget(self.funds_box, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.rates_box.setTitle(_("Equal hourly rate"))
        self.funds_box.setTitle(_("Social funds"))
        self.rates_note.setText(_("The same rate for everyone, set by the assembly. The rate in force on a period's "
                                  "first day pays the whole period."))
        self.rate_button.setText(_("Set a new rate…"))
        self.add_fund_button.setText(_("New fund…"))
        self.edit_fund_button.setText(_("Edit fund…"))
        self.rates.retranslate()
        self.funds.retranslate()
        self._update_note()

    def reload(self) -> None:
        if self.db is None:
            self.rates.set_rows([])
            self.funds.set_rows([])
        else:
            db = self.db
            self.rates.set_rows(self.read(lambda: list_rates(db)) or [])
            self.funds.set_rows(self.read(lambda: list_funds(db)) or [])
        fit_columns(self.rates_table)
        fit_columns(self.funds_table)
        self._update_note()
        self._update_buttons()

    def _update_note(self) -> None:
        taken = sum(fund.percent_hundredths for fund in self.funds.rows
                    if fund.active and fund.paid_by is FundPayer.WORKERS)
        self.funds_note.setText(_("Each fund takes its percentage of every gross pay line when a period closes. "
                                  "The funds the workers pay take %(percent)s of gross pay together; what "
                                  "management owes is not deducted.") % {"percent": percent(taken)})

    def _update_buttons(self) -> None:
        has_db = self.db is not None
        self.rate_button.setEnabled(has_db)
        self.add_fund_button.setEnabled(has_db)
        self.edit_fund_button.setEnabled(has_db and selected_row(self.funds_table) is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.rate_button, self.add_fund_button, self.edit_fund_button

    def set_rate(self) -> None:
        from coopdesk.ui.ledger.rate_dialog import RateDialog

        if self.db is not None:
            dialog = RateDialog(self.db, self, on_saved=lambda _rate: self.context.notify())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def edit_selected_fund(self) -> None:
        row = selected_row(self.funds_table)
        if row is not None:
            self.edit_fund(self.funds.row_at(row))

    def edit_fund(self, fund) -> None:  # type: ignore[no-untyped-def]
        from coopdesk.ui.ledger.fund_dialog import FundDialog

        if self.db is not None:
            from coopdesk.services.council import get_council

            dialog = FundDialog(self.db, fund, self, on_saved=lambda _fund: self.context.notify(),
                                unit_kind=get_council(self.db).kind)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
