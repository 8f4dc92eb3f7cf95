"""Discarding a draft plan: the plan and its assignments go in one unit of work, with an audit event; a
published plan is refused (it is frozen), an unknown id is not found."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AssignmentRecord, AuditEventRecord, RotationPlanRecord
from coopdesk.services import rotation
from coopdesk.services.member_import import import_members

START = date(2027, 1, 4)


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def council(db: Database, data_dir: Path) -> Database:
    import_members(db, path=data_dir / "members.csv")
    rotation.import_posts(db, path=data_dir / "posts.csv")
    rotation.import_leave(db, path=data_dir / "leave.csv")
    return db


def assignments_of(db: Database, plan_id: int) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AssignmentRecord)
                              .where(AssignmentRecord.plan_id == plan_id)) or 0


def test_a_draft_is_discarded_with_its_assignments_and_audited(council: Database) -> None:
    kept = rotation.plan_rotation(council, start=START, weeks=2).plan
    draft = rotation.plan_rotation(council, start=START + timedelta(weeks=2), weeks=2).plan
    assert assignments_of(council, draft.id) > 0
    assert rotation.discard_plan(council, plan_id=draft.id) is None
    assert [plan.id for plan in rotation.list_plans(council)] == [kept.id]
    assert assignments_of(council, draft.id) == 0 and assignments_of(council, kept.id) > 0
    with council.read() as session:
        event = session.scalars(select(AuditEventRecord).order_by(AuditEventRecord.id.desc()).limit(1)).one()
        assert (event.action, event.entity, event.entity_id) == ("plan-discard", "rotation_plan", str(draft.id))
        assert json.loads(event.before_json or "{}") == {"starts_on": draft.starts_on.isoformat(), "weeks": 2}
        assert event.after_json is None
    with pytest.raises(NotFound):
        rotation.get_plan(council, draft.id)


def test_a_published_plan_is_refused_and_kept(council: Database) -> None:
    plan = rotation.plan_rotation(council, start=START, weeks=2).plan
    rotation.publish_plan(council, plan_id=plan.id)
    with council.read() as session:
        events = session.scalar(select(func.count()).select_from(AuditEventRecord))
    with pytest.raises(InvalidInput) as refused:
        rotation.discard_plan(council, plan_id=plan.id)
    assert refused.value.params == {"id": plan.id} and "frozen" in refused.value.message
    assert str(plan.id) in refused.value.translated()
    assert rotation.get_plan(council, plan.id).published and assignments_of(council, plan.id) > 0
    with council.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEventRecord)) == events


def test_an_unknown_plan_is_not_found(council: Database) -> None:
    with pytest.raises(NotFound):
        rotation.discard_plan(council, plan_id=99)
    with council.read() as session:
        assert session.scalar(select(func.count()).select_from(RotationPlanRecord)) == 0
