"""Locked records of assemblies: closed votes, closed elections and approved minutes.

Each gets `record_hash` = SHA-256 over a canonical form of its content (member ids, not codes, since a code
may be corrected later) and an audit event whose `after` holds that hash. `locked_record_problems` is the
check `verify` runs: the content still gives the hash, and the hash is the one the audit chain recorded.
Errata are appended after the lock (with their own audit event), so they are not part of the minutes' hash;
nor is the status of follow-up actions, which goes on changing after approval.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.audit import record_hash
from coopdesk.domain.errors import Problem
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.organs import Organ
from coopdesk.i18n import N_
from coopdesk.persistence.models import (
    AgendaItemRecord,
    AttendanceRecord,
    AuditEventRecord,
    CandidateRecord,
    DecisionRecord,
    ElectionRecord,
    FollowUpActionRecord,
    MeetingApprovalRecord,
    MeetingRecord,
    MotionBodyRecord,
    MotionRecord,
    MotionVoterRecord,
    RollCallBallotRecord,
)
from coopdesk.services.audit import append_event

CLOSE_VOTE, CLOSE_ELECTION, APPROVE_MINUTES, ERRATUM = "close_vote", "close_election", "approve_minutes", "erratum"


def iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()


def _value(enum: Any) -> Any:
    return getattr(enum, "value", enum)


# -- canonical contents --------------------------------------------------------------------------------


def motion_content(session: Session, motion: MotionRecord) -> dict[str, Any]:
    voters = session.execute(select(MotionVoterRecord.member_id, MotionVoterRecord.proxy_holder_id)
                             .where(MotionVoterRecord.motion_id == motion.id)).all()
    ballots = session.execute(select(RollCallBallotRecord.member_id, RollCallBallotRecord.choice)
                              .where(RollCallBallotRecord.motion_id == motion.id)).all()
    content = {
        "motion": motion.id, "item": motion.item_id, "position": motion.position, "text": motion.text,
        "method": _value(motion.method), "majority": _value(motion.majority), "base": _value(motion.base),
        "yes": motion.yes, "no": motion.no, "abstain": motion.abstain, "entitled": motion.entitled,
        "present_voters": motion.present_voters, "base_count": motion.base_count,
        "result": _value(motion.result), "closed_at": iso(motion.closed_at),
        "voters": sorted([member, holder] for member, holder in voters),
        "ballots": sorted([member, _value(choice)] for member, choice in ballots),
    }
    if motion.proposer_id is not None:  # (absent where none was named, so votes sealed before keep their codes)
        content["proposer"] = motion.proposer_id
    if motion.concurrent:  # (absent for the others, so that votes sealed before organs keep their codes)
        bodies = session.scalars(select(MotionBodyRecord).where(MotionBodyRecord.motion_id == motion.id))
        content["concurrent"] = True
        content["by_body"] = sorted([_value(b.body), b.yes, b.no, b.abstain, b.entitled, b.present_voters,
                                     b.base_count, _value(b.result)] for b in bodies)
    return content


def election_content(session: Session, election: ElectionRecord) -> dict[str, Any]:
    candidates = session.scalars(select(CandidateRecord).where(CandidateRecord.election_id == election.id))
    # The null ballots are sealed where they were recorded, so elections sealed before still verify.
    recorded = {} if election.null_ballots is None else {"null_ballots": election.null_ballots}
    return recorded | {
        "election": election.id, "item": election.item_id, "position": election.position, "title": election.title,
        "seats": election.seats, "max_choices": election.max_choices, "method": _value(election.method),
        "ballots_cast": election.ballots_cast, "blank_ballots": election.blank_ballots,
        "closed_at": iso(election.closed_at),
        "candidates": sorted([c.member_id, c.votes, bool(c.elected), bool(c.runoff)] for c in candidates),
    }


def meeting_content(session: Session, meeting: MeetingRecord) -> dict[str, Any]:
    items = list(session.scalars(select(AgendaItemRecord).where(AgendaItemRecord.meeting_id == meeting.id)
                                 .order_by(AgendaItemRecord.position)))
    item_ids = [item.id for item in items]
    motions = session.execute(select(MotionRecord.item_id, MotionRecord.id, MotionRecord.record_hash)
                              .where(MotionRecord.item_id.in_(item_ids))).all()
    elections = session.execute(select(ElectionRecord.item_id, ElectionRecord.id, ElectionRecord.record_hash)
                                .where(ElectionRecord.item_id.in_(item_ids))).all()
    decisions = list(session.scalars(select(DecisionRecord).where(DecisionRecord.item_id.in_(item_ids))))
    actions = list(session.scalars(select(FollowUpActionRecord).where(
        FollowUpActionRecord.decision_id.in_([d.id for d in decisions]))))
    attendance = session.scalars(select(AttendanceRecord).where(AttendanceRecord.meeting_id == meeting.id))
    approval = session.get(MeetingApprovalRecord, meeting.id)

    def decisions_of(item_id: int) -> list[dict[str, Any]]:
        return sorted(({"decision": d.id, "text": d.text, "motion": d.motion_id,
                        "actions": sorted([a.id, a.description, a.responsible_id, iso(a.due_on)]
                                          # an outside party joins the sealed content only where there is one,
                                          # so minutes sealed before it existed keep their codes
                                          + ([a.owed_by] if a.owed_by else [])
                                          for a in actions if a.decision_id == d.id)}
                       for d in decisions if d.item_id == item_id), key=lambda entry: entry["decision"])

    # The actual start is sealed only where it was kept apart, so actas sealed before still verify.
    opened = {} if meeting.opened_at is None else {"opened_at": iso(meeting.opened_at)}
    if meeting.convened_on is not None:  # the day of issue likewise, where it was kept
        opened["convened_on"] = iso(meeting.convened_on)
    content = opened | {
        "meeting": meeting.id, "title": meeting.title, "kind": _value(meeting.kind),
        "starts_at": iso(meeting.starts_at), "ends_at": iso(meeting.ends_at), "place": meeting.place,
        "chair": meeting.chair_id, "secretary": meeting.secretary_id, "quorum_rule": _value(meeting.quorum_rule),
        "attendance": sorted([a.member_id, _value(a.status), a.proxy_holder_id, iso(a.arrived_at), iso(a.left_at),
                              bool(a.entitled)] for a in attendance),
        "items": [{"item": item.id, "position": item.position, "title": item.title, "proposer": item.proposer_id,
                   "expected_minutes": item.expected_minutes, "minutes": item.minutes or "",
                   "motions": sorted([m_id, h] for i_id, m_id, h in motions if i_id == item.id),
                   "elections": sorted([e_id, h] for i_id, e_id, h in elections if i_id == item.id),
                   "decisions": decisions_of(item.id)} for item in items],
        "approval": None if approval is None else {"method": _value(approval.method), "motion": approval.motion_id},
    }
    if meeting.organ is not Organ.JOINT or meeting.quorum_per_body:  # minutes sealed before organs were joint
        content |= {"organ": _value(meeting.organ), "quorum_per_body": bool(meeting.quorum_per_body)}
    return content


# -- sealing -------------------------------------------------------------------------------------------


def seal_motion(session: Session, motion: MotionRecord) -> str:
    session.flush()
    motion.record_hash = record_hash(motion_content(session, motion))
    append_event(session, action=CLOSE_VOTE, entity="motion", entity_id=motion.id,
                 after={"record_hash": motion.record_hash, "result": _value(motion.result)})
    return motion.record_hash


def seal_election(session: Session, election: ElectionRecord) -> str:
    session.flush()
    election.record_hash = record_hash(election_content(session, election))
    append_event(session, action=CLOSE_ELECTION, entity="election", entity_id=election.id,
                 after={"record_hash": election.record_hash})
    return election.record_hash


def seal_meeting(session: Session, meeting: MeetingRecord) -> str:
    session.flush()
    meeting.state = MeetingState.APPROVED
    meeting.record_hash = record_hash(meeting_content(session, meeting))
    approval = session.get(MeetingApprovalRecord, meeting.id)
    append_event(session, action=APPROVE_MINUTES, entity="meeting", entity_id=meeting.id,
                 after={"record_hash": meeting.record_hash, "method": _value(approval.method) if approval else None,
                        "motion": approval.motion_id if approval else None})
    return meeting.record_hash


# -- the check of `verify` -----------------------------------------------------------------------------

CHANGED = {
    "motion": N_("Motion %(id)s was changed after its vote closed: its content no longer matches its "
                 "verification code."),
    "election": N_("Election %(id)s was changed after it closed: its content no longer matches its "
                   "verification code."),
    "meeting": N_("The approved minutes of meeting %(id)s were changed: their content no longer matches "
                  "their verification code."),
}
UNSEALED = {
    "motion": N_("Motion %(id)s is closed but was never sealed: it has no verification code."),
    "election": N_("Election %(id)s is closed but was never sealed: it has no verification code."),
    "meeting": N_("The minutes of meeting %(id)s are approved but were never sealed: they have no verification "
                  "code."),
}
UNCHAINED = {
    "motion": N_("The verification code of motion %(id)s is not the one recorded in the audit chain."),
    "election": N_("The verification code of election %(id)s is not the one recorded in the audit chain."),
    "meeting": N_("The verification code of the minutes of meeting %(id)s is not the one recorded in the "
                  "audit chain."),
}


def _chained_hashes(session: Session, entity: str, action: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    rows = session.execute(select(AuditEventRecord.entity_id, AuditEventRecord.after_json).where(
        AuditEventRecord.entity == entity, AuditEventRecord.action == action))
    for entity_id, after in rows:
        try:
            code = json.loads(after or "{}").get("record_hash")
        except (ValueError, AttributeError):
            code = None
        if code:
            found.setdefault(entity_id, set()).add(code)
    return found


def _check(entity: str, records: Iterable[Any], chained: dict[str, set[str]]) -> list[Problem]:
    """Records marked locked that no event of the chain sealed (the sealed ones are checked from the chain's side,
    in `coopdesk.services.seals`)."""
    return [Problem(UNSEALED[entity], {"id": record.id}) for record in records if str(record.id) not in chained]


def locked_record_problems(session: Session) -> list[Problem]:
    """Every closed vote, closed election and approved minutes that no event of the audit chain sealed."""
    motions = session.scalars(select(MotionRecord).where(MotionRecord.closed_at.is_not(None))
                              .order_by(MotionRecord.id))
    elections = session.scalars(select(ElectionRecord).where(ElectionRecord.closed_at.is_not(None))
                                .order_by(ElectionRecord.id))
    meetings = session.scalars(select(MeetingRecord).where(MeetingRecord.state == MeetingState.APPROVED)
                               .order_by(MeetingRecord.id))
    return (_check("motion", motions, _chained_hashes(session, "motion", CLOSE_VOTE))
            + _check("election", elections, _chained_hashes(session, "election", CLOSE_ELECTION))
            + _check("meeting", meetings, _chained_hashes(session, "meeting", APPROVE_MINUTES)))
