"""“Acuerdos pendientes”: every open follow-up action of every meeting, the soonest due first, with Mark done
and a way to the meeting where it was agreed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import PendingAction
from coopdesk.domain.meetings import ActionStatus
from coopdesk.i18n import N_, _, format_date, ngettext
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import (
    Col,
    Editable,
    RowsModel,
    action_party,
    fit_columns,
    make_table,
    select_row,
    selected_row,
)
from coopdesk.ui.meetings.decisions import overdue
from coopdesk.ui.ops import run_op

PENDING_COLUMNS = (
    Col(N_("Due"), lambda p: _due_text(p)),
    Col(N_("Action"), lambda p: p.action.description, tip=lambda p: p.action.description),
    Col(N_("Responsible"), lambda p: action_party(p.action)),
    Col(N_("Decision"), lambda p: p.decision_text, tip=lambda p: p.decision_text),
    Col(N_("Meeting"), lambda p: f"{format_date(p.meeting_starts_at.date())} — {p.meeting_title}",
        tip=lambda p: p.meeting_title),
)


def _due_text(pending: PendingAction) -> str:
    """The due date, and "Overdue" after it when it has passed: said in words, not only by the row's red."""
    if pending.action.due_on is None:
        return _("no date")
    due = format_date(pending.action.due_on)
    return f"{due} · {_('Overdue')}" if overdue(pending.action) else due


def _style(pending: PendingAction) -> str | None:
    return "bad" if overdue(pending.action) else None


class PendingPanel(Editable, QWidget):
    open_requested = Signal(int)  # a meeting id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.model = RowsModel(PENDING_COLUMNS, self, style=_style)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.done_button, self.open_button = QPushButton(), QPushButton()
        self.done_button.clicked.connect(self.mark_done)
        self.open_button.clicked.connect(self.open_meeting)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.done_button.setText(_("Mark &done"))
        self.open_button.setText(_("&Open the meeting"))
        self.model.retranslate()
        self._update_count()
        fit_columns(self.table, 320)

    def set_database(self, db: Database | None) -> None:
        self.db = db

    def reload(self) -> None:
        if self.db is None:
            self.model.set_rows([])
            self._update_count()
            return
        from coopdesk.services.meetings import open_actions

        db = self.db
        run_op(self, lambda: open_actions(db), on_success=self._loaded)

    def _loaded(self, rows: list[PendingAction]) -> None:
        row = selected_row(self.table)
        empty = self.model.rowCount() == 0
        self.model.set_rows(rows)
        if empty:
            fit_columns(self.table, 320)
        select_row(self.table, min(row, len(rows) - 1) if row is not None and rows else None)
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        rows = self.model.rows
        late = sum(1 for p in rows if overdue(p.action))
        text = ngettext("%(count)d pending action", "%(count)d pending actions", len(rows)) % {"count": len(rows)}
        if late:
            text += " · " + ngettext("%(count)d overdue", "%(count)d overdue", late) % {"count": late}
        self.count_label.setText(text)

    def selected(self) -> PendingAction | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.done_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.done_button,)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_meeting()

    def open_meeting(self) -> None:
        if (pending := self.selected()) is not None:
            self.open_requested.emit(pending.meeting_id)

    def mark_done(self) -> None:
        pending, db = self.selected(), self.db
        if pending is None or db is None:
            return
        from coopdesk.services.meetings import set_action_status

        action = pending.action
        self.done_button.setEnabled(False)
        run_op(self, lambda: set_action_status(db, action_id=action.id, status=ActionStatus.DONE,
                                               version=action.version),
               on_success=lambda _action: self.reload(), on_failure=lambda _error: self._update_buttons())
