"""Elections of several seats (the council's voceros): candidates, each voter up to N choices, counted openly
or by secret ballot (counts only). Seats go to the most votes; a tie for the last seat is flagged for a
runoff — never drawn by lot — and `start_runoff` puts the tied candidates to a new vote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.meeting_record import ElectionDetail
from coopdesk.domain.meetings import VoteMethod
from coopdesk.domain.organs import NOT_IN_ORGAN
from coopdesk.domain.votes import elect, election_problems
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import CandidateRecord, ElectionRecord, MeetingRecord
from coopdesk.services.meetings._common import (
    Roster,
    get_election,
    get_item,
    live_roll,
    load_roster,
    now_utc,
    require_in_session,
    require_live,
)
from coopdesk.services.meetings._detail import election_dto
from coopdesk.services.meetings.lifecycle import located, text_problems
from coopdesk.services.meetings.locking import seal_election

ELECTION_TITLE_MAX = 300


def candidates_of(session: Session, election_id: int) -> list[CandidateRecord]:
    return list(session.scalars(select(CandidateRecord).where(CandidateRecord.election_id == election_id)))


def _meeting_of(session: Session, election: ElectionRecord) -> MeetingRecord:
    return get_item(session, election.item_id).meeting


def _dto(session: Session, election: ElectionRecord, roster: Roster | None = None) -> ElectionDetail:
    meeting = _meeting_of(session, election)
    return election_dto(election, candidates_of(session, election.id), meeting_id=meeting.id,
                        roster=roster or load_roster(session, None))


def _check(session: Session, meeting: MeetingRecord, title: str, seats: int, max_choices: int, method: VoteMethod,
           candidate_ids: Sequence[int]) -> None:
    """The election's own figures, and candidates who sit in the meeting's organ (as its voters do)."""
    problems = text_problems(title, "title", ELECTION_TITLE_MAX)
    if seats < 1:
        problems.append(Problem(N_("an election needs at least one seat"), column="seats"))
    if max_choices < 1:
        problems.append(Problem(N_("each voter needs at least one choice"), column="max_choices"))
    if VoteMethod(method) is VoteMethod.ROLL_CALL:
        problems.append(Problem(N_("an election is counted openly or by secret ballot"), column="method"))
    roster = load_roster(session, meeting)
    known = roster.people
    if not candidate_ids:
        problems.append(Problem(N_("an election needs at least one candidate"), column="candidates"))
    if len(set(candidate_ids)) != len(candidate_ids):
        problems.append(Problem(N_("a candidate is listed twice"), column="candidates"))
    problems += [Problem(N_("There is no member with id %(id)s."), {"id": member_id}, column="candidates")
                 for member_id in candidate_ids if member_id not in known]
    problems += [Problem(NOT_IN_ORGAN, {"code": known[member_id].code}, column="candidates")
                 for member_id in candidate_ids if member_id in roster.bodies and member_id not in roster.seated]
    if problems:
        raise ProblemsFound(located(problems))


def add_election(db: Database, *, item_id: int, title: str, seats: int, candidate_ids: Sequence[int],
                 max_choices: int = 1, method: VoteMethod = VoteMethod.SECRET) -> ElectionDetail:
    with db.write() as session:
        item = get_item(session, item_id)
        require_live(item.meeting)
        _check(session, item.meeting, title, seats, max_choices, method, candidate_ids)
        election = _new_election(session, item_id, title.strip(), seats, max_choices, VoteMethod(method),
                                 candidate_ids)
        return _dto(session, election)


def _new_election(session: Session, item_id: int, title: str, seats: int, max_choices: int, method: VoteMethod,
                  candidate_ids: Sequence[int]) -> ElectionRecord:
    last = session.scalar(select(func.max(ElectionRecord.position)).where(ElectionRecord.item_id == item_id)) or 0
    election = ElectionRecord(item_id=item_id, position=last + 1, title=title, seats=seats, max_choices=max_choices,
                              method=method, ballots_cast=0, blank_ballots=0, null_ballots=0)
    session.add(election)
    session.flush()
    session.add_all([CandidateRecord(election_id=election.id, member_id=member_id, votes=0, elected=False,
                                     runoff=False) for member_id in candidate_ids])
    session.flush()
    return election


def _open_election(session: Session, election_id: int) -> tuple[ElectionRecord, MeetingRecord]:
    election = get_election(session, election_id)
    if election.closed_at is not None:
        raise InvalidInput(N_("Election %(id)s is closed; its result is final."), id=election_id)
    meeting = _meeting_of(session, election)
    require_live(meeting)
    return election, meeting


def update_election(db: Database, *, election_id: int, title: str, seats: int, candidate_ids: Sequence[int],
                    max_choices: int = 1, method: VoteMethod = VoteMethod.SECRET) -> ElectionDetail:
    """Change an election not yet closed; candidates who stay keep their votes."""
    with db.write() as session:
        election, meeting = _open_election(session, election_id)
        _check(session, meeting, title, seats, max_choices, method, candidate_ids)
        election.title, election.seats, election.max_choices = title.strip(), seats, max_choices
        election.method = VoteMethod(method)
        existing = {c.member_id: c for c in candidates_of(session, election_id)}
        for member_id, candidate in existing.items():
            if member_id not in candidate_ids:
                session.delete(candidate)
        session.add_all([CandidateRecord(election_id=election_id, member_id=member_id, votes=0, elected=False,
                                         runoff=False) for member_id in candidate_ids if member_id not in existing])
        session.flush()
        return _dto(session, election)


def remove_election(db: Database, *, election_id: int) -> None:
    with db.write() as session:
        election, _meeting = _open_election(session, election_id)
        session.delete(election)


def record_election_votes(db: Database, *, election_id: int, votes: Mapping[int, int], ballots_cast: int,
                          blank_ballots: int = 0, null_ballots: int = 0) -> ElectionDetail:
    """The count so far: votes per candidate (member id), ballots cast, and the blank and null (spoilt) ballots
    among them."""
    with db.write() as session:
        election, meeting = _open_election(session, election_id)
        require_in_session(meeting)
        roster, _records, roll = live_roll(session, meeting)
        candidates = {c.member_id: c for c in candidates_of(session, election_id)}
        problems = [Problem(N_("%(code)s is not a candidate"), {"code": roster.people[m].code if m in roster.people
                                                                else m}, column="votes")
                    for m in votes if m not in candidates]
        tallies = {roster.people[m].code: votes.get(m, 0) for m in candidates}
        problems += election_problems(seats=election.seats, max_choices=election.max_choices, tallies=tallies,
                                      ballots_cast=ballots_cast, present_voters=roll.present_voter_count,
                                      blank_ballots=blank_ballots, null_ballots=null_ballots)
        if problems:
            raise ProblemsFound(problems)
        for member_id, candidate in candidates.items():
            candidate.votes = votes.get(member_id, 0)
        election.ballots_cast, election.blank_ballots = ballots_cast, blank_ballots
        election.null_ballots = null_ballots
        session.flush()
        return _dto(session, election, roster)


def close_election(db: Database, *, election_id: int) -> ElectionDetail:
    """Seats to the most votes; a tie across the last seat is flagged for a runoff. The result is sealed."""
    with db.write() as session:
        election, meeting = _open_election(session, election_id)
        require_in_session(meeting)
        roster, _records, roll = live_roll(session, meeting)
        candidates = candidates_of(session, election_id)
        tallies = {roster.people[c.member_id].code: c.votes for c in candidates}
        if problems := election_problems(seats=election.seats, max_choices=election.max_choices, tallies=tallies,
                                         ballots_cast=election.ballots_cast,
                                         present_voters=roll.present_voter_count,
                                         blank_ballots=election.blank_ballots,
                                         null_ballots=election.null_ballots or 0):
            raise ProblemsFound(problems)
        freeze_election(session, election, candidates, roster)
        return _dto(session, election, roster)


def freeze_election(session: Session, election: ElectionRecord, candidates: Sequence[CandidateRecord],
                    roster: Roster) -> None:
    outcome = elect(election.seats, {roster.people[c.member_id].code: c.votes for c in candidates})
    for candidate in candidates:
        code = roster.people[candidate.member_id].code
        candidate.elected, candidate.runoff = code in outcome.elected, code in outcome.runoff
    election.closed_at = now_utc()
    seal_election(session, election)


def start_runoff(db: Database, *, election_id: int) -> ElectionDetail:
    """A new election, under the same item, among the candidates tied for the last seat(s)."""
    with db.write() as session:
        election = get_election(session, election_id)
        meeting = _meeting_of(session, election)
        require_live(meeting)
        candidates = candidates_of(session, election_id)
        tied = [c.member_id for c in candidates if c.runoff]
        if election.closed_at is None or not tied:
            raise InvalidInput(N_("Election %(id)s has no tie to settle by a runoff."), id=election_id)
        seats = election.seats - sum(1 for c in candidates if c.elected)
        title = (_("%(title)s (runoff)") % {"title": election.title})[:ELECTION_TITLE_MAX]
        runoff = _new_election(session, election.item_id, title, seats, min(election.max_choices, seats),
                               election.method, sorted(tied))
        return _dto(session, runoff)
