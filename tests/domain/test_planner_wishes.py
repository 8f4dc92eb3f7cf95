"""Members' wishes in the planner: a tie-breaker between rosters equally fair, never a reason to leave a floor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.domain.planner import (
    PlanningImpossible,
    PostSpec,
    WeekAssignment,
    WorkerSpec,
    plan_rotation,
    wishes_met,
)
from coopdesk.domain.rotation import Category, mondays
from tests.domain.test_planner import violations
from tests.domain.test_planner_properties import councils

START = date(2027, 1, 4)


def twins() -> tuple[list[PostSpec], list[WorkerSpec]]:
    """Two posts alike in everything, two members alike in everything: any roster is as fair as another."""
    posts = [PostSpec("A", "Post A", Category.MANUAL), PostSpec("B", "Post B", Category.MANUAL)]
    return posts, [WorkerSpec("W1"), WorkerSpec("W2")]


def test_between_equally_fair_rosters_the_wish_decides() -> None:
    posts, workers = twins()
    for seed in range(1, 6):
        learn = plan_rotation(posts, [replace(workers[0], learn=frozenset({"B"})), workers[1]], START, 1, seed)
        assert learn.weeks[0].post_of("W1").post_code == "B"
        avoid = plan_rotation(posts, [replace(workers[0], avoid=frozenset({"A"})), workers[1]], START, 1, seed)
        assert avoid.weeks[0].post_of("W1").post_code == "B"
        assert (learn.wishes.learn, learn.wishes.learn_met, avoid.wishes.avoid, avoid.wishes.avoid_met) == (1, 1, 1, 1)


def test_a_wish_never_buys_unfairness() -> None:
    """Avoiding the only heavy post for a whole year would leave the others its burden: the burden stays fair."""
    posts = [PostSpec("HEAVY", "Heavy", Category.MANUAL, burden=5), PostSpec("LIGHT", "Light", Category.MANUAL)]
    workers = [WorkerSpec("W1", avoid=frozenset({"HEAVY"})), WorkerSpec("W2")]
    plan = plan_rotation(posts, workers, START, 12, 1)
    assert plan.figures.burden_deviation <= plan.figures.burden_target + 0.005
    assert plan.figures.category_deviation <= plan.figures.floor + 0.005
    assert plan.wishes.avoid == 1 and plan.wishes.avoid_met == 0  # W1 takes their turns on the heavy post
    heavy = sum(1 for week in plan.weeks if week.post_of("W1").post_code == "HEAVY")
    assert heavy == 6


def test_counting_wishes_met() -> None:
    workers = [WorkerSpec("W1", learn=frozenset({"A", "C"}), avoid=frozenset({"B"})),
               WorkerSpec("W2", avoid=frozenset({"A"})), WorkerSpec("W3", learn=frozenset({"A"}))]
    rows = [WeekAssignment(START, "A", "W1"), WeekAssignment(START, "B", "W2")]
    met = wishes_met(workers, rows)  # W3 holds no week: their wish is not counted
    assert (met.learn, met.learn_met, met.avoid, met.avoid_met) == (2, 1, 2, 2)
    assert (met.wishes, met.met) == (4, 3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils(), st.randoms(use_true_random=False))
def test_with_any_wishes_every_rule_holds_and_the_plan_is_the_same_for_the_same_input(council, rng) -> None:  # type: ignore[no-untyped-def]
    posts, workers, weeks, seed = council
    codes = [p.code for p in posts]
    wishing = []
    for worker in workers:
        chosen = rng.sample(codes, rng.randint(0, min(2, len(codes))))
        learn = frozenset(code for code in chosen if rng.random() < 0.5)
        wishing.append(replace(worker, learn=learn, avoid=frozenset(chosen) - learn))
    days = mondays(START, weeks)
    try:
        plan = plan_rotation(posts, wishing, START, weeks, seed=seed)
    except PlanningImpossible:
        with pytest.raises(PlanningImpossible):  # wishes never make a week impossible, nor possible
            plan_rotation(posts, workers, START, weeks, seed=seed)
        return
    assert violations(posts, wishing, days, plan.assignments) == []
    assert plan.wishes == wishes_met(wishing, plan.assignments)
    assert plan_rotation(posts, wishing, START, weeks, seed=seed) == plan
