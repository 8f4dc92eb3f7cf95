""""Minutes": the approved meetings, latest first; a double click or "Read the minutes…" opens the acta in
the PDF preview (to read, print or save — the record itself is locked)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import N_, _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.meetings import MeetingSummary, assembly_report, list_meetings
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import Col, RowsModel, fit_columns, make_table, selected_row
from coopdesk.ui.member_view.common import open_preview
from coopdesk.ui.ops import show_error


def approved_meetings(db: Database) -> list[MeetingSummary]:
    return [meeting for meeting in list_meetings(db) if meeting.state is MeetingState.APPROVED]


class MinutesTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = RowsModel([
            Col(N_("Date"), lambda m: format_date(m.starts_at.date())),
            Col(N_("Meeting"), lambda m: m.title, tip=lambda m: m.title),
            Col(N_("Kind"), lambda m: _(m.kind.label)),
            Col(N_("Place"), lambda m: m.place or ""),
        ], self)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.open_minutes())
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(status_style("muted"))
        self.empty = QLabel()
        self.empty.setStyleSheet(status_style("muted"))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_minutes)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._enable())
        bar = QHBoxLayout()
        bar.addWidget(self.intro, 1)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.reload()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(_("The minutes approved by the assembly. Double-click one to read or print it."))
        self.open_button.setText(_("Read the minutes…"))
        self.empty.setText(_("No minutes have been approved yet.") if not self.model.rows else "")
        self.model.retranslate()

    def reload(self) -> None:
        try:
            meetings = approved_meetings(self.db)
        except CoopdeskError as error:
            show_error(self, error)
            meetings = []
        self.model.set_rows(meetings)
        fit_columns(self.table, widest=420)
        if meetings:
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        self.open_button.setEnabled(selected_row(self.table) is not None)

    def open_minutes(self) -> QWidget | None:
        row = selected_row(self.table)
        meeting = self.model.row_at(row) if row is not None else None
        if meeting is None:
            return None
        db, meeting_id, name = self.db, meeting.id, meeting.title
        return open_preview(db, self, title=lambda: _("Minutes: %(title)s") % {"title": name},
                            render=lambda lang: assembly_report(db, meeting_id=meeting_id, lang=lang),
                            file_stem=_("minutes-%(id)s") % {"id": meeting_id})
