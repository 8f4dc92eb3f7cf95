"""Members' wishes in the planner: a tie-breaker between rosters equally fair, never a reason to leave a floor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coopdesk.domain.planner import PostSpec, WeekAssignment, WorkerSpec, plan_rotation, wishes_met
from coopdesk.domain.rotation import Category

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
