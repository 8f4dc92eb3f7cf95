"""The members table: a model over the ids that match, with rows fetched in chunks as the view needs them.

Sorting and filtering happen in SQL (`member_ids`); the model only keeps the ordered ids and a cache of
the rows already shown, so ten thousand members cost ten thousand integers until someone scrolls.
Reads are short and SQLite in WAL mode lets them run beside the worker's writes, so they stay on the
GUI thread where the view asks for them.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from coopdesk.domain.members import Member, MemberStatus
from coopdesk.i18n import N_, _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.members import MemberFilter, MemberSort, member_ids, members_by_id

CHUNK = 100
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class MemberColumn(Enum):
    """The columns in display order: (header, the SQL sort behind the column or None)."""

    CODE = (N_("Code"), MemberSort.CODE)
    NAME = (N_("Name"), MemberSort.NAME)
    NATIONAL_ID = (N_("National ID"), MemberSort.NATIONAL_ID)
    BODY = (N_("Body"), MemberSort.BODY)
    VOTING = (N_("Votes"), None)
    JOINED = (N_("Joined"), MemberSort.JOINED)
    STATUS = (N_("Status"), MemberSort.STATUS)
    SKILLS = (N_("Skills"), None)

    @property
    def header(self) -> str:
        return self.value[0]

    @property
    def sort(self) -> MemberSort | None:
        return self.value[1]


COLUMNS = list(MemberColumn)


def cell_text(member: Member, column: MemberColumn) -> str:
    match column:
        case MemberColumn.CODE:
            return member.code
        case MemberColumn.NAME:
            return member.full_name
        case MemberColumn.NATIONAL_ID:
            return member.national_id or ""
        case MemberColumn.BODY:
            return _(member.body.label)
        case MemberColumn.VOTING:
            return _("Yes") if member.voting else _("No")
        case MemberColumn.JOINED:
            return format_date(member.joined_on)
        case MemberColumn.STATUS:
            return _(member.status.label)
        case MemberColumn.SKILLS:
            return ", ".join(member.skills)


class MembersModel(QAbstractTableModel):
    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._cache: dict[int, Member] = {}
        self.member_filter = MemberFilter()
        self.sort_by = MemberSort.CODE
        self.descending = False
        if db is not None:
            self.refresh()

    # -- the data behind the rows

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.refresh()

    def refresh(self) -> None:
        """Query the ids again (after a filter, a sort or an edit); rows are re-read as they are shown."""
        self.beginResetModel()
        self._cache.clear()
        self._ids = (
            member_ids(self._db, member_filter=self.member_filter, sort=self.sort_by, descending=self.descending)
            if self._db is not None
            else []
        )
        self.endResetModel()

    def set_filter(self, member_filter: MemberFilter) -> None:
        if member_filter != self.member_filter:
            self.member_filter = member_filter
            self.refresh()

    def member_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, member_id: int) -> int | None:
        try:
            return self._ids.index(member_id)
        except ValueError:
            return None

    def member(self, row: int) -> Member | None:
        member_id = self._ids[row]
        member = self._cache.get(member_id)
        if member is None and self._db is not None:
            # Fetch the chunk around the row at once: views ask row by row, the database prefers batches.
            start = max(0, row - CHUNK // 4)
            wanted = [i for i in self._ids[start:start + CHUNK] if i not in self._cache]
            self._cache.update(members_by_id(self._db, wanted))
            member = self._cache.get(member_id)
        return member

    def retranslate(self) -> None:
        """Labels and dates follow the language: repaint every cell and header."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    # -- QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == MEMBER_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        member = self.member(index.row())
        if member is None:  # deleted by another program since the ids were read
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if member.status is MemberStatus.ACTIVE:
                return None
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        text = cell_text(member, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column in (MemberColumn.NAME, MemberColumn.SKILLS) and text else None
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Not super().headerData(): in PySide6 6.12 it releases None once too often and crashes later.
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section].header) if 0 <= section < len(COLUMNS) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is SQL's job; columns without an SQL order (votes, skills) keep the current one."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        self.sort_by = COLUMNS[column].sort
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def sort_column(self) -> int:
        return next(i for i, column in enumerate(COLUMNS) if column.sort is self.sort_by)
