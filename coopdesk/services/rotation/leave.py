"""Periods of leave: list, add and remove per member (the leave calendar), and the CSV import (docs/cli.md).

A member on leave any day of a week is not planned that week. Leave that falls on a published week where
the member holds a post is accepted — people fall ill after a roster is out — and reported as a conflict,
so that the council takes the member off that week (`swaps.release_member`) or records a swap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.parsing import parse_date
from coopdesk.domain.rotation import PlanState
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import LeaveRecord, MemberRecord
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.backup import backup_before
from coopdesk.services.csv_io import Column, RowCheck, read_csv
from coopdesk.services.rotation._store import assignments
from coopdesk.services.rotation.dto import REASON_MAX, Leave, LeaveConflict, LeaveImportSummary

COLUMNS = (
    Column("member_code", ("codigo", "código"), required=True),
    Column("from", ("desde",), required=True),
    Column("to", ("hasta",), required=True),
    Column("reason", ("motivo",)),
)


def list_leave(db: Database, *, member_id: int | None = None, first: date | None = None,
               last: date | None = None) -> list[Leave]:
    """Leave by start date: one member's, or everyone's; only periods touching [first, last] when given."""
    query = (select(LeaveRecord, MemberRecord.code, MemberRecord.full_name)
             .join(MemberRecord, MemberRecord.id == LeaveRecord.member_id)
             .order_by(LeaveRecord.starts_on, MemberRecord.code))
    if member_id is not None:
        query = query.where(LeaveRecord.member_id == member_id)
    if first is not None:
        query = query.where(LeaveRecord.ends_on >= first)
    if last is not None:
        query = query.where(LeaveRecord.starts_on <= last)
    with db.read() as session:
        return [_to_leave(record, code, name) for record, code, name in session.execute(query)]


def add_leave(db: Database, *, member_id: int, starts_on: date, ends_on: date, reason: str | None = None) -> Leave:
    reason = (reason or "").strip() or None
    problems = _date_problems(starts_on, ends_on, reason)
    if problems:
        raise ProblemsFound(problems)
    with db.write() as session:
        member = get_or_not_found(session, MemberRecord, member_id, N_("There is no member with id %(id)s."))
        same = session.scalar(select(LeaveRecord).where(
            LeaveRecord.member_id == member_id, LeaveRecord.starts_on == starts_on, LeaveRecord.ends_on == ends_on))
        if same is not None:
            raise InvalidInput(N_("%(member)s already has this leave."), member=member.code)
        record = LeaveRecord(member_id=member_id, starts_on=starts_on, ends_on=ends_on, reason=reason)
        session.add(record)
        session.flush()
        return _to_leave(record, member.code, member.full_name)


def remove_leave(db: Database, *, leave_id: int) -> None:
    with db.write() as session:
        record = get_or_not_found(session, LeaveRecord, leave_id, N_("There is no leave with id %(id)s."))
        session.delete(record)


def leave_conflicts(db: Database, *, member_code: str | None = None) -> list[LeaveConflict]:
    """Published weeks where a member holds a post while on leave (each asks for a release or a swap)."""
    with db.read() as session:
        query = select(MemberRecord.code, LeaveRecord.starts_on, LeaveRecord.ends_on).join(
            MemberRecord, MemberRecord.id == LeaveRecord.member_id)
        if member_code is not None:
            query = query.where(MemberRecord.code == member_code)
        return _conflicts(session, session.execute(query).all())


def import_leave(db: Database, *, path: Path) -> LeaveImportSummary:
    """Add every period of the file (a period already stored keeps its row; a new reason replaces the old),
    or — on any problem — nothing (raises ProblemsFound)."""
    table = read_csv(path, COLUMNS)
    problems = list(table.problems)
    with db.write() as session:
        members = dict(session.execute(select(MemberRecord.code, MemberRecord.id)).all())
        rows: list[_Row] = []
        first_line: dict[tuple[str, date, date], int] = {}
        for line, cells in table.rows:
            row, found = _read_row(line, cells, table.header, members)
            if row is not None:
                key = (row.member_code, row.starts_on, row.ends_on)
                if key in first_line:
                    found.append(Problem(N_("this leave is already on line %(other)d"), {"other": first_line[key]},
                                         line=line, column=table.header("member_code")))
                else:
                    first_line[key] = line
            problems += found
            if row is not None and not found:
                rows.append(row)
        if problems:
            problems.sort(key=lambda problem: problem.line or 0)
            raise ProblemsFound(problems)
        stored = {(r.member_id, r.starts_on, r.ends_on): r for r in session.scalars(select(LeaveRecord))}
        if rows:
            backup_before(db, "import")  # the state before this write (WAL: other connections see it)
        created = updated = unchanged = 0
        for row in rows:
            record = stored.get((members[row.member_code], row.starts_on, row.ends_on))
            if record is None:
                session.add(LeaveRecord(member_id=members[row.member_code], starts_on=row.starts_on,
                                        ends_on=row.ends_on, reason=row.reason))
                created += 1
            elif "reason" in table.headers and record.reason != row.reason:
                record.reason = row.reason
                updated += 1
            else:
                unchanged += 1
        session.flush()
        conflicts = _conflicts(session, [(row.member_code, row.starts_on, row.ends_on) for row in rows])
    return LeaveImportSummary(created, updated, unchanged, tuple(conflicts))


@dataclass(frozen=True)
class _Row:
    member_code: str
    starts_on: date
    ends_on: date
    reason: str | None


def _read_row(line: int, cells: Mapping[str, str], header, members: Mapping[str, int]  # type: ignore[no-untyped-def]
              ) -> tuple[_Row | None, list[Problem]]:
    row = RowCheck(line, cells, header)
    bad, problems = row.bad, row.problems

    dates: dict[str, date] = {}
    for name in ("member_code", "from", "to"):
        if not cells[name]:
            bad(name, N_("a value is required"))
    for name in ("from", "to"):
        if cells[name]:
            try:
                dates[name] = parse_date(cells[name])
            except InvalidInput as error:
                bad(name, error.message, error.params)
    code = cells["member_code"]
    if code and code not in members:
        bad("member_code", N_("there is no member with code %(code)s"), {"code": code})
    reason = cells.get("reason") or None
    if reason and len(reason) > REASON_MAX:
        bad("reason", N_("the reason is longer than %(max)d characters"), {"max": REASON_MAX})
    if len(dates) == 2 and dates["to"] < dates["from"]:
        bad("to", N_("the leave ends (%(to)s) before it begins (%(from)s)"),
            {"to": dates["to"].isoformat(), "from": dates["from"].isoformat()})
    if problems or not code:
        return None, problems
    return _Row(code, dates["from"], dates["to"], reason), problems


def _date_problems(starts_on: date, ends_on: date, reason: str | None) -> list[Problem]:
    problems = []
    if ends_on < starts_on:
        problems.append(Problem(N_("the leave ends (%(to)s) before it begins (%(from)s)"),
                                {"to": ends_on.isoformat(), "from": starts_on.isoformat()}, column="to"))
    if reason and len(reason) > REASON_MAX:
        problems.append(Problem(N_("the reason is longer than %(max)d characters"), {"max": REASON_MAX},
                                column="reason"))
    return problems


def _conflicts(session: Session, periods: Iterable[tuple[str, date, date]]) -> list[LeaveConflict]:
    found: set[LeaveConflict] = set()
    for code, starts_on, ends_on in periods:
        monday = starts_on - timedelta(days=starts_on.weekday())
        for _plan, _state, row in assignments(session, first=monday, end=ends_on + timedelta(days=1),
                                              state=PlanState.PUBLISHED, member_code=code):
            found.add(LeaveConflict(code, row.week_start, row.post_code))
    return sorted(found, key=lambda c: (c.week_start, c.member_code))


def _to_leave(record: LeaveRecord, code: str, name: str) -> Leave:
    return Leave(id=record.id, member_id=record.member_id, member_code=code, member_name=name,
                 starts_on=record.starts_on, ends_on=record.ends_on, reason=record.reason)
