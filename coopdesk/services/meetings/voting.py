"""Motions: open count, roll call (one ballot per present voter) and secret ballot (counts only — no member ↔
choice link is ever stored). The live tally says what closing now would give; closing freezes the roll as it
stands (each present voter, and who cast a represented vote), decides by docs/cli.md's rules, and seals the vote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import EllipsisType

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.meeting_record import BodyVote, MotionDetail, MotionTally
from coopdesk.domain.meetings import Base, Choice, Majority, MotionResult, VoteMethod, default_base
from coopdesk.domain.members import Body
from coopdesk.domain.organs import (
    BodyTally,
    Organ,
    body_count_problems,
    body_counts,
    decide_concurrent,
    missing_yes,
    split_ballots,
)
from coopdesk.domain.votes import (
    Counts,
    Roll,
    ballot_problems,
    base_count,
    count_problems,
    decide,
    passes,
    tally_roll_call,
    yes_votes_needed,
)
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    MeetingRecord,
    MotionBodyRecord,
    MotionRecord,
    MotionVoterRecord,
    RollCallBallotRecord,
)
from coopdesk.services.meetings._common import (
    Roster,
    get_item,
    get_motion,
    live_roll,
    load_roster,
    meeting_quorum,
    now_utc,
    person_or_problem,
    require_in_session,
    require_live,
)
from coopdesk.services.meetings._detail import body_vote, live_cast_by, motion_dto
from coopdesk.services.meetings.lifecycle import located, text_problems
from coopdesk.services.meetings.locking import seal_motion

MOTION_TEXT_MAX = 2000


def _meeting_of(session: Session, motion: MotionRecord) -> MeetingRecord:
    return get_item(session, motion.item_id).meeting


def _ballots(session: Session, motion_id: int) -> list[RollCallBallotRecord]:
    return list(session.scalars(select(RollCallBallotRecord).where(RollCallBallotRecord.motion_id == motion_id)))


def _detail(session: Session, motion: MotionRecord, meeting: MeetingRecord, roster: Roster,
            roll: Roll | None) -> MotionDetail:
    item = get_item(session, motion.item_id)
    if motion.closed_at is None:
        cast_by = live_cast_by(roll, roster) if roll else {}
    else:  # who cast a represented member's vote, as frozen
        cast_by = {member: holder for member, holder in session.execute(
            select(MotionVoterRecord.member_id, MotionVoterRecord.proxy_holder_id).where(
                MotionVoterRecord.motion_id == motion.id, MotionVoterRecord.proxy_holder_id.is_not(None)))}
    return motion_dto(motion, meeting_id=meeting.id, roster=roster, number=f"{item.position}.{motion.position}",
                      ballots=_ballots(session, motion.id), cast_by=cast_by, bodies=_body_rows(session, motion.id))


def _body_rows(session: Session, motion_id: int) -> list[MotionBodyRecord]:
    return list(session.scalars(select(MotionBodyRecord).where(MotionBodyRecord.motion_id == motion_id)))


def _check_concurrent(meeting: MeetingRecord, concurrent: bool) -> None:
    if concurrent and meeting.organ is not Organ.JOINT:
        raise InvalidInput(N_("A concurrent majority applies only to the joint body."))


def _check(text: str, method: VoteMethod, majority: Majority, base: Base | None) -> None:
    problems = text_problems(text, "text", MOTION_TEXT_MAX)
    for value, enum, where in ((method, VoteMethod, "method"), (majority, Majority, "majority"),
                               (base, Base, "base")):
        if value is not None and value not in set(enum):
            problems.append(Problem(N_("'%(value)s' is not one of: %(choices)s"),
                                    {"value": value, "choices": ", ".join(m.value for m in enum)}, column=where))
    if problems:
        raise ProblemsFound(located(problems))


def _check_proposer(session: Session, proposer_id: int | None) -> None:
    """Any member may put a motion forward, as any member may propose an item."""
    if problems := person_or_problem(load_roster(session, None), proposer_id, "proposer"):
        raise ProblemsFound(located(problems))


def add_motion(db: Database, *, item_id: int, text: str, method: VoteMethod, majority: Majority,
               base: Base | None = None, concurrent: bool = False, proposer_id: int | None = None) -> MotionDetail:
    """A question put to the vote under an agenda item; `base` None is the majority's default base;
    `concurrent` (joint body only): it must also pass inside each body with present voters; `proposer_id`: who
    put it forward (None: the item's proposer speaks for it)."""
    _check(text, method, majority, base)
    with db.write() as session:
        item = get_item(session, item_id)
        require_live(item.meeting)
        _check_concurrent(item.meeting, concurrent)
        _check_proposer(session, proposer_id)
        last = session.scalar(select(func.max(MotionRecord.position)).where(MotionRecord.item_id == item_id)) or 0
        motion = MotionRecord(item_id=item_id, position=last + 1, text=text.strip(), method=VoteMethod(method),
                              majority=Majority(majority), base=Base(base) if base else default_base(majority),
                              yes=0, no=0, abstain=0, concurrent=concurrent, proposer_id=proposer_id)
        session.add(motion)
        session.flush()
        roster, _records, roll = live_roll(session, item.meeting)
        return _detail(session, motion, item.meeting, roster, roll)


def _open_motion(session: Session, motion_id: int) -> tuple[MotionRecord, MeetingRecord]:
    motion = get_motion(session, motion_id)
    if motion.closed_at is not None:
        raise InvalidInput(N_("The vote on motion %(id)s is closed; its result is final."), id=motion_id)
    meeting = _meeting_of(session, motion)
    require_live(meeting)
    return motion, meeting


def update_motion(db: Database, *, motion_id: int, text: str, method: VoteMethod, majority: Majority,
                  base: Base | None = None, concurrent: bool | None = None,
                  proposer_id: int | EllipsisType | None = ...) -> MotionDetail:
    """Reword or change the rule of a motion whose vote is not closed (a new method, or a change between
    concurrent and not, starts the count afresh); `concurrent` None keeps it as it is, `proposer_id` left out
    keeps its proposer."""
    _check(text, method, majority, base)
    with db.write() as session:
        motion, meeting = _open_motion(session, motion_id)
        concurrent = motion.concurrent if concurrent is None else concurrent
        _check_concurrent(meeting, concurrent)
        if not isinstance(proposer_id, EllipsisType):
            _check_proposer(session, proposer_id)
            motion.proposer_id = proposer_id
        if VoteMethod(method) is not motion.method or concurrent != motion.concurrent:
            motion.yes = motion.no = motion.abstain = 0
            for row in [*_ballots(session, motion_id), *_body_rows(session, motion_id)]:
                session.delete(row)
        motion.concurrent = concurrent
        motion.text, motion.method, motion.majority = text.strip(), VoteMethod(method), Majority(majority)
        motion.base = Base(base) if base else default_base(majority)
        session.flush()
        roster, _records, roll = live_roll(session, meeting)
        return _detail(session, motion, meeting, roster, roll)


def remove_motion(db: Database, *, motion_id: int) -> None:
    with db.write() as session:
        motion, _meeting = _open_motion(session, motion_id)
        session.delete(motion)


def record_counts(db: Database, *, motion_id: int, yes: int, no: int, abstain: int) -> MotionTally:
    """The counts of an open or secret vote, as counted so far."""
    with db.write() as session:
        motion, meeting = _open_motion(session, motion_id)
        require_in_session(meeting)
        if motion.method is VoteMethod.ROLL_CALL:
            raise InvalidInput(N_("A roll-call vote is counted ballot by ballot."))
        if motion.concurrent:
            raise InvalidInput(N_("A concurrent vote is counted body by body."))
        roster, _records, roll = live_roll(session, meeting)
        counts = Counts(yes, no, abstain)
        if problems := count_problems(counts, roll.present_voter_count):
            raise ProblemsFound(problems)
        motion.yes, motion.no, motion.abstain = yes, no, abstain
        session.flush()
        return _tally(session, motion, meeting, roster, roll)


def record_body_counts(db: Database, *, motion_id: int, counts: Mapping[Body, Counts]) -> MotionTally:
    """The counts of a concurrent open or secret vote, body by body (a body left out counted nothing)."""
    with db.write() as session:
        motion, meeting = _open_motion(session, motion_id)
        require_in_session(meeting)
        if motion.method is VoteMethod.ROLL_CALL or not motion.concurrent:
            raise InvalidInput(N_("Only a concurrent open or secret vote is counted body by body."))
        roster, _records, roll = live_roll(session, meeting)
        tallies = _tallies(roll, roster, counts)
        if unknown := [body for body in counts if body not in tallies]:
            raise InvalidInput(N_("'%(value)s' is not one of: %(choices)s"), value=unknown[0],
                               choices=", ".join(body.value for body in tallies))
        if problems := body_count_problems(tallies):
            raise ProblemsFound(problems)
        for row in _body_rows(session, motion_id):
            session.delete(row)
        session.flush()
        session.add_all([MotionBodyRecord(motion_id=motion_id, body=body, yes=c.yes, no=c.no, abstain=c.abstain)
                         for body, c in counts.items()])
        motion.yes, motion.no, motion.abstain = (sum(getattr(c, key) for c in counts.values())
                                                 for key in ("yes", "no", "abstain"))
        session.flush()
        return _tally(session, motion, meeting, roster, roll)


def _live_body_counts(session: Session, motion: MotionRecord, roster: Roster) -> dict[Body, Counts]:
    """A concurrent motion's counts by body as they stand: entered per body, or its roll call's ballots."""
    if motion.method is VoteMethod.ROLL_CALL:
        body_of = roster.body_of
        return split_ballots([(roster.people[b.member_id].code, b.choice) for b in _ballots(session, motion.id)
                              if roster.people[b.member_id].code in body_of], body_of)
    return {row.body: Counts(row.yes, row.no, row.abstain) for row in _body_rows(session, motion.id)}


def _tallies(roll: Roll, roster: Roster, by_body: Mapping[Body, Counts]) -> dict[Body, BodyTally]:
    """Each of the organ's bodies with its roll's figures and its counts (none where it gave none)."""
    return {body: BodyTally(f.entitled, f.present_voters, by_body.get(body, Counts()))
            for body, f in body_counts(roll, roster.body_of, roster.organ.bodies).items()}


def record_ballot(db: Database, *, motion_id: int, member_id: int, choice: Choice | None) -> MotionTally:
    """One member's vote in a roll call (a represented member's is cast by their proxy); None withdraws it."""
    with db.write() as session:
        motion, meeting = _open_motion(session, motion_id)
        require_in_session(meeting)
        if motion.method is not VoteMethod.ROLL_CALL:
            raise InvalidInput(N_("Only a roll-call vote takes named ballots."))
        roster, _records, roll = live_roll(session, meeting)
        if member_id not in roster.people:
            raise InvalidInput(N_("There is no member with id %(id)s."), id=member_id)
        roster.require_seated(member_id)
        ballot = session.get(RollCallBallotRecord, (motion_id, member_id))
        if choice is None:
            if ballot is not None:
                session.delete(ballot)
        else:
            if problems := ballot_problems([(roster.people[member_id].code, Choice(choice).value)], roll):
                raise ProblemsFound(problems)
            if ballot is None:
                session.add(RollCallBallotRecord(motion_id=motion_id, member_id=member_id, choice=Choice(choice)))
            else:
                ballot.choice = Choice(choice)
        session.flush()
        _sync_roll_call_counts(session, motion)
        return _tally(session, motion, meeting, roster, roll)


def _sync_roll_call_counts(session: Session, motion: MotionRecord) -> None:
    counts = Counts()
    for ballot in _ballots(session, motion.id):
        counts = counts.add(ballot.choice)
    motion.yes, motion.no, motion.abstain = counts.yes, counts.no, counts.abstain


def motion_tally(db: Database, *, motion_id: int) -> MotionTally:
    with db.read() as session:
        motion = get_motion(session, motion_id)
        meeting = _meeting_of(session, motion)
        roster, _records, roll = live_roll(session, meeting)
        return _tally(session, motion, meeting, roster, roll)


def _tally(session: Session, motion: MotionRecord, meeting: MeetingRecord, roster: Roster, roll: Roll) -> MotionTally:
    counts = Counts(motion.yes, motion.no, motion.abstain)
    if motion.closed_at is not None:  # the frozen figures
        entitled, present = motion.entitled or 0, motion.present_voters or 0
        quorum_met = motion.result is not MotionResult.NO_QUORUM
        valid, not_voted = True, 0
    else:
        entitled, present = roll.entitled_count, roll.present_voter_count
        quorum_met = meeting_quorum(meeting, roster, roll).met
        valid = not count_problems(counts, present)
        not_voted = 0
        if motion.method is VoteMethod.ROLL_CALL:
            voted = {roster.people[b.member_id].code for b in _ballots(session, motion.id)}
            valid = valid and voted <= roll.present_voters
            not_voted = len(roll.present_voters - voted)
    b = base_count(motion.base, counts, present_voters=present, entitled=entitled)
    result, needed = None, None
    if valid:
        needed = yes_votes_needed(motion.majority, motion.base, counts, present_voters=present, entitled=entitled)
        result = motion.result if motion.closed_at else (
            MotionResult.NO_QUORUM if not quorum_met
            else MotionResult.PASSED if passes(motion.majority, counts.yes, b) else MotionResult.REJECTED)
    tally = MotionTally(motion_id=motion.id, method=motion.method, majority=motion.majority, base=motion.base,
                        yes=counts.yes, no=counts.no, abstain=counts.abstain, entitled=entitled,
                        present_voters=present, quorum_met=quorum_met, base_count=b, valid=valid, result=result,
                        yes_needed=needed, not_voted=not_voted, closed=motion.closed_at is not None)
    if motion.concurrent:
        tally = _concurrent_tally(session, tally, motion, roster, roll)
    return tally


def _concurrent_tally(session: Session, tally: MotionTally, motion: MotionRecord, roster: Roster,
                      roll: Roll) -> MotionTally:
    """The tally with each body's figures: frozen once closed, else as closing now would give."""
    if motion.closed_at is not None:
        rows = sorted(_body_rows(session, motion.id), key=lambda row: list(Body).index(row.body))
        return replace(tally, concurrent=True, by_body=tuple(body_vote(row) for row in rows))
    if not tally.valid:
        return replace(tally, concurrent=True)
    tallies = _tallies(roll, roster, _live_body_counts(session, motion, roster))
    if body_count_problems(tallies):  # someone of a body has left since it was counted
        return replace(tally, concurrent=True, valid=False, result=None, yes_needed=None)
    outcome = decide_concurrent(motion.majority, motion.base, tallies, tally.quorum_met)
    return replace(tally, concurrent=True, result=outcome.result, overall_result=outcome.overall.result,
                   by_body=tuple(BodyVote(o.body, o.tally.counts.yes, o.tally.counts.no, o.tally.counts.abstain,
                                          o.tally.entitled, o.tally.present_voters, o.base_count, o.result)
                                 for o in outcome.bodies),
                   shortfall=missing_yes(outcome))


def close_motion(db: Database, *, motion_id: int) -> MotionDetail:
    """Close the vote: the roll is frozen as it stands, the result decided, the record sealed."""
    with db.write() as session:
        motion, meeting = _open_motion(session, motion_id)
        require_in_session(meeting)
        roster, _records, roll = live_roll(session, meeting)
        if motion.method is VoteMethod.ROLL_CALL:
            pairs = [(roster.people[b.member_id].code, b.choice.value) for b in _ballots(session, motion_id)]
            counts = tally_roll_call(pairs, roll).counts  # a ballot of someone who has left is refused
        else:
            counts = Counts(motion.yes, motion.no, motion.abstain)
        by_body = _live_body_counts(session, motion, roster) if motion.concurrent else None
        freeze_motion(session, motion, roll, roster, counts, quorum_met=meeting_quorum(meeting, roster, roll).met,
                      by_body=by_body)
        return _detail(session, motion, meeting, roster, roll)


def freeze_motion(session: Session, motion: MotionRecord, roll: Roll, roster: Roster, counts: Counts, *,
                  quorum_met: bool, ballots: Iterable[tuple[str, Choice]] = (),
                  by_body: Mapping[Body, Counts] | None = None) -> None:
    """Decide and lock a vote on this roll; `ballots` (by member code) are stored too (imports bring them).
    A concurrent motion also freezes each body's figures (`by_body`: its counts per body) and its result
    is the concurrent one."""
    outcome = decide(motion.majority, motion.base, counts, roll.present_voter_count, roll.entitled_count, quorum_met)
    motion.yes, motion.no, motion.abstain = counts.yes, counts.no, counts.abstain
    motion.base, motion.base_count, motion.result = outcome.base, outcome.base_count, outcome.result
    if motion.concurrent:
        _freeze_bodies(session, motion, roll, roster, by_body or {}, quorum_met)
    motion.entitled, motion.present_voters = roll.entitled_count, roll.present_voter_count
    motion.closed_at = now_utc()
    holders = roll.holders
    session.add_all([MotionVoterRecord(motion_id=motion.id, member_id=roster.by_code[code],
                                       proxy_holder_id=roster.by_code[holders[code]] if code in holders else None)
                     for code in sorted(roll.present_voters)])
    session.add_all([RollCallBallotRecord(motion_id=motion.id, member_id=roster.by_code[code], choice=choice)
                     for code, choice in ballots])
    seal_motion(session, motion)


def _freeze_bodies(session: Session, motion: MotionRecord, roll: Roll, roster: Roster,
                   by_body: Mapping[Body, Counts], quorum_met: bool) -> None:
    tallies = _tallies(roll, roster, by_body)
    if problems := body_count_problems(tallies):
        raise ProblemsFound(problems)
    outcome = decide_concurrent(motion.majority, motion.base, tallies, quorum_met)
    motion.result = outcome.result
    for row in _body_rows(session, motion.id):
        session.delete(row)
    session.flush()
    session.add_all([MotionBodyRecord(motion_id=motion.id, body=o.body, yes=o.tally.counts.yes,
                                      no=o.tally.counts.no, abstain=o.tally.counts.abstain, entitled=o.tally.entitled,
                                      present_voters=o.tally.present_voters, base_count=o.base_count, result=o.result)
                     for o in outcome.bodies])


def motion_detail(db: Database, *, motion_id: int) -> MotionDetail:
    """One motion with its result (the ledger checks that a rate or a fund was agreed by a passed motion)."""
    with db.read() as session:
        motion = get_motion(session, motion_id)
        meeting = _meeting_of(session, motion)
        roster, _records, roll = live_roll(session, meeting)
        return _detail(session, motion, meeting, roster, roll)
