"""The assembly PDFs as user actions: load the meeting, render, return the bytes (reportlab loaded only here)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.meeting_record import BallotSheet
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.members import fold
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MeetingRecord, MemberRecord
from coopdesk.reports import report_languages
from coopdesk.services.anchor import printed_mark
from coopdesk.services.meetings._common import get_election, get_item, get_meeting, get_motion, live_roll
from coopdesk.services.meetings._detail import council_of, load_detail
from coopdesk.services.meetings.elections import candidates_of
from coopdesk.services.meetings.lifecycle import meeting_detail

HELD = (MeetingState.OPEN, MeetingState.CLOSED, MeetingState.APPROVED)


def acta_number(session: Session, meeting: MeetingRecord) -> str:
    """"07-2026": the meeting's place among the held meetings of its organ in its year (a meeting not yet held
    takes the next number): the Workers' Council and the joint body each number their own actas."""
    year = meeting.starts_at.year
    held = list(session.scalars(
        select(MeetingRecord.id).where(MeetingRecord.organ == meeting.organ, MeetingRecord.state.in_(HELD),
                                       MeetingRecord.starts_at >= datetime(year, 1, 1),
                                       MeetingRecord.starts_at < datetime(year + 1, 1, 1))
        .order_by(MeetingRecord.starts_at, MeetingRecord.id)))
    number = held.index(meeting.id) + 1 if meeting.id in held else len(held) + 1
    return f"{number:02d}-{year}"


def assembly_report(db: Database, *, meeting_id: int, lang: str, generated_at: datetime | None = None) -> bytes:
    """The acta: a draft until the minutes are approved, then with the verification code of the locked record."""
    report_languages(lang)  # checked before any work is done
    from coopdesk.reports.assembly import AssemblyReport

    with db.read() as session:
        meeting = get_meeting(session, meeting_id)
        detail = load_detail(session, meeting)
        number = acta_number(session, meeting)
        ids = {line.member.id for line in detail.attendance}
        national_ids = {member_id: national_id for member_id, national_id in session.execute(
            select(MemberRecord.id, MemberRecord.national_id).where(MemberRecord.id.in_(ids))) if national_id}
    report = AssemblyReport(detail=detail, lang=lang, number=number, national_ids=national_ids,
                            generated_at=generated_at)
    report.chain_mark = printed_mark(db)  # printed under the approved acta's code: where the audit chain stood
    return report.render()


def convocation_report(db: Database, *, meeting_id: int, lang: str, generated_at: datetime | None = None) -> bytes:
    report_languages(lang)
    from coopdesk.reports.convocation import ConvocationReport

    detail = meeting_detail(db, meeting_id)
    return ConvocationReport(detail=detail, lang=lang, generated_at=generated_at).render()


def ballot_sheet(db: Database, *, motion_id: int | None = None, election_id: int | None = None) -> BallotSheet:
    """What the papers of a secret vote show; as many as present voters (the frozen number once it closed)."""
    with db.read() as session:
        if election_id is not None:
            election = get_election(session, election_id)
            meeting = get_item(session, election.item_id).meeting
            roster, _records, roll = live_roll(session, meeting)
            people = sorted((roster.people[c.member_id] for c in candidates_of(session, election_id)),
                            key=lambda person: (fold(person.full_name), person.code))
            if not people:
                raise InvalidInput(N_("Election %(id)s has no candidates yet."), id=election_id)
            return BallotSheet(council=council_of(session), meeting_title=meeting.title, starts_at=meeting.starts_at,
                               question=election.title, count=roll.present_voter_count, candidates=tuple(people),
                               max_choices=election.max_choices, seats=election.seats)
        if motion_id is None:
            raise InvalidInput(N_("Name a motion or an election."))
        motion = get_motion(session, motion_id)
        item = get_item(session, motion.item_id)
        count = motion.present_voters if motion.closed_at is not None else None
        if count is None:
            count = live_roll(session, item.meeting)[2].present_voter_count
        return BallotSheet(council=council_of(session), meeting_title=item.meeting.title,
                           starts_at=item.meeting.starts_at, question=motion.text, count=count,
                           number=f"{item.position}.{motion.position}")


def ballots_report(db: Database, *, lang: str, motion_id: int | None = None, election_id: int | None = None,
                   generated_at: datetime | None = None) -> bytes:
    """Numbered ballot papers for a secret vote on paper: a motion's (yes / no / abstain) or an election's."""
    report_languages(lang)
    from coopdesk.reports.ballots import BallotsReport

    sheet = ballot_sheet(db, motion_id=motion_id, election_id=election_id)
    if sheet.count < 1:
        raise InvalidInput(N_("Nobody is marked present yet, so there is nobody to print ballots for."))
    return BallotsReport(sheet=sheet, lang=lang, generated_at=generated_at).render()
