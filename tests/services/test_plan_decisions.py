"""Plans decided by the council: the setting (off by default), publishing that needs the passed motion, the plan
and its motion showing each other, and a draft put to a meeting as an agenda item with its motion."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import MeetingKind
from coopdesk.domain.organs import Organ
from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from coopdesk.services.meetings import meeting_detail
from coopdesk.services.meetings.importing import import_meeting
from coopdesk.services.meetings.lifecycle import create_meeting
from coopdesk.services.rotation import decisions
from tests.services.learning_council import build, meeting


@pytest.fixture
def db(any_db: Database, data_dir: Path) -> Database:
    build(any_db, data_dir)
    return any_db


def draft(db: Database) -> int:
    return rotation.plan_rotation(db, start=date(2027, 1, 4), weeks=4).plan.id


def test_plans_are_published_without_a_decision_by_default(db: Database) -> None:
    assert not decisions.plans_need_decision(db)
    plan = draft(db)
    assert rotation.publish_plan(db, plan_id=plan).published
    assert decisions.plan_decisions(db) == {}


def test_with_the_setting_publishing_needs_a_passed_motion_and_they_show_each_other(db: Database) -> None:
    assert decisions.set_plans_need_decision(db, value=True)
    plan = draft(db)
    with pytest.raises(InvalidInput, match="decision"):
        rotation.publish_plan(db, plan_id=plan)
    with pytest.raises(InvalidInput, match="did not pass"):
        rotation.publish_plan(db, plan_id=plan, motion_id=2)
    assert not rotation.get_plan(db, plan).published
    assert [motion for motion, _text in decisions.adoptable_motions(db)] == [1]
    rotation.publish_plan(db, plan_id=plan, motion_id=1)
    assert decisions.plan_decisions(db)[plan].motion_id == 1
    assert decisions.plans_by_motion(db, motion_ids=[1, 2])[1].plan_id == plan
    assert decisions.adoptable_motions(db) == []
    second = rotation.plan_rotation(db, start=date(2027, 2, 1), weeks=2).plan.id
    with pytest.raises(InvalidInput, match="already"):
        rotation.publish_plan(db, plan_id=second, motion_id=1)  # one motion adopts one plan
    decisions.set_plans_need_decision(db, value=False)
    assert rotation.publish_plan(db, plan_id=second).published


def test_a_draft_is_put_to_a_meeting_not_yet_closed(db: Database) -> None:
    plan = draft(db)
    council = create_meeting(db, draft=MeetingDraft("Consejo de Trabajadores, enero", MeetingKind.COUNCIL,
                                                    datetime(2026, 12, 20, 9, 0), organ=Organ.WORKERS_COUNCIL))
    assert decisions.live_meetings(db)[0][0] == council.id
    put = decisions.put_plan_to_meeting(db, plan_id=plan, meeting_id=council.id)
    detail = meeting_detail(db, council.id)
    item = detail.items[-1]
    assert item.id == put.item_id and str(plan) in item.title
    assert [m.id for m in item.motions] == [put.motion_id] and str(plan) in item.motions[0].text
    with pytest.raises(InvalidInput):
        decisions.put_plan_to_meeting(db, plan_id=plan, meeting_id=1)  # the imported meeting is closed
    rotation.publish_plan(db, plan_id=plan)
    with pytest.raises(InvalidInput, match="published"):
        decisions.put_plan_to_meeting(db, plan_id=plan, meeting_id=council.id)


def test_only_a_workers_council_motion_adopts_a_plan(db: Database) -> None:
    """The workers plan their own work: a motion passed in the joint body neither publishes a plan nor is
    offered for it, and a plan is not put to a joint meeting."""
    decisions.set_plans_need_decision(db, value=True)
    import_meeting(db, data=meeting([("Aprobar el plan de rotación en la asamblea conjunta", 9, 0)],
                                    organ="joint") | {"starts_at": "2026-12-05T09:00"})
    joint_motion = 3
    plan = draft(db)
    with pytest.raises(InvalidInput, match=r"joint co-management assembly.*Workers' Council") as refused:
        rotation.publish_plan(db, plan_id=plan, motion_id=joint_motion)
    assert refused.value.params["motion"] == joint_motion
    assert not rotation.get_plan(db, plan).published and decisions.plan_decisions(db) == {}
    assert [motion for motion, _text in decisions.adoptable_motions(db)] == [1]
    joint = create_meeting(db, draft=MeetingDraft("Asamblea conjunta, enero", MeetingKind.ORDINARY,
                                                  datetime(2026, 12, 21, 9, 0), organ=Organ.JOINT))
    assert joint.id not in [meeting_id for meeting_id, _title in decisions.live_meetings(db)]
    with pytest.raises(InvalidInput, match="put to a Workers' Council meeting"):
        decisions.put_plan_to_meeting(db, plan_id=plan, meeting_id=joint.id)
    assert len(meeting_detail(db, joint.id).items) == 0
    assert rotation.publish_plan(db, plan_id=plan, motion_id=1).published
