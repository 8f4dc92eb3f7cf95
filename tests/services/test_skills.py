"""Training history: dated grants (trainee, course, council by passed motion), trainee weeks counted from the
published plans, and who is closest to a skill (most trainee weeks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.learning import SkillSource
from coopdesk.domain.rotation import Role
from coopdesk.persistence.database import Database
from coopdesk.services import rotation, skills
from coopdesk.services.members import get_member_by_code
from tests.services.learning_council import build


@pytest.fixture
def db(any_db: Database, data_dir: Path) -> Database:
    build(any_db, data_dir)
    return any_db


def test_grants_are_dated_and_the_member_then_holds_the_skill(db: Database) -> None:
    skills.grant_skill(db, member_code="M005", skill="Contabilidad", granted_on=date(2026, 3, 2),
                       how=SkillSource.COURSE)
    granted = skills.grant_skill(db, member_code="M005", skill="montacargas", granted_on=date(2026, 12, 1),
                                 how=SkillSource.COUNCIL, motion_id=1)
    assert granted.motion_text == "Aprobar el plan de rotación y reconocer la formación"
    assert {"contabilidad", "montacargas"} <= set(get_member_by_code(db, "M005").skills)
    history = skills.skill_history(db, member_code="M005")
    assert [(g.skill, g.granted_on, g.how) for g in history.grants] == [
        ("contabilidad", date(2026, 3, 2), SkillSource.COURSE), ("montacargas", date(2026, 12, 1), SkillSource.COUNCIL)]
    assert history.as_dict()["grants"][1] == {"skill": "montacargas", "on": "2026-12-01", "how": "council",
                                              "motion_id": 1}


def test_a_granted_skill_leaves_the_database_sound(db: Database) -> None:
    """A grant names the member by code in the change log: verify must not read it as a member of its own."""
    from coopdesk.services.verify import verify_database

    skills.grant_skill(db, member_code="M005", skill="soldadura", granted_on=date(2026, 3, 2), how=SkillSource.COURSE)
    skills.grant_skill(db, member_code="M005", skill="cocina", granted_on=date(2026, 4, 2), how=SkillSource.COURSE)
    assert [problem.translated() for problem in verify_database(db).problems] == []


def test_a_council_grant_needs_a_passed_motion(db: Database) -> None:
    with pytest.raises(InvalidInput, match="motion"):
        skills.grant_skill(db, member_code="M005", skill="cocina", granted_on=date(2026, 12, 1),
                           how=SkillSource.COUNCIL)
    with pytest.raises(InvalidInput, match="did not pass"):
        skills.grant_skill(db, member_code="M005", skill="cocina", granted_on=date(2026, 12, 1),
                           how=SkillSource.COUNCIL, motion_id=2)
    with pytest.raises(InvalidInput, match="no motion"):
        skills.grant_skill(db, member_code="M005", skill="cocina", granted_on=date(2026, 12, 1),
                           how=SkillSource.COUNCIL, motion_id=99)
    with pytest.raises(InvalidInput):
        skills.grant_skill(db, member_code="M999", skill="cocina", granted_on=date(2026, 12, 1),
                           how=SkillSource.COURSE)
    assert skills.skill_history(db, member_code="M005").grants == ()


def test_trainee_weeks_come_from_published_plans_and_rank_who_is_closest(db: Database) -> None:
    outcome = rotation.plan_rotation(db, start=date(2027, 1, 4), weeks=12)
    trainees = [a for a in _rows(db) if a.role is Role.TRAINEE]
    assert trainees, "the sample council plans trainees"
    assert all(not skills.skill_history(db, member_code=a.member_code).trainee for a in trainees)  # a draft counts not
    rotation.publish_plan(db, plan_id=outcome.plan.id)
    member = trainees[0].member_code
    history = skills.skill_history(db, member_code=member)
    counted = {t.post_code: t.weeks for t in history.trainee}
    assert counted[trainees[0].post_code] == sum(
        1 for a in trainees if a.member_code == member and a.post_code == trainees[0].post_code)
    skill = next(t.skill for t in history.trainee if t.post_code == trainees[0].post_code)
    closest = skills.closest_to_skill(db, skill=skill)
    assert closest and closest == sorted(closest, key=lambda c: (-c.trainee_weeks, c.member_code))
    assert member in {c.member_code for c in closest} or len(closest) == 5
    assert all(skill not in get_member_by_code(db, c.member_code).skills for c in closest)


@dataclass(frozen=True)
class Row:
    member_code: str
    post_code: str
    role: Role


def _rows(db: Database) -> list[Row]:
    grid = rotation.roster_grid(db, start=date(2027, 1, 4), weeks=12)
    return [Row(entry.member_code, post, entry.role) for week in grid.weeks for post, entries in week.cells.items()
            for entry in entries]


def test_the_training_advice_names_who_is_closest(db: Database) -> None:
    outcome = rotation.plan_rotation(db, start=date(2027, 1, 4), weeks=12)
    rotation.publish_plan(db, plan_id=outcome.plan.id)
    summary = {"training": [{"skill": "inventario", "members": 2, "before": 1.0, "after": 0.5}]}
    found = skills.training_candidates(db, summary=summary)
    assert list(found) == ["inventario"]
    assert found["inventario"] == skills.closest_to_skill(db, skill="inventario")
    assert skills.training_candidates(db, summary={}) == {}
