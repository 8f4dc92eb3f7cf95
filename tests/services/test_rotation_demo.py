"""The demo council's rotation step: the posts of a food-processing SPU, some leave, a published quarter that
began four weeks ago or a little more, one recorded swap; small councils get what they can hold."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from coopdesk.domain.planner import check_week
from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from coopdesk.services.demo import DemoContext, _add_members, _years_before
from coopdesk.services.demo_rotation import QUARTER_WEEKS, add_rotation, first_monday
from coopdesk.services.rotation import _store
from coopdesk.services.verify import verify_database

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


def demo(db: Database, members: int, seed: int = 1) -> None:
    context = DemoContext(random.Random(seed), TODAY, _years_before(TODAY, 2), members)
    with db.write() as session:
        _add_members(session, context)
        session.flush()
        add_rotation(session, context)


def test_first_monday_is_on_or_before_four_weeks_ago() -> None:
    assert first_monday(TODAY) == date(2026, 10, 26)
    assert first_monday(date(2026, 11, 23)) == date(2026, 10, 26)
    assert first_monday(date(2026, 11, 22)) == date(2026, 10, 19)


def test_the_demo_publishes_a_quarter_that_keeps_the_rules(db: Database) -> None:
    demo(db, 60)
    posts = rotation.list_posts(db)
    assert [p.code for p in posts] == sorted(["SIEM", "EMPQ", "CARG", "LIMP", "COCI", "CONT", "INVT", "SECR",
                                              "PLAN", "PROD", "MERC"])
    assert all(p.place for p in posts)
    [plan] = rotation.list_plans(db)
    assert (plan.starts_on, plan.weeks, plan.published, plan.swaps) == (date(2026, 10, 26), QUARTER_WEEKS, True, 1)
    assert len(rotation.list_leave(db)) >= 3
    with db.read() as session:
        rows = [row for _p, _s, row in _store.assignments(session, plan_id=plan.id)]
        specs = [post.spec() for post in _store.load_posts(session)]
        workers = _store.worker_specs(session)
    for monday in plan.mondays:
        assert check_week(specs, workers, monday, [r for r in rows if r.week_start == monday]) == ()
    assert verify_database(db).sound
    this_week = TODAY - timedelta(days=TODAY.weekday())
    anyone = rows[0].member_code
    assert rotation.member_schedule(db, member_code=anyone, first=this_week, weeks=2).weeks


@pytest.mark.parametrize("members", [1, 5, 20])
def test_a_small_council_gets_what_it_can_hold(db: Database, members: int) -> None:
    demo(db, members, seed=3)
    assert len(rotation.list_posts(db)) == 11
    for plan in rotation.list_plans(db):
        assert plan.published
    assert verify_database(db).sound


def test_the_demo_quarter_is_adopted_by_the_workers_council(db: Database) -> None:
    """An SPU's plans need a decision: the demo's published quarter carries the passed motion of a Workers'
    Council session held before it began, and the council keeps deciding its plans after the demo."""
    from coopdesk.domain.meetings import MotionResult
    from coopdesk.domain.members import Body
    from coopdesk.domain.organs import Organ
    from coopdesk.services.meetings import meeting_detail
    from coopdesk.services.meetings.lifecycle import list_meetings
    from coopdesk.services.members import all_members
    from coopdesk.services.rotation import decisions

    demo(db, 60)
    [plan] = rotation.list_plans(db)
    decision = decisions.plan_decisions(db)[plan.id]
    [meeting] = [m for m in list_meetings(db) if m.title.endswith("plan de rotación")]
    detail = meeting_detail(db, meeting.id)
    [motion] = detail.motions
    assert motion.id == decision.motion_id and motion.result is MotionResult.PASSED
    assert detail.organ is Organ.WORKERS_COUNCIL and detail.starts_at.date() < plan.starts_on
    workers = {m.code for m in all_members(db) if m.body is Body.WORKER}
    assert detail.attendance and {line.member.code for line in detail.attendance} <= workers
    assert decisions.plans_by_motion(db, motion_ids=[motion.id])[motion.id].plan_id == plan.id
    assert verify_database(db).sound
