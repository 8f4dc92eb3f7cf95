""""My statement": the signed-in member's ledger entries for a year and what they add up to; printed or
saved through the PDF preview. The member is fixed — only the year can be chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import Statement, statement, statement_years
from coopdesk.services.ledger.reports import statement_report
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.statement_view import StatementView
from coopdesk.ui.member_view.common import open_preview
from coopdesk.ui.ops import show_error
from coopdesk.ui.widgets import refill


class StatementTab(QWidget):
    def __init__(self, db: Database, member_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_code = db, member_code
        self.year = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_statement)
        self.view = StatementView(numbered=False, national_id=False)
        self.view.empty.setStyleSheet(status_style("muted"))
        self.model, self.table = self.view.model, self.view.table

        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._load_years()
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.year_label.setText(_("&Year:"))
        self.print_button.setText(_("Print or save…"))
        self.view.retranslate()
        self.show_year()

    @property
    def statement(self) -> Statement | None:
        return self.view.statement

    def _read(self, year: int | None) -> Statement | None:
        try:
            return statement(self.db, member_code=self.member_code, year=year)
        except CoopdeskError as error:
            show_error(self, error)
            return None

    def _load_years(self) -> None:
        """The years this member has entries in, by the ledger's one rule (a payout's year included)."""
        try:
            years = statement_years(self.db, member_code=self.member_code)
        except CoopdeskError as error:
            show_error(self, error)
            years = []
        refill(self.year, ((year, str(year)) for year in years or [date.today().year]))

    def show_year(self) -> None:
        year = self.year.currentData()
        result = self._read(year) if year is not None else None
        self.view.show_statement(result)
        self.print_button.setEnabled(result is not None)

    def print_statement(self) -> QWidget | None:
        result, db = self.statement, self.db
        if result is None or result.year is None:
            return None
        code, year = result.member_code, result.year
        return open_preview(db, self, title=lambda: _("Member statement"),
                            render=lambda lang: statement_report(db, member_code=code, year=year, lang=lang),
                            file_stem=_("statement-%(code)s-%(year)s") % {"code": code, "year": year})
