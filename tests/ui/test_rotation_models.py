"""The Rotation section's table models pass qtmodeltester."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from coopdesk.services.members import get_member_by_code
from tests.ui.conftest import GUI
from tests.ui.rotation_council import START, sample_council

pytestmark = GUI

@pytest.fixture
def council(db: Database, data_dir: Path) -> Database:
    return sample_council(db, data_dir)


def test_posts_and_plans_models(qtmodeltester, council):  # type: ignore[no-untyped-def]
    from coopdesk.ui.rotation.common import RowsModel
    from coopdesk.ui.rotation.plans_tab import PLAN_COLUMNS
    from coopdesk.ui.rotation.posts_tab import PostsModel

    posts = PostsModel()
    posts.set_rows(rotation.list_posts(council))
    assert posts.rowCount() == 11
    qtmodeltester.check(posts)
    rotation.plan_rotation(council, start=START, weeks=2)
    plans = RowsModel(PLAN_COLUMNS)
    plans.set_rows(rotation.list_plans(council))
    assert plans.rowCount() == 1
    qtmodeltester.check(plans)


def test_fairness_model(qtmodeltester, council):  # type: ignore[no-untyped-def]
    from coopdesk.ui.rotation.fairness import MemberFiguresModel

    outcome = rotation.plan_rotation(council, start=START, weeks=3)
    model = MemberFiguresModel()
    model.set_figures(outcome.figures.per_member, outcome.names)
    assert model.rowCount() == outcome.members
    qtmodeltester.check(model)


def test_leave_model(qtmodeltester, council):  # type: ignore[no-untyped-def]
    from coopdesk.ui.rotation.leave_tab import LeaveModel

    model = LeaveModel()
    model.set_rows([(leave, []) for leave in rotation.list_leave(council)])
    assert model.rowCount() == 6
    qtmodeltester.check(model)


def test_roster_model(qtmodeltester, council):  # type: ignore[no-untyped-def]
    from coopdesk.ui.rotation.roster_model import RosterModel

    rotation.plan_rotation(council, start=START, weeks=2)
    member = get_member_by_code(council, "M001")
    rotation.add_leave(council, member_id=member.id, starts_on=START, ends_on=START)
    model = RosterModel()
    grid = rotation.roster_grid(council, start=START, weeks=3)  # the third week has no plan
    model.set_grid(grid, rotation.list_leave(council))
    assert (model.rowCount(), model.columnCount()) == (11, 3)
    qtmodeltester.check(model)
    carg = [post.code for post in model.posts].index("CARG")
    people = model.entries(carg, 0)
    text = model.data(model.index(carg, 0))
    assert len(text.splitlines()) == len(people) >= 2  # a name a line
    assert model.entries(carg, 2) == () and model.data(model.index(carg, 2)) == ""
    assert model.away == {("M001", START)}  # leave added after planning: that week needs a swap
