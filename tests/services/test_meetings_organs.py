"""Organs through the services, on SQLite and PostgreSQL: the Workers' Council's roll holds only workers; the
joint body's per-body figures, the quorum in each body and concurrent motions — imported, shown, live, sealed.

The sample council: M001–M034 workers, M035–M038 communal-council delegates (voting), M039–M040 state
representatives (no vote by default)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.domain.meetings import AttendanceStatus, Choice, MeetingKind, MotionResult, VoteMethod
from coopdesk.domain.members import Body
from coopdesk.domain.organs import Organ
from coopdesk.domain.votes import Counts
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import Base
from coopdesk.services import meetings as m
from coopdesk.services.member_import import import_members
from coopdesk.services.members import all_members
from coopdesk.services.verify import verify_database

WORKERS = [f"M{n:03d}" for n in range(1, 35)]
DELEGATES = ["M035", "M036", "M037", "M038"]


@pytest.fixture
def ids(any_db: Database, data_dir: Path) -> dict[str, int]:
    import_members(any_db, path=data_dir / "members.csv")
    return {member.code: member.id for member in all_members(any_db)}


@pytest.fixture
def db(any_db: Database, ids: dict[str, int]) -> Database:
    return any_db


def meeting(organ: str | None = "workers_council", present: list[str] | None = None,
            motions: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Consejo de diciembre", "kind": "council", "starts_at": "2026-12-10T09:00", "quorum": "half",
        "chair": "M001", "secretary": "M002",
        "attendance": {code: "present" for code in (present if present is not None else WORKERS[:25])},
        "items": [{"title": "Anticipo", "motions": motions or [
            {"text": "Fijar el anticipo", "method": "open", "majority": "simple",
             "counts": {"yes": 20, "no": 3, "abstain": 2}}]}], **extra}
    if organ is not None:
        data["organ"] = organ
    return data


def rows(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


def shown(db: Database, meeting_id: int) -> dict[str, Any]:
    return json.loads(json.dumps(m.meeting_json(m.meeting_detail(db, meeting_id))))


def test_the_workers_council_counts_only_workers(db: Database) -> None:
    got = shown(db, m.import_meeting(db, data=meeting()))
    assert got["organ"] == "workers_council"
    assert (got["entitled"], got["present_voters"]) == (34, 25)  # not the 38 of the joint body
    assert got["entitled_by_body"] == {"worker": 34} and got["present_by_body"] == {"worker": 25}
    assert got["motions"][0]["result"] == "passed" and got["motions"][0]["concurrent"] is False
    assert "by_body" not in got["motions"][0]


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["attendance"].update({"M035": "present"}), "attendance.M035"),
    (lambda d: d["attendance"].update({"M026": {"proxy": "M036"}}), "attendance.M026"),
    (lambda d: d["items"][0].update({"motions": [{"text": "x", "method": "roll_call", "majority": "simple",
                                                  "ballots": {"M001": "yes", "M037": "no"}}]}),
     "ballots.M037"),
])
def test_a_member_outside_the_workers_council_is_refused_by_name_and_nothing_is_written(
        db: Database, change: Any, where: str, english: None) -> None:
    data = meeting()
    change(data)
    before = rows(db)
    with pytest.raises(ProblemsFound) as raised:
        m.import_meeting(db, data=data)
    lines = raised.value.lines()
    assert any(where in line and "does not sit in the Workers' Council" in line for line in lines), lines
    assert rows(db) == before


def test_without_an_organ_a_meeting_is_joint_as_before(db: Database) -> None:
    got = shown(db, m.import_meeting(db, data=meeting(organ=None, present=WORKERS[:21] + DELEGATES)))
    assert got["organ"] == "joint" and got["entitled"] == 38
    assert got["entitled_by_body"] == {"worker": 34, "communal_council": 4, "state": 0}
    assert got["present_by_body"] == {"worker": 21, "communal_council": 4, "state": 0}


def concurrent(by_body: dict[str, dict[str, int]], majority: str = "simple", **extra: Any) -> dict[str, Any]:
    return {"text": "Destinar el excedente al comedor comunal", "method": "secret", "majority": majority,
            "concurrent": True, "counts_by_body": by_body, **extra}


def test_a_concurrent_motion_fails_on_an_exact_half_among_the_delegates(db: Database) -> None:
    data = meeting("joint", WORKERS[:20] + DELEGATES, [concurrent(
        {"worker": {"yes": 18, "no": 2, "abstain": 0}, "communal_council": {"yes": 2, "no": 2, "abstain": 0}})])
    got = shown(db, m.import_meeting(db, data=data))
    motion = got["motions"][0]
    assert (motion["yes"], motion["no"], motion["base_count"]) == (20, 4, 24)  # passes overall …
    assert motion["concurrent"] is True and motion["result"] == "rejected"  # … but not among the delegates
    assert motion["by_body"] == {
        "worker": {"yes": 18, "no": 2, "abstain": 0, "base_count": 20, "result": "passed", "entitled": 34,
                   "present_voters": 20},
        "communal_council": {"yes": 2, "no": 2, "abstain": 0, "base_count": 4, "result": "rejected",
                             "entitled": 4, "present_voters": 4}}
    lines = "\n".join(m.meeting_lines(m.meeting_detail(db, got["id"])))
    assert "falta 1 voto a favor entre los delegados comunales" in lines
    assert "Mayoría concurrente" in lines


def test_a_body_with_nobody_present_is_skipped_and_a_base_of_zero_in_a_body_rejects(db: Database) -> None:
    skipped = meeting("joint", [*WORKERS[:20], "M035", "M036"], [
        concurrent({"worker": {"yes": 15, "no": 5, "abstain": 0}, "communal_council": {"yes": 2, "no": 0,
                                                                                     "abstain": 0}}),
        concurrent({"worker": {"yes": 15, "no": 5, "abstain": 0}, "communal_council": {"yes": 0, "no": 0,
                                                                                     "abstain": 2}})])
    got = shown(db, m.import_meeting(db, data=skipped))
    first, second = got["motions"]
    assert first["result"] == "passed" and set(first["by_body"]) == {"worker", "communal_council"}
    assert second["by_body"]["communal_council"]["base_count"] == 0
    assert second["result"] == "rejected"
    only_workers = meeting("joint", WORKERS[:20], [concurrent({"worker": {"yes": 15, "no": 5, "abstain": 0}})])
    got = shown(db, m.import_meeting(db, data=only_workers))
    assert got["motions"][0]["result"] == "passed" and set(got["motions"][0]["by_body"]) == {"worker"}


def test_a_concurrent_roll_call_is_split_by_the_voters_bodies(db: Database) -> None:
    ballots = {code: "yes" for code in WORKERS[:12]} | {"M035": "no", "M036": "no", "M037": "yes"}
    ballots["M013"] = "yes"  # cast by M001, M013's proxy: it counts among the workers
    attendance = {code: "present" for code in [*WORKERS[:20], "M035", "M036", "M037"]} | {"M013": {"proxy": "M001"}}
    data = meeting("joint", [], [{"text": "Plan de producción", "method": "roll_call", "majority": "simple",
                                  "concurrent": True, "ballots": ballots}])
    data["attendance"] = attendance
    got = shown(db, m.import_meeting(db, data=data))
    motion = got["motions"][0]
    assert {body: (v["yes"], v["no"]) for body, v in motion["by_body"].items()} == {
        "worker": (13, 0), "communal_council": (1, 2)}
    assert motion["result"] == "rejected"


def test_counts_by_body_are_checked_against_each_bodys_present_voters(db: Database, english: None) -> None:
    data = meeting("joint", [*WORKERS[:20], "M035"], [concurrent(
        {"worker": {"yes": 10, "no": 0, "abstain": 0}, "communal_council": {"yes": 2, "no": 0, "abstain": 0}})])
    with pytest.raises(ProblemsFound) as raised:
        m.import_meeting(db, data=data)
    assert any("counts_by_body.communal_council" in line for line in raised.value.lines())
    for bad, where in ((meeting(motions=[concurrent({"worker": {"yes": 1}})]), "concurrent"),
                       (meeting(quorum_per_body=True), "quorum_per_body"),
                       (meeting("joint", motions=[{"text": "x", "method": "open", "majority": "simple",
                                                   "counts": {"yes": 1}, "counts_by_body": {}}]), "counts_by_body")):
        with pytest.raises(ProblemsFound) as raised:
            m.import_meeting(db, data=bad)
        assert any(where in line for line in raised.value.lines()), raised.value.lines()


def test_the_quorum_in_each_body(db: Database, english: None) -> None:
    data = meeting("joint", [*WORKERS[:30], "M035", "M036"], quorum_per_body=True)
    got = shown(db, m.import_meeting(db, data=data))
    assert got["quorum_per_body"] is True
    assert got["quorum_met"] is False  # 32 of 38 overall, but only half of the delegates
    assert got["motions"][0]["result"] == "no_quorum"
    text_lines = "\n".join(m.meeting_lines(m.meeting_detail(db, got["id"])))
    assert "Communal council delegates without their own quorum (1 more needed)" in text_lines
    data["attendance"]["M037"] = "present"
    assert shown(db, m.import_meeting(db, data=data))["quorum_met"] is True


def test_concurrent_figures_are_sealed(db: Database) -> None:
    data = meeting("joint", WORKERS[:20] + DELEGATES, [concurrent(
        {"worker": {"yes": 18, "no": 2, "abstain": 0}, "communal_council": {"yes": 3, "no": 1, "abstain": 0}})])
    meeting_id = m.import_meeting(db, data=data)
    m.approve_by_signatures(db, meeting_id=meeting_id)
    assert verify_database(db).sound
    motion_id = m.meeting_detail(db, meeting_id).motions[0].id
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE motion_body_counts SET yes = 1, no = 3 WHERE body = 'communal_council'"))
    problems = [str(p.params.get("id")) for p in verify_database(db).problems]
    assert str(motion_id) in problems


def test_a_live_joint_meeting_counts_body_by_body(db: Database, ids: dict[str, int], english: None) -> None:
    detail = m.create_meeting(db, draft=m.MeetingDraft(
        title="Asamblea conjunta", kind=MeetingKind.ORDINARY, starts_at=datetime(2026, 12, 18, 9, 0),
        place="Galpón",        organ=Organ.JOINT))
    item = m.add_item(db, meeting_id=detail.id, title="Plan")
    m.convene_meeting(db, meeting_id=detail.id)
    m.open_meeting(db, meeting_id=detail.id, at=datetime(2026, 12, 18, 9, 5))
    for code in WORKERS[:20] + DELEGATES:
        counters = m.mark_attendance(db, meeting_id=detail.id, member_id=ids[code],
                                     status=AttendanceStatus.PRESENT)
    assert counters.present_by_body == {Body.WORKER: 20, Body.COMMUNAL_COUNCIL: 4, Body.STATE: 0}
    motion = m.add_motion(db, item_id=item.id, text="Plan", method=VoteMethod.OPEN, majority="simple",
                          concurrent=True)
    with pytest.raises(InvalidInput):
        m.record_counts(db, motion_id=motion.id, yes=20, no=4, abstain=0)
    with pytest.raises(ProblemsFound):  # five votes from four delegates
        m.record_body_counts(db, motion_id=motion.id, counts={Body.COMMUNAL_COUNCIL: Counts(3, 2, 0)})
    tally = m.record_body_counts(db, motion_id=motion.id, counts={Body.WORKER: Counts(18, 2, 0),
                                                                  Body.COMMUNAL_COUNCIL: Counts(1, 3, 0)})
    assert (tally.yes, tally.no) == (19, 5)
    assert tally.overall_result is MotionResult.PASSED and tally.result is MotionResult.REJECTED
    assert tally.shortfall == ((Body.COMMUNAL_COUNCIL, 3),)
    closed = m.close_motion(db, motion_id=motion.id)
    assert closed.result is MotionResult.REJECTED
    assert [(v.body, v.yes, v.no, v.result) for v in closed.by_body] == [
        (Body.WORKER, 18, 2, MotionResult.PASSED), (Body.COMMUNAL_COUNCIL, 1, 3, MotionResult.REJECTED)]
    assert verify_database(db).sound


def test_a_live_workers_council_refuses_other_bodies(db: Database, ids: dict[str, int], english: None) -> None:
    detail = m.create_meeting(db, draft=m.MeetingDraft(
        title="Consejo", kind=MeetingKind.COUNCIL, starts_at=datetime(2026, 12, 18, 9, 0), place="Galpón",
        organ=Organ.WORKERS_COUNCIL))
    roll = m.meeting_roll(db, meeting_id=detail.id)
    assert {line.member.code for line in roll.lines} == set(WORKERS)  # the roll lists only workers
    with pytest.raises(InvalidInput) as refused:
        m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M035"], status=AttendanceStatus.PRESENT)
    assert refused.value.translated() == "M035 is not a worker and does not sit in the Workers' Council"
    with pytest.raises(InvalidInput) as refused:
        m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M002"], status=AttendanceStatus.REPRESENTED,
                          proxy_holder_id=ids["M036"])
    assert "M036" in refused.value.translated()
    item = m.add_item(db, meeting_id=detail.id, title="Plan")
    with pytest.raises(InvalidInput):
        m.add_motion(db, item_id=item.id, text="x", method=VoteMethod.OPEN, majority="simple", concurrent=True)
    m.convene_meeting(db, meeting_id=detail.id)
    m.open_meeting(db, meeting_id=detail.id, at=datetime(2026, 12, 18, 9, 5))
    m.mark_attendance(db, meeting_id=detail.id, member_id=ids["M001"], status=AttendanceStatus.PRESENT)
    motion = m.add_motion(db, item_id=item.id, text="x", method=VoteMethod.ROLL_CALL, majority="simple")
    with pytest.raises(InvalidInput) as refused:
        m.record_ballot(db, motion_id=motion.id, member_id=ids["M037"], choice=Choice.YES)
    assert "M037" in refused.value.translated()
    assert m.meeting_detail(db, detail.id).counters.entitled == 34


def _election(votes: dict[str, int], cast: int = 25) -> dict[str, Any]:
    return {"title": "Voceros del consejo", "seats": 1, "method": "secret", "ballots_cast": cast, "votes": votes}


def test_a_workers_council_election_takes_its_candidates_from_the_workers(db: Database, english: None) -> None:
    """A communal delegate is no candidate in the Workers' Council (as they are no voter there); nothing is
    written. In the joint body the same delegate stands."""
    data = meeting()
    data["items"][0]["elections"] = [_election({"M003": 15, "M036": 10})]
    before = rows(db)
    with pytest.raises(ProblemsFound) as raised:
        m.import_meeting(db, data=data)
    assert "items[0].elections[0].votes.M036: M036 is not a worker and does not sit in the Workers' Council" in \
        raised.value.lines()
    assert rows(db) == before
    joint = meeting("joint", present=[*WORKERS[:25], *DELEGATES])
    joint["items"][0]["elections"] = [_election({"M003": 15, "M036": 14}, cast=29)]
    got = shown(db, m.import_meeting(db, data=joint))
    assert set(got["elections"][0]["votes"]) == {"M003", "M036"}


def test_a_live_election_refuses_a_candidate_outside_the_organ(db: Database, ids: dict[str, int],
                                                               english: None) -> None:
    council = m.create_meeting(db, draft=m.MeetingDraft(
        title="Consejo", kind=MeetingKind.COUNCIL, starts_at=datetime(2026, 12, 18, 9, 0),
        organ=Organ.WORKERS_COUNCIL))
    item = m.add_item(db, meeting_id=council.id, title="Voceros")
    before = rows(db)
    with pytest.raises(ProblemsFound) as raised:
        m.add_election(db, item_id=item.id, title="Voceros", seats=1, candidate_ids=[ids["M003"], ids["M035"]])
    assert raised.value.lines() == ["candidates: M035 is not a worker and does not sit in the Workers' Council"]
    assert rows(db) == before
    election = m.add_election(db, item_id=item.id, title="Voceros", seats=1, candidate_ids=[ids["M003"]])
    with pytest.raises(ProblemsFound) as raised:
        m.update_election(db, election_id=election.id, title="Voceros", seats=1,
                          candidate_ids=[ids["M003"], ids["M039"]])
    assert raised.value.lines() == ["candidates: M039 is not a worker and does not sit in the Workers' Council"]
    joint = m.create_meeting(db, draft=m.MeetingDraft(
        title="Asamblea conjunta", kind=MeetingKind.ORDINARY, starts_at=datetime(2026, 12, 19, 9, 0),
        organ=Organ.JOINT))
    joint_item = m.add_item(db, meeting_id=joint.id, title="Voceros")
    m.add_election(db, item_id=joint_item.id, title="Voceros", seats=1, candidate_ids=[ids["M003"], ids["M035"]])
    with pytest.raises(InvalidInput) as refused:  # the delegate standing keeps the meeting joint
        m.update_meeting(db, meeting_id=joint.id, version=joint.version, draft=m.MeetingDraft(
            title="Asamblea conjunta", kind=MeetingKind.ORDINARY, starts_at=datetime(2026, 12, 19, 9, 0),
            organ=Organ.WORKERS_COUNCIL))
    assert refused.value.translated() == "M035 is not a worker and does not sit in the Workers' Council"
    assert m.meeting_detail(db, joint.id).organ is Organ.JOINT
