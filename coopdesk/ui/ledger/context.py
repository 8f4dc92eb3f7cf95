"""What the ledger's tabs share: the database, the members and the pay periods (read once, read again after a
change), and one signal that tells every tab that the books changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from coopdesk.domain.members import Member
from coopdesk.persistence.database import Database
from coopdesk.services.ledger import PeriodSummary, list_periods, statement_years
from coopdesk.services.members import all_members


class LedgerContext(QObject):
    changed = Signal()  # something was written: tabs read again when next shown

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self._members: list[Member] | None = None
        self._periods: list[PeriodSummary] | None = None
        self._years: list[int] | None = None

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self._members = self._periods = self._years = None

    def members(self) -> list[Member]:
        if self._members is None:
            self._members = all_members(self.db) if self.db is not None else []
        return self._members

    def members_by_code(self) -> dict[str, Member]:
        return {member.code: member for member in self.members()}

    def periods(self) -> list[PeriodSummary]:
        """Every pay period, latest first."""
        if self._periods is None:
            self._periods = list_periods(self.db) if self.db is not None else []
        return self._periods

    def years(self) -> list[int]:
        """The years that have pay periods (a period counts in the year it ends), latest first."""
        return sorted({period.year for period in self.periods()}, reverse=True)

    def statement_years(self) -> list[int]:
        """The years a statement or the entries can be shown for: those with pay periods or entries (a surplus
        paid in a year with no period of its own yet counts), latest first."""
        if self._years is None:
            self._years = statement_years(self.db) if self.db is not None else []
        return self._years

    def notify(self) -> None:
        self._members = self._periods = self._years = None
        self.changed.emit()
