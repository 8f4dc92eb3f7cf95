"""The Needs section: the needs register, the commitments owed to the council, the incident log, and the
year's report. Its tabs are built the first time it is shown (SectionPage)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.ui.common import SectionPage, open_report

TABS = (N_("Needs"), N_("Commitments"), N_("Incidents"))


class NeedsPage(SectionPage):
    TABS = TABS
    changed = Signal()  # a need, commitment or incident was recorded: the home page reads again

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self.show_report)
        self.header.addWidget(self.report_button)
        self.retranslate_ui()
        self._update_buttons()

    def build_tabs(self) -> list[QWidget]:
        from coopdesk.ui.needs.commitments_tab import CommitmentsTab
        from coopdesk.ui.needs.incidents_tab import IncidentsTab
        from coopdesk.ui.needs.needs_tab import NeedsTab

        self.needs_tab, self.commitments_tab, self.incidents_tab = NeedsTab(), CommitmentsTab(), IncidentsTab()
        tabs = [self.needs_tab, self.commitments_tab, self.incidents_tab]
        for tab in tabs:
            tab.changed.connect(self._records_changed)
        return tabs

    def set_database(self, db: Database | None) -> None:
        self.db = db
        for tab in self._built:
            tab.set_database(db)
        self._update_buttons()

    def _records_changed(self) -> None:
        for tab in self._built:
            tab.invalidate()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Needs, commitments and incidents"))
        self.report_button.setText(_("Report of the year…"))
        self.report_button.setAccessibleName(_("Report of the year…"))
        super().retranslate_ui()

    def _update_buttons(self) -> None:
        self.report_button.setEnabled(self.db is not None)

    def show_tab(self, index: int, record_id: int | None = None) -> None:
        """Open a tab, with a record selected (the home page's lines lead here)."""
        self.ensure_built()
        assert self.tabs is not None
        self.tabs.setCurrentIndex(index)
        if record_id is not None:
            self._built[index].select(record_id)

    def show_report(self) -> QWidget | None:
        if self.db is None:
            return None
        db, year = self.db, date.today().year
        from coopdesk.services.needs.printing import needs_report

        return open_report(db, self, title=N_("Needs, commitments and incidents"),
                           render=lambda lang: needs_report(db, year=year, lang=lang), file_stem=f"necesidades-{year}")
