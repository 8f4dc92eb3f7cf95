"""A small council and its meetings, set up through the services, for the Meetings section's widget tests."""

from __future__ import annotations

from datetime import date, datetime

from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import AttendanceStatus, MeetingKind
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.services import meetings as service
from coopdesk.services.members import create_member

# Eight voting workers (one with a name to search by), one state representative without a vote.
PEOPLE = (
    ("M001", "Ana Pérez"), ("M002", "Ángel Núñez"), ("M003", "Beatriz Díaz"), ("M004", "Carlos Peña"),
    ("M005", "Yohana Briceño"), ("M006", "Omar Rojas"), ("M007", "Rosa Zambrano"), ("M008", "Luis Guédez"),
)
STARTS = datetime(2026, 12, 17, 9, 0)


def make_council(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {}
    for code, name in PEOPLE:
        ids[code] = create_member(db, draft=MemberDraft(code, name, Body.WORKER, date(2020, 1, 1), True)).id
    ids["S001"] = create_member(db, draft=MemberDraft("S001", "Delegada Estatal", Body.STATE, date(2020, 1, 1),
                                                      False)).id
    return ids


def make_meeting(db, ids: dict[str, int], *, present: tuple[str, ...] = (), open_it: bool = True,  # type: ignore[no-untyped-def]
                 items: tuple[str, ...] = ("Aprobación del acta anterior", "Elección de voceros")) -> int:
    detail = service.create_meeting(db, draft=MeetingDraft(
        title="Asamblea ordinaria de diciembre", kind=MeetingKind.ORDINARY, starts_at=STARTS,
        place="Galpón principal", chair_id=ids["M001"], secretary_id=ids["M002"]))
    for title in items:
        service.add_item(db, meeting_id=detail.id, title=title, expected_minutes=20)
    service.convene_meeting(db, meeting_id=detail.id)
    if open_it:
        service.open_meeting(db, meeting_id=detail.id, at=STARTS)
    for code in present:
        service.mark_attendance(db, meeting_id=detail.id, member_id=ids[code], status=AttendanceStatus.PRESENT)
    return detail.id


def status_of(db, meeting_id: int, member_id: int) -> AttendanceStatus:  # type: ignore[no-untyped-def]
    line = next(line for line in service.meeting_roll(db, meeting_id=meeting_id).lines if line.member.id == member_id)
    return line.status
