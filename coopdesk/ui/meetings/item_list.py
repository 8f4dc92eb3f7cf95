"""What the motions and the elections of an agenda item have in common: a short list with add, edit and
remove, and the chosen one's box (its vote or its count) below it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import ItemDetail, MeetingDetail
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import _
from coopdesk.ui.meetings.common import Col, RowsModel, make_table, select_row, selected_row, stretch_column

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)


class ItemListPanel(QWidget):
    """Subclasses fill in: `_open` (the add or edit dialog), `_show_chosen` (the box below) and `remove`."""

    def __init__(self, workspace: MeetingWorkspace, box: QWidget, columns: Sequence[Col], *, stretched: int,
                 style: Callable[[Any], str | None]) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.item: ItemDetail | None = None
        self.keep_id: int | None = None
        self.model = RowsModel(columns, self, style=style)
        self.table = make_table(self.model)
        stretch_column(self.table, stretched)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add", self.add), ("edit", self.edit), ("remove", self.remove)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
        box.hide()
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
        layout.addWidget(box, 1)

    def retranslate_buttons(self, add_text: str) -> None:
        for key, text in (("add", add_text), ("edit", _("Edit…")), ("remove", _("Remove"))):
            self.buttons[key].setText(text)
        self.model.retranslate()

    def kept_id(self, item: ItemDetail) -> int | None:
        """The row to choose again: one just saved, else the chosen one if the item is the same."""
        selected = self.selected()
        return self.keep_id or (selected.id if selected and self.item and self.item.id == item.id else None)

    def show_rows(self, detail: MeetingDetail, item: ItemDetail, rows: Sequence[Any], keep: int | None,
                  fallback: Callable[[Any], bool] | None = None) -> None:
        """Lists `rows` and chooses `keep`, else the first row `fallback` accepts, else the first row."""
        self.keep_id = None
        self.detail, self.item = detail, item
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        row = self.model.row_of(lambda r: r.id == keep) if keep is not None else None
        if row is None and fallback is not None:
            row = self.model.row_of(fallback)
        select_row(self.table, row if row is not None else (0 if rows else None))
        self.table.selectionModel().blockSignals(False)
        self._selection_changed()

    def selected(self) -> Any:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _show_chosen(self, detail: MeetingDetail, chosen: Any) -> None:  # pragma: no cover — overridden
        raise NotImplementedError

    def _open(self, chosen: Any) -> None:  # pragma: no cover — overridden
        raise NotImplementedError

    def remove(self) -> None:  # pragma: no cover — overridden
        raise NotImplementedError

    def _selection_changed(self) -> None:
        chosen = self.selected()
        if self.detail is not None:
            self._show_chosen(self.detail, chosen)
        live = self.workspace.editable and self.detail is not None and self.detail.state in LIVE
        for button in self.buttons.values():
            button.setVisible(self.workspace.editable)
        self.buttons["add"].setEnabled(live)
        self.buttons["edit"].setEnabled(live and chosen is not None and not chosen.closed)
        self.buttons["remove"].setEnabled(live and chosen is not None and not chosen.closed)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.buttons["edit"].isEnabled():
            self.edit()

    def add(self) -> None:
        if self.item is not None and self.workspace.db is not None:
            self._open(None)

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.item is not None and self.workspace.db is not None:
            self._open(chosen)

    def _saved(self, saved: Any) -> None:
        self.keep_id = saved.id
        self.workspace.changed()
