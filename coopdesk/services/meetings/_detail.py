"""Reading a meeting into DTOs: the whole acta in one pass (a dozen queries, whatever its size)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.meeting_record import (
    ActionDetail,
    ApprovalDetail,
    Ballot,
    BodyVote,
    CandidateLine,
    DecisionDetail,
    ElectionDetail,
    ErratumDetail,
    ItemDetail,
    MeetingDetail,
    MeetingSummary,
    MotionDetail,
)
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.members import Body
from coopdesk.domain.settings import Council
from coopdesk.domain.votes import Roll
from coopdesk.persistence.models import (
    AgendaItemRecord,
    CandidateRecord,
    CouncilSettings,
    DecisionRecord,
    ElectionRecord,
    ErratumRecord,
    FollowUpActionRecord,
    MeetingApprovalRecord,
    MeetingRecord,
    MotionBodyRecord,
    MotionRecord,
    MotionVoterRecord,
    RollCallBallotRecord,
)
from coopdesk.services.meetings._common import (
    Roster,
    attendance_lines,
    attendance_records,
    get_item,
    load_roster,
    make_roll,
    meeting_counters,
    natural_key,
)


def council_of(session: Session) -> Council:
    row = session.get(CouncilSettings, 1)
    return Council() if row is None else Council(row.name, row.short_name, row.tax_id, row.address, row.currency)


def summary_of(meeting: MeetingRecord) -> MeetingSummary:
    return MeetingSummary(meeting.id, meeting.title, meeting.kind, meeting.state, meeting.starts_at, meeting.place,
                          meeting.organ)


def body_vote(row: MotionBodyRecord) -> BodyVote:
    return BodyVote(row.body, row.yes, row.no, row.abstain, row.entitled, row.present_voters, row.base_count,
                    row.result)


def motion_dto(motion: MotionRecord, *, meeting_id: int, roster: Roster, number: str = "",
               ballots: Iterable[RollCallBallotRecord] = (), cast_by: dict[int, int] | None = None,
               bodies: Iterable[MotionBodyRecord] = ()) -> MotionDetail:
    """`cast_by`: represented member id → proxy holder id (frozen at the close, or the live roll's);
    `bodies`: a concurrent motion's figures per body."""
    cast_by = cast_by or {}
    named = tuple(sorted(
        (Ballot(roster.people[b.member_id], b.choice, roster.person(cast_by.get(b.member_id))) for b in ballots),
        key=lambda ballot: natural_key(ballot.member.code)))
    return MotionDetail(
        id=motion.id, meeting_id=meeting_id, item_id=motion.item_id, position=motion.position, text=motion.text,
        method=motion.method, majority=motion.majority, base=motion.base, yes=motion.yes, no=motion.no,
        abstain=motion.abstain, entitled=motion.entitled, present_voters=motion.present_voters,
        base_count=motion.base_count, result=motion.result, closed_at=motion.closed_at,
        record_hash=motion.record_hash, number=number, ballots=named, concurrent=bool(motion.concurrent),
        by_body=tuple(body_vote(row) for row in sorted(bodies, key=lambda row: list(Body).index(row.body))),
        proposer=roster.person(motion.proposer_id))


def election_dto(election: ElectionRecord, candidates: Iterable[CandidateRecord], *, meeting_id: int,
                 roster: Roster) -> ElectionDetail:
    lines = [CandidateLine(roster.people[c.member_id], c.votes, c.elected, c.runoff) for c in candidates]
    if election.closed_at is not None:
        lines.sort(key=lambda line: (-line.votes, natural_key(line.member.code)))
    else:
        lines.sort(key=lambda line: natural_key(line.member.code))
    return ElectionDetail(
        id=election.id, meeting_id=meeting_id, item_id=election.item_id, position=election.position,
        title=election.title, seats=election.seats, max_choices=election.max_choices, method=election.method,
        ballots_cast=election.ballots_cast, blank_ballots=election.blank_ballots, closed_at=election.closed_at,
        record_hash=election.record_hash, candidates=tuple(lines), null_ballots=election.null_ballots)


def action_dto(action: FollowUpActionRecord, roster: Roster) -> ActionDetail:
    return ActionDetail(id=action.id, decision_id=action.decision_id, description=action.description,
                        responsible=roster.person(action.responsible_id), due_on=action.due_on,
                        status=action.status, done_on=action.done_on, version=action.version,
                        owed_by=action.owed_by)


def decision_dto(decision: DecisionRecord, actions: Iterable[FollowUpActionRecord], roster: Roster) -> DecisionDetail:
    return DecisionDetail(id=decision.id, item_id=decision.item_id, motion_id=decision.motion_id,
                          text=decision.text, actions=tuple(action_dto(a, roster) for a in actions))


def live_cast_by(roll: Roll, roster: Roster) -> dict[int, int]:
    return {roster.by_code[code]: roster.by_code[holder] for code, holder in roll.represented}


def item_dto(item: AgendaItemRecord, session: Session, roster: Roster, roll: Roll | None = None) -> ItemDetail:
    return items_of(session, [item], roster, roll)[0]


def items_of(session: Session, items: list[AgendaItemRecord], roster: Roster,
             roll: Roll | None = None) -> list[ItemDetail]:
    """Items with their motions, elections and decisions; `roll`: the live roll, for open roll calls."""
    item_ids = [item.id for item in items]
    meeting_of = {item.id: item.meeting_id for item in items}
    motions: dict[int, list[MotionRecord]] = defaultdict(list)
    for motion in session.scalars(select(MotionRecord).where(MotionRecord.item_id.in_(item_ids))
                                  .order_by(MotionRecord.position)):
        motions[motion.item_id].append(motion)
    roll_calls = [m.id for ms in motions.values() for m in ms if m.method.value == "roll_call"]
    ballots: dict[int, list[RollCallBallotRecord]] = defaultdict(list)
    frozen_proxies: dict[int, dict[int, int]] = defaultdict(dict)
    if roll_calls:
        for ballot in session.scalars(select(RollCallBallotRecord)
                                      .where(RollCallBallotRecord.motion_id.in_(roll_calls))):
            ballots[ballot.motion_id].append(ballot)
        for voter in session.scalars(select(MotionVoterRecord).where(
                MotionVoterRecord.motion_id.in_(roll_calls), MotionVoterRecord.proxy_holder_id.is_not(None))):
            frozen_proxies[voter.motion_id][voter.member_id] = voter.proxy_holder_id
    live = live_cast_by(roll, roster) if roll is not None else {}
    bodies: dict[int, list[MotionBodyRecord]] = defaultdict(list)
    if concurrent := [m.id for ms in motions.values() for m in ms if m.concurrent]:
        for row in session.scalars(select(MotionBodyRecord).where(MotionBodyRecord.motion_id.in_(concurrent))):
            bodies[row.motion_id].append(row)
    elections: dict[int, list[ElectionRecord]] = defaultdict(list)
    for election in session.scalars(select(ElectionRecord).where(ElectionRecord.item_id.in_(item_ids))
                                    .order_by(ElectionRecord.position)):
        elections[election.item_id].append(election)
    candidates: dict[int, list[CandidateRecord]] = defaultdict(list)
    election_ids = [e.id for es in elections.values() for e in es]
    if election_ids:
        for candidate in session.scalars(select(CandidateRecord).where(CandidateRecord.election_id.in_(election_ids))):
            candidates[candidate.election_id].append(candidate)
    decisions: dict[int, list[DecisionRecord]] = defaultdict(list)
    for decision in session.scalars(select(DecisionRecord).where(DecisionRecord.item_id.in_(item_ids))
                                    .order_by(DecisionRecord.id)):
        decisions[decision.item_id].append(decision)
    actions: dict[int, list[FollowUpActionRecord]] = defaultdict(list)
    decision_ids = [d.id for ds in decisions.values() for d in ds]
    if decision_ids:
        for action in session.scalars(select(FollowUpActionRecord)
                                      .where(FollowUpActionRecord.decision_id.in_(decision_ids))
                                      .order_by(FollowUpActionRecord.id)):
            actions[action.decision_id].append(action)

    result = []
    for item in items:
        meeting_id = meeting_of[item.id]
        result.append(ItemDetail(
            id=item.id, meeting_id=meeting_id, position=item.position, title=item.title,
            proposer=roster.person(item.proposer_id), expected_minutes=item.expected_minutes,
            minutes=item.minutes or "", version=item.version,
            motions=tuple(motion_dto(m, meeting_id=meeting_id, roster=roster, number=f"{item.position}.{m.position}",
                                     ballots=ballots.get(m.id, ()),
                                     cast_by=frozen_proxies.get(m.id) if m.closed_at else live,
                                     bodies=bodies.get(m.id, ()))
                          for m in motions.get(item.id, ())),
            elections=tuple(election_dto(e, candidates.get(e.id, ()), meeting_id=meeting_id, roster=roster)
                            for e in elections.get(item.id, ())),
            decisions=tuple(decision_dto(d, actions.get(d.id, ()), roster) for d in decisions.get(item.id, ()))))
    return result


def load_detail(session: Session, meeting: MeetingRecord) -> MeetingDetail:
    session.flush()  # sessions do not autoflush: what this unit of work changed must be read back
    records = attendance_records(session, meeting.id)
    roster = load_roster(session, meeting, records)
    live = meeting.state not in (MeetingState.CLOSED, MeetingState.APPROVED)
    # Open roll calls name proxies from the roll as it stands; the counters are the acta's (everyone who came).
    items = items_of(session, list(meeting.items), roster, make_roll(records, roster, live=True) if live else None)
    approval = None
    if (row := session.get(MeetingApprovalRecord, meeting.id)) is not None:
        approval = ApprovalDetail(method=row.method, approved_at=row.approved_at, motion_id=row.motion_id)
        if row.motion_id is not None and (motion := session.get(MotionRecord, row.motion_id)) is not None:
            item = get_item(session, motion.item_id)
            later = item.meeting
            approval = ApprovalDetail(
                method=row.method, approved_at=row.approved_at, motion_id=motion.id,
                motion_number=f"{item.position}.{motion.position}", motion_text=motion.text,
                motion_meeting_id=later.id, motion_meeting_title=later.title, motion_meeting_starts_at=later.starts_at)
    errata = tuple(ErratumDetail(e.id, e.recorded_on, e.reason, e.correction) for e in session.scalars(
        select(ErratumRecord).where(ErratumRecord.meeting_id == meeting.id).order_by(ErratumRecord.id)))
    return MeetingDetail(
        council=council_of(session), id=meeting.id, title=meeting.title, kind=meeting.kind, state=meeting.state,
        starts_at=meeting.starts_at, ends_at=meeting.ends_at, place=meeting.place,
        chair=roster.person(meeting.chair_id), secretary=roster.person(meeting.secretary_id),
        quorum_rule=meeting.quorum_rule, version=meeting.version,
        attendance=attendance_lines(records, roster),
        counters=meeting_counters(records, roster, make_roll(records, roster, live=False), meeting),
        items=tuple(items), approval=approval, errata=errata, record_hash=meeting.record_hash, organ=meeting.organ,
        quorum_per_body=bool(meeting.quorum_per_body), opened_at=meeting.opened_at, convened_on=meeting.convened_on)
