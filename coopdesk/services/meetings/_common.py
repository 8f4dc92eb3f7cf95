"""What the meeting services share inside a unit of work: loading with clear errors, the guards of each state,
the council's members as `Person`s, and the roll (who is entitled, who counts as a present voter).

The domain rules work on member codes, the tables on member ids; `Roster` maps between them. Two rolls:
the *live* one of a meeting in session (a member who left no longer counts, nor the proxy they carried) and
the *attendance* of the acta (everyone who came). Once a meeting is closed both are the same, and who was
entitled is read from the frozen `attendance.entitled` flags, not from today's member records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.meeting_record import AttendanceLine, Person, RollCounters
from coopdesk.domain.meetings import AttendanceStatus, MeetingState, QuorumRule
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.organs import NOT_IN_ORGAN, Organ, QuorumByBody, body_counts, quorum_by_body
from coopdesk.domain.votes import Mark, Roll, quorum_minimum, validate_attendance
from coopdesk.i18n import N_
from coopdesk.persistence.models import (
    AgendaItemRecord,
    AttendanceRecord,
    ElectionRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
)
from coopdesk.services._lookup import get_or_not_found

LIVE_STATES = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)
FROZEN_STATES = (MeetingState.CLOSED, MeetingState.APPROVED)


def natural_key(code: str) -> list:
    """"M2" before "M10"."""
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(re.split(r"(\d+)", code))]


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def wall_clock() -> datetime:
    """The council's wall time to the minute (meeting times are stored without a zone)."""
    return datetime.now().replace(second=0, microsecond=0)


# -- loading, with the error a person understands ------------------------------------------------------


def get_meeting(session: Session, meeting_id: int) -> MeetingRecord:
    return get_or_not_found(session, MeetingRecord, meeting_id, N_("There is no meeting with id %(id)s."))


def get_item(session: Session, item_id: int) -> AgendaItemRecord:
    return get_or_not_found(session, AgendaItemRecord, item_id, N_("There is no agenda item with id %(id)s."))


def get_motion(session: Session, motion_id: int) -> MotionRecord:
    return get_or_not_found(session, MotionRecord, motion_id, N_("There is no motion with id %(id)s."))


def get_election(session: Session, election_id: int) -> ElectionRecord:
    return get_or_not_found(session, ElectionRecord, election_id, N_("There is no election with id %(id)s."))


# -- what each state allows ----------------------------------------------------------------------------


def require_unlocked(meeting: MeetingRecord) -> None:
    """Approved minutes are never edited: a correction is an erratum."""
    if meeting.state is MeetingState.APPROVED:
        raise InvalidInput(N_("The minutes of meeting %(id)s are approved and locked; record an erratum "
                              "instead."), id=meeting.id)


def require_live(meeting: MeetingRecord) -> None:
    """The roll, the agenda and the votes change only until the meeting is closed."""
    require_unlocked(meeting)
    if meeting.state not in LIVE_STATES:
        raise InvalidInput(N_("Meeting %(id)s is closed; its roll, agenda and votes can no longer change."),
                           id=meeting.id)


def require_in_session(meeting: MeetingRecord) -> None:
    require_live(meeting)
    if meeting.state is not MeetingState.OPEN:
        raise InvalidInput(N_("Meeting %(id)s is not in session; open it before voting."), id=meeting.id)


# -- members and entitlement ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Roster:
    """The council's members as people, and who was (or is) entitled to vote at one meeting."""

    people: dict[int, Person]
    by_code: dict[str, int]
    active: frozenset[int]
    entitled: frozenset[int]
    bodies: dict[int, Body] = field(default_factory=dict)
    organ: Organ = Organ.JOINT

    @property
    def seated(self) -> frozenset[int]:
        """The members who sit in the meeting's organ."""
        return frozenset(member_id for member_id, body in self.bodies.items() if self.organ.admits(body))

    @property
    def body_of(self) -> dict[str, Body]:
        """The organ's members' bodies, by code."""
        return {self.people[member_id].code: body for member_id, body in self.bodies.items()
                if self.organ.admits(body)}

    def require_seated(self, member_id: int) -> None:
        if member_id in self.bodies and member_id not in self.seated:
            raise InvalidInput(NOT_IN_ORGAN, code=self.people[member_id].code)

    def code(self, member_id: int | None) -> str | None:
        return None if member_id is None else self.people[member_id].code

    def person(self, member_id: int | None) -> Person | None:
        return None if member_id is None else self.people[member_id]

    @property
    def entitled_codes(self) -> frozenset[str]:
        return frozenset(self.people[member_id].code for member_id in self.entitled)


def load_roster(session: Session, meeting: MeetingRecord | None,
                records: Iterable[AttendanceRecord] = ()) -> Roster:
    rows = session.execute(select(MemberRecord.id, MemberRecord.code, MemberRecord.full_name, MemberRecord.voting,
                                  MemberRecord.status, MemberRecord.joined_on, MemberRecord.body)).all()
    people = {row.id: Person(row.id, row.code, row.full_name) for row in rows}
    active = frozenset(row.id for row in rows if row.status is MemberStatus.ACTIVE)
    organ = meeting.organ if meeting is not None and meeting.organ is not None else Organ.JOINT
    records = list(records)
    if meeting is None:
        entitled: frozenset[int] = frozenset()
    elif meeting.state in FROZEN_STATES and any(record.entitled is not None for record in records):
        entitled = frozenset(record.member_id for record in records if record.entitled)
    else:  # docs/cli.md: voting rights, active, joined on or before the meeting date (also for a closed meeting
        # written without the frozen flags by an older tool)
        day = meeting.starts_at.date()
        entitled = frozenset(row.id for row in rows if row.voting and row.status is MemberStatus.ACTIVE
                             and row.joined_on <= day and organ.admits(row.body))
    return Roster(people, {person.code: person.id for person in people.values()}, active, entitled,
                  {row.id: row.body for row in rows}, organ)


def person_or_problem(roster: Roster, member_id: int | None, where: str) -> list[Problem]:
    if member_id is not None and member_id not in roster.people:
        return [Problem(N_("There is no member with id %(id)s."), {"id": member_id}, column=where)]
    return []


# -- the roll ------------------------------------------------------------------------------------------


def attendance_records(session: Session, meeting_id: int) -> list[AttendanceRecord]:
    return list(session.scalars(select(AttendanceRecord).where(AttendanceRecord.meeting_id == meeting_id)))


def marks(records: Iterable[AttendanceRecord], roster: Roster, *, live: bool) -> list[tuple[str, Mark]]:
    """The marks as the domain reads them; live, a member who left is no longer present."""
    result = []
    for record in records:
        status = record.status
        if live and status is AttendanceStatus.PRESENT and record.left_at is not None:
            status = AttendanceStatus.ABSENT
        result.append((roster.people[record.member_id].code, Mark(status, roster.code(record.proxy_holder_id))))
    return result


def make_roll(records: Iterable[AttendanceRecord], roster: Roster, *, live: bool) -> Roll:
    """Who counts: present members (live: those still here) and members represented by someone present."""
    pairs = marks(records, roster, live=live)
    present = frozenset(code for code, mark in pairs if mark.status is AttendanceStatus.PRESENT)
    represented = tuple(sorted((code, mark.proxy) for code, mark in pairs
                               if mark.proxy is not None and mark.proxy in present))
    return Roll(entitled=roster.entitled_codes, present=present, represented=represented)


def meeting_quorum(meeting: MeetingRecord, roster: Roster, roll: Roll) -> QuorumByBody:
    """The meeting's quorum on this roll: overall, and inside each body when the joint body requires it."""
    return quorum_by_body(meeting.quorum_rule, body_counts(roll, roster.body_of, roster.organ.bodies),
                          per_body=bool(meeting.quorum_per_body) and roster.organ is Organ.JOINT)


def counters(records: list[AttendanceRecord], roster: Roster, roll: Roll, rule: QuorumRule, *,
             per_body: bool = False) -> RollCounters:
    by_status: dict[AttendanceStatus, set[int]] = {status: set() for status in AttendanceStatus}
    for record in records:
        by_status[record.status].add(record.member_id)
    came = by_status[AttendanceStatus.PRESENT] | by_status[AttendanceStatus.REPRESENTED]
    absent = (roster.entitled - came - by_status[AttendanceStatus.EXCUSED]) | by_status[AttendanceStatus.ABSENT]
    by_body = body_counts(roll, roster.body_of, roster.organ.bodies)
    quorum = quorum_by_body(rule, by_body, per_body=per_body and roster.organ is Organ.JOINT)
    return RollCounters(
        entitled=roll.entitled_count, present_voters=roll.present_voter_count, in_person=len(roll.present),
        represented=len(roll.represented), excused=len(by_status[AttendanceStatus.EXCUSED]), absent=len(absent),
        departed=sum(1 for r in records if r.status is AttendanceStatus.PRESENT and r.left_at is not None),
        quorum_rule=rule, quorum_met=quorum.met, quorum_minimum=quorum_minimum(rule, roll.entitled_count),
        needed_more=quorum.overall.needed_more, organ=roster.organ, quorum_per_body=bool(quorum.by_body),
        by_body=tuple(by_body.items()), short_bodies=quorum.short_bodies)


def meeting_counters(records: list[AttendanceRecord], roster: Roster, roll: Roll,
                     meeting: MeetingRecord) -> RollCounters:
    return counters(records, roster, roll, meeting.quorum_rule, per_body=bool(meeting.quorum_per_body))


def live_roll(session: Session, meeting: MeetingRecord) -> tuple[Roster, list[AttendanceRecord], Roll]:
    records = attendance_records(session, meeting.id)
    roster = load_roster(session, meeting, records)
    return roster, records, make_roll(records, roster, live=meeting.state in LIVE_STATES)


def attendance_lines(records: list[AttendanceRecord], roster: Roster, *,
                     everyone_active: bool = False) -> tuple[AttendanceLine, ...]:
    """One line per member with a mark, and per entitled member without one (absent); with `everyone_active`
    also every active member, so that the roll-call screen can mark anyone."""
    by_member = {record.member_id: record for record in records}
    holders = {record.proxy_holder_id: record.member_id for record in records if record.proxy_holder_id}
    shown = set(by_member) | set(roster.entitled) | (set(roster.active & roster.seated) if everyone_active else set())
    lines = []
    for member_id in shown:
        record = by_member.get(member_id)
        if record is None:
            lines.append(AttendanceLine(roster.people[member_id], AttendanceStatus.ABSENT,
                                        member_id in roster.entitled, represents=None))
            continue
        lines.append(AttendanceLine(
            member=roster.people[member_id], status=record.status, entitled=member_id in roster.entitled,
            proxy=roster.person(record.proxy_holder_id), represents=roster.person(holders.get(member_id)),
            arrived_at=record.arrived_at, left_at=record.left_at))
    return tuple(sorted(lines, key=lambda line: (natural_key(line.member.code), line.member.code)))


def problem_key(problem: Problem) -> tuple:
    return problem.message, problem.column, tuple(sorted((k, str(v)) for k, v in problem.params.items()))


def check_new_marks(before: list[tuple[str, Mark]], after: list[tuple[str, Mark]], roster: Roster) -> None:
    """Refuse a change of the roll that breaks a proxy rule. Problems the roll had already (a holder who left
    the room) are not the change's fault, so only new ones are reported."""
    entitled, known = roster.entitled_codes, set(roster.by_code)
    old = {problem_key(p) for p in validate_attendance(before, entitled=entitled, known=known)}
    new = [p for p in validate_attendance(after, entitled=entitled, known=known) if problem_key(p) not in old]
    if new:
        raise ProblemsFound(new)
