from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.persistence.database import Database
from coopdesk.services import members as member_service
from coopdesk.services.council import get_council
from coopdesk.services.demo import SKILLS, create_demo
from coopdesk.services.member_import import import_members

TODAY = date(2026, 11, 24)


def snapshot(db: Database) -> list[tuple[object, ...]]:
    """Everything the demo decided, without the clock's timestamps."""
    return [
        (m.member, tuple((h.changed_on, h.status, h.note) for h in m.history))
        for m in (member_service.get_member(db, member.id) for member in member_service.all_members(db))
    ]


def test_the_demo_council(db: Database) -> None:
    steps: list[tuple[int, int]] = []
    summary = create_demo(db, today=TODAY, progress=lambda done, total: steps.append((done, total)))
    assert steps[-1][0] == steps[-1][1]
    assert summary.members == 60 == member_service.count_members(db)
    assert (summary.workers, summary.communal_council, summary.state) == (52, 5, 3)
    assert summary.suspended > 0 and summary.left > 0
    assert "El Maizal" in get_council(db).name == summary.council
    members = member_service.all_members(db)
    assert all(m.voting is (m.body is not Body.STATE) for m in members)
    assert all(set(m.skills) <= set(SKILLS) for m in members)
    assert all(not m.skills for m in members if m.body is not Body.WORKER)
    for skill in SKILLS:  # enough holders of every skill for the rotation's posts
        assert sum(skill in m.skills for m in members) >= 5
    assert any(ch in "áéíóúñÁÉÍÓÚÑ" for m in members for ch in m.full_name)
    assert len({m.national_id for m in members}) == 60
    assert all(m.joined_on <= TODAY for m in members)
    details = snapshot(db)
    for member, history in details:
        assert history[0] == (member.joined_on, MemberStatus.ACTIVE, None)
        assert history[-1][1] is member.status
        assert [day for day, _status, _note in history] == sorted(day for day, _status, _note in history)
    assert any(len(history) == 3 for _member, history in details)  # suspended, then back


def test_the_same_seed_gives_the_same_council(db: Database, tmp_path: Path) -> None:
    create_demo(db, today=TODAY, seed=7, members=30)
    again = open_database(tmp_path / "again.sqlite3")
    other = open_database(tmp_path / "other.sqlite3")
    try:
        create_demo(again, today=TODAY, seed=7, members=30)
        create_demo(other, today=TODAY, seed=8, members=30)
        assert snapshot(again) == snapshot(db)
        assert snapshot(other) != snapshot(db)
    finally:
        again.dispose()
        other.dispose()


@pytest.mark.parametrize("members", [1, 4, 12])
def test_small_councils(db: Database, members: int) -> None:
    assert create_demo(db, members=members, years=1, today=TODAY).members == members


def test_a_database_with_records_is_refused(db: Database, data_dir: Path) -> None:
    import_members(db, path=data_dir / "members.csv")
    with pytest.raises(InvalidInput) as raised:
        create_demo(db)
    assert raised.value.exit_code == 3
    assert member_service.count_members(db) == 40
    assert "El Maizal" not in get_council(db).name


def test_nonsense_sizes_are_refused(db: Database) -> None:
    for kwargs in ({"members": 0}, {"years": 0}):
        with pytest.raises(InvalidInput):
            create_demo(db, **kwargs)


def test_the_demo_shows_learning_over_time(db: Database) -> None:
    """Two rounds of the survey, every mean shown, the practised areas rising most; dated courses; still sound."""
    from coopdesk.domain.learning import SkillSource
    from coopdesk.services import skills, survey
    from coopdesk.services.verify import verify_database

    create_demo(db, today=TODAY)
    summary = survey.survey_summary(db)
    first, second = summary.waves
    assert first.opened_on < second.opened_on <= TODAY
    assert all(result.mean is not None and result.n >= 5 for result in summary.results)  # the rule of five holds
    rise = {area.code: summary.result(second.id, area.code).mean - summary.result(first.id, area.code).mean
            for area in summary.areas}
    assert min(rise["planning"], rise["decision_making"], rise["organisation"]) > max(rise["rights_laws"],
                                                                                      rise["technical"])
    courses = [(member.code, grant) for member in member_service.all_members(db)
               for grant in skills.skill_history(db, member_code=member.code).grants]
    assert len(courses) >= 6 and all(grant.how is SkillSource.COURSE for _code, grant in courses)
    assert all(skill in member_service.get_member_by_code(db, code).skills for code, skill in
               ((code, grant.skill) for code, grant in courses))
    assert verify_database(db).problems == ()
