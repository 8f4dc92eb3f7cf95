"""Posted entries: reversing one, listing them lazily, exporting them, a member's statement, fund balances."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.ledger import CONTRIBUTION_PREFIX, FUND_KINDS, EntryKind, FundPayer, PeriodState, split_kind
from coopdesk.domain.money import format_amount_plain
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    FundRecord,
    LedgerEntryRecord,
    MemberRecord,
    PayPeriodRecord,
)
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.csv_io import write_csv
from coopdesk.services.ledger._rows import Entry, load_rows, rows_by_id
from coopdesk.services.ledger._store import (
    effective_entries,
    get_member,
    post,
    posting_digest,
    reason_text,
    reversal_drafts,
    verification_code,
)
from coopdesk.services.ledger.dto import (
    EntryFilter,
    EntryRow,
    FundBalances,
    FundPeriodRow,
    ReversalResult,
    Statement,
    StatementTotals,
)
from coopdesk.services.ledger.fund_accounts import fund_accounts
from coopdesk.services.ledger.setup import to_fund
from coopdesk.services.ledger.years import in_year, years_with_entries

EXPORT_COLUMNS = ("entry_id", "posted_on", "period_id", "member_code", "kind", "amount", "reverses", "note")


# ---- reversing

def reverse_entry(db: Database, *, entry_id: int, reason: str, posted_on: date | None = None) -> ReversalResult:
    """Post the exact opposite of a posted entry, with the reason why.

    A pay entry (gross, contribution, advance, net) balances only with the rest of its member's pay line, so
    the whole line is reversed, each entry by its exact opposite. The reversals go into the entry's own
    period while it is open, else into the next open period (a late correction), else — when none is open —
    beside the original in its closed period. A share of a surplus is reversed alone.
    """
    with db.write() as session:
        return reverse(session, entry_id=entry_id, reason=reason, posted_on=posted_on or date.today())


def reverse(session: Session, *, entry_id: int, reason: str, posted_on: date) -> ReversalResult:
    entry = get_or_not_found(session, LedgerEntryRecord, entry_id, N_("There is no ledger entry %(id)s."))
    reason = reason_text(reason)
    if entry.kind == EntryKind.REVERSAL.value:
        raise InvalidInput(N_("Entry %(id)s is itself a reversal and cannot be reversed; post the entry again "
                              "instead."), id=entry.id)
    undone_by = session.scalar(select(LedgerEntryRecord.id).where(LedgerEntryRecord.reverses_id == entry.id))
    if undone_by is not None:
        raise InvalidInput(N_("Entry %(id)s was already reversed by entry %(other)s."), id=entry.id, other=undone_by)
    if entry.period_id is None:
        undone, target = [entry], None
    else:
        undone = [e for e in effective_entries(session, entry.period_id) if e.member_id == entry.member_id]
        target = _correction_period(session, entry.period_id)
    ids = post(session, reversal_drafts(undone, period_id=target, note=reason), posted_on=posted_on,
               action="ledger.reverse", entity="ledger_entry", entity_id=entry.id,
               details={"reason": reason, "period_id": target})
    mine = session.scalar(select(LedgerEntryRecord.id).where(LedgerEntryRecord.reverses_id == entry.id))
    assert mine is not None
    return ReversalResult(mine, tuple(e.id for e in undone), tuple(ids), target)


def _correction_period(session: Session, period_id: int) -> int:
    period = session.get(PayPeriodRecord, period_id)
    assert period is not None
    if period.state is PeriodState.OPEN:
        return period.id
    later = session.scalar(select(PayPeriodRecord.id).where(PayPeriodRecord.state == PeriodState.OPEN,
                                                            PayPeriodRecord.starts_on > period.ends_on)
                           .order_by(PayPeriodRecord.starts_on).limit(1))
    return later or period.id


# ---- the table of entries, lazily

def _filtered(query, entry_filter: EntryFilter):  # type: ignore[no-untyped-def]
    if entry_filter.period_id is not None:
        query = query.where(Entry.period_id == entry_filter.period_id)
    if entry_filter.member_code:
        query = query.where(Entry.member_id == select(MemberRecord.id)
                            .where(MemberRecord.code == entry_filter.member_code).scalar_subquery())
    if entry_filter.kind in FUND_KINDS:  # every fund's entries of that kind
        query = query.where(Entry.kind.startswith(f"{entry_filter.kind}:"))
    elif entry_filter.kind:
        query = query.where(Entry.kind == entry_filter.kind)
    if entry_filter.year is not None:
        query = query.where(in_year(entry_filter.year))
    return query


def entry_ids(db: Database, *, entry_filter: EntryFilter | None = None, descending: bool = False) -> list[int]:
    """The ids of the matching entries in posting order; a table fetches their rows page by page."""
    with db.read() as session:
        query = _filtered(select(Entry.id), entry_filter or EntryFilter())
        return list(session.scalars(query.order_by(Entry.id.desc() if descending else Entry.id)))


def entries_by_ids(db: Database, *, ids: list[int]) -> list[EntryRow]:
    """The rows of these entries, in the order of `ids` (unknown ids are left out)."""
    with db.read() as session:
        rows = rows_by_id(session, ids)
    return [rows[entry_id] for entry_id in ids if entry_id in rows]


def count_entries(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(Entry.id))) or 0


def export_entries(db: Database, *, path: Path, excel: bool = False) -> int:
    """Every posted entry as CSV (docs/cli.md's columns; amounts with a dot and two decimals)."""
    query = (select(Entry.id, Entry.posted_on, Entry.period_id, MemberRecord.code, Entry.kind, Entry.amount_cents,
                    Entry.reverses_id, Entry.note)
             .outerjoin(MemberRecord, MemberRecord.id == Entry.member_id).order_by(Entry.id))  # deposits: no member
    with db.read() as session:
        rows = ((entry_id, posted_on, period_id, code or "", kind, format_amount_plain(amount), reverses, note)
                for entry_id, posted_on, period_id, code, kind, amount, reverses, note in
                session.execute(query.execution_options(yield_per=2000)))
        return write_csv(path, EXPORT_COLUMNS, rows, excel=excel)


# ---- a member's statement

def statement(db: Database, *, member_code: str, year: int | None) -> Statement:
    """The member's entries (of one year, or all: `.years` says which year an entry counts in) and what they
    add up to; reversals count against the kind of the entry they undo."""
    with db.read() as session:
        member = get_member(session, member_code)
        conditions = [Entry.member_id == member.id]
        if year is not None:
            conditions.append(in_year(year))
        rows = load_rows(session, *conditions)
        sums: dict[str, int] = defaultdict(int)
        for row in rows:
            sums[row.effective_kind] += row.amount_cents
        totals = StatementTotals(sums[EntryKind.GROSS.value], _per_fund(sums, EntryKind.CONTRIBUTION),
                                 sums[EntryKind.ADVANCE.value], sums[EntryKind.NET.value],
                                 sums[EntryKind.SURPLUS.value], _per_fund(sums, EntryKind.OWED),
                                 sum(cents for _code, cents in _per_fund(sums, EntryKind.PAYOUT)))
        period_ids = {row.period_id for row in rows if row.period_id} | {
            row.original_period_id for row in rows if row.original_period_id}
        periods = {pid: (start, end) for pid, start, end in session.execute(
            select(PayPeriodRecord.id, PayPeriodRecord.starts_on, PayPeriodRecord.ends_on)
            .where(PayPeriodRecord.id.in_(period_ids)))} if period_ids else {}
        hashes = dict(session.execute(select(Entry.id, Entry.record_hash).where(*conditions)).all())
        code = verification_code(posting_digest((row.id, hashes.get(row.id)) for row in rows))
        return Statement(member.code, member.full_name, member.national_id, year, tuple(rows), totals, periods,
                         code)


def statement_years(db: Database, *, member_code: str | None = None) -> list[int]:
    """The years a statement can be asked for (of one member, if given): those with entries or pay periods,
    latest first — a year whose only entry is a surplus paid in it included."""
    with db.read() as session:
        member_id = get_member(session, member_code).id if member_code else None
        return years_with_entries(session, member_id=member_id)


def _per_fund(sums: dict[str, int], kind: EntryKind) -> tuple[tuple[str, int], ...]:
    """(fund code, total) of the entries of one fund kind, by fund code."""
    return tuple((code, cents) for entry_kind, code, cents in sorted(
        (*split_kind(key), cents) for key, cents in sums.items()) if entry_kind is kind and code)


# ---- fund balances

def fund_balances(db: Database, *, year: int | None = None) -> FundBalances:
    """Each workers-paid fund's contributions period by period (reversals included) and its running balance;
    beside them, where every fund stands at the end of the year (what management owes, deposited, paid out)."""
    with db.read() as session:
        funds = [to_fund(record) for record in session.scalars(
            select(FundRecord).where(FundRecord.paid_by == FundPayer.WORKERS).order_by(FundRecord.id))]
        index = {fund.id: position for position, fund in enumerate(funds)}
        sums: dict[int, list[int]] = defaultdict(lambda: [0] * len(funds))
        original = aliased(Entry)
        for period_id, fund_id, total in session.execute(
            select(Entry.period_id, Entry.fund_id, func.sum(Entry.amount_cents))
            .outerjoin(original, original.id == Entry.reverses_id)
            .where(Entry.fund_id.in_(list(index)), Entry.period_id.is_not(None),
                   func.coalesce(original.kind, Entry.kind).startswith(CONTRIBUTION_PREFIX))
            .group_by(Entry.period_id, Entry.fund_id)
        ):
            sums[period_id][index[fund_id]] += int(total)
        accounts = fund_accounts(session, until=date(year, 12, 31) if year is not None else None)
        periods = session.execute(
            select(PayPeriodRecord.id, PayPeriodRecord.starts_on, PayPeriodRecord.ends_on)
            .where(PayPeriodRecord.id.in_(list(sums)) if sums else PayPeriodRecord.id.is_(None))
            .order_by(PayPeriodRecord.ends_on)).all()
    balance = [0] * len(funds)
    opening: tuple[int, ...] | None = None
    rows: list[FundPeriodRow] = []
    for period_id, starts_on, ends_on in periods:
        if year is not None and ends_on.year > year:
            break
        if year is not None and ends_on.year < year:
            balance = [b + c for b, c in zip(balance, sums[period_id], strict=True)]
            continue
        if opening is None:
            opening = tuple(balance)
        balance = [b + c for b, c in zip(balance, sums[period_id], strict=True)]
        rows.append(FundPeriodRow(period_id, starts_on, ends_on, tuple(sums[period_id]), tuple(balance)))
    return FundBalances(year, tuple(funds), opening if opening is not None else tuple(balance), tuple(rows),
                        tuple(balance), accounts)
