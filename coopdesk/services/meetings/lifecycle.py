"""A meeting's life: convocation → in session → closed (the minutes draft) → approved (locked), and errata.

Approval is by a passed motion of a later meeting ("Aprobación del acta anterior") or by the signatures of
the chair and the secretary; either locks the minutes for good (see `locking`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ConflictError, InvalidInput, Problem, ProblemsFound
from coopdesk.domain.meeting_form import LocatedProblem
from coopdesk.domain.meeting_record import ErratumDetail, MeetingDetail, MeetingDraft, MeetingSummary
from coopdesk.domain.meetings import ApprovalMethod, AttendanceStatus, MeetingState, MotionResult
from coopdesk.domain.organs import NOT_IN_ORGAN, Organ
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    AttendanceRecord,
    CandidateRecord,
    ElectionRecord,
    ErratumRecord,
    MeetingApprovalRecord,
    MeetingRecord,
    MotionRecord,
)
from coopdesk.services.audit import append_event
from coopdesk.services.meetings._common import (
    attendance_records,
    get_item,
    get_meeting,
    get_motion,
    load_roster,
    person_or_problem,
    require_live,
    wall_clock,
)
from coopdesk.services.meetings._detail import load_detail, summary_of
from coopdesk.services.meetings.locking import ERRATUM, iso, seal_meeting

TITLE_MAX, PLACE_MAX, REASON_MAX, CORRECTION_MAX = 200, 200, 1000, 5000


def text_problems(value: str | None, where: str, limit: int, *, required: bool = True) -> list[Problem]:
    if value is None or not value.strip():
        return [Problem(N_("a value is required"), column=where)] if required else []
    if len(value) > limit:
        return [Problem(N_("the text is longer than %(max)d characters"), {"max": limit}, column=where)]
    return []


def located(problems: list[Problem]) -> list[Problem]:
    """Form problems read "title: a value is required" (the field named, as in the meeting JSON)."""
    return [LocatedProblem(p.message, p.params, p.line, p.column) for p in problems]


def _check_draft(session: Session, draft: MeetingDraft, issued: date | None = None) -> None:
    """`issued`: the day of issue already recorded, which the draft keeps unless it gives another."""
    roster = load_roster(session, None)
    problems = text_problems(draft.title, "title", TITLE_MAX) + text_problems(draft.place, "place", PLACE_MAX,
                                                                              required=False)
    problems += person_or_problem(roster, draft.chair_id, "chair")
    problems += person_or_problem(roster, draft.secretary_id, "secretary")
    if not isinstance(draft.starts_at, datetime):
        problems.append(Problem(N_("a value is required"), column="starts_at"))
    issued = draft.convened_on or issued
    if issued is not None and isinstance(draft.starts_at, datetime) and issued > draft.starts_at.date():
        problems.append(Problem(N_("the convocation cannot be issued after the day of the meeting"),
                                column="convened_on"))
    if draft.quorum_per_body and Organ(draft.organ) is not Organ.JOINT:
        problems.append(Problem(N_("the quorum in each body applies only to the joint body"),
                                column="quorum_per_body"))
    if problems:
        raise ProblemsFound(located(problems))


def _apply(meeting: MeetingRecord, draft: MeetingDraft) -> None:
    meeting.title, meeting.kind = draft.title.strip(), draft.kind
    meeting.starts_at = draft.starts_at.replace(second=0, microsecond=0, tzinfo=None)
    meeting.place = (draft.place or "").strip() or None
    meeting.chair_id, meeting.secretary_id, meeting.quorum_rule = draft.chair_id, draft.secretary_id, draft.quorum_rule
    meeting.organ, meeting.quorum_per_body = Organ(draft.organ), draft.quorum_per_body
    if draft.convened_on is not None:  # the secretary corrects the day of issue; left out, it stays
        meeting.convened_on = draft.convened_on


def create_meeting(db: Database, *, draft: MeetingDraft) -> MeetingDetail:
    with db.write() as session:
        _check_draft(session, draft)
        meeting = MeetingRecord(state=MeetingState.DRAFT)
        _apply(meeting, draft)
        session.add(meeting)
        session.flush()
        return load_detail(session, meeting)


def update_meeting(db: Database, *, meeting_id: int, version: int, draft: MeetingDraft) -> MeetingDetail:
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        if meeting.version != version:
            raise ConflictError()
        _check_draft(session, draft, meeting.convened_on)
        if draft.quorum_rule is not meeting.quorum_rule and _closed_votes(session, meeting.id):
            raise InvalidInput(N_("The quorum rule cannot change once a vote of the meeting has closed."))
        if draft.quorum_per_body != meeting.quorum_per_body and _closed_votes(session, meeting.id):
            raise InvalidInput(N_("The quorum rule cannot change once a vote of the meeting has closed."))
        if Organ(draft.organ) is not meeting.organ:
            _check_organ_change(session, meeting, Organ(draft.organ))
        _apply(meeting, draft)
        session.flush()
        return load_detail(session, meeting)


def _check_organ_change(session: Session, meeting: MeetingRecord, organ: Organ) -> None:
    """Another organ holds another meeting: only before any vote, and only while nobody outside it is on the
    roll (nor a concurrent motion, which only the joint body knows)."""
    if _closed_votes(session, meeting.id):
        raise InvalidInput(N_("The organ cannot change once a vote of the meeting has closed."))
    records = attendance_records(session, meeting.id)
    roster = load_roster(session, meeting, records)
    outside = sorted(roster.people[r.member_id].code for r in records
                     if r.status is not AttendanceStatus.ABSENT and not organ.admits(roster.bodies[r.member_id]))
    if outside:
        raise InvalidInput(N_("%(code)s is on the roll and does not sit in the Workers' Council; remove their mark "
                              "before changing the organ."), code=outside[0])
    items = select(AgendaItemRecord.id).where(AgendaItemRecord.meeting_id == meeting.id)
    elections = select(ElectionRecord.id).where(ElectionRecord.item_id.in_(items))
    candidates = session.scalars(select(CandidateRecord.member_id).where(CandidateRecord.election_id.in_(elections)))
    if outside := sorted(roster.people[m].code for m in candidates if not organ.admits(roster.bodies[m])):
        raise InvalidInput(NOT_IN_ORGAN, code=outside[0])
    if organ is not Organ.JOINT and session.scalar(select(MotionRecord.id).where(
            MotionRecord.item_id.in_(items), MotionRecord.concurrent).limit(1)):
        raise InvalidInput(N_("A concurrent majority applies only to the joint body."))


def _closed_votes(session: Session, meeting_id: int) -> int:
    items = select(AgendaItemRecord.id).where(AgendaItemRecord.meeting_id == meeting_id)
    motions = session.scalars(select(MotionRecord.id).where(MotionRecord.item_id.in_(items),
                                                            MotionRecord.closed_at.is_not(None))).all()
    elections = session.scalars(select(ElectionRecord.id).where(ElectionRecord.item_id.in_(items),
                                                                ElectionRecord.closed_at.is_not(None))).all()
    return len(motions) + len(elections)


def delete_meeting(db: Database, *, meeting_id: int) -> None:
    """Only a meeting that has not been held (draft or convened) may be deleted."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.state not in (MeetingState.DRAFT, MeetingState.CONVENED):
            raise InvalidInput(N_("Meeting %(id)s has been held; it can no longer be deleted."), id=meeting_id)
        session.delete(meeting)


def convene_meeting(db: Database, *, meeting_id: int, on: date | None = None) -> MeetingDetail:
    """The convocation is issued (`on` that day, else today, unless a day of issue is recorded already): the
    meeting has a date, a place and an agenda. The day is kept, so every reprint shows the same date."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        problems = []
        if not meeting.items:
            problems.append(Problem(N_("the agenda has no items"), column="items"))
        if not meeting.place:
            problems.append(Problem(N_("a value is required"), column="place"))
        if problems:
            raise ProblemsFound(located(problems))
        issued = on or meeting.convened_on or min(wall_clock().date(), meeting.starts_at.date())
        if issued > meeting.starts_at.date():
            raise ProblemsFound(located([Problem(N_("the convocation cannot be issued after the day of the meeting"),
                                                 column="convened_on")]))
        meeting.convened_on = issued
        if meeting.state is MeetingState.DRAFT:
            meeting.state = MeetingState.CONVENED
        return load_detail(session, meeting)


def open_meeting(db: Database, *, meeting_id: int, at: datetime | None = None) -> MeetingDetail:
    """The session starts (at `at`, the council's wall time, or now): the acta's start time. The convened time
    stays as it was: the convocation and its reprint show it."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        meeting.state = MeetingState.OPEN
        meeting.opened_at = (at or wall_clock()).replace(second=0, microsecond=0, tzinfo=None)
        return load_detail(session, meeting)


def close_meeting(db: Database, *, meeting_id: int, at: datetime | None = None) -> MeetingDetail:
    """Adjourn: every vote must be closed. The roll is frozen (who was entitled) and the minutes become a draft
    awaiting approval."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        close_in_session(session, meeting, at or wall_clock())
        return load_detail(session, meeting)


def close_in_session(session: Session, meeting: MeetingRecord, ends_at: datetime | None) -> None:
    items = select(AgendaItemRecord.id).where(AgendaItemRecord.meeting_id == meeting.id)
    problems = [Problem(N_("the vote on motion %(id)s is still open"), {"id": motion_id}) for motion_id in
                session.scalars(select(MotionRecord.id).where(MotionRecord.item_id.in_(items),
                                                              MotionRecord.closed_at.is_(None)))]
    problems += [Problem(N_("election %(id)s is still open"), {"id": election_id}) for election_id in
                 session.scalars(select(ElectionRecord.id).where(ElectionRecord.item_id.in_(items),
                                                                 ElectionRecord.closed_at.is_(None)))]
    if ends_at is not None and ends_at < (meeting.opened_at or meeting.starts_at):
        problems.append(Problem(N_("the meeting cannot end before it starts")))
    if problems:
        raise ProblemsFound(problems)
    records = attendance_records(session, meeting.id)
    roster = load_roster(session, meeting, records)  # still live: entitlement as of the meeting
    marked = set()
    for record in records:
        record.entitled = record.member_id in roster.entitled
        marked.add(record.member_id)
    for member_id in sorted(roster.entitled - marked):  # docs/cli.md: members not listed are absent
        session.add(AttendanceRecord(meeting_id=meeting.id, member_id=member_id, status=AttendanceStatus.ABSENT,
                                     entitled=True))
    meeting.state = MeetingState.CLOSED
    if ends_at is not None:
        meeting.ends_at = ends_at.replace(second=0, microsecond=0, tzinfo=None)
    session.flush()


# -- approval and errata -------------------------------------------------------------------------------


def _require_closed(meeting: MeetingRecord) -> None:
    if meeting.state is MeetingState.APPROVED:
        raise InvalidInput(N_("The minutes of meeting %(id)s are already approved."), id=meeting.id)
    if meeting.state is not MeetingState.CLOSED:
        raise InvalidInput(N_("Meeting %(id)s is not closed yet; close it before approving its minutes."),
                           id=meeting.id)


def approve_in_session(session: Session, meeting: MeetingRecord, *, motion_id: int | None = None) -> str:
    """Lock the minutes, by a motion of a later meeting or (motion_id None) by signatures; returns the code."""
    _require_closed(meeting)
    if motion_id is None:
        if meeting.chair_id is None or meeting.secretary_id is None:
            raise InvalidInput(N_("Approval by signatures needs the meeting's chair and secretary."))
        session.add(MeetingApprovalRecord(meeting_id=meeting.id, method=ApprovalMethod.SIGNATURES))
    else:
        motion = get_motion(session, motion_id)
        later = get_item(session, motion.item_id).meeting
        if motion.closed_at is None or motion.result is not MotionResult.PASSED:
            raise InvalidInput(N_("Motion %(id)s has not passed, so it cannot approve minutes."), id=motion_id)
        if later.id == meeting.id or later.starts_at <= meeting.starts_at:
            raise InvalidInput(N_("Minutes are approved by a motion of a later meeting."))
        session.add(MeetingApprovalRecord(meeting_id=meeting.id, method=ApprovalMethod.MOTION, motion_id=motion_id))
    return seal_meeting(session, meeting)


def approve_by_signatures(db: Database, *, meeting_id: int) -> MeetingDetail:
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        approve_in_session(session, meeting)
        return load_detail(session, meeting)


def approve_by_motion(db: Database, *, meeting_id: int, motion_id: int) -> MeetingDetail:
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        approve_in_session(session, meeting, motion_id=motion_id)
        return load_detail(session, meeting)


def add_erratum(db: Database, *, meeting_id: int, reason: str, correction: str,
                recorded_on: date | None = None) -> ErratumDetail:
    """Approved minutes are never edited: a correction is appended, dated and with its reason."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.state is not MeetingState.APPROVED:
            raise InvalidInput(N_("Only approved minutes take errata; until then, edit the minutes."))
        problems = text_problems(reason, "reason", REASON_MAX) + text_problems(correction, "correction",
                                                                                CORRECTION_MAX)
        if problems:
            raise ProblemsFound(located(problems))
        erratum = ErratumRecord(meeting_id=meeting_id, recorded_on=recorded_on or date.today(),
                                reason=reason.strip(), correction=correction.strip())
        session.add(erratum)
        session.flush()
        append_event(session, action=ERRATUM, entity="meeting", entity_id=meeting_id,
                     after={"erratum": erratum.id, "recorded_on": iso(erratum.recorded_on),
                            "reason": erratum.reason, "correction": erratum.correction})
        return ErratumDetail(erratum.id, erratum.recorded_on, erratum.reason, erratum.correction)


# -- reading -------------------------------------------------------------------------------------------


def list_meetings(db: Database) -> list[MeetingSummary]:
    """Every meeting, the latest first."""
    with db.read() as session:
        return [summary_of(m) for m in session.scalars(
            select(MeetingRecord).order_by(MeetingRecord.starts_at.desc(), MeetingRecord.id.desc()))]


def meeting_detail(db: Database, meeting_id: int) -> MeetingDetail:
    with db.read() as session:
        return load_detail(session, get_meeting(session, meeting_id))


def minutes_awaiting_approval(db: Database, *, before_meeting_id: int) -> MeetingSummary | None:
    """The closed, not yet approved meeting just before this one: what "Aprobación del acta anterior" approves."""
    with db.read() as session:
        meeting = get_meeting(session, before_meeting_id)
        previous = session.scalars(select(MeetingRecord).where(
            MeetingRecord.starts_at < meeting.starts_at, MeetingRecord.state == MeetingState.CLOSED)
            .order_by(MeetingRecord.starts_at.desc()).limit(1)).first()
        return summary_of(previous) if previous is not None else None

