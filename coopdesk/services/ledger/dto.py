"""What the ledger services hand out: frozen, plain values a window, a command or a report can hold.

Amounts are integer cents, hours integer hundredths, percentages hundredths of a percent (see
`coopdesk.domain.money`). Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from coopdesk.domain.errors import Problem
from coopdesk.domain.ledger import FundPayer, PeriodState, SurplusBasis


@dataclass(frozen=True)
class Rate:
    """The equal hourly rate in force from a date, and the motion that set it."""

    id: int
    effective_from: date
    rate_cents: int
    motion_id: int
    motion_text: str


@dataclass(frozen=True)
class Fund:
    id: int
    code: str
    name: str
    percent_hundredths: int  # 5.25 % is 525
    motion_id: int | None = None
    active: bool = True
    paid_by: FundPayer = FundPayer.WORKERS


@dataclass(frozen=True)
class PeriodSummary:
    """A pay period as the list of periods shows it; money figures are the posted, effective ones."""

    id: int
    starts_on: date
    ends_on: date
    state: PeriodState
    closed_at: datetime | None = None
    members_with_hours: int = 0
    hours_hundredths: int = 0
    advances_cents: int = 0
    gross_cents: int = 0
    net_cents: int = 0
    reopenings: int = 0

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def year(self) -> int:
        """A period counts in the year it ends."""
        return self.ends_on.year

    @property
    def is_open(self) -> bool:
        return self.state is PeriodState.OPEN


@dataclass(frozen=True)
class HoursRow:
    member_id: int
    member_code: str
    member_name: str
    hours_hundredths: int
    advances_cents: int


@dataclass(frozen=True)
class HoursGrid:
    """The hours of a period, one row per worker who may have worked in it (0 when none were entered)."""

    period: PeriodSummary
    rows: tuple[HoursRow, ...]

    @property
    def max_hours_hundredths(self) -> int:
        return 24 * self.period.days * 100

    @property
    def total_hundredths(self) -> int:
        return sum(row.hours_hundredths for row in self.rows)


@dataclass(frozen=True)
class HoursImport:
    period_id: int
    members: int  # members named by the file
    total_hundredths: int  # their hours, as now stored


@dataclass(frozen=True)
class Advance:
    id: int
    period_id: int
    member_code: str
    amount_cents: int
    paid_on: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class PayrollLine:
    """One member's pay line; `contributions` follow the order of the payroll's `funds` (paid by the workers,
    deducted), `owed` that of its `owed_funds` (owed by management, not deducted)."""

    member_code: str
    member_name: str
    hours_hundredths: int
    gross_cents: int
    contributions: tuple[int, ...]
    advances_cents: int
    net_cents: int
    owed: tuple[int, ...] = ()

    @property
    def contributions_cents(self) -> int:
        return sum(self.contributions)


@dataclass(frozen=True)
class EntryRow:
    """A posted ledger entry with what a table of entries shows beside it."""

    id: int
    posted_on: date
    period_id: int | None
    member_code: str  # "" for a fund's own entry (a deposit)
    member_name: str
    kind: str  # gross, contribution:CODE, owed:CODE, deposit:CODE, payout:CODE, advance, net, surplus, reversal
    amount_cents: int
    reverses_id: int | None = None
    reversed_by_id: int | None = None
    note: str | None = None
    surplus_id: int | None = None
    original_kind: str | None = None  # for a reversal: the kind of the entry it undoes
    original_period_id: int | None = None  # for a reversal: the period of the entry it undoes
    motion_id: int | None = None  # the passed motion behind a payout

    @property
    def effective_kind(self) -> str:
        """The kind whose total the entry counts in (a reversal counts, negated, in its original's)."""
        return self.original_kind or self.kind


@dataclass(frozen=True)
class Correction:
    """A posted entry beside the entry that reversed it (either may belong to another period)."""

    original: EntryRow
    reversal: EntryRow


@dataclass(frozen=True)
class Payroll:
    """A period's payroll: the computed preview of an open period, or what was posted when it closed."""

    period: PeriodSummary
    rate: Rate | None
    funds: tuple[Fund, ...]
    lines: tuple[PayrollLine, ...]
    totals: PayrollLine
    posted: bool
    corrections: tuple[Correction, ...] = ()
    problems: tuple[Problem, ...] = ()  # why an open period cannot be closed yet (no rate…)
    verification: str | None = None  # the code of the posted entries, printed on the planilla
    owed_funds: tuple[Fund, ...] = ()  # the funds management pays

    @property
    def wage_ratio(self) -> Decimal:
        """Highest over lowest hourly rate paid in the period: 1.00 is the equal wage, by construction."""
        rates = {self.rate.rate_cents} if self.rate and self.lines else set()
        if not rates:
            return Decimal("1.00")
        return (Decimal(max(rates)) / Decimal(min(rates))).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CloseResult:
    period: PeriodSummary
    rate: Rate
    funds: tuple[Fund, ...]
    totals: PayrollLine
    members: int
    entries_posted: int
    entries_reversed: int  # when a reopened period is closed again, the lines that changed
    owed_funds: tuple[Fund, ...] = ()  # the funds management pays, in the order of `totals.owed`


@dataclass(frozen=True)
class ReversalResult:
    entry_id: int  # the reversal of the entry asked for
    reversed_ids: tuple[int, ...]  # every entry reversed (a pay line is reversed whole)
    new_ids: tuple[int, ...]
    period_id: int | None  # where the reversals were posted


@dataclass(frozen=True)
class SurplusShare:
    member_code: str
    member_name: str
    hours_hundredths: int
    share_cents: int


@dataclass(frozen=True)
class SurplusPreview:
    year: int
    amount_cents: int
    basis: SurplusBasis
    shares: tuple[SurplusShare, ...]

    @property
    def total_cents(self) -> int:
        return sum(share.share_cents for share in self.shares)


@dataclass(frozen=True)
class SurplusResult(SurplusPreview):
    id: int = 0
    motion_id: int | None = None


@dataclass(frozen=True)
class StatementTotals:
    gross_cents: int = 0
    contributions: tuple[tuple[str, int], ...] = ()  # (fund code, cents)
    advances_cents: int = 0
    net_cents: int = 0
    surplus_cents: int = 0
    owed: tuple[tuple[str, int], ...] = ()  # (fund code, cents) management owes the funds for the member's pay
    payouts_cents: int = 0  # paid to the member out of the funds

    @property
    def received_cents(self) -> int:
        """What the member was paid: net pay, shares of the surplus and payouts from the funds."""
        return self.net_cents + self.surplus_cents + self.payouts_cents


@dataclass(frozen=True)
class Statement:
    member_code: str
    member_name: str
    national_id: str | None
    year: int | None  # None: every year
    entries: tuple[EntryRow, ...]
    totals: StatementTotals
    periods: dict[int, tuple[date, date]] = field(default_factory=dict)  # period id -> (start, end)
    verification: str | None = None


@dataclass(frozen=True)
class FundPeriodRow:
    period_id: int
    starts_on: date
    ends_on: date
    contributions: tuple[int, ...]  # per fund, in the order of `FundBalances.funds`
    balances: tuple[int, ...]  # each fund's balance once the period is counted


@dataclass(frozen=True)
class FundBalances:
    """Each workers-paid fund's contributions period by period and its running balance (for a year, or all of
    them), and where every fund stands at the end of it."""

    year: int | None
    funds: tuple[Fund, ...]
    opening: tuple[int, ...]
    rows: tuple[FundPeriodRow, ...]
    closing: tuple[int, ...]
    accounts: tuple[FundBalance, ...] = ()  # every fund, as it stands at the end of the year

    @property
    def contributed(self) -> tuple[int, ...]:
        return tuple(close - open_ for open_, close in zip(self.opening, self.closing, strict=True))


@dataclass(frozen=True)
class FundBalance:
    """Where a fund stands: what the workers paid in, what management owes and deposited, what was paid out."""

    code: str
    name: str
    paid_by: FundPayer
    contributed_cents: int = 0  # deducted from the workers' pay
    owed_cents: int = 0  # owed by management for the pay lines posted
    deposited_cents: int = 0  # paid in by management
    paid_out_cents: int = 0  # paid out by the council's motions
    arrears_since: date | None = None  # the day the arrears began (see domain.ledger.arrears_since)

    @property
    def arrears_cents(self) -> int:
        """What management still owes (negative: it paid ahead)."""
        return self.owed_cents - self.deposited_cents

    @property
    def held_cents(self) -> int:
        """What the fund holds: the money really paid in, less what was paid out."""
        return self.contributed_cents + self.deposited_cents - self.paid_out_cents


@dataclass(frozen=True)
class FundMonth:
    month: date  # its first day
    owed_cents: int  # owed by management up to the month's end, in all
    deposited_cents: int  # deposited up to the month's end, in all


@dataclass(frozen=True)
class FundHistory:
    """A fund's account month by month, from its first entry to today (or its last entry)."""

    balance: FundBalance
    months: tuple[FundMonth, ...]


@dataclass(frozen=True)
class FundMove:
    """A deposit into a fund, or a payout from one."""

    id: int
    fund_code: str
    kind: str  # deposit:CODE or payout:CODE
    amount_cents: int
    paid_on: date
    member_code: str | None = None
    motion_id: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class EntryFilter:
    period_id: int | None = None
    member_code: str | None = None
    kind: str | None = None  # a kind, or "contribution" (owed, deposit, payout) for that kind of every fund
    year: int | None = None
