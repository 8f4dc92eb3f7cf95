"""The Meetings section: the list of meetings and "Pending decisions" on one side, one meeting's workspace on
the other (opening a meeting swaps them; "Back to the meetings" returns)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import MeetingSummary
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import N_, _, format_moment, ngettext
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import (
    Col,
    Editable,
    RowsModel,
    confirm,
    fit_columns,
    make_table,
    selected_row,
)
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.pending import PendingPanel
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

DELETABLE = (MeetingState.DRAFT, MeetingState.CONVENED)
LIST_COLUMNS = (
    Col(N_("Date"), lambda m: format_moment(m.starts_at)),
    Col(N_("Kind"), lambda m: _(m.kind.label)),
    Col(N_("Title"), lambda m: m.title, tip=lambda m: m.place),
    Col(N_("State"), lambda m: _(m.state.label)),
)


def _list_style(summary: MeetingSummary) -> str | None:
    return {MeetingState.OPEN: "ok", MeetingState.CLOSED: "warn", MeetingState.DRAFT: "muted"}.get(summary.state)


class MeetingList(Editable, QWidget):
    """Every meeting, the latest first, with New…, Import JSON…, Open and Delete."""

    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.model = RowsModel(LIST_COLUMNS, self, style=_list_style)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button, self.import_button = QPushButton(), QPushButton()
        self.open_button, self.delete_button = QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_requested)
        self.import_button.clicked.connect(self.import_file)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        for button in (self.new_button, self.import_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.open_button, self.delete_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.new_button.setText(_("&New meeting…"))
        self.import_button.setText(_("&Import JSON…"))
        self.open_button.setText(_("&Open"))
        self.delete_button.setText(_("&Delete"))
        self.import_button.setToolTip(_("Record a meeting prepared elsewhere, from the meeting JSON form"))
        self.model.retranslate()
        self._update_count()
        fit_columns(self.table, 360)

    def reload(self, select_id: int | None = None) -> None:
        if self.db is None:
            self.model.set_rows([])
            self._update_buttons()
            return
        from coopdesk.services.meetings import list_meetings

        db = self.db
        selected = select_id if select_id is not None else self.selected_id()
        run_op(self, lambda: list_meetings(db), on_success=lambda rows: self._loaded(rows, selected))

    def _loaded(self, rows: list[MeetingSummary], select_id: int | None) -> None:
        empty = self.model.rowCount() == 0
        self.model.set_rows(rows)
        if empty:
            fit_columns(self.table, 360)
        row = self.model.row_of(lambda m: m.id == select_id) if select_id is not None else None
        if row is None and rows:
            row = 0  # the latest meeting: Enter or Open goes straight to it
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(ngettext("%(count)d meeting", "%(count)d meetings", count) % {"count": count})

    def selected(self) -> MeetingSummary | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def selected_id(self) -> int | None:
        summary = self.selected()
        return summary.id if summary else None

    def _update_buttons(self) -> None:
        summary = self.selected()
        for button in (self.new_button, self.import_button):
            button.setEnabled(self.db is not None)
        self.open_button.setEnabled(summary is not None)
        self.delete_button.setEnabled(summary is not None and summary.state in DELETABLE)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.new_button, self.import_button, self.delete_button

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.row_at(index.row()).id)

    def open_selected(self) -> None:
        if (meeting_id := self.selected_id()) is not None:
            self.open_requested.emit(meeting_id)

    def delete_selected(self) -> None:
        summary = self.selected()
        if summary is None or self.db is None:
            return
        from coopdesk.services.meetings import delete_meeting

        db = self.db
        confirm(self, _("Delete the meeting “%(title)s”?") % {"title": summary.title},
                _("Its agenda and roll are deleted too. Only a meeting that has not been held can be deleted."),
                lambda: run_op(self, lambda: delete_meeting(db, meeting_id=summary.id),
                               on_success=lambda _none: self.reload()),
                yes_text=_("Delete"))

    def import_file(self) -> None:
        if self.db is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a meeting"), str(Path.home()),
                                                    _("Meeting files (*.json)"))
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path) -> None:
        from coopdesk.services.meetings import import_meeting_file

        db = self.db
        assert db is not None
        run_op(self, lambda: import_meeting_file(db, path=Path(path)), on_success=self._imported,
               progress=_("Importing the meeting…"))

    def _imported(self, meeting_id: int) -> None:
        self.reload(select_id=meeting_id)
        self.open_requested.emit(meeting_id)


class MeetingsPage(Editable, QWidget):
    """What the main window shows for "Meetings"; each part hides its editing in a read-only window."""

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.stale = True
        self.meetings = MeetingList()
        self.meetings.open_requested.connect(self.open_meeting)
        self.meetings.new_requested.connect(self.new_meeting)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.meetings, "")
        self.pending: PendingPanel | None = None
        self.pending_holder = QWidget()  # the panel is built when its tab is first shown
        QVBoxLayout(self.pending_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.pending_holder, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.workspace: MeetingWorkspace | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()
        self.set_database(db)

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, _("Meetings"))
        self.tabs.setTabText(1, _("Pending decisions"))
        self.meetings.retranslate_ui()
        for panel in (self.pending, self.workspace):
            if panel is not None:
                panel.retranslate_ui()

    def set_database(self, db: Database | None) -> None:
        if self.workspace is not None:
            self.workspace.flush()
            self.show_list()
        self.db = db
        self.meetings.db = db
        if self.workspace is not None:
            self.workspace.set_database(db)
        if self.pending is not None:
            self.pending.set_database(db)
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for part in (self.meetings, self.pending, self.workspace):
            if part is not None:
                part.set_editable(editable)

    def ensure_loaded(self) -> None:
        if self.stale:
            self.stale = False
            self.meetings.reload()
            if self.pending is not None:
                self.pending.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self.pending is None:
            from coopdesk.ui.meetings.pending import PendingPanel

            self.pending = PendingPanel()
            self.pending.set_database(self.db)
            self.pending.set_editable(self.editable)
            self.pending.open_requested.connect(self.open_meeting)
            self.pending_holder.layout().addWidget(self.pending)
            self.pending.reload()
        elif index == 1 and self.pending is not None:
            self.pending.reload()

    def _workspace(self) -> MeetingWorkspace:
        if self.workspace is None:
            from coopdesk.ui.meetings.workspace import MeetingWorkspace

            self.workspace = MeetingWorkspace()
            self.workspace.set_database(self.db)
            self.workspace.set_editable(self.editable)
            self.workspace.back_requested.connect(self.show_list)
            self.workspace.meeting_changed.connect(self._meeting_changed)
            self.workspace.meeting_deleted.connect(self._meeting_deleted)
            self.stack.addWidget(self.workspace)
        return self.workspace

    def open_meeting(self, meeting_id: int) -> None:
        if self.db is None:
            return
        workspace = self._workspace()
        workspace.load(meeting_id)
        self.stack.setCurrentWidget(workspace)

    def new_meeting(self) -> None:
        if self.db is None:
            return
        from coopdesk.ui.meetings.convocation import NewMeetingDialog

        NewMeetingDialog.ask(self, self.db, on_created=lambda detail: self._created(detail.id))

    def _created(self, meeting_id: int) -> None:
        self.meetings.reload(select_id=meeting_id)
        self.open_meeting(meeting_id)

    def show_list(self) -> None:
        if self.workspace is not None:
            self.workspace.flush()
        self.stack.setCurrentWidget(self.tabs)
        self.meetings.reload()
        if self.pending is not None:
            self.pending.reload()

    def _meeting_changed(self, meeting_id: int) -> None:
        self.meetings.reload(select_id=meeting_id)

    def _meeting_deleted(self) -> None:
        self.show_list()

    def current_meeting_id(self) -> int | None:
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            return self.workspace.meeting_id
        return None
