"""Which year an entry counts in: the one rule that a member's statement, the entries table's year filter and
`verify --document` (which recomputes a printed statement's code) all read, so they cannot drift apart.

A pay entry (gross, contributions, advance, net, owed, and a correction posted into a period) counts in the
year its pay period ends. Every other entry — a share of a surplus, a payout, a deposit, the reversal of one —
counts in the year it was paid: 2026's surplus paid on 10 February 2027 is in the 2027 statement, beside that
year's other receipts, which is where the worker looks for the money they received.

Statements printed before this rule put a share of a surplus in the year the surplus shared out instead;
`earlier_years` keeps that rule, for `verify --document` only, so the codes printed on them still verify.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from coopdesk.persistence.models import LedgerEntryRecord, PayPeriodRecord, SurplusRecord

Entry = LedgerEntryRecord


def counts_on() -> ColumnElement[date]:
    """The day whose year an entry counts in: its period's last day, or the day it was paid (read with
    `with_period`)."""
    return func.coalesce(PayPeriodRecord.ends_on, Entry.posted_on)


def with_period(query: Select) -> Select:
    return query.select_from(Entry).outerjoin(PayPeriodRecord, PayPeriodRecord.id == Entry.period_id)


def in_year(year: int) -> ColumnElement[bool]:
    """The entries that count in `year`: `counts_on` in that year, written so that a filter over many entries
    uses the periods' dates instead of reading every entry's period."""
    days = (date(year, 1, 1), date(year, 12, 31))
    periods = select(PayPeriodRecord.id).where(PayPeriodRecord.ends_on.between(*days))
    return or_(Entry.period_id.in_(periods), and_(Entry.period_id.is_(None), Entry.posted_on.between(*days)))


def earlier_years(session: Session) -> dict[int, int]:
    """The entries the earlier rule put in another year (shares of a surplus, and their reversals, paid in a
    year other than the surplus's), with that year."""
    return {entry_id: surplus_year for entry_id, surplus_year, paid_on in session.execute(
        select(Entry.id, SurplusRecord.year, Entry.posted_on)
        .join(SurplusRecord, SurplusRecord.id == Entry.surplus_id).where(Entry.period_id.is_(None)))
        if surplus_year != paid_on.year}


def years_with_entries(session: Session, *, member_id: int | None = None) -> list[int]:
    """The years that have entries (of one member, if given) or pay periods, latest first."""
    query = with_period(select(counts_on()).distinct())
    if member_id is not None:
        query = query.where(Entry.member_id == member_id)
    years = {value.year for value in session.scalars(query)}
    if member_id is None:
        years |= {end.year for end in session.scalars(select(PayPeriodRecord.ends_on))}
    return sorted(years, reverse=True)
