"""Property tests of the planner on small random councils: every hard rule holds; a week that cannot be
planned is named (and really cannot be, by an independent max-flow); determinism; re-planning."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import maximum_flow

from coopdesk.domain.planner import PlanningImpossible, PostSpec, WorkerSpec, check_week, measure, plan_rotation
from coopdesk.domain.rotation import CATEGORIES, mondays
from tests.domain.test_planner import quarter_rule_misses, violations

START = date(2027, 1, 4)
SKILLS = ("a", "b")


@st.composite
def councils(draw: st.DrawFn) -> tuple[list[PostSpec], list[WorkerSpec], int, int]:
    posts = []
    for i in range(draw(st.integers(1, 4))):
        low = draw(st.integers(1, 2))
        posts.append(PostSpec(f"P{i}", f"Post {i}", draw(st.sampled_from(CATEGORIES)), low,
                              low + draw(st.integers(0, 2)), draw(st.sampled_from((None, *SKILLS))),
                              draw(st.integers(0, 2)), draw(st.integers(1, 5))))
    weeks = draw(st.integers(1, 6))
    workers = []  # about as many as the posts hold, so that most councils can be planned and some cannot
    for i in range(draw(st.integers(sum(p.min for p in posts) + 1, sum(p.max for p in posts) + 1))):
        skills = frozenset(s for s in SKILLS if draw(st.integers(0, 9)) < 7)
        joined = START - timedelta(days=draw(st.integers(0, 30)))
        if draw(st.integers(0, 7)) == 0:
            joined = START + timedelta(weeks=draw(st.integers(0, 3)), days=draw(st.integers(0, 6)))
        leaves = []
        for _ in range(draw(st.integers(0, 1))):
            begins = START + timedelta(days=draw(st.integers(0, 7 * weeks)))
            leaves.append((begins, begins + timedelta(days=draw(st.integers(0, 12)))))
        workers.append(WorkerSpec(f"W{i:02d}", skills, joined, tuple(leaves)))
    return posts, workers, weeks, draw(st.integers(0, 3))


def plannable(posts: list[PostSpec], workers: list[WorkerSpec], monday: date) -> bool:
    """Max-flow with lower bounds: member (exactly 1) -> place (regular [min, max], trainee [0, slots])."""
    present = [w for w in workers if w.eligible(monday)]
    s, t, source, sink = 0, 1, 2, 3
    first_place = 4 + len(present)
    edges = [(t, s, 0, len(present) + 1)]
    for i, w in enumerate(present):
        edges.append((s, 4 + i, 1, 1))
        for j, p in enumerate(posts):
            if p.skill is None or p.skill in w.skills:
                edges.append((4 + i, first_place + 2 * j, 0, 1))
            elif p.trainee_slots:
                edges.append((4 + i, first_place + 2 * j + 1, 0, 1))
    for j, p in enumerate(posts):
        edges.append((first_place + 2 * j, t, p.min, p.max))
        edges.append((first_place + 2 * j + 1, t, 0, p.trainee_slots if p.skill else 0))
    nodes = first_place + 2 * len(posts)
    balance = [0] * nodes
    rows, cols, caps = [], [], []
    for u, v, low, high in edges:
        balance[v] += low
        balance[u] -= low
        rows.append(u), cols.append(v), caps.append(high - low)
    for x, b in enumerate(balance):
        if b > 0:
            rows.append(source), cols.append(x), caps.append(b)
        elif b < 0:
            rows.append(x), cols.append(sink), caps.append(-b)
    graph = coo_matrix((np.array(caps, dtype=np.int32), (rows, cols)), shape=(nodes, nodes)).tocsr()
    return maximum_flow(graph, source, sink).flow_value == sum(b for b in balance if b > 0)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(councils())
def test_every_rule_holds_or_the_impossible_week_is_named(council) -> None:
    posts, workers, weeks, seed = council
    days = mondays(START, weeks)
    try:
        plan = plan_rotation(posts, workers, START, weeks, seed=seed)
    except PlanningImpossible as error:
        event("impossible")
        assert error.week in days
        assert not plannable(posts, workers, error.week)
        assert all(plannable(posts, workers, d) for d in days if d < error.week)
        assert error.post is None or error.post in {p.code for p in posts}
        assert error.translated()
        return
    event("planned")
    assert all(plannable(posts, workers, d) for d in days)
    assert violations(posts, workers, days, plan.assignments) == []
    assert all(check_week(posts, workers, week.week_start, week.assignments) == () for week in plan.weeks)
    f = plan.figures
    assert f.category_floor - 1e-9 <= f.floor <= f.category_deviation + 1e-9
    assert f.burden_floor - 1e-9 <= f.burden_target <= f.burden_deviation + 1e-9
    assert f.quarter_misses == quarter_rule_misses(posts, plan.assignments)
    assert plan_rotation(posts, workers, START, weeks, seed=seed) == plan


@st.composite
def feasible_councils(draw: st.DrawFn) -> tuple[list[PostSpec], list[WorkerSpec], int, int]:
    """Councils built feasible: posts without skills, their minimums below the members always present."""
    posts, workers, weeks, seed = draw(councils())
    posts = [PostSpec(p.code, p.name, p.category, 1, 3, burden=p.burden) for p in posts]
    steady = [WorkerSpec(f"S{i}", w.skills) for i, w in enumerate(workers[: len(posts)])]
    while len(steady) < len(posts):
        steady.append(WorkerSpec(f"S{len(steady)}"))
    return posts, (steady + workers)[: 3 * len(posts)], weeks + 2, seed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(feasible_councils(), st.integers(1, 7))
def test_replanning_from_week_k_keeps_the_earlier_weeks(council, k: int) -> None:
    posts, workers, weeks, seed = council
    days = mondays(START, weeks)
    plan = plan_rotation(posts, workers, START, weeks, seed=seed)
    k = min(k, weeks - 1)
    published = [a for week in plan.weeks[:k] for a in week.assignments]
    rest = plan_rotation(posts, workers, days[k], weeks - k, seed=seed + 1, history=published)
    assert violations(posts, workers, days, published + list(rest.assignments)) == []
    assert rest.figures.weeks == weeks
    assert sum(m.weeks for m in rest.figures.per_member) == len(published) + len(rest.assignments)
    # the floors of a plan that keeps the published weeks: no lower than a fresh plan's, and reached or passed
    fresh = measure(posts, published + list(rest.assignments), workers=workers)
    f = rest.figures
    assert fresh.floor - 1e-9 <= f.floor <= f.category_deviation + 1e-9
    assert fresh.burden_target - 1e-9 <= f.burden_target <= f.burden_deviation + 1e-9
