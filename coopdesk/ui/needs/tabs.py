"""What the three tabs of the Needs section share: a lazy table, a count, a row of buttons, selecting by id."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk.ui.common import LazyTab
from coopdesk.ui.needs.models import _Table
from coopdesk.ui.tables import fit_columns, make_table, selected_row


class RecordsTab(LazyTab):
    changed = Signal()  # a record was added or changed: the home page and the other tabs read again

    def __init__(self, model: _Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = make_table(model, precision=40)  # columns fitted to the first rows, not every row
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.count = QLabel()
        self.bar = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._buttons: list[tuple[QPushButton, str, bool]] = []  # button, msgid, needs a selected row

    def button(self, msgid: str, slot: Callable[[], None], *, needs_row: bool = False) -> QPushButton:
        button = QPushButton()
        button.clicked.connect(slot)
        self.bar.addWidget(button)
        self._buttons.append((button, msgid, needs_row))
        return button

    def write_controls(self) -> tuple[QWidget, ...]:
        return tuple(button for button, _msgid, _row in self._buttons)

    def reload(self) -> None:
        selected = self.selected_id()
        self.model.set_database(self.db)
        fit_columns(self.table, 260)
        self.count_text()
        if selected is not None:
            self.select(selected)
        self.update_buttons()

    def count_text(self) -> None:
        self.count.setText(_("%(count)d shown") % {"count": self.model.rowCount()})

    def selected_id(self) -> int | None:
        row = selected_row(self.table)
        return None if row is None else self.model.id_at(row)

    def selected(self):  # type: ignore[no-untyped-def]
        row = selected_row(self.table)
        return None if row is None else self.model.item(row)

    def select(self, record_id: int) -> bool:
        self.ensure_loaded()
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def update_buttons(self) -> None:
        has_row = self.selected_id() is not None
        for button, _msgid, needs_row in self._buttons:
            button.setEnabled(self.db is not None and (has_row or not needs_row))

    def retranslate_ui(self) -> None:
        for button, msgid, _row in self._buttons:
            button.setText(_(msgid))
            button.setAccessibleName(_(msgid))
        self.table.setAccessibleName(self.accessible_title())
        self.model.retranslate()
        self.count_text()

    def accessible_title(self) -> str:
        return ""

    def saved(self, record: object = None) -> None:
        """After a write: read again, select the record written (one of this tab's), tell the others."""
        self.stale = True
        self.ensure_loaded()
        if record is not None and hasattr(record, "id"):
            self.select(record.id)
        self.changed.emit()
