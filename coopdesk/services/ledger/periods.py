"""Pay periods, the hours worked in them and the advances paid during them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.ledger import EntryKind, Period, PeriodState, period_problems
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.money import format_amount_plain, parse_hours
from coopdesk.domain.payroll import hours_problems
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AdvanceRecord,
    HoursRecord,
    LedgerEntryRecord,
    MemberRecord,
    PayPeriodRecord,
    PeriodReopeningRecord,
)
from coopdesk.services.audit import append_event
from coopdesk.services.backup import backup_before
from coopdesk.services.csv_io import Column, RowCheck, read_csv
from coopdesk.services.ledger._store import NOTE_MAX, get_member, get_period, open_period
from coopdesk.services.ledger.dto import Advance, HoursGrid, HoursImport, HoursRow, PeriodSummary

HOURS_COLUMNS = (
    Column("member_code", ("codigo", "código"), required=True),
    Column("hours", ("horas",), required=True),
)


# ---- periods

def create_period(db: Database, *, starts_on: date, ends_on: date) -> PeriodSummary:
    """Open a pay period; it may not overlap any other."""
    with db.write() as session:
        return summary(session, add_period(session, starts_on=starts_on, ends_on=ends_on))


def add_period(session: Session, *, starts_on: date, ends_on: date) -> PayPeriodRecord:
    period = Period(starts_on, ends_on)
    others = [Period(start, end) for start, end in session.execute(
        select(PayPeriodRecord.starts_on, PayPeriodRecord.ends_on)
        .where(PayPeriodRecord.starts_on <= ends_on, PayPeriodRecord.ends_on >= starts_on))]
    if problems := period_problems(period, others):
        raise ProblemsFound(problems)
    record = PayPeriodRecord(starts_on=starts_on, ends_on=ends_on, state=PeriodState.OPEN)
    session.add(record)
    session.flush()
    append_event(session, action="ledger.period.open", entity="pay_period", entity_id=record.id,
                 after={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()})
    return record


def list_periods(db: Database, *, year: int | None = None) -> list[PeriodSummary]:
    """Every period (of the year it ends in, if given), latest first, with its hours and posted totals."""
    with db.read() as session:
        query = select(PayPeriodRecord).order_by(PayPeriodRecord.starts_on.desc())
        if year is not None:
            query = query.where(PayPeriodRecord.ends_on.between(date(year, 1, 1), date(year, 12, 31)))
        return summaries(session, list(session.scalars(query)))


def get_period_summary(db: Database, *, period_id: int) -> PeriodSummary:
    with db.read() as session:
        return summary(session, get_period(session, period_id))


def summary(session: Session, record: PayPeriodRecord) -> PeriodSummary:
    return summaries(session, [record])[0]


def summaries(session: Session, records: list[PayPeriodRecord]) -> list[PeriodSummary]:
    ids = [record.id for record in records]
    if not ids:
        return []
    hours = {pid: (count, total) for pid, count, total in session.execute(
        select(HoursRecord.period_id, func.count(), func.sum(HoursRecord.hundredths))
        .where(HoursRecord.period_id.in_(ids)).group_by(HoursRecord.period_id))}
    advances = dict(session.execute(
        select(AdvanceRecord.period_id, func.sum(AdvanceRecord.amount_cents))
        .where(AdvanceRecord.period_id.in_(ids)).group_by(AdvanceRecord.period_id)).all())
    reopenings = dict(session.execute(
        select(PeriodReopeningRecord.period_id, func.count())
        .where(PeriodReopeningRecord.period_id.in_(ids)).group_by(PeriodReopeningRecord.period_id)).all())
    posted: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    entries, reversal = LedgerEntryRecord.__table__, LedgerEntryRecord.__table__.alias("reversal")
    for pid, kind, total in session.execute(  # the period's own lines as they stand: not reversed
        select(entries.c.period_id, entries.c.kind, func.sum(entries.c.amount_cents))
        .select_from(entries.outerjoin(reversal, reversal.c.reverses_id == entries.c.id))
        .where(entries.c.period_id.in_(ids), reversal.c.id.is_(None),
               entries.c.kind.in_((EntryKind.GROSS.value, EntryKind.NET.value)))
        .group_by(entries.c.period_id, entries.c.kind)
    ):
        posted[pid][kind] = int(total or 0)
    return [
        PeriodSummary(
            id=record.id, starts_on=record.starts_on, ends_on=record.ends_on, state=record.state,
            closed_at=record.closed_at, members_with_hours=hours.get(record.id, (0, 0))[0],
            hours_hundredths=int(hours.get(record.id, (0, 0))[1] or 0),
            advances_cents=int(advances.get(record.id) or 0),
            gross_cents=posted[record.id][EntryKind.GROSS.value], net_cents=posted[record.id][EntryKind.NET.value],
            reopenings=int(reopenings.get(record.id) or 0),
        )
        for record in records
    ]


# ---- hours

def import_hours(db: Database, *, period_id: int, path: Path) -> HoursImport:
    """Hours from CSV (`member_code`, `hours`): every row or none. Members named again get the new figure."""
    table = read_csv(path, HOURS_COLUMNS)
    with db.write() as session:
        period = open_period(session, period_id)
        codes = {cells["member_code"] for _line, cells in table.rows if cells["member_code"]}
        members = _members_by_code(session, codes)
        problems = list(table.problems)
        hours: dict[int, int] = {}
        first_line: dict[str, int] = {}
        for line, cells in table.rows:
            row = RowCheck(line, cells, table.header)
            value = _hours_of_row(row, period, members, first_line)
            problems += row.problems
            if value is not None and not row.problems:
                hours[members[cells["member_code"]].id] = value
        if problems:
            raise ProblemsFound(sorted(problems, key=lambda problem: problem.line or 0))
        if hours:
            backup_before(db, "import")  # the state before this write (WAL: other connections see it)
        replace_hours(session, period, hours)
        return HoursImport(period.id, len(hours), sum(hours.values()))


def _hours_of_row(row: RowCheck, period: PayPeriodRecord, members: Mapping[str, MemberRecord],
                  first_line: dict[str, int]) -> int | None:
    """One row's hours, or None; its problems go to `row` (`first_line` remembers where each code was seen)."""
    code = row.cells["member_code"]
    if not code:
        row.bad("member_code", N_("a value is required"))
        return None
    if code in first_line:
        row.bad("member_code", N_("%(code)s is already on line %(other)d"), {"code": code, "other": first_line[code]})
        return None
    first_line[code] = row.line
    member_problem = _member_problem(members.get(code), code, period)
    if member_problem:
        row.bad("member_code", *member_problem)
        return None
    if not row.cells["hours"]:
        row.bad("hours", N_("a value is required"))
        return None
    value = row.parsed("hours", parse_hours, None)
    if value is not None:
        for problem in hours_problems({code: value}, Period(period.starts_on, period.ends_on).days):
            row.bad("hours", problem.message, problem.params)
    return value


def set_hours(db: Database, *, period_id: int, hours: Mapping[str, int]) -> HoursImport:
    """The hours grid's save: these members' hours (by code, in hundredths) replace what they had."""
    with db.write() as session:
        period = open_period(session, period_id)
        members = _members_by_code(session, set(hours))
        problems = []
        for code in sorted(hours):
            if member_problem := _member_problem(members.get(code), code, period):
                problems.append(Problem(member_problem[0], member_problem[1], column=code))
        problems += hours_problems({code: value for code, value in hours.items() if code in members},
                                   Period(period.starts_on, period.ends_on).days)
        if problems:
            raise ProblemsFound(problems)
        by_id = {members[code].id: value for code, value in hours.items()}
        replace_hours(session, period, by_id)
        return HoursImport(period.id, len(by_id), sum(by_id.values()))


def _members_by_code(session: Session, codes: set[str]) -> dict[str, MemberRecord]:
    if not codes:
        return {}
    return {m.code: m for m in session.scalars(select(MemberRecord).where(MemberRecord.code.in_(codes)))}


def _member_problem(member: MemberRecord | None, code: str, period: PayPeriodRecord
                    ) -> tuple[str, dict[str, object]] | None:
    """Why this member cannot be paid in the period, if they cannot: only workers, once they have joined."""
    if member is None:
        return N_("there is no member with code %(code)s"), {"code": code}
    if member.body is not Body.WORKER:
        return N_("%(code)s is not a worker; only workers are paid hours"), {"code": code}
    if member.joined_on > period.ends_on:
        return (N_("%(code)s joins on %(date)s, after the period ends"),
                {"code": code, "date": member.joined_on.isoformat()})
    return None


def replace_hours(session: Session, period: PayPeriodRecord, hours: Mapping[int, int]) -> None:
    """Those members' hours become these (0 removes them): importing twice never adds up."""
    if not hours:
        return
    session.execute(delete(HoursRecord).where(HoursRecord.period_id == period.id,
                                              HoursRecord.member_id.in_(list(hours))))
    rows = [{"period_id": period.id, "member_id": member_id, "hundredths": value}
            for member_id, value in hours.items() if value]
    if rows:
        session.execute(insert(HoursRecord), rows)
    append_event(session, action="ledger.hours", entity="pay_period", entity_id=period.id,
                 after={"hours": {str(member_id): value for member_id, value in sorted(hours.items())}})


def hours_grid(db: Database, *, period_id: int) -> HoursGrid:
    """A row for each active worker who had joined by the period's end, and anyone with hours or advances."""
    with db.read() as session:
        period = get_period(session, period_id)
        hours = dict(session.execute(select(HoursRecord.member_id, HoursRecord.hundredths)
                                     .where(HoursRecord.period_id == period.id)).all())
        advances = dict(session.execute(
            select(AdvanceRecord.member_id, func.sum(AdvanceRecord.amount_cents))
            .where(AdvanceRecord.period_id == period.id).group_by(AdvanceRecord.member_id)).all())
        members = session.execute(
            select(MemberRecord.id, MemberRecord.code, MemberRecord.full_name)
            .where(MemberRecord.body == Body.WORKER, MemberRecord.joined_on <= period.ends_on,
                   (MemberRecord.status == MemberStatus.ACTIVE)
                   | MemberRecord.id.in_(set(hours) | set(advances)))
            .order_by(MemberRecord.code)).all()
        rows = tuple(HoursRow(member_id, code, name, hours.get(member_id, 0), int(advances.get(member_id) or 0))
                     for member_id, code, name in members)
        return HoursGrid(summary(session, period), rows)


# ---- advances

def add_advance(db: Database, *, period_id: int, member_code: str, amount_cents: int,
                paid_on: date | None = None, note: str | None = None) -> Advance:
    """An advance already paid to a worker during an open period; it is deducted when the period closes."""
    with db.write() as session:
        return put_advance(session, period_id=period_id, member_code=member_code, amount_cents=amount_cents,
                           paid_on=paid_on, note=note)


def put_advance(session: Session, *, period_id: int, member_code: str, amount_cents: int,
                paid_on: date | None = None, note: str | None = None) -> Advance:
    period = open_period(session, period_id)
    member = get_member(session, member_code)
    if problem := _member_problem(member, member_code, period):
        raise InvalidInput(problem[0], **problem[1])
    if amount_cents <= 0:
        raise InvalidInput(N_("An advance must be more than zero."))
    note = " ".join(note.split())[:NOTE_MAX] if note else None
    record = AdvanceRecord(period_id=period.id, member_id=member.id, amount_cents=amount_cents, paid_on=paid_on,
                           note=note)
    session.add(record)
    session.flush()
    append_event(session, action="ledger.advance", entity="advance", entity_id=record.id, after={
        "period_id": period.id, "member_id": member.id, "amount": format_amount_plain(amount_cents)})
    return Advance(record.id, period.id, member.code, amount_cents, paid_on, note)


def list_advances(db: Database, *, period_id: int) -> list[Advance]:
    with db.read() as session:
        get_period(session, period_id)
        rows = session.execute(
            select(AdvanceRecord, MemberRecord.code).join(MemberRecord, MemberRecord.id == AdvanceRecord.member_id)
            .where(AdvanceRecord.period_id == period_id).order_by(AdvanceRecord.id)).all()
        return [Advance(a.id, a.period_id, code, a.amount_cents, a.paid_on, a.note) for a, code in rows]


def remove_advance(db: Database, *, advance_id: int) -> None:
    """Take back an advance entered by mistake, while its period is open (it was never posted)."""
    with db.write() as session:
        record = session.get(AdvanceRecord, advance_id)
        if record is None:
            raise InvalidInput(N_("There is no advance %(id)s."), id=advance_id)
        open_period(session, record.period_id)
        append_event(session, action="ledger.advance.remove", entity="advance", entity_id=record.id, before={
            "period_id": record.period_id, "member_id": record.member_id,
            "amount": format_amount_plain(record.amount_cents)})
        session.delete(record)
