"""A small council for the needs tests: three members, a meeting in draft, helpers to take a decision."""

from __future__ import annotations

from datetime import date, datetime

from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import AttendanceStatus, MeetingKind
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.services import meetings
from coopdesk.services.members import create_member

MEMBERS = (("M001", "Yolimar Piñero"), ("M002", "Néstor Briceño"), ("M003", "Oriana Márquez"))


def fill(db: Database) -> int:
    """The members and a draft assembly; returns the meeting's id."""
    ids = [create_member(db, draft=MemberDraft(code, name, Body.WORKER, date(2020, 1, 1), True)).id
           for code, name in MEMBERS]
    meeting = meetings.create_meeting(db, draft=MeetingDraft("Asamblea de salud", MeetingKind.ORDINARY,
                                                             datetime(2026, 11, 20, 9, 0), place="Galpón",
                                                             chair_id=ids[1], secretary_id=ids[2]))
    return meeting.id


def decide(db: Database, item_id: int, text: str = "Exigir a la gerencia un paramédico en planta") -> int:
    return meetings.add_decision(db, item_id=item_id, text=text).id


def approve(db: Database, meeting_id: int) -> str:
    """Everyone present, then open, close and approve the meeting by signatures (an acta with its deliberation,
    not one of no constitution); returns the acta's verification code."""
    for line in meetings.meeting_roll(db, meeting_id=meeting_id).lines:
        meetings.mark_attendance(db, meeting_id=meeting_id, member_id=line.member.id, status=AttendanceStatus.PRESENT)
    meetings.open_meeting(db, meeting_id=meeting_id)
    meetings.close_meeting(db, meeting_id=meeting_id)
    return meetings.approve_by_signatures(db, meeting_id=meeting_id).verification_code or ""
