"""Planning, publishing and swapping on the shared sample council: every hard rule of docs/cli.md holds,
published weeks are kept, drafts are replaced, an impossible week is named and nothing is written, swaps are
checked and recorded, and `verify` notices a published roster changed behind coopdesk's back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from coopdesk.domain.errors import InvalidInput, ProblemsFound, UsageError
from coopdesk.domain.planner import PlanningImpossible
from coopdesk.domain.rotation import Category, PlanState, Role
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AssignmentRecord, RotationPlanRecord, SwapRecord
from coopdesk.services import rotation
from coopdesk.services.member_import import import_members
from coopdesk.services.members import get_member_by_code
from coopdesk.services.rotation import PostDraft
from coopdesk.services.verify import verify_database
from tests.services.rotation_rules import hard_rule_violations

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


def exported(db: Database, path: Path, **weeks: object) -> list[str]:
    rotation.export_rotation(db, path=path, **weeks)  # type: ignore[arg-type]
    return path.read_text(encoding="utf-8").splitlines()


def table_counts(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (RotationPlanRecord, AssignmentRecord, SwapRecord))


def test_the_conformance_plan_keeps_every_hard_rule(council: Database, data_dir: Path, tmp_path: Path) -> None:
    outcome = rotation.plan_rotation(council, start=START, weeks=12, seed=1)
    assert (outcome.plan.starts_on, outcome.plan.weeks, outcome.plan.state) == (START, 12, PlanState.DRAFT)
    assert outcome.assignments == 393 and outcome.members == 34
    lines = exported(council, tmp_path / "rot.csv")
    assert lines[0] == "week_start,post_code,member_code,role" and len(lines) == 394
    assert hard_rule_violations(data_dir / "members.csv", data_dir / "posts.csv", data_dir / "leave.csv",
                                tmp_path / "rot.csv", START, 12) == []
    figures = outcome.figures
    assert figures.category_deviation <= figures.floor + 0.5 and figures.never_did_a_category == 0
    stored = rotation.plan_fairness(council, plan_id=outcome.plan.id)
    assert stored.summary["max_category_deviation"] == round(figures.category_deviation, 3)
    assert len(stored.per_member) == 34 and stored.names["M002"] == "Juan Beatriz González Colmenárez"
    labels = [line.label for line in rotation.figure_lines(stored.summary)]
    assert len(labels) == len(set(labels)) == 10
    # the same input and seed give the same plan, which replaces the unpublished one
    again = rotation.plan_rotation(council, start=START, weeks=12, seed=1)
    assert again.replaced == (outcome.plan.id,)
    assert exported(council, tmp_path / "again.csv") == lines
    assert [p.id for p in rotation.list_plans(council)] == [again.plan.id]


def test_a_start_that_is_not_a_monday_or_a_bad_length_is_a_usage_error(council: Database) -> None:
    with pytest.raises(UsageError):
        rotation.plan_rotation(council, start=START + timedelta(days=1), weeks=2)
    with pytest.raises(UsageError):
        rotation.plan_rotation(council, start=START, weeks=0)
    assert table_counts(council) == (0, 0, 0)


def test_an_impossible_week_is_named_and_nothing_is_written(council: Database) -> None:
    draft = rotation.plan_rotation(council, start=START, weeks=2)
    before = table_counts(council)
    rotation.create_post(council, draft=PostDraft(code="SOLD", name="Soldadura", category=Category.MANUAL,
                                                  skill="soldadura"))
    with pytest.raises(PlanningImpossible) as caught:
        rotation.plan_rotation(council, start=START, weeks=4)
    error = caught.value
    assert (error.week, error.post) == (START, "SOLD")
    message = error.translated()
    assert "SOLD" in message and "soldadura" in message and "2027" in message
    assert table_counts(council) == before
    assert [p.id for p in rotation.list_plans(council)] == [draft.plan.id]


def test_replanning_keeps_the_published_weeks_and_continues_from_them(council: Database, tmp_path: Path) -> None:
    first = rotation.plan_rotation(council, start=START, weeks=4, seed=2)
    published = rotation.publish_plan(council, plan_id=first.plan.id)
    assert published.published and published.published_at is not None
    with pytest.raises(InvalidInput):
        rotation.publish_plan(council, plan_id=first.plan.id)
    frozen = exported(council, tmp_path / "a.csv", start=START, weeks=4)
    later = rotation.plan_rotation(council, start=START, weeks=8, seed=2)
    assert (later.plan.starts_on, later.plan.weeks) == (START + timedelta(weeks=4), 4)
    assert later.kept_weeks == tuple(START + timedelta(weeks=i) for i in range(4))
    assert later.history_weeks == 4
    assert later.figures.weeks == 8  # the figures count the published weeks too
    assert exported(council, tmp_path / "b.csv", start=START, weeks=4) == frozen
    with pytest.raises(InvalidInput):  # every asked week is published
        rotation.plan_rotation(council, start=START, weeks=4)
    with pytest.raises(InvalidInput):  # a plan may not run across published weeks
        rotation.plan_rotation(council, start=START - timedelta(weeks=2), weeks=4)


def test_a_draft_cut_in_two_keeps_its_other_weeks(council: Database, data_dir: Path, tmp_path: Path) -> None:
    whole = rotation.plan_rotation(council, start=START, weeks=12)
    middle = rotation.plan_rotation(council, start=START + timedelta(weeks=4), weeks=2, seed=7)
    assert middle.replaced == (whole.plan.id,)
    plans = rotation.list_plans(council)
    assert [(p.starts_on, p.weeks) for p in plans] == [
        (START, 4), (START + timedelta(weeks=4), 2), (START + timedelta(weeks=6), 6)]
    assert all(p.state is PlanState.DRAFT for p in plans)
    assert len(exported(council, tmp_path / "rot.csv")) == 394
    assert hard_rule_violations(data_dir / "members.csv", data_dir / "posts.csv", data_dir / "leave.csv",
                                tmp_path / "rot.csv", START, 12) == []


def test_publishing_refuses_a_plan_that_no_longer_keeps_the_rules(council: Database) -> None:
    outcome = rotation.plan_rotation(council, start=START, weeks=2)
    member = get_member_by_code(council, "M001")
    rotation.add_leave(council, member_id=member.id, starts_on=START + timedelta(days=8),
                       ends_on=START + timedelta(days=9))
    with pytest.raises(ProblemsFound) as caught:
        rotation.publish_plan(council, plan_id=outcome.plan.id)
    assert any("M001" in line for line in caught.value.lines())
    assert not rotation.get_plan(council, outcome.plan.id).published


def _week(council: Database, monday: date) -> dict[str, tuple[str, Role]]:
    grid = rotation.roster_grid(council, start=monday, weeks=1)
    return {e.member_code: (code, e.role) for code, people in grid.weeks[0].cells.items() for e in people}


def test_swaps_are_checked_recorded_and_verified(council: Database) -> None:
    plan = rotation.plan_rotation(council, start=START, weeks=4).plan
    rotation.publish_plan(council, plan_id=plan.id)
    week = START + timedelta(weeks=1)
    held = _week(council, week)
    free = {"SIEM", "EMPQ", "LIMP", "SECR", "PLAN", "PROD", "MERC"}  # posts that ask for no skill
    regulars = sorted((post, m) for m, (post, role) in held.items() if post in free and role is Role.REGULAR)
    a = regulars[0][1]
    b = next(m for post, m in regulars if post != held[a][0])
    assert rotation.check_swap(council, week_start=week, first_code=a, second_code=b) == ()
    done = rotation.swap_members(council, week_start=week, first_code=a, second_code=b, reason="cita médica")
    assert (done.first_post, done.second_post, done.recorded) == (held[b][0], held[a][0], True)
    after = _week(council, week)
    assert after[a] == held[b] and after[b] == held[a]
    assert rotation.get_plan(council, plan.id).swaps == 1
    assert verify_database(council).sound
    # a member without the forklift skill cannot take a forklift driver's place
    driver = next(m for m, (post, role) in sorted(after.items()) if post == "CARG" and role is Role.REGULAR)
    unskilled = next(m for m, (post, _role) in sorted(after.items())
                     if post in free and "montacargas" not in get_member_by_code(council, m).skills)
    problems = rotation.check_swap(council, week_start=week, first_code=driver, second_code=unskilled)
    assert any("montacargas" in p.translated() for p in problems)
    with pytest.raises(ProblemsFound):
        rotation.swap_members(council, week_start=week, first_code=driver, second_code=unskilled)
    assert _week(council, week) == after and rotation.get_plan(council, plan.id).swaps == 1
    with pytest.raises(UsageError):
        rotation.swap_members(council, week_start=week + timedelta(days=2), first_code=a, second_code=b)
    # the roster changed behind coopdesk's back: verify names the plan
    with council.write() as session:
        session.execute(update(AssignmentRecord).where(
            AssignmentRecord.plan_id == plan.id, AssignmentRecord.week_start == week,
            AssignmentRecord.member_id == get_member_by_code(council, a).id).values(role=Role.TRAINEE))
    report = verify_database(council)
    assert not report.sound and any(str(plan.id) in p.translated() for p in report.problems)


def test_a_draft_swap_is_not_recorded(council: Database) -> None:
    plan = rotation.plan_rotation(council, start=START, weeks=1).plan
    held = _week(council, START)
    siem = sorted(m for m, (post, _r) in held.items() if post == "SIEM")
    limp = sorted(m for m, (post, _r) in held.items() if post == "LIMP")
    done = rotation.swap_members(council, week_start=START, first_code=siem[0], second_code=limp[0])
    assert (done.first_post, done.second_post, done.recorded) == ("LIMP", "SIEM", False)
    assert rotation.get_plan(council, plan.id).swaps == 0


def test_leave_on_a_published_week_is_a_conflict(council: Database, tmp_path: Path) -> None:
    rotation.publish_plan(council, plan_id=rotation.plan_rotation(council, start=START, weeks=2).plan.id)
    path = tmp_path / "leave.csv"
    path.write_text("codigo;desde;hasta;motivo\nM002;06/01/2027;07/01/2027;reposo\n", encoding="utf-8")
    summary = rotation.import_leave(council, path=path)
    assert [(c.member_code, c.week_start) for c in summary.conflicts] == [("M002", START)]
    assert rotation.leave_conflicts(council, member_code="M002") == list(summary.conflicts)


def test_the_member_view_and_the_roster_grid(council: Database) -> None:
    rotation.plan_rotation(council, start=START, weeks=3)
    grid = rotation.roster_grid(council, start=START, weeks=4)
    assert grid.planned and len(grid.weeks) == 4 and grid.weeks[3].cells == {} and grid.weeks[3].plan_id is None
    assert [p.code for p in grid.posts] == sorted(p.code for p in grid.posts) and len(grid.posts) == 11
    schedule = rotation.member_schedule(council, member_code="M002", first=START + timedelta(days=3), weeks=3)
    assert schedule.full_name == "Juan Beatriz González Colmenárez" and len(schedule.weeks) == 3
    for week, column in zip(schedule.weeks, grid.weeks, strict=False):
        people = column.people(week.post.code)
        assert {e.member_code for e in week.companions} == {e.member_code for e in people} - {"M002"}
        assert not week.published and week.week_end == week.week_start + timedelta(days=6)
    assert ("M002", "Juan Beatriz González Colmenárez") in rotation.rotation_people(council, search="gonzalez colm")
    m009 = rotation.member_schedule(council, member_code="M009", first=date(2027, 3, 8), weeks=4)
    assert m009.weeks == () and [x.reason for x in m009.leaves] == ["reposo médico"]


def test_the_calendar_parses_back(council: Database) -> None:
    from icalendar import Calendar

    rotation.plan_rotation(council, start=START, weeks=3)
    calendar = Calendar.from_ical(rotation.member_calendar(council, member_code="M002"))
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [START + timedelta(weeks=i) for i in range(3)]
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=7) for e in events)
    grid = rotation.roster_grid(council, start=START, weeks=1)
    post = next(p for p in grid.posts if "M002" in {e.member_code for e in grid.weeks[0].people(p.code)})
    assert str(events[0]["summary"]).startswith(post.name)
    others = [e.full_name for e in grid.weeks[0].people(post.code) if e.member_code != "M002"]
    assert all(name in str(events[0]["description"]) for name in others)
    assert str(events[0]["status"]) == "TENTATIVE"
