"""Vocabulary and small rules of the equal-wage ledger: entry kinds, pay periods, balance, reversals.

The arithmetic of a payroll and of a surplus is in `payroll.py`, amounts and their parsing in `money.py`.
Posted entries are append-only: a correction is a reversing entry of the exact opposite amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coopdesk.domain.errors import Problem
from coopdesk.domain.settings import UnitKind
from coopdesk.i18n import N_, Translator, current

CONTRIBUTION_PREFIX = "contribution:"


class PeriodState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return PERIOD_STATE_LABELS[self]


class SurplusBasis(StrEnum):
    EQUAL = "equal"
    HOURS = "hours"

    @property
    def label(self) -> str:
        return BASIS_LABELS[self]


class FundPayer(StrEnum):
    """Who pays a social fund: the workers, from their gross pay, or management, on top of it."""

    WORKERS = "workers"
    MANAGEMENT = "management"

    @property
    def label(self) -> str:
        return PAYER_LABELS[self]


def default_payer(kind: UnitKind) -> FundPayer:
    """In an SPU the funds are benefits management owes; in a cooperative the members pay them."""
    return FundPayer.MANAGEMENT if UnitKind(kind) is UnitKind.SPU else FundPayer.WORKERS


class EntryKind(StrEnum):
    """The kinds of the ledger export (docs/cli.md); the fund kinds are written `KIND:CODE`."""

    GROSS = "gross"
    CONTRIBUTION = "contribution"  # deducted from the worker's pay, into a workers-paid fund
    OWED = "owed"  # owed by management to a fund for the worker's pay line, not deducted
    DEPOSIT = "deposit"  # what management paid into a fund (no member)
    PAYOUT = "payout"  # paid out of a fund by a council's passed motion
    ADVANCE = "advance"
    NET = "net"
    SURPLUS = "surplus"
    REVERSAL = "reversal"


FUND_KINDS = (EntryKind.CONTRIBUTION, EntryKind.OWED, EntryKind.DEPOSIT, EntryKind.PAYOUT)


PERIOD_STATE_LABELS = {PeriodState.OPEN: N_("Open period"), PeriodState.CLOSED: N_("Closed period")}
PAYER_LABELS = {FundPayer.WORKERS: N_("Paid by the workers"), FundPayer.MANAGEMENT: N_("Paid by management")}
BASIS_LABELS = {SurplusBasis.EQUAL: N_("In equal shares"), SurplusBasis.HOURS: N_("In proportion to hours")}
KIND_LABELS = {
    EntryKind.GROSS: N_("Gross pay"),
    EntryKind.CONTRIBUTION: N_("Contribution to %(fund)s"),
    EntryKind.OWED: N_("Owed by management to %(fund)s"),
    EntryKind.DEPOSIT: N_("Deposit by management into %(fund)s"),
    EntryKind.PAYOUT: N_("Payout from %(fund)s"),
    EntryKind.ADVANCE: N_("Advance"),
    EntryKind.NET: N_("Net pay"),
    EntryKind.SURPLUS: N_("Share of the surplus"),
    EntryKind.REVERSAL: N_("Reversal"),
}


def contribution_kind(fund_code: str) -> str:
    return fund_kind(EntryKind.CONTRIBUTION, fund_code)


def fund_kind(kind: EntryKind, fund_code: str) -> str:
    """`owed` and `vivienda` → `owed:vivienda`."""
    return f"{kind.value}:{fund_code}"


def split_kind(kind: str) -> tuple[EntryKind, str | None]:
    """`contribution:HOUSING` → (CONTRIBUTION, "HOUSING"); `net` → (NET, None). ValueError for anything else."""
    head, colon, code = kind.partition(":")
    entry_kind = EntryKind(head)
    if (entry_kind in FUND_KINDS) != bool(colon and code):
        raise ValueError(kind)
    return entry_kind, code or None


def kind_label(kind: str, tr: Translator | None = None) -> str:
    tr = tr or current()
    entry_kind, fund = split_kind(kind)
    label = tr.gettext(KIND_LABELS[entry_kind])
    return label % {"fund": fund} if fund is not None else label


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def year(self) -> int:
        """A period counts in the year it ends (for surpluses and yearly statements)."""
        return self.ends_on.year

    def overlaps(self, other: Period) -> bool:
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on


def period_problems(period: Period, others: Iterable[Period] = ()) -> list[Problem]:
    """A period must run forwards and overlap no other."""
    if period.ends_on < period.starts_on:
        return [Problem(N_("the period ends on %(end)s, before it starts on %(start)s"),
                        {"start": period.starts_on.isoformat(), "end": period.ends_on.isoformat()}, column="end")]
    return [
        Problem(N_("the period overlaps the period from %(start)s to %(end)s"),
                {"start": other.starts_on.isoformat(), "end": other.ends_on.isoformat()}, column="start")
        for other in sorted(others, key=lambda other: other.starts_on) if period.overlaps(other)
    ]


def balances(gross_cents: int, contributions_cents: Iterable[int], advances_cents: int, net_cents: int) -> bool:
    """The ledger's invariant for a member and period: net = gross − contributions − advances, to the cent."""
    return net_cents == gross_cents - sum(contributions_cents) - advances_cents


def arrears_since(owed: Sequence[tuple[date, int]], deposited_cents: int) -> date | None:
    """Since when management has been behind with a fund, or None when it is not.

    `owed` is what it came to owe, dated, in date order (a reversal is a negative amount); deposits pay the
    oldest debt first, so the arrears began where the owed total last rose above everything deposited and
    stayed above it.
    """
    running, since = 0, None
    for day, cents in owed:
        running += cents
        since = (since or day) if running > deposited_cents else None
    return since


ARREARS = N_("management owes %(amount)s to the fund “%(fund)s” since %(month)s")


def arrears_text(fund_name: str, arrears_cents: int, since: date, tr: Translator | None = None) -> str:
    """"la gerencia adeuda Bs. 12.345,67 al fondo «Fondo de vivienda» desde marzo de 2026"."""
    tr = tr or current()
    return tr.gettext(ARREARS) % {"amount": tr.money(arrears_cents), "fund": fund_name, "month": tr.month(since)}


def reversal_of(amount_cents: int) -> int:
    """The amount of the entry that undoes a posted one; the two add up to zero."""
    return -amount_cents
