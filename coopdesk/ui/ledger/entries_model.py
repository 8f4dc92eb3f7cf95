"""The table of posted entries: a model over the ids that match the filter, rows read in chunks as the view
shows them (a hundred thousand entries cost a hundred thousand integers until someone scrolls). A reversal and
the entry it undoes are labelled with each other's number."""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from coopdesk.domain.ledger import EntryKind, kind_label
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import EntryFilter, EntryRow, entries_by_ids, entry_ids
from coopdesk.ui.common import ChunkedIdsModel
from coopdesk.ui.ledger.common import LEFT, RIGHT, Index, money, row_brush, short_date

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2


class EntryColumn(Enum):
    # What an entry is and whether a reversal touches it come before whose it is: those labels must show.
    ID = N_("No.")
    POSTED_ON = N_("Posted on")
    PERIOD = N_("Period")
    KIND = N_("Kind")
    AMOUNT = N_("Amount")
    CORRECTION = N_("Correction")
    CODE = N_("Code")
    NAME = N_("Name")
    NOTE = N_("Note")


COLUMNS = list(EntryColumn)


def kind_text(entry: EntryRow) -> str:
    if entry.kind == EntryKind.REVERSAL.value and entry.original_kind:
        return _("Reversal of: %(kind)s") % {"kind": kind_label(entry.original_kind)}
    return kind_label(entry.kind)


def correction_text(entry: EntryRow) -> str:
    if entry.reverses_id is not None:
        return _("reverses entry no. %(id)s") % {"id": entry.reverses_id}
    if entry.reversed_by_id is not None:
        return _("reversed by entry no. %(id)s") % {"id": entry.reversed_by_id}
    return ""


def period_text(entry: EntryRow) -> str:
    if entry.period_id is not None:
        return str(entry.period_id)
    return _("Surplus") if entry.surplus_id is not None else ""


def cell_text(entry: EntryRow, column: EntryColumn) -> str:
    match column:
        case EntryColumn.ID:
            return str(entry.id)
        case EntryColumn.POSTED_ON:
            return short_date(entry.posted_on)
        case EntryColumn.PERIOD:
            return period_text(entry)
        case EntryColumn.CODE:
            return entry.member_code
        case EntryColumn.NAME:
            return entry.member_name
        case EntryColumn.KIND:
            return kind_text(entry)
        case EntryColumn.AMOUNT:
            return money(entry.amount_cents)
        case EntryColumn.CORRECTION:
            return correction_text(entry)
        case EntryColumn.NOTE:
            return entry.note or ""


def entry_style(entry: EntryRow) -> str | None:
    if entry.kind == EntryKind.REVERSAL.value:
        return "reversal"
    return "muted" if entry.reversed_by_id is not None else None


class EntriesModel(ChunkedIdsModel):
    column_count = len(COLUMNS)

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, parent)
        self.entry_filter = EntryFilter()
        self.descending = True  # the latest postings first
        if db is not None:
            self.refresh()

    def _read_ids(self, db: Database) -> list[int]:
        return entry_ids(db, entry_filter=self.entry_filter, descending=self.descending)

    def _read_rows(self, db: Database, ids: list[int]) -> dict[int, EntryRow]:
        return {found.id: found for found in entries_by_ids(db, ids=ids)}

    def set_filter(self, entry_filter: EntryFilter) -> None:
        if entry_filter != self.entry_filter:
            self.entry_filter = entry_filter
            self.refresh()

    def set_descending(self, descending: bool) -> None:
        if descending != self.descending:
            self.descending = descending
            self.refresh()

    def entry_id(self, row: int) -> int:
        return self.id_at(row)

    def entry(self, row: int) -> EntryRow | None:
        return self.row_at(row)

    # -- QAbstractTableModel

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids) or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == ENTRY_ID_ROLE:
            return self._ids[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column in (EntryColumn.ID, EntryColumn.AMOUNT, EntryColumn.PERIOD) else LEFT)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.FontRole, ENTRY_ROLE):
            return None
        entry = self.entry(index.row())
        if entry is None:  # gone since the ids were read (a database restored meanwhile)
            return None
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole:
            return row_brush(entry_style(entry))
        if role == Qt.ItemDataRole.FontRole:
            if column is EntryColumn.AMOUNT and entry.reversed_by_id is not None:
                font = QFont()
                font.setStrikeOut(True)  # undone by a reversal: it no longer counts
                return font
            return None
        text = cell_text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column in (EntryColumn.NAME, EntryColumn.NOTE, EntryColumn.KIND) and text else None
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Not super().headerData(): in PySide6 6.12 it releases None once too often and crashes later.
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section].value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if COLUMNS[section] in (EntryColumn.ID, EntryColumn.AMOUNT, EntryColumn.PERIOD)
                       else LEFT)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Entries are kept in posting order; the number column turns it around."""
        if 0 <= column < len(COLUMNS) and COLUMNS[column] is EntryColumn.ID:
            self.set_descending(order == Qt.SortOrder.DescendingOrder)
