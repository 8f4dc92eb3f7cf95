"""`meeting import`: a meeting prepared elsewhere, in docs/cli.md's JSON, recorded all-or-nothing.

The meeting is stored as held and `closed` (its minutes await approval); every motion and election is a
closed vote on the meeting's roll (frozen, sealed, in the audit chain). Beyond the contract the JSON may
give `ends_at` (same form as `starts_at`), `convened_on`, a motion's `proposer` and, under an item, `elections`
(see `domain/meeting_form.py`).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.json_limits import check_size, load_limited_json
from coopdesk.domain.meeting_form import LocatedProblem, MeetingForm, parse_meeting
from coopdesk.domain.meetings import AttendanceStatus, MeetingState
from coopdesk.domain.members import Member
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    AttendanceRecord,
    CandidateRecord,
    ElectionRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
)
from coopdesk.services.backup import backup_before
from coopdesk.services.meetings._common import Roster, load_roster
from coopdesk.services.meetings.elections import freeze_election
from coopdesk.services.meetings.voting import freeze_motion


def read_meeting_file(path: Path) -> Any:
    """The JSON of a file; a file that is not JSON is named with the line and column of the mistake."""
    try:
        check_size(Path(path).stat().st_size, str(path))  # before reading it into memory
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InvalidInput(N_("Cannot read %(path)s: %(reason)s"), path=str(path),
                           reason=error.strerror or str(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(N_("%(path)s is not a UTF-8 text file."), path=str(path)) from None
    try:
        return load_limited_json(text, str(path))  # size, depth, lengths, NUL, keys given twice
    except json.JSONDecodeError as error:
        raise InvalidInput(N_("%(path)s is not valid JSON: line %(line)d, column %(column)d: %(reason)s"),
                           path=str(path), line=error.lineno, column=error.colno, reason=error.msg) from None


def import_meeting_file(db: Database, *, path: Path) -> int:
    return import_meeting(db, data=read_meeting_file(path), backup=True)


def import_meeting(db: Database, *, data: Any, backup: bool = False) -> int:
    """Record the meeting of `data` (loaded JSON); returns its id. Every problem is reported at once and
    nothing is written unless there is none. `backup`: a copy of the database before writing (a file import)."""
    with db.write() as session:
        members = _members(session)
        problems: list[Problem] = []
        try:
            form = parse_meeting(data, members)
        except ProblemsFound as found:
            problems, form = list(found.problems), None
        ends_at = _ends_at(data, problems)
        if problems or form is None:
            raise ProblemsFound(problems)
        if backup:
            backup_before(db, "import")  # the state before this write (WAL: other connections see it)
        meeting = store_form(session, form, load_roster(session, None), ends_at=ends_at)
        return meeting.id


def _members(session: Session) -> list[Member]:
    rows = session.execute(select(MemberRecord.id, MemberRecord.code, MemberRecord.full_name, MemberRecord.body,
                                  MemberRecord.joined_on, MemberRecord.voting, MemberRecord.status)).all()
    return [Member(code=r.code, full_name=r.full_name, body=r.body, joined_on=r.joined_on, voting=r.voting,
                   status=r.status, id=r.id) for r in rows]


def _moment(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return moment if moment.tzinfo is None else None
    return None


def _ends_at(data: Any, problems: list[Problem]) -> datetime | None:
    value = data.get("ends_at") if isinstance(data, dict) else None
    if value is None:
        return None
    moment, starts_at = _moment(value), _moment(data.get("starts_at"))
    if moment is None:
        problems.append(LocatedProblem(N_("'%(value)s' is not a date and time like 2026-11-20T09:00"),
                                       {"value": value}, column="ends_at"))
    elif starts_at is not None and moment < starts_at:
        problems.append(LocatedProblem(N_("the meeting cannot end before it starts"), column="ends_at"))
    return moment


def store_form(session: Session, form: MeetingForm, roster: Roster, *, ends_at: datetime | None = None,
               state: MeetingState = MeetingState.CLOSED) -> MeetingRecord:
    """Write a checked meeting form as a held meeting with every vote closed (also the demo's door)."""
    ids = roster.by_code
    roster = replace(roster, organ=form.organ)
    meeting = MeetingRecord(title=form.title, kind=form.kind, starts_at=form.starts_at, ends_at=ends_at,
                            place=form.place, chair_id=ids.get(form.chair or ""),
                            secretary_id=ids.get(form.secretary or ""), quorum_rule=form.quorum_rule, state=state,
                            organ=form.organ, quorum_per_body=form.quorum_per_body, convened_on=form.convened_on)
    session.add(meeting)
    session.flush()
    entitled = form.roll.entitled
    listed = {code for code, _mark in form.attendance}
    attendance = [AttendanceRecord(meeting_id=meeting.id, member_id=ids[code], status=mark.status,
                                   proxy_holder_id=ids[mark.proxy] if mark.proxy else None, entitled=code in entitled)
                  for code, mark in form.attendance]
    attendance += [AttendanceRecord(meeting_id=meeting.id, member_id=ids[code], status=AttendanceStatus.ABSENT,
                                    entitled=True) for code in sorted(entitled - listed)]
    session.add_all(attendance)
    items = [AgendaItemRecord(meeting_id=meeting.id, position=number, title=item.title, minutes=item.minutes)
             for number, item in enumerate(form.items, start=1)]
    session.add_all(items)
    session.flush()
    quorum_met = form.quorum_met
    for record, item in zip(items, form.items, strict=True):
        for number, motion in enumerate(item.motions, start=1):
            row = MotionRecord(item_id=record.id, position=number, text=motion.text, method=motion.method,
                               majority=motion.majority, base=motion.base, yes=0, no=0, abstain=0,
                               concurrent=motion.concurrent, proposer_id=ids.get(motion.proposer or ""))
            session.add(row)
            session.flush()
            freeze_motion(session, row, form.roll, roster, motion.counts, quorum_met=quorum_met,
                          ballots=motion.ballots, by_body=dict(motion.counts_by_body) if motion.concurrent else None)
        for number, election in enumerate(item.elections, start=1):
            votes = dict(election.votes)
            row = ElectionRecord(item_id=record.id, position=number, title=election.title, seats=election.seats,
                                 max_choices=election.max_choices, method=election.method,
                                 ballots_cast=election.ballots_cast, blank_ballots=election.blank_ballots,
                                 null_ballots=election.null_ballots)
            session.add(row)
            session.flush()
            candidates = [CandidateRecord(election_id=row.id, member_id=ids[code], votes=count, elected=False,
                                          runoff=False) for code, count in sorted(votes.items())]
            session.add_all(candidates)
            freeze_election(session, row, candidates, roster)
    return meeting
