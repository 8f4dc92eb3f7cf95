"""The council's yearly account ("memoria y cuenta"), as the annual report prints it: frozen DTOs gathered by
`services/annual.py` from the meetings, the rotation and the ledger.

Each part of the year is a section of its own, so that the modules still to come (needs raised and met,
learning) add a section beside these without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coopdesk.domain.meetings import ActionStatus, MeetingKind
from coopdesk.domain.settings import Council


@dataclass(frozen=True)
class MeetingLine:
    """One assembly of the year with its attendance (present voters of entitled ones)."""

    id: int
    number: str  # "07-2026"
    title: str
    kind: MeetingKind
    day: date
    entitled: int
    present_voters: int
    quorum_met: bool
    agreements: int


@dataclass(frozen=True)
class AgreementLine:
    """An agreement of the year and what became of its follow-up actions."""

    day: date
    meeting_number: str
    text: str
    actions: tuple[tuple[str, ActionStatus, date | None], ...] = ()  # (what, status, due)

    def count(self, status: ActionStatus) -> int:
        return sum(1 for _what, state, _due in self.actions if state is status)


@dataclass(frozen=True)
class RotationLine:
    """A member's weeks in each category of post over the year (published plans only)."""

    member_code: str
    full_name: str
    weeks: tuple[int, ...]  # in the order of `AnnualAccount.categories`

    @property
    def total(self) -> int:
        return sum(self.weeks)


@dataclass(frozen=True)
class PeriodLine:
    """One pay period of the year: hours, gross and net in cents (reversed entries left out)."""

    period_id: int
    starts_on: date
    ends_on: date
    hours_hundredths: int
    gross_cents: int
    net_cents: int


@dataclass(frozen=True)
class FundLine:
    """A social fund over the year: its balance at the end of each pay period, in cents."""

    name: str
    opening_cents: int
    closing_cents: int
    balances: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class OwedFundLine:
    """A fund management pays, at the end of the year: what it owed since the first pay period, what it
    deposited, and since when it has been behind (None when it is not)."""

    name: str
    owed_cents: int
    deposited_cents: int
    arrears_since: date | None

    @property
    def arrears_cents(self) -> int:
        return self.owed_cents - self.deposited_cents


@dataclass(frozen=True)
class AnnualAccount:
    council: Council
    year: int
    meetings: tuple[MeetingLine, ...]
    agreements: tuple[AgreementLine, ...]
    categories: tuple[str, ...]  # msgids of the rotation's categories
    rotation: tuple[RotationLine, ...]
    periods: tuple[PeriodLine, ...]
    funds: tuple[FundLine, ...]
    owed_funds: tuple[OwedFundLine, ...] = ()
    # room for the sections of later modules: "needs" (a domain.needs.NeedsYear), "learning" (the survey's
    # summary over the waves opened in the year and the one before them)
    extra: dict[str, object] = field(default_factory=dict)
