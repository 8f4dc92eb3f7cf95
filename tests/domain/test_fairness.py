"""Fairness figures and floors: the closed form as the checker computes it, the skill-aware floors on
councils where a scarce skill forces inequality, and the training advice that would lower it."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.domain.planner import (
    PostSpec,
    TrainingAdvice,
    WeekAssignment,
    WorkerSpec,
    closed_floor,
    measure,
    plan_rotation,
    render_training_advice,
)
from coopdesk.domain.rotation import Category, Role
from coopdesk.i18n import set_language, translator

START = date(2027, 1, 4)


def checker_floor(total: int, weeks_of: list[int]) -> float:
    """check_rotation.py's floor_delta, verbatim: a linear scan over the candidates."""
    everyone = sum(weeks_of) or 1
    taus = [a * total / everyone for a in weeks_of]
    for d in sorted({abs(k - t) for t in taus
                     for k in (math.floor(t) - 1, math.floor(t), math.ceil(t), math.ceil(t) + 1)}):
        lo = sum(max(0, math.ceil(t - d - 1e-9)) for t in taus)
        hi = sum(math.floor(t + d + 1e-9) for t in taus)
        if lo <= total <= hi:
            return d
    return 0.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=40), st.floats(0, 1))
def test_closed_floor_is_the_checkers(weeks_of: list[int], fraction: float) -> None:
    total = round(sum(weeks_of) * fraction)
    assert closed_floor(total, weeks_of) == checker_floor(total, weeks_of)


def test_closed_floor_by_hand() -> None:
    assert closed_floor(3, [4, 4, 4, 4]) == pytest.approx(0.75)  # τ = 0.75 each: three get 1, one gets 0
    assert closed_floor(4, [4, 4, 4, 4]) == 0  # τ = 1 each
    assert closed_floor(0, []) == 0


def scarce_council(holders: int = 1) -> tuple[list[PostSpec], list[WorkerSpec]]:
    """Accounting needs one holder of 'contabilidad' every week; of four members only `holders` hold it."""
    posts = [PostSpec("CONT", "Contabilidad", Category.ADMINISTRATIVE, 1, 1, "contabilidad", burden=1),
             PostSpec("SIEM", "Siembra", Category.MANUAL, 3, 3, burden=4)]
    workers = [WorkerSpec(f"M{i}", frozenset({"contabilidad"}) if i < holders else frozenset()) for i in range(4)]
    return posts, workers


def test_a_scarce_skill_forces_inequality_and_training_is_the_remedy() -> None:
    posts, workers = scarce_council()
    plan = plan_rotation(posts, workers, START, 8, seed=1)
    f = plan.figures
    # τ(admin) = 8 × 8 / 32 = 2 for everyone, but M0 must keep the books all 8 weeks
    assert f.category_floor == 0
    assert f.category_skill_floor == pytest.approx(6)
    assert f.category_deviation == pytest.approx(6)
    # burden: β = 8 × (8 × 1 + 24 × 4) / 32 = 26 points; M0 has 8 → 18 below; the LP sees it, the closed form cannot
    assert f.burden_floor == 0
    assert f.burden_skill_floor == pytest.approx(18)
    assert f.burden_deviation == pytest.approx(18)
    assert f.training == (TrainingAdvice(skill="contabilidad", members=3, before=pytest.approx(6), after=0.0),)
    set_language("en")
    assert f.training[0].message() == ("Train 3 more members in contabilidad: the forced inequality falls from "
                                      "6.0 to 0.0 weeks.")
    one = TrainingAdvice(skill="soldadura", members=1, before=7.24, after=1.06)
    assert render_training_advice(one, translator("en")) == (
        "Train 1 more member in soldadura: the forced inequality falls from 7.2 to 1.1 weeks.")


def test_no_advice_when_the_skills_do_not_limit() -> None:
    posts, workers = scarce_council(holders=4)
    f = plan_rotation(posts, workers, START, 8, seed=1).figures
    assert f.category_skill_floor == f.category_floor == f.category_deviation == 0
    assert f.training == ()


def test_measure_by_hand() -> None:
    posts = [PostSpec("A", "A", Category.MANUAL, 1, 2, "s", 1, burden=5),
             PostSpec("B", "B", Category.COMMUNITY, 1, 1, burden=1)]
    rows = []
    for week in range(4):  # X is on A each week, Y alternates trainee on A and B, Z the other
        monday = START + timedelta(weeks=week)
        rows.append(WeekAssignment(monday, "A", "X"))
        rows.append(WeekAssignment(monday, "A" if week % 2 else "B", "Y", Role.TRAINEE if week % 2 else Role.REGULAR))
        rows.append(WeekAssignment(monday, "B" if week % 2 else "A", "Z",
                                   Role.REGULAR if week % 2 else Role.TRAINEE))
    f = measure(posts, rows)
    assert (f.weeks, f.members, f.assignments) == (4, 3, 12)
    assert f.category_totals == {Category.MANUAL: 8, Category.ADMINISTRATIVE: 0, Category.COMMUNITY: 4}
    x = next(m for m in f.per_member if m.member_code == "X")
    assert x.category_weeks[Category.MANUAL] == 4
    assert x.fair_share[Category.MANUAL] == pytest.approx(4 * 8 / 12)
    assert f.category_deviation == pytest.approx(4 / 3)
    assert f.burden_deviation == pytest.approx(20 - 4 * 44 / 12)  # X: 20 points against 44 / 3
    assert f.consecutive_repeats == 3  # X on A every week
    assert f.trainee_weeks == 4
    assert (f.variety_min, f.variety_mean) == (1, pytest.approx(5 / 3))
    assert f.category_skill_floor is None  # no skills known
    assert f.burden_spread is None  # nobody worked 12 weeks


def test_measure_of_nothing() -> None:
    f = measure([], [])
    assert (f.members, f.category_deviation, f.category_floor, f.variety_mean) == (0, 0, 0, 0)


def test_figures_are_plain_json() -> None:
    import json

    posts, workers = scarce_council()
    figures = plan_rotation(posts, workers, START, 4, seed=1).figures.as_dict()
    assert json.loads(json.dumps(figures)) == figures
    assert {"max_category_deviation", "deviation_floor", "skill_floor", "max_burden_deviation", "burden_floor",
            "variety", "consecutive_repeats", "never_did_a_category", "quarter_misses", "training"} <= set(figures)


def test_quarter_misses_by_hand() -> None:
    """Q1 2027 has 13 Mondays, Jan 4 to Mar 29 (that week is Q1's by its Monday)."""
    posts = [PostSpec("M", "M", Category.MANUAL, 1, 3), PostSpec("A", "A", Category.ADMINISTRATIVE, 1, 1),
             PostSpec("C", "C", Category.COMMUNITY, 0, 1)]
    rows = []
    for week in range(13):
        monday = START + timedelta(weeks=week)
        rows.append(WeekAssignment(monday, "A", "ADM"))  # never manual: owes it (τ_q = 13 × 27 / 41 ≈ 8.6)
        rows.append(WeekAssignment(monday, "M", "ALL"))  # never administrative: owes it (τ_q ≈ 4.4)
        if week < 7:  # 7 weeks of the quarter: too few for the rule
            rows.append(WeekAssignment(monday, "C" if week == 0 else "M", "SHORT"))
        if week >= 5:  # 8 weeks: the rule applies, and the last is administrative
            rows.append(WeekAssignment(monday, "A" if week == 12 else "M", "LATE"))
    rows.append(WeekAssignment(date(2027, 4, 5), "M", "ALL"))  # Q2: one week is too few
    f = measure(posts, rows, advice=False)
    # nobody owes the community post: one week of it among 41 is a share below one week for everyone
    assert f.quarter_misses == 2
    assert f.as_dict()["quarter_misses"] == 2
