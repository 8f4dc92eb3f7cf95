"""A live assembly through the services: convocation, roll call with proxies, arrivals and departures, votes of
each method, elections, minutes and decisions, closing, approval (the lock), errata and `verify` — on SQLite and
on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.domain.meetings import (
    ActionStatus,
    AttendanceStatus,
    Choice,
    Majority,
    MeetingKind,
    MeetingState,
    MotionResult,
    QuorumRule,
    VoteMethod,
)
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AuditEventRecord, MotionVoterRecord, RollCallBallotRecord
from coopdesk.services import meetings as m
from coopdesk.services.member_import import import_members
from coopdesk.services.members import all_members
from coopdesk.services.verify import verify_database

PRESENT, REPRESENTED, EXCUSED, ABSENT = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED,
                                         AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
START = datetime(2026, 12, 18, 9, 0)


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def ids(db: Database, data_dir: Path) -> dict[str, int]:
    """The 40 sample members (38 entitled: M039 and M040 represent the state, without a vote)."""
    import_members(db, path=data_dir / "members.csv")
    return {member.code: member.id for member in all_members(db)}


def new_meeting(db: Database, ids: dict[str, int], *, rule: QuorumRule = QuorumRule.HALF,
                items: tuple[str, ...] = ("Aprobación del acta anterior", "Anticipo de enero")) -> m.MeetingDetail:
    detail = m.create_meeting(db, draft=m.MeetingDraft(
        title="Asamblea ordinaria de diciembre", kind=MeetingKind.ORDINARY, starts_at=START, place="Galpón",
        chair_id=ids["M001"], secretary_id=ids["M002"], quorum_rule=rule))
    for title in items:
        m.add_item(db, meeting_id=detail.id, title=title, proposer_id=ids["M003"], expected_minutes=15)
    return m.meeting_detail(db, detail.id)


def mark(db: Database, meeting_id: int, ids: dict[str, int], codes: range | list[int],
         status: AttendanceStatus = PRESENT) -> m.RollCounters:
    counters = None
    for number in codes:
        counters = m.mark_attendance(db, meeting_id=meeting_id, member_id=ids[f"M{number:03d}"], status=status)
    assert counters is not None
    return counters


def in_session(db: Database, ids: dict[str, int], present: int = 25) -> m.MeetingDetail:
    detail = new_meeting(db, ids)
    m.convene_meeting(db, meeting_id=detail.id)
    m.open_meeting(db, meeting_id=detail.id, at=datetime(2026, 12, 18, 9, 10))
    mark(db, detail.id, ids, range(1, present + 1))
    return m.meeting_detail(db, detail.id)


def test_convocation_agenda_and_its_order(db: Database, ids: dict[str, int]) -> None:
    detail = new_meeting(db, ids, items=("Uno", "Dos", "Tres"))
    assert detail.state is MeetingState.DRAFT and [i.position for i in detail.items] == [1, 2, 3]
    first, second, third = (item.id for item in detail.items)
    reordered = m.reorder_items(db, meeting_id=detail.id, item_ids=[third, first, second])
    assert [(i.title, i.position) for i in reordered] == [("Tres", 1), ("Uno", 2), ("Dos", 3)]
    m.remove_item(db, item_id=first)
    assert [(i.title, i.position) for i in m.meeting_detail(db, detail.id).items] == [("Tres", 1), ("Dos", 2)]
    with pytest.raises(InvalidInput):
        m.reorder_items(db, meeting_id=detail.id, item_ids=[third])
    assert m.convene_meeting(db, meeting_id=detail.id).state is MeetingState.CONVENED
    m.add_motion(db, item_id=second, text="Moción", method=VoteMethod.OPEN, majority=Majority.SIMPLE)
    m.delete_meeting(db, meeting_id=detail.id)  # not held yet: it may go, with all it holds
    assert m.list_meetings(db) == []
    with pytest.raises(ProblemsFound) as raised:
        m.create_meeting(db, draft=m.MeetingDraft(title=" ", kind=MeetingKind.COUNCIL, starts_at=START,
                                                  chair_id=99_999))
    assert {p.column for p in raised.value.problems} == {"title", "chair"}


def test_the_roll_counts_and_checks_proxies_as_they_are_entered(db: Database, ids: dict[str, int]) -> None:
    detail = new_meeting(db, ids)
    counters = m.roll_counters(db, meeting_id=detail.id)
    assert (counters.entitled, counters.present_voters, counters.quorum_met, counters.needed_more) == (38, 0, False, 20)
    counters = mark(db, detail.id, ids, range(1, 19))
    assert (counters.present_voters, counters.quorum_met, counters.needed_more) == (18, False, 2)
    counters = mark(db, detail.id, ids, [39])  # the state's representative: present, without a vote
    assert (counters.in_person, counters.present_voters) == (19, 18)
    counters = m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M019"], status=REPRESENTED,
                                 proxy_holder_id=ids["M001"])
    assert (counters.present_voters, counters.represented, counters.needed_more) == (19, 1, 1)

    def refused(code: str, holder: str) -> str:
        with pytest.raises(ProblemsFound) as raised:
            m.mark_attendance(db, meeting_id=detail.id, member_id=ids[code], status=REPRESENTED,
                              proxy_holder_id=ids[holder])
        return raised.value.problems[0].message

    assert "already holds" in refused("M020", "M001")  # one proxy per holder
    assert "not present" in refused("M020", "M030")  # the holder must be in the room
    assert "own proxy" in refused("M020", "M020")
    assert "no vote" in refused("M020", "M039")  # the holder must be entitled
    assert "no vote" in refused("M040", "M002")  # nobody represents a member without a vote
    with pytest.raises(ProblemsFound):  # the holder cannot leave the roll while carrying a proxy
        m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M001"], status=EXCUSED)
    counters = m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M020"], status=EXCUSED)
    assert (counters.excused, counters.absent) == (1, 38 - 19 - 1)
    # The represented member arrives after all: present in person, the proxy ends.
    counters = m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M019"], status=PRESENT)
    assert (counters.present_voters, counters.represented, counters.quorum_met) == (19, 0, False)
    view = m.meeting_roll(db, meeting_id=detail.id)
    assert view.editable and len(view.lines) == 40  # every active member can be marked
    assert view.counters == m.roll_counters(db, meeting_id=detail.id)


def test_departures_and_returns_change_the_live_roll(db: Database, ids: dict[str, int]) -> None:
    detail = in_session(db, ids, present=20)
    m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M021"], status=REPRESENTED,
                      proxy_holder_id=ids["M005"])
    assert m.roll_counters(db, meeting_id=detail.id).present_voters == 21
    counters = m.record_departure(db, meeting_id=detail.id, member_id=ids["M005"], at=datetime(2026, 12, 18, 10, 30))
    assert (counters.present_voters, counters.departed, counters.quorum_met) == (19, 1, False)  # and the proxy
    with pytest.raises(InvalidInput):
        m.record_departure(db, meeting_id=detail.id, member_id=ids["M005"])
    counters = m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M005"], status=PRESENT)
    assert (counters.present_voters, counters.departed) == (21, 0)
    line = next(line for line in m.meeting_detail(db, detail.id).attendance if line.member.code == "M005")
    assert line.arrived_at is not None and line.left_at is None
    assert line.represents is not None and line.represents.code == "M021"


@pytest.mark.parametrize(("method", "majority", "counts", "result"), [
    (VoteMethod.OPEN, Majority.SIMPLE, (10, 10, 5), MotionResult.REJECTED),  # exactly half fails
    (VoteMethod.SECRET, Majority.ABSOLUTE, (13, 0, 0), MotionResult.PASSED),  # base P = 25
    (VoteMethod.SECRET, Majority.ABSOLUTE, (12, 13, 0), MotionResult.REJECTED),
    (VoteMethod.OPEN, Majority.TWO_THIRDS, (16, 8, 0), MotionResult.PASSED),  # the edge passes
    (VoteMethod.OPEN, Majority.THREE_QUARTERS, (15, 5, 0), MotionResult.PASSED),
    (VoteMethod.OPEN, Majority.UNANIMOUS, (0, 0, 25), MotionResult.REJECTED),  # B = 0 is rejected
])
def test_counted_votes(db: Database, ids: dict[str, int], method: VoteMethod, majority: Majority,
                       counts: tuple[int, int, int], result: MotionResult) -> None:
    detail = in_session(db, ids)
    motion = m.add_motion(db, item_id=detail.items[1].id, text="Fijar el anticipo", method=method, majority=majority)
    yes, no, abstain = counts
    tally = m.record_counts(db, motion_id=motion.id, yes=yes, no=no, abstain=abstain)
    assert (tally.present_voters, tally.entitled, tally.result, tally.closed) == (25, 38, result, False)
    closed = m.close_motion(db, motion_id=motion.id)
    assert (closed.result, closed.present_voters, closed.closed) == (result, 25, True)
    assert closed.record_hash and len(closed.record_hash) == 64
    with pytest.raises(InvalidInput):
        m.record_counts(db, motion_id=motion.id, yes=25, no=0, abstain=0)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RollCallBallotRecord)) == 0  # no names, ever
        assert session.scalar(select(func.count()).select_from(MotionVoterRecord)) == 25  # the frozen roll
        event = session.scalars(select(AuditEventRecord).where(AuditEventRecord.entity == "motion")).one()
        assert closed.record_hash in event.after_json


def test_the_live_tally_says_how_many_more_yes_votes(db: Database, ids: dict[str, int]) -> None:
    detail = in_session(db, ids)
    motion = m.add_motion(db, item_id=detail.items[1].id, text="Fondo", method=VoteMethod.OPEN,
                          majority=Majority.TWO_THIRDS)
    tally = m.record_counts(db, motion_id=motion.id, yes=10, no=6, abstain=2)
    assert (tally.base_count, tally.result, tally.yes_needed) == (18, MotionResult.REJECTED, 6)  # 3Y ≥ 2B
    with pytest.raises(ProblemsFound):  # more votes than present voters
        m.record_counts(db, motion_id=motion.id, yes=20, no=6, abstain=0)


def test_no_quorum_gives_no_quorum(db: Database, ids: dict[str, int]) -> None:
    detail = in_session(db, ids, present=19)
    motion = m.add_motion(db, item_id=detail.items[0].id, text="Aprobar", method=VoteMethod.OPEN,
                          majority=Majority.SIMPLE)
    m.record_counts(db, motion_id=motion.id, yes=19, no=0, abstain=0)
    assert m.close_motion(db, motion_id=motion.id).result is MotionResult.NO_QUORUM


def test_roll_call_freezes_the_roll_when_the_vote_closes(db: Database, ids: dict[str, int]) -> None:
    detail = in_session(db, ids, present=20)
    m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M021"], status=REPRESENTED,
                      proxy_holder_id=ids["M002"])
    motion = m.add_motion(db, item_id=detail.items[1].id, text="Nominal", method=VoteMethod.ROLL_CALL,
                          majority=Majority.SIMPLE)
    for number in range(1, 22):
        tally = m.record_ballot(db, motion_id=motion.id, member_id=ids[f"M{number:03d}"],
                                choice=Choice.YES if number <= 11 else Choice.NO)
    assert (tally.yes, tally.no, tally.not_voted, tally.result) == (11, 10, 0, MotionResult.PASSED)
    with pytest.raises(ProblemsFound):  # not a present voter
        m.record_ballot(db, motion_id=motion.id, member_id=ids["M030"], choice=Choice.YES)
    m.record_departure(db, meeting_id=detail.id, member_id=ids["M020"])
    with pytest.raises(ProblemsFound) as raised:  # the ballot of someone who has left cannot stand
        m.close_motion(db, motion_id=motion.id)
    assert "M020" in raised.value.lines()[0]
    m.record_ballot(db, motion_id=motion.id, member_id=ids["M020"], choice=None)
    closed = m.close_motion(db, motion_id=motion.id)
    assert (closed.yes, closed.no, closed.present_voters, closed.result) == (11, 9, 20, MotionResult.PASSED)
    proxied = next(b for b in closed.ballots if b.member.code == "M021")
    assert proxied.cast_by is not None and proxied.cast_by.code == "M002"
    # Later arrivals change the meeting's roll, never a closed vote's.
    m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M030"], status=PRESENT)
    assert m.motion_detail(db, motion_id=motion.id).present_voters == 20


def test_an_election_with_a_tie_goes_to_a_runoff(db: Database, ids: dict[str, int]) -> None:
    detail = in_session(db, ids)
    candidates = [ids[code] for code in ("M005", "M006", "M007", "M008")]
    election = m.add_election(db, item_id=detail.items[1].id, title="Voceros", seats=2, max_choices=2,
                              method=VoteMethod.SECRET, candidate_ids=candidates)
    with pytest.raises(ProblemsFound):  # 26 ballots, 25 present voters
        m.record_election_votes(db, election_id=election.id, votes={}, ballots_cast=26)
    m.record_election_votes(db, election_id=election.id, ballots_cast=24, blank_ballots=1,
                            votes={candidates[0]: 20, candidates[1]: 12, candidates[2]: 12, candidates[3]: 2})
    closed = m.close_election(db, election_id=election.id)
    assert [p.code for p in closed.elected] == ["M005"]
    assert [p.code for p in closed.runoff] == ["M006", "M007"] and closed.runoff_seats == 1
    runoff = m.start_runoff(db, election_id=election.id)
    assert runoff.seats == 1 and [c.member.code for c in runoff.candidates] == ["M006", "M007"]
    m.record_election_votes(db, election_id=runoff.id, ballots_cast=25, votes={candidates[1]: 14, candidates[2]: 11})
    assert [p.code for p in m.close_election(db, election_id=runoff.id).elected] == ["M006"]
    with pytest.raises(InvalidInput):
        m.start_runoff(db, election_id=runoff.id)


def test_close_approve_lock_and_erratum(db: Database, ids: dict[str, int]) -> None:
    detail = in_session(db, ids)
    item = detail.items[1]
    motion = m.add_motion(db, item_id=item.id, text="Anticipo", method=VoteMethod.OPEN, majority=Majority.SIMPLE)
    m.record_counts(db, motion_id=motion.id, yes=20, no=3, abstain=2)
    m.save_minutes(db, item_id=item.id, text="Primer párrafo.\n\nSegundo párrafo,\nen dos líneas.")
    decision = m.add_decision(db, item_id=item.id, text="Se fija el anticipo.", motion_id=motion.id)
    action = m.add_action(db, decision_id=decision.id, description="Publicar", responsible_id=ids["M004"],
                          due_on=date(2026, 12, 30))
    with pytest.raises(ProblemsFound):  # a vote is still open
        m.close_meeting(db, meeting_id=detail.id)
    m.close_motion(db, motion_id=motion.id)
    closed = m.close_meeting(db, meeting_id=detail.id, at=datetime(2026, 12, 18, 11, 30))
    assert closed.state is MeetingState.CLOSED and closed.ends_at == datetime(2026, 12, 18, 11, 30)
    assert (closed.entitled, closed.present_voters, closed.counters.absent) == (38, 25, 13)
    assert closed.items[1].paragraphs == ["Primer párrafo.", "Segundo párrafo, en dos líneas."]
    with pytest.raises(InvalidInput):  # the roll is frozen
        m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M030"], status=PRESENT)
    m.save_minutes(db, item_id=item.id, text="Primer párrafo.\n\nSegundo párrafo corregido.")  # still a draft

    approved = m.approve_by_signatures(db, meeting_id=detail.id)
    assert approved.locked and approved.verification_code and len(approved.verification_code) == 64
    for change in (lambda: m.save_minutes(db, item_id=item.id, text="otro"),
                   lambda: m.add_decision(db, item_id=item.id, text="otro"),
                   lambda: m.add_item(db, meeting_id=detail.id, title="otro"),
                   lambda: m.approve_by_signatures(db, meeting_id=detail.id)):
        with pytest.raises(InvalidInput):
            change()
    done = m.set_action_status(db, action_id=action.id, status=ActionStatus.DONE, done_on=date(2026, 12, 28))
    assert done.status is ActionStatus.DONE and not m.open_actions(db)
    erratum = m.add_erratum(db, meeting_id=detail.id, reason="Nombre mal escrito", correction="Léase «Núñez».",
                            recorded_on=date(2027, 1, 10))
    after = m.meeting_detail(db, detail.id)
    assert after.errata == (erratum,) and after.verification_code == approved.verification_code
    assert verify_database(db).sound


def test_approval_by_a_passed_motion_of_a_later_meeting(db: Database, ids: dict[str, int], data_dir: Path) -> None:
    earlier = m.import_meeting_file(db, path=data_dir / "meeting_example.json")
    detail = in_session(db, ids)
    approving = m.add_motion(db, item_id=detail.items[0].id, text="Aprobar el acta anterior",
                             method=VoteMethod.OPEN, majority=Majority.SIMPLE)
    m.record_counts(db, motion_id=approving.id, yes=2, no=3, abstain=0)
    m.close_motion(db, motion_id=approving.id)
    with pytest.raises(InvalidInput):  # rejected: approves nothing
        m.approve_by_motion(db, meeting_id=earlier, motion_id=approving.id)
    passed = m.add_motion(db, item_id=detail.items[0].id, text="Aprobar el acta anterior",
                          method=VoteMethod.OPEN, majority=Majority.SIMPLE)
    m.record_counts(db, motion_id=passed.id, yes=20, no=0, abstain=1)
    m.close_motion(db, motion_id=passed.id)
    awaiting = m.minutes_awaiting_approval(db, before_meeting_id=detail.id)
    assert awaiting is not None and awaiting.id == earlier
    approved = m.approve_by_motion(db, meeting_id=earlier, motion_id=passed.id)
    assert approved.locked and approved.approval and approved.approval.motion_meeting_id == detail.id
    assert m.minutes_awaiting_approval(db, before_meeting_id=detail.id) is None
    example_motion = approved.motions[0].id  # a meeting cannot approve itself, nor a later one
    with pytest.raises(InvalidInput):
        m.approve_by_motion(db, meeting_id=detail.id, motion_id=example_motion)


def test_pending_actions_across_meetings(db: Database, ids: dict[str, int]) -> None:
    detail = new_meeting(db, ids)
    decision = m.add_decision(db, item_id=detail.items[1].id, text="Comprar repuestos")
    late = m.add_action(db, decision_id=decision.id, description="Cotizar", due_on=date(2027, 1, 20),
                        responsible_id=ids["M003"])
    soon = m.add_action(db, decision_id=decision.id, description="Pedir", due_on=date(2027, 1, 5))
    undated = m.add_action(db, decision_id=decision.id, description="Instalar")
    assert [p.action.id for p in m.open_actions(db)] == [soon.id, late.id, undated.id]
    m.set_action_status(db, action_id=soon.id, status=ActionStatus.CANCELLED)
    pending = m.open_actions(db)
    assert [p.action.id for p in pending] == [late.id, undated.id]
    assert pending[0].meeting_id == detail.id and pending[0].decision_text == "Comprar repuestos"


def test_verify_notices_a_changed_locked_record(db: Database, ids: dict[str, int], data_dir: Path) -> None:
    meeting_id = m.import_meeting_file(db, path=data_dir / "meeting_example.json")
    m.approve_by_signatures(db, meeting_id=meeting_id)
    assert verify_database(db).sound
    motion_id = m.meeting_detail(db, meeting_id).motions[1].id
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE motions SET yes = 9 WHERE id = :id"), {"id": motion_id})
        connection.execute(text("UPDATE agenda_items SET minutes = 'otra cosa' WHERE meeting_id = :id"),
                           {"id": meeting_id})
    problems = [p.translated() for p in verify_database(db).problems]
    assert any(f"Motion {motion_id}" in p or f"moción {motion_id}" in p.lower() for p in problems)
    assert any(f"meeting {meeting_id}" in p or f"asamblea {meeting_id}" in p for p in problems)


def test_the_acta_facts_are_recorded_and_sealed(db: Database, ids: dict[str, int]) -> None:
    """The day of issue, a motion's own proposer and an election's null ballots: kept as given, checked, and
    sealed with the vote, the election and the minutes."""
    detail = new_meeting(db, ids)
    assert m.convene_meeting(db, meeting_id=detail.id, on=date(2026, 12, 10)).convened_on == date(2026, 12, 10)
    assert m.convene_meeting(db, meeting_id=detail.id).convened_on == date(2026, 12, 10)  # a reprint keeps it
    with pytest.raises(ProblemsFound, match="problem"):  # the meeting moved before its convocation was issued
        m.update_meeting(db, meeting_id=detail.id, version=m.meeting_detail(db, detail.id).version,
                         draft=m.MeetingDraft(title=detail.title, kind=detail.kind, starts_at=datetime(2026, 12, 9, 9),
                                              place="Galpón", chair_id=ids["M001"], secretary_id=ids["M002"]))
    m.open_meeting(db, meeting_id=detail.id, at=datetime(2026, 12, 18, 9, 10))
    mark(db, detail.id, ids, range(1, 26))
    item = detail.items[1]
    motion = m.add_motion(db, item_id=item.id, text="Anticipo", method=VoteMethod.OPEN, majority=Majority.SIMPLE,
                          proposer_id=ids["M007"])
    assert motion.proposer is not None and motion.proposer.code == "M007"
    kept = m.update_motion(db, motion_id=motion.id, text="Anticipo de enero", method=VoteMethod.OPEN,
                           majority=Majority.SIMPLE)
    assert kept.proposer is not None and kept.proposer.code == "M007"
    with pytest.raises(ProblemsFound):
        m.update_motion(db, motion_id=motion.id, text="Anticipo", method=VoteMethod.OPEN, majority=Majority.SIMPLE,
                        proposer_id=99_999)
    m.record_counts(db, motion_id=motion.id, yes=20, no=3, abstain=2)
    m.close_motion(db, motion_id=motion.id)
    election = m.add_election(db, item_id=item.id, title="Vocero", seats=1, candidate_ids=[ids["M005"], ids["M006"]])
    with pytest.raises(ProblemsFound):  # 20 votes of one choice each cannot come from 25 - 2 blank - 4 null
        m.record_election_votes(db, election_id=election.id, ballots_cast=25, blank_ballots=2, null_ballots=4,
                                votes={ids["M005"]: 12, ids["M006"]: 8})
    m.record_election_votes(db, election_id=election.id, ballots_cast=25, blank_ballots=2, null_ballots=3,
                            votes={ids["M005"]: 12, ids["M006"]: 8})
    closed = m.close_election(db, election_id=election.id)
    assert (closed.ballots_cast, closed.blank_ballots, closed.null_ballots) == (25, 2, 3)
    m.close_meeting(db, meeting_id=detail.id, at=datetime(2026, 12, 18, 11, 0))
    m.approve_by_signatures(db, meeting_id=detail.id)
    assert verify_database(db).sound
    for statement, named in (("UPDATE elections SET null_ballots = 0", ("election", "elección", election.id)),
                             ("UPDATE motions SET proposer_id = NULL", ("motion", "moción", motion.id)),
                             ("UPDATE meetings SET convened_on = '2026-12-01'", ("meeting", "asamblea", detail.id))):
        with db.engine.begin() as connection:
            connection.execute(text(statement))
        found = [problem.translated().lower() for problem in verify_database(db).problems]
        en, es, number = named
        assert any(f"{en} {number}" in problem or f"{es} {number}" in problem for problem in found), found
