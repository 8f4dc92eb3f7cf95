"""The Needs section's tables: lazy models over ids (rows read a chunk at a time as the view shows them).

A commitment past its date stands out by the style's warning icon and its state in bold, reading "Overdue by N
days" — never by colour alone."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from coopdesk.domain.needs import Commitment, Incident, Need, NeedKind, Viewer, in_words
from coopdesk.i18n import N_, _, format_date
from coopdesk.persistence.database import Database
from coopdesk.services import needs
from coopdesk.ui.common import ChunkedIdsModel, Index

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
DESK, ALL_NEEDS = Viewer.desk(), needs.NeedFilter()  # the secretaries' view, every need


class NeedColumn(Enum):
    ID = N_("No.")
    RECORDED = N_("Recorded")
    KIND = N_("Kind")
    MEMBER = N_("Member")
    TITLE = N_("Need")
    STATE = N_("State")
    MEETING = N_("Raised in")
    MET = N_("Met on")


class CommitmentColumn(Enum):
    ID = N_("No.")
    DUE = N_("Due")
    STATE = N_("State")
    OWED_BY = N_("Owed by")
    WHAT = N_("What")


class IncidentColumn(Enum):
    ID = N_("No.")
    ON = N_("Date")
    KIND = N_("Kind")
    AFFECTED = N_("Affected")
    WHAT = N_("What happened")
    ACTIONS = N_("Actions decided")
    RAISED = N_("Led to")


def who(need: Need) -> str:
    if need.member_name:
        return f"{need.member_code} — {need.member_name}"
    if need.hidden:
        return _("(private)")
    return _("Community") if need.kind is NeedKind.COMMUNITY else ""


class _Table(ChunkedIdsModel):
    """Shared: headers from the column enum, display and tooltip texts from `texts(row)`."""

    columns: tuple[Enum, ...] = ()

    def texts(self, item: Any) -> tuple[str, ...]:  # pragma: no cover — every model overrides it
        raise NotImplementedError

    def item(self, row: int) -> Any:
        return self.row_at(row) if 0 <= row < len(self._ids) else None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (DISPLAY, TOOLTIP):
            return self.decoration(index, role)
        item = self.row_at(index.row())
        if item is None:
            return None
        return self.texts(item)[index.column()]

    def decoration(self, index: Index, role: int) -> Any:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].value) if 0 <= section < len(self.columns) else None
        return section + 1


class NeedsModel(_Table):
    columns = tuple(NeedColumn)
    column_count = len(NeedColumn)

    def __init__(self, db: Database | None = None, parent: Any = None, *, viewer: Viewer = DESK,
                 need_filter: needs.NeedFilter = ALL_NEEDS) -> None:
        super().__init__(db, parent)
        self.viewer, self.need_filter = viewer, need_filter
        if db is not None:
            self.refresh()

    def set_filter(self, need_filter: needs.NeedFilter) -> None:
        self.need_filter = need_filter
        self.refresh()

    def _read_ids(self, db: Database) -> list[int]:
        return needs.need_ids(db, need_filter=self.need_filter)

    def _read_rows(self, db: Database, ids: list[int]) -> dict[int, Need]:
        return needs.needs_by_id(db, ids, viewer=self.viewer)

    def texts(self, need: Need) -> tuple[str, ...]:
        meeting = f"{need.raised_in} · {need.meeting_title}" if need.raised_in else ""
        return (str(need.id), format_date(need.created_on), _(need.kind.label), who(need), need.title,
                _(need.state.label), meeting, format_date(need.met_on) if need.met_on else "")


class CommitmentsModel(_Table):
    columns = tuple(CommitmentColumn)
    column_count = len(CommitmentColumn)

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(db, parent)
        self.today = date.today()
        self.pending_only = False
        if db is not None:
            self.refresh()

    def _read_ids(self, db: Database) -> list[int]:
        self.today = date.today()
        return needs.commitment_ids(db, pending_only=self.pending_only)

    def _read_rows(self, db: Database, ids: list[int]) -> dict[int, Commitment]:
        return needs.commitments_by_id(db, ids)

    def texts(self, commitment: Commitment) -> tuple[str, ...]:
        commitment = in_words(commitment)  # a fund's arrears in the language shown now
        late = commitment.days_overdue(self.today)
        state = (_("Overdue by %(days)d days") % {"days": late}) if late else _(commitment.state.label)
        return (str(commitment.id), format_date(commitment.due), state, commitment.owed_by, commitment.what)

    def decoration(self, index: Index, role: int) -> Any:
        commitment = self.row_at(index.row())
        if commitment is None or not commitment.overdue(self.today):
            return None
        if role == Qt.ItemDataRole.DecorationRole and self.columns[index.column()] is CommitmentColumn.STATE:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.FontRole and self.columns[index.column()] is CommitmentColumn.STATE:
            font = QFont()
            font.setBold(True)
            return font
        return None


class IncidentsModel(_Table):
    columns = tuple(IncidentColumn)
    column_count = len(IncidentColumn)

    def __init__(self, db: Database | None = None, parent: Any = None, *, viewer: Viewer = DESK) -> None:
        super().__init__(db, parent)
        self.viewer = viewer
        if db is not None:
            self.refresh()

    def _read_ids(self, db: Database) -> list[int]:
        return needs.incident_ids(db)

    def _read_rows(self, db: Database, ids: list[int]) -> dict[int, Incident]:
        return needs.incidents_by_id(db, ids, viewer=self.viewer)

    def texts(self, incident: Incident) -> tuple[str, ...]:
        affected = incident.member_name or (_("(private)") if incident.hidden else "")
        raised = [_("need %(id)d") % {"id": incident.need_id}] if incident.need_id else []
        raised += [_("commitment %(id)d") % {"id": incident.commitment_id}] if incident.commitment_id else []
        return (str(incident.id), format_date(incident.occurred_on), _(incident.kind.label), affected, incident.what,
                incident.actions, ", ".join(raised))
