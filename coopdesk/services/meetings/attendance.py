"""The roll call: marks, proxies (checked as they are entered), arrivals and departures, the live counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.meeting_record import RollCounters, RollView
from coopdesk.domain.meetings import AttendanceStatus, MeetingState
from coopdesk.domain.votes import Mark
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AttendanceRecord, MemberRecord
from coopdesk.services.meetings._common import (
    LIVE_STATES,
    attendance_lines,
    check_new_marks,
    get_meeting,
    live_roll,
    make_roll,
    marks,
    meeting_counters,
    require_live,
    wall_clock,
)


def meeting_roll(db: Database, *, meeting_id: int) -> RollView:
    """The roll-call screen: every active member (and anyone already marked) with their mark, and the counters."""
    with db.read() as session:
        meeting = get_meeting(session, meeting_id)
        roster, records, roll = live_roll(session, meeting)
        live = meeting.state in LIVE_STATES
        lines = attendance_lines(records, roster, everyone_active=live)
        shown = {line.member.id for line in lines}
        off_roll = tuple((roster.people[member_id], status) for member_id, status in session.execute(
            select(MemberRecord.id, MemberRecord.status).order_by(MemberRecord.code)) if member_id not in shown)
        return RollView(meeting.id, lines, meeting_counters(records, roster, roll, meeting), editable=live,
                        off_roll=off_roll)


def roll_counters(db: Database, *, meeting_id: int) -> RollCounters:
    """E, P, quorum met and how many more are needed — as the roll stands now (those who left do not count)."""
    with db.read() as session:
        meeting = get_meeting(session, meeting_id)
        roster, records, roll = live_roll(session, meeting)
        return meeting_counters(records, roster, roll, meeting)


def mark_attendance(db: Database, *, meeting_id: int, member_id: int, status: AttendanceStatus,
                    proxy_holder_id: int | None = None, at: datetime | None = None) -> RollCounters:
    """Mark a member present (arrived at `at`, default now while in session), excused, absent, or represented
    by a present entitled member (`proxy_holder_id`). A change that breaks a proxy rule is refused with the
    reason (nothing is changed); marking a represented member present ends their proxy."""
    status = AttendanceStatus(status)
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        roster, records, _roll = live_roll(session, meeting)
        if member_id not in roster.people:
            raise InvalidInput(N_("There is no member with id %(id)s."), id=member_id)
        if proxy_holder_id is not None and proxy_holder_id not in roster.people:
            raise InvalidInput(N_("There is no member with id %(id)s."), id=proxy_holder_id)
        if status is not AttendanceStatus.REPRESENTED:
            proxy_holder_id = None
        roster.require_seated(member_id)
        if proxy_holder_id is not None:
            roster.require_seated(proxy_holder_id)
        code = roster.people[member_id].code
        before = marks(records, roster, live=True)
        after = [(c, m) for c, m in before if c != code]
        after.append((code, Mark(status, roster.code(proxy_holder_id))))
        check_new_marks(before, after, roster)

        record = next((r for r in records if r.member_id == member_id), None)
        if record is None:
            record = AttendanceRecord(meeting_id=meeting_id, member_id=member_id, status=AttendanceStatus.ABSENT)
            session.add(record)
            records.append(record)
        if status is AttendanceStatus.PRESENT:
            if record.status is not AttendanceStatus.PRESENT or at is not None:
                record.arrived_at = _when(at, meeting.state)
            record.left_at = None  # (back) in the room; a return keeps the first arrival
        else:
            record.arrived_at = record.left_at = None
        record.status, record.proxy_holder_id = status, proxy_holder_id
        session.flush()
        return meeting_counters(records, roster, make_roll(records, roster, live=True), meeting)


def record_departure(db: Database, *, meeting_id: int, member_id: int, at: datetime | None = None) -> RollCounters:
    """A present member leaves (at `at`, default now): from then on neither they nor a proxy they carry count.
    Marking them present again records their return."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        roster, records, _roll = live_roll(session, meeting)
        record = next((r for r in records if r.member_id == member_id), None)
        if record is None or record.status is not AttendanceStatus.PRESENT or record.left_at is not None:
            raise InvalidInput(N_("Only a member who is in the room can leave it."))
        left_at = (at or wall_clock()).replace(second=0, microsecond=0, tzinfo=None)
        if record.arrived_at is not None and left_at < record.arrived_at:
            raise InvalidInput(N_("A member cannot leave before arriving."))
        record.left_at = left_at
        session.flush()
        return meeting_counters(records, roster, make_roll(records, roster, live=True), meeting)


def _when(at: datetime | None, state: MeetingState) -> datetime | None:
    """Arrival time: the given one, else now while in session (marks made beforehand have no time)."""
    if at is not None:
        return at.replace(second=0, microsecond=0, tzinfo=None)
    return wall_clock() if state is MeetingState.OPEN else None

