"""Taking a member off a week after leave was recorded: accepted when their post can do without them, refused
(naming the broken rule, nothing written) when they can still work or the post would fall short; on a published
plan the release is recorded with its reason and audit event and `verify` stays clean; on a draft it is not."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from coopdesk.domain.errors import InvalidInput, NotFound, ProblemsFound, UsageError
from coopdesk.domain.rotation import Role
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AuditEventRecord, SwapRecord
from coopdesk.services import rotation
from coopdesk.services.member_import import import_members
from coopdesk.services.members import get_member_by_code
from coopdesk.services.rotation.swaps import check_release, release_member
from coopdesk.services.verify import verify_database

START = date(2027, 1, 4)
MINIMUM = {"SIEM": 4, "EMPQ": 3, "LIMP": 2, "MERC": 2, "PROD": 2}  # tests/data/posts.csv, posts without a skill


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def council(db: Database, data_dir: Path, english: None) -> Database:
    import_members(db, path=data_dir / "members.csv")
    rotation.import_posts(db, path=data_dir / "posts.csv")
    rotation.import_leave(db, path=data_dir / "leave.csv")
    return db


def week_of(db: Database, monday: date = START) -> dict[str, list[tuple[str, Role]]]:
    """Post code -> its people (member code, role) in that week."""
    week = rotation.roster_grid(db, start=monday, weeks=1).weeks[0]
    return {code: [(e.member_code, e.role) for e in people] for code, people in week.cells.items()}


def spare_regular(db: Database) -> tuple[str, str]:
    """(member, post) of a regular member whose post has more regular members than its minimum."""
    for post, people in sorted(week_of(db).items()):
        regulars = [member for member, role in people if role is Role.REGULAR]
        if post in MINIMUM and len(regulars) > MINIMUM[post]:
            return regulars[0], post
    raise AssertionError("the sample plan has no post above its minimum")


def on_leave(db: Database, code: str, reason: str = "reposo médico") -> None:
    rotation.add_leave(db, member_id=get_member_by_code(db, code).id, starts_on=START + timedelta(days=1),
                       ends_on=START + timedelta(days=3), reason=reason)


def published(db: Database, weeks: int = 2) -> int:
    plan = rotation.plan_rotation(db, start=START, weeks=weeks).plan
    rotation.publish_plan(db, plan_id=plan.id)
    return plan.id


def releases(db: Database) -> list[tuple[int, int | None, str | None]]:
    with db.read() as session:
        return [(r.first_member_id, r.second_member_id, r.reason) for r in session.scalars(select(SwapRecord))]


def test_a_member_on_leave_is_released_and_the_change_recorded_and_verified(council: Database) -> None:
    plan_id = published(council)
    member, post = spare_regular(council)
    on_leave(council, member)
    assert [(c.member_code, c.week_start, c.post_code) for c in rotation.leave_conflicts(council, member_code=member)
            ] == [(member, START, post)]
    assert check_release(council, week_start=START, member_code=member) == ()
    done = release_member(council, week_start=START, member_code=member, reason="  reposo médico ")
    assert (done.plan_id, done.member_code, done.post_code, done.recorded) == (plan_id, member, post, True)
    assert member not in [m for m, _role in week_of(council)[post]]
    assert rotation.leave_conflicts(council, member_code=member) == []
    assert releases(council) == [(get_member_by_code(council, member).id, None, "reposo médico")]
    assert rotation.get_plan(council, plan_id).swaps == 1
    with council.read() as session:
        event = session.scalars(select(AuditEventRecord).order_by(AuditEventRecord.id.desc()).limit(1)).one()
    after = json.loads(event.after_json or "{}")
    assert (event.action, event.entity_id) == ("release_rotation", str(plan_id))
    assert (after["member"], after["post"], after["week"], after["reason"]) == (member, post, "2027-01-04",
                                                                               "reposo médico")
    assert verify_database(council).sound
    # the fairness figures were measured again: the released week no longer counts for the member
    per_member = {m.member_code: m for m in rotation.plan_fairness(council, plan_id=plan_id).per_member}
    assert per_member[member].weeks == 1


def test_a_member_who_can_work_that_week_is_refused(council: Database) -> None:
    published(council)
    member, _post = spare_regular(council)
    problems = [p.translated() for p in check_release(council, week_start=START, member_code=member)]
    assert problems == [f"{member} has no post in the week of Jan 4, 2027.",
                        f"{member} can work in the week of Jan 4, 2027, and everyone who can work that week holds "
                        "a post: record their leave first."]
    with pytest.raises(ProblemsFound) as refused:
        release_member(council, week_start=START, member_code=member, reason="x")
    assert refused.value.lines() == problems and refused.value.exit_code == 3
    assert releases(council) == [] and member in [m for m, _r in week_of(council)[_post]]


def test_a_release_that_leaves_the_post_short_is_refused_naming_the_post(council: Database) -> None:
    published(council)
    accountant = next(m for m, role in week_of(council)["CONT"] if role is Role.REGULAR)  # CONT: exactly 1 regular
    on_leave(council, accountant)
    problems = [p.translated() for p in check_release(council, week_start=START, member_code=accountant)]
    assert "Post CONT has 0 regular member(s) in the week of Jan 4, 2027; it needs between 1 and 1." in problems
    assert problems[-1] == (f"Post CONT cannot do without {accountant} in the week of Jan 4, 2027: swap them with a "
                            "member who can take the post instead.")
    before = week_of(council)
    with pytest.raises(ProblemsFound):
        release_member(council, week_start=START, member_code=accountant)
    assert week_of(council) == before and releases(council) == []


def test_on_a_draft_plan_the_release_is_made_but_not_recorded(council: Database) -> None:
    plan = rotation.plan_rotation(council, start=START, weeks=1).plan
    member, post = spare_regular(council)
    on_leave(council, member)
    done = release_member(council, week_start=START, member_code=member)
    assert (done.post_code, done.recorded) == (post, False)
    assert member not in [m for m, _r in week_of(council)[post]]
    assert releases(council) == [] and rotation.get_plan(council, plan.id).swaps == 0
    with council.read() as session:
        assert session.scalar(select(AuditEventRecord).where(AuditEventRecord.action == "release_rotation")) is None


def test_what_cannot_be_released_at_all(council: Database) -> None:
    with pytest.raises(InvalidInput, match="No rotation plan covers"):
        check_release(council, week_start=START, member_code="M002")
    published(council, weeks=1)
    member, _post = spare_regular(council)
    on_leave(council, member)
    with pytest.raises(UsageError):
        release_member(council, week_start=START + timedelta(days=1), member_code=member)
    with pytest.raises(NotFound):
        release_member(council, week_start=START, member_code="M999")
    with pytest.raises(InvalidInput, match="reason is longer than"):
        release_member(council, week_start=START, member_code=member, reason="x" * 501)
    release_member(council, week_start=START, member_code=member)
    with pytest.raises(InvalidInput, match="holds no post in the week"):
        release_member(council, week_start=START, member_code=member)  # already released
    assert len(releases(council)) == 1
