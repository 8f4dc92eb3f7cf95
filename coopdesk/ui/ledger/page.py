"""The Ledger section: pay periods, entries, member statements, social funds, rates and funds; the surplus
wizard and the CSV export of entries.

The tabs (and the ledger services behind them) are built the first time the section is shown (SectionPage).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from coopdesk.i18n import N_, _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.ui.colors import status_style
from coopdesk.ui.common import SectionPage

if TYPE_CHECKING:
    from coopdesk.ui.ledger.context import LedgerContext

TABS = (N_("Pay periods"), N_("Entries"), N_("Member statement"), N_("Social funds"), N_("Rates and funds"))


def is_spu(db: Database | None) -> bool:
    """An SPU shares out no surplus (its surplus is not the workers' to share)."""
    from coopdesk.domain.settings import UnitKind
    from coopdesk.services.council import get_council

    return db is not None and get_council(db).kind is UnitKind.SPU


class LedgerPage(SectionPage):
    TABS = TABS

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.context: LedgerContext | None = None
        self.spu = is_spu(db)
        self.surplus_button = QPushButton()
        self.export_button = QPushButton()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.surplus_button.clicked.connect(self.share_out_surplus)
        self.export_button.clicked.connect(self.choose_export_file)
        self.header.addWidget(self.surplus_button)
        self.header.addWidget(self.export_button)
        self.layout_.addWidget(self.notice)
        self.retranslate_ui()
        self._update_buttons()

    def build_tabs(self) -> list[QWidget]:
        from coopdesk.ui.ledger.context import LedgerContext
        from coopdesk.ui.ledger.entries_tab import EntriesTab
        from coopdesk.ui.ledger.funds_tab import FundsTab
        from coopdesk.ui.ledger.periods_tab import PeriodsTab
        from coopdesk.ui.ledger.setup_tab import SetupTab
        from coopdesk.ui.ledger.statement_tab import StatementTab

        self.context = LedgerContext(self)
        self.context.set_database(self.db)
        self.periods = PeriodsTab(self.context)
        self.entries = EntriesTab(self.context)
        self.statement = StatementTab(self.context)
        self.funds = FundsTab(self.context)
        self.setup = SetupTab(self.context)
        self.context.changed.connect(self._books_changed)
        return [self.periods, self.entries, self.statement, self.funds, self.setup]

    def retranslate_ui(self) -> None:
        self.title.setText(_("Equal-wage ledger"))
        self.surplus_button.setText(_("Share out a surplus…"))
        self.export_button.setText(_("Export entries…"))
        super().retranslate_ui()

    # -- data

    def set_database(self, db: Database | None) -> None:
        self.notice.hide()
        self.spu = is_spu(db)
        super().set_database(db)

    def _update_buttons(self) -> None:
        self.surplus_button.setEnabled(self.db is not None)
        self.export_button.setEnabled(self.db is not None)
        # an SPU is social property: its surplus is not shared out, so there is no wizard to offer
        self.surplus_button.setVisible(self.editable and not self.spu)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._update_buttons()

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.surplus_button,)

    def _books_changed(self) -> None:
        for tab in self.all_tabs():
            tab.invalidate()

    def _say(self, text: str) -> None:

        self.notice.setStyleSheet(status_style("good"))
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- actions

    def show_fund(self, fund_code: str) -> None:
        """The Social funds tab on what management owes `fund_code` (a home page line leads here)."""
        self.ensure_built()
        assert self.tabs is not None
        self.tabs.setCurrentWidget(self.funds)
        self.funds.show_owed_fund(fund_code)

    def share_out_surplus(self) -> QWidget | None:
        from coopdesk.ui.ledger.surplus_wizard import SurplusWizard

        self.ensure_built()
        if self.db is None or self.context is None or self.spu:
            return None
        wizard = SurplusWizard(self.db, self.context.years(), self, on_posted=self._surplus_posted)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def _surplus_posted(self, result) -> None:  # type: ignore[no-untyped-def]
        from coopdesk.ui.ledger.common import money

        count = len(result.shares)
        self._say(ngettext("The surplus of %(year)s, %(amount)s, was shared among %(count)d worker.",
                           "The surplus of %(year)s, %(amount)s, was shared among %(count)d workers.", count)
                  % {"year": result.year, "amount": money(result.amount_cents), "count": count})
        if self.context is not None:
            self.context.notify()

    def choose_export_file(self) -> None:
        if self.db is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Export entries"), str(Path.home() / _("entries.csv")),
                                                    _("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        from coopdesk.services.ledger import export_entries
        from coopdesk.ui.ops import run_op

        db, target = self.db, Path(path)
        if db is None:
            return
        run_op(self, lambda: export_entries(db, path=target), progress=_("Exporting the entries…"),
               on_success=lambda count: self._say(ngettext(
                   "%(count)d entry written to %(file)s.", "%(count)d entries written to %(file)s.", count)
                   % {"count": count, "file": str(target)}))
