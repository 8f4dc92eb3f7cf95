"""The motions of an agenda item: the list (number, text, method, result) with add, edit and remove, and the
vote of the chosen one below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import ItemDetail, MeetingDetail, MotionDetail
from coopdesk.domain.meetings import MeetingState, MotionResult
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
from coopdesk.ui.meetings.motion_dialog import MotionDialog
from coopdesk.ui.meetings.vote_box import VoteBox
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)


def result_text(motion: MotionDetail) -> str:
    return _(motion.result.label) if motion.result is not None else _("Voting")


MOTION_COLUMNS = (
    Col(N_("No."), lambda m: m.number, right=True),
    Col(N_("Motion"), lambda m: m.text, tip=lambda m: m.text),
    Col(N_("Voting"), lambda m: _(m.method.label)),
    Col(N_("Majority"), lambda m: _(m.majority.label)),
    Col(N_("Result"), result_text),
)


def _style(motion: MotionDetail) -> str | None:
    return {MotionResult.PASSED: "ok", MotionResult.REJECTED: "bad", MotionResult.NO_QUORUM: "warn"}.get(
        motion.result) if motion.result else None


class MotionsPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.item: ItemDetail | None = None
        self.keep_id: int | None = None
        self.model = RowsModel(MOTION_COLUMNS, self, style=_style)
        self.table = make_table(self.model)
        stretch_column(self.table, 1)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add", self.add), ("edit", self.edit), ("remove", self.remove)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
        self.vote = VoteBox(workspace)
        self.vote.hide()
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
        layout.addWidget(self.vote, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for key, text in (("add", _("Add &motion…")), ("edit", _("Edit…")), ("remove", _("Remove"))):
            self.buttons[key].setText(text)
        self.model.retranslate()
        self.vote.retranslate_ui()

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        selected = self.selected()
        keep = self.keep_id or (selected.id if selected and self.item and self.item.id == item.id else None)
        self.keep_id = None
        self.detail, self.item = detail, item
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(item.motions)
        row = self.model.row_of(lambda m: m.id == keep) if keep is not None else None
        if row is None:  # the first vote still open, else the first motion
            row = self.model.row_of(lambda m: not m.closed)
        select_row(self.table, row if row is not None else (0 if item.motions else None))
        self.table.selectionModel().blockSignals(False)
        self._selection_changed()

    def selected(self) -> MotionDetail | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _selection_changed(self) -> None:
        motion = self.selected()
        if self.detail is not None:
            self.vote.set_motion(self.detail, motion)
        live = self.detail is not None and self.detail.state in LIVE
        self.buttons["add"].setEnabled(live)
        self.buttons["edit"].setEnabled(live and motion is not None and not motion.closed)
        self.buttons["remove"].setEnabled(live and motion is not None and not motion.closed)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.buttons["edit"].isEnabled():
            self.edit()

    def add(self) -> None:
        if self.item is not None and self.workspace.db is not None:
            MotionDialog.ask(self, self.workspace.db, self.item.id, None, on_saved=self._saved)

    def edit(self) -> None:
        motion = self.selected()
        if motion is not None and self.item is not None and self.workspace.db is not None:
            MotionDialog.ask(self, self.workspace.db, self.item.id, motion, on_saved=self._saved)

    def _saved(self, motion: MotionDetail) -> None:
        self.keep_id = motion.id
        self.workspace.changed()

    def remove(self) -> None:
        motion, db = self.selected(), self.workspace.db
        if motion is None or db is None:
            return
        from coopdesk.services.meetings import remove_motion

        confirm(self, _("Remove motion %(number)s?") % {"number": motion.number}, motion.text,
                lambda: run_op(self, lambda: remove_motion(db, motion_id=motion.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))
