"""A member's statement for a year: every entry (a reversal beside what it undoes) and the totals; printed or
saved through the PDF preview."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.i18n import N_, _
from coopdesk.services.ledger import Statement, statement
from coopdesk.ui.ledger.common import LazyTab
from coopdesk.ui.ledger.context import LedgerContext
from coopdesk.ui.ledger.fields import MemberPicker
from coopdesk.ui.ledger.statement_view import StatementView
from coopdesk.ui.widgets import refill


class StatementTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.member = MemberPicker()
        self.member_label = QLabel()
        self.member_label.setBuddy(self.member)
        self.year = QComboBox()
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.print_button = QPushButton()
        self.view = StatementView()
        # The view's parts under the names the tab has always had.
        self.model, self.table, self.empty = self.view.model, self.view.table, self.view.empty
        self.totals_box, self.totals_form = self.view.totals_box, self.view.totals_form

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.member_label.setText(_("&Member:"))
        self.year_label.setText(_("&Year:"))
        self.member.setPlaceholderText(_("Code or name"))
        self.print_button.setText(_("Print or save…"))
        self.view.retranslate()
        self._show(self.statement)

    @property
    def statement(self) -> Statement | None:
        return self.view.statement

    # -- data

    def reload(self) -> None:
        self.member.set_members(self.read(self.context.members) or [])
        years = self.read(self.context.statement_years) or [date.today().year]
        refill(self.year, ((year, str(year)) for year in years))
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
        self.view.show_statement(result, none_text=_("Choose a member and a year.") if self.db is not None else "")
        self.print_button.setEnabled(result is not None)

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
