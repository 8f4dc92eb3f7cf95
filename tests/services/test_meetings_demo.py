"""The demo's assemblies: two years of monthly meetings, every method of voting, an election with a runoff, one
meeting without quorum, decisions and actions, approved minutes and the latest as a draft — the same each time."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coopdesk.bootstrap import open_database
from coopdesk.domain.meetings import ActionStatus, AttendanceStatus, MeetingState, MotionResult
from coopdesk.domain.members import Body
from coopdesk.domain.organs import Organ
from coopdesk.persistence.database import Database
from coopdesk.services import demo
from coopdesk.services import meetings as m
from coopdesk.services.demo_meetings import add_meetings
from coopdesk.services.members import all_members
from coopdesk.services.verify import verify_database

TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def only_members_and_meetings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The members and this step alone (other steps have tests of their own)."""
    monkeypatch.setattr(demo, "STEPS", [demo.STEPS[0], add_meetings])


def meetings_of(db: Database) -> list[dict[str, Any]]:
    """Everything decided, without the clock's times and the hashes that cover them."""
    shown = []
    for summary in m.list_meetings(db):
        data = m.meeting_json(m.meeting_detail(db, summary.id))
        data.pop("verification_code")
        data.pop("approval")
        for motion in data["motions"]:
            motion.pop("verification_code")
        for election in data["elections"]:
            election.pop("verification_code")
        shown.append(data)
    return shown


def test_two_years_of_assemblies(db: Database) -> None:
    demo.create_demo(db, today=TODAY)
    everything = [s for s in m.list_meetings(db) if s.state is not MeetingState.CONVENED]  # held (see needs)
    summaries = [s for s in everything if s.organ is Organ.WORKERS_COUNCIL]  # a session each month
    assert 23 <= len(summaries) <= 25
    assert all(s.starts_at.date() < TODAY for s in everything)
    assert summaries[0].state is MeetingState.CLOSED  # the latest minutes are a draft
    assert all(s.state is MeetingState.APPROVED for s in summaries[1:])
    details = [m.meeting_detail(db, s.id) for s in summaries]
    assert all(line.member.code in workers(db) for d in details for line in d.attendance)
    motions = [motion for d in details for motion in d.motions]
    assert {motion.method.value for motion in motions} == {"open", "roll_call", "secret"}
    assert {motion.majority.value for motion in motions} >= {"simple", "absolute", "two_thirds", "three_quarters"}
    results = Counter(motion.result for motion in motions)
    assert results[MotionResult.PASSED] and results[MotionResult.REJECTED] and results[MotionResult.NO_QUORUM]
    assert sum(not d.quorum_met for d in details) == 1
    elections = [e for d in details for e in d.elections]
    assert len(elections) == 2 and elections[0].needs_runoff and not elections[1].needs_runoff
    assert len(elections[0].elected) + len(elections[1].elected) == 3
    assert any(line.proxy for d in details for line in d.attendance)
    statuses = Counter(a.status for d in details for decision in d.decisions for a in decision.actions)
    assert statuses[ActionStatus.DONE] > statuses[ActionStatus.OPEN] > 0
    assert any(any(ch in "áéíóúñ" for ch in item.minutes) for d in details for item in d.items)
    approved = details[1]
    assert approved.approval is not None and approved.approval.motion_meeting_id == details[0].id
    assert verify_database(db).sound


def workers(db: Database) -> set[str]:
    return {member.code for member in all_members(db) if member.body is Body.WORKER}


def test_a_joint_assembly_each_quarter_with_every_body_and_a_concurrent_plan(db: Database) -> None:
    demo.create_demo(db, today=TODAY)
    joint = [m.meeting_detail(db, s.id) for s in m.list_meetings(db) if s.organ is Organ.JOINT]
    assert 7 <= len(joint) <= 9
    assert all(d.starts_at.month % 3 == 0 and d.quorum_per_body for d in joint)
    for detail in joint:
        present = {line.member.code for line in detail.attendance if line.status is AttendanceStatus.PRESENT}
        bodies = {body for member in all_members(db) if member.code in present for body in [member.body]}
        assert bodies == set(Body)  # communal delegates and state representatives sit with the workers
        plan = detail.motions[0]
        assert plan.concurrent and {vote.body for vote in plan.by_body} >= {Body.WORKER, Body.COMMUNAL_COUNCIL}
    results = Counter(d.motions[0].result for d in joint)
    assert results[MotionResult.PASSED] and results[MotionResult.REJECTED]  # some quarters the delegates split
    failed = next(d.motions[0] for d in joint if d.motions[0].result is MotionResult.REJECTED)
    communal = next(vote for vote in failed.by_body if vote.body is Body.COMMUNAL_COUNCIL)
    assert communal.result is MotionResult.REJECTED and failed.yes > failed.no  # it passed overall
    assert sum(d.state is MeetingState.CLOSED for d in joint) <= 1  # signed, but perhaps the latest
    assert verify_database(db).sound


def test_the_same_seed_gives_the_same_assemblies(db: Database, tmp_path: Path) -> None:
    demo.create_demo(db, today=TODAY, seed=5, members=30)
    again = open_database(tmp_path / "again.sqlite3")
    try:
        demo.create_demo(again, today=TODAY, seed=5, members=30)
        assert meetings_of(again) == meetings_of(db)
    finally:
        again.dispose()


@pytest.mark.parametrize("members", [1, 4, 12])
def test_small_councils(db: Database, members: int) -> None:
    demo.create_demo(db, members=members, years=1, today=TODAY)
    assert len(m.list_meetings(db)) >= 11
    assert verify_database(db).sound


def test_a_sealed_assembly_for_other_demo_steps(db: Database) -> None:
    import random

    from sqlalchemy import select

    from coopdesk.persistence.models import MemberRecord
    from coopdesk.services.demo import DemoContext
    from coopdesk.services.demo_meetings import passed_motions

    demo.create_demo(db, members=20, years=1, today=TODAY)
    with db.write() as session:
        members = list(session.scalars(select(MemberRecord).order_by(MemberRecord.code)))
        context = DemoContext(random.Random(0), TODAY, TODAY, len(members), members)
        motions = passed_motions(session, context, day=date(2026, 11, 2), title="Asamblea extraordinaria",
                                 item_title="Anticipo", texts=["Fijar el anticipo en Bs. 10,00 por hora"])
        motion_id = motions[0].id
    detail = m.motion_detail(db, motion_id=motion_id)
    assert detail.result is MotionResult.PASSED and detail.record_hash
    assert verify_database(db).sound
