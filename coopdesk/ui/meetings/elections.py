"""The elections of an agenda item: the list with add, edit and remove, and the count of the chosen one below
it (`election_box`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import ElectionDetail, ItemDetail, MeetingDetail, Person
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import N_, _
from coopdesk.ui.meetings.common import (
    Col,
    RowsModel,
    confirm,
    make_table,
    select_row,
    selected_row,
    stretch_column,
)
from coopdesk.ui.meetings.election_box import ElectionBox
from coopdesk.ui.meetings.election_dialog import ElectionDialog
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)


def election_state(election: ElectionDetail) -> str:
    if not election.closed:
        return _("Voting")
    if election.needs_runoff:
        return _("Tie: runoff needed")
    return _("Closed")


ELECTION_COLUMNS = (
    Col(N_("Election"), lambda e: e.title, tip=lambda e: e.title),
    Col(N_("Seats"), lambda e: str(e.seats), right=True),
    Col(N_("Voting"), lambda e: _(e.method.label)),
    Col(N_("State"), election_state),
)


def _style(election: ElectionDetail) -> str | None:
    return "warn" if election.needs_runoff else ("ok" if election.closed else None)


class ElectionsPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.item: ItemDetail | None = None
        self.people: list[Person] = []
        self.keep_id: int | None = None
        self.model = RowsModel(ELECTION_COLUMNS, self, style=_style)
        self.table = make_table(self.model)
        stretch_column(self.table, 0)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add", self.add), ("edit", self.edit), ("remove", self.remove)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
        self.box = ElectionBox(workspace)
        self.box.hide()
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for key in ("add", "edit", "remove"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        column.addLayout(bar)
        column.addWidget(self.table)
        # An item has a few of them: the list stays short and the vote below takes the room.
        self.table.setMaximumHeight(self.table.verticalHeader().defaultSectionSize() * 5
                                    + self.table.horizontalHeader().sizeHint().height() + 4)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.box, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for key, text in (("add", _("Add &election…")), ("edit", _("Edit…")), ("remove", _("Remove"))):
            self.buttons[key].setText(text)
        self.model.retranslate()
        self.box.retranslate_ui()

    def set_people(self, people: Sequence[Person]) -> None:
        self.people = list(people)

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        selected = self.selected()
        keep = self.keep_id or self.box.select_next or (
            selected.id if selected and self.item and self.item.id == item.id else None)
        self.keep_id = self.box.select_next = None
        self.detail, self.item = detail, item
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(item.elections)
        row = self.model.row_of(lambda e: e.id == keep) if keep is not None else None
        select_row(self.table, row if row is not None else (0 if item.elections else None))
        self.table.selectionModel().blockSignals(False)
        self._selection_changed()

    def selected(self) -> ElectionDetail | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _selection_changed(self) -> None:
        election = self.selected()
        if self.detail is not None:
            self.box.set_election(self.detail, election)
        live = self.detail is not None and self.detail.state in LIVE
        self.buttons["add"].setEnabled(live)
        self.buttons["edit"].setEnabled(live and election is not None and not election.closed)
        self.buttons["remove"].setEnabled(live and election is not None and not election.closed)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.buttons["edit"].isEnabled():
            self.edit()

    def add(self) -> None:
        if self.item is not None and self.workspace.db is not None:
            ElectionDialog.ask(self, self.workspace.db, self.item.id, None, self.people, on_saved=self._saved)

    def edit(self) -> None:
        election = self.selected()
        if election is not None and self.item is not None and self.workspace.db is not None:
            ElectionDialog.ask(self, self.workspace.db, self.item.id, election, self.people, on_saved=self._saved)

    def _saved(self, election: ElectionDetail) -> None:
        self.keep_id = election.id
        self.workspace.changed()

    def remove(self) -> None:
        election, db = self.selected(), self.workspace.db
        if election is None or db is None:
            return
        from coopdesk.services.meetings import remove_election

        confirm(self, _("Remove the election “%(title)s”?") % {"title": election.title}, "",
                lambda: run_op(self, lambda: remove_election(db, election_id=election.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))
