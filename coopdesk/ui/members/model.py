"""The members table: a model over the ids that match, with rows fetched in chunks as the view needs them.

Sorting and filtering happen in SQL (`member_ids`); the model only keeps the ordered ids and a cache of
the rows already shown, so ten thousand members cost ten thousand integers until someone scrolls.
Reads are short and SQLite in WAL mode lets them run beside the worker's writes, so they stay on the
GUI thread where the view asks for them.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from coopdesk.domain.members import Member, MemberStatus, skill_label
from coopdesk.i18n import N_, _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services.overview import MemberFilter, MemberSort, member_ids, members_by_id
from coopdesk.ui.colors import status_color
from coopdesk.ui.common import ChunkedIdsModel, Index

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# the roles a cell answers (the view asks a dozen for each cell it paints)
ANSWERED_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole))


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
            return ", ".join(skill_label(skill) for skill in member.skills)


class MembersModel(ChunkedIdsModel):
    column_count = len(COLUMNS)

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, parent)
        self._texts: dict[int, tuple[str, ...]] = {}  # id -> the row's cells, formatted once per language
        self.member_filter = MemberFilter()
        self.sort_by = MemberSort.CODE
        self.descending = False
        if db is not None:
            self.refresh()

    # -- the data behind the rows

    def _read_ids(self, db: Database) -> list[int]:
        return member_ids(db, member_filter=self.member_filter, sort=self.sort_by, descending=self.descending)

    def _read_rows(self, db: Database, ids: list[int]) -> dict[int, Member]:
        return members_by_id(db, ids)

    def refresh(self) -> None:
        self._texts.clear()
        super().refresh()

    def retranslate(self) -> None:
        self._texts.clear()
        super().retranslate()

    def _row_texts(self, member: Member) -> tuple[str, ...]:
        # The view asks each cell again on every repaint; Babel's dates are worth formatting once.
        texts = self._texts.get(member.id)
        if texts is None:
            texts = self._texts[member.id] = tuple(cell_text(member, column) for column in COLUMNS)
        return texts

    def set_filter(self, member_filter: MemberFilter) -> None:
        if member_filter != self.member_filter:
            self.member_filter = member_filter
            self.refresh()

    def member_id(self, row: int) -> int:
        return self.id_at(row)

    def member(self, row: int) -> Member | None:
        return self.row_at(row)

    def row_texts(self, row: int) -> tuple[str, ...] | None:
        """The row's cells as shown (None for a member deleted since the ids were read)."""
        member = self.member(row)
        return None if member is None else self._row_texts(member)

    # -- QAbstractTableModel

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == MEMBER_ID_ROLE:
            return self._ids[index.row()]
        if role not in ANSWERED_ROLES:
            return None
        member = self.member(index.row())
        if member is None:  # deleted by another program since the ids were read
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if member.status is MemberStatus.ACTIVE:
                return None
            return QBrush(status_color("muted"))
        text = self._row_texts(member)[index.column()]
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is SQL's job; columns without an SQL order (votes, skills) keep the current one."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        self.sort_by = COLUMNS[column].sort
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def sort_column(self) -> int:
        return next(i for i, column in enumerate(COLUMNS) if column.sort is self.sort_by)
