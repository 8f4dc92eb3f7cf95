"""The planner on the council sample (tests/data): every rule, the figures as the checker computes them,
failures that name the week and the post, determinism, re-planning, progress. Helpers are shared with the
property and fairness tests."""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coopdesk.domain.errors import UsageError
from coopdesk.domain.planner import (
    Plan,
    PlanningImpossible,
    PostSpec,
    Reason,
    WeekAssignment,
    WorkerSpec,
    check_week,
    measure,
    plan_rotation,
    rules,
)
from coopdesk.domain.rotation import CATEGORIES, Category, Role, mondays
from coopdesk.i18n import set_language

DATA = Path(__file__).parent.parent / "data"
CATEGORY = {"manual": Category.MANUAL, "administrativa": Category.ADMINISTRATIVE, "comunitaria": Category.COMMUNITY}


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _date(text: str) -> date:
    text = text.strip()
    return date.fromisoformat(text) if "-" in text else datetime.strptime(text, "%d/%m/%Y").date()


def sample_council() -> tuple[list[PostSpec], list[WorkerSpec]]:
    """The council sample: 11 posts and the 34 workers of members.csv with their leave."""
    posts = [PostSpec(r["código"], r["nombre"], CATEGORY[r["categoría"]], int(r["min"] or 1),
                      int(r["max"] or r["min"] or 1), r["habilidad"] or None, int(r["aprendices"] or 0),
                      int(r["carga"] or 1)) for r in _rows("posts.csv")]
    leave: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for r in _rows("leave.csv"):
        leave[r["código"]].append((_date(r["desde"]), _date(r["hasta"])))
    workers = [WorkerSpec(r["código"], frozenset(filter(None, r["habilidades"].split("|"))),
                          _date(r["fecha_ingreso"]), tuple(leave[r["código"]]))
               for r in _rows("members.csv") if r["órgano"] == "trabajador"]
    return posts, workers


def violations(posts: Sequence[PostSpec], workers: Sequence[WorkerSpec], mondays: Sequence[date],
               assignments: Iterable[WeekAssignment]) -> list[str]:
    """Every broken hard rule of docs/cli.md, written without the planner's code."""
    found = []
    spec = {p.code: p for p in posts}
    skills = {w.code: w.skills for w in workers}
    by_week: dict[date, list[WeekAssignment]] = defaultdict(list)
    for a in assignments:
        by_week[a.week_start].append(a)
    for week in by_week:
        if week not in mondays:
            found.append(f"{week} outside the plan")
    for week in mondays:
        rows = by_week[week]
        held = Counter(a.member_code for a in rows)
        wanted = {w.code for w in workers if w.eligible(week)}
        found += [f"{week} {m} holds {n} posts" for m, n in held.items() if n > 1]
        found += [f"{week} {m} not eligible" for m in held if m not in wanted]
        found += [f"{week} {m} unassigned" for m in wanted - set(held)]
        for a in rows:
            if a.post_code not in spec:
                found.append(f"{week} unknown post {a.post_code}")
        for p in posts:
            regular = [a for a in rows if a.post_code == p.code and a.role is Role.REGULAR]
            trainees = [a for a in rows if a.post_code == p.code and a.role is Role.TRAINEE]
            if not p.min <= len(regular) <= p.max:
                found.append(f"{week} {p.code} has {len(regular)} regular")
            if len(trainees) > p.trainee_slots:
                found.append(f"{week} {p.code} has {len(trainees)} trainees")
            if trainees and not regular:
                found.append(f"{week} {p.code} trainees without a regular member")
            for a in regular:
                if p.skill and p.skill not in skills.get(a.member_code, ()):
                    found.append(f"{week} {p.code} regular {a.member_code} lacks {p.skill}")
            for a in trainees:
                if not p.skill or p.skill in skills.get(a.member_code, ()):
                    found.append(f"{week} {p.code} trainee {a.member_code} already holds the skill")
    return found


def checker_figures(posts: Sequence[PostSpec], assignments: Sequence[WeekAssignment],
                    mondays: Sequence[date]) -> dict[str, object]:
    """The fairness figures exactly as the conformance check of the rotation computes them (ported)."""
    cat = {p.code: p.category for p in posts}
    load = {p.code: p.burden for p in posts}
    by_week: dict[date, list[WeekAssignment]] = defaultdict(list)
    for a in assignments:
        by_week[a.week_start].append(a)
    per: dict[str, Counter] = defaultdict(Counter)
    burden: dict[str, list[int]] = defaultdict(list)
    repeats, last = 0, {}
    for wk in mondays:
        for r in sorted(by_week[wk], key=lambda r: r.member_code):
            m, pc = r.member_code, r.post_code
            per[m][cat[pc]] += 1
            burden[m].append(load[pc])
            if last.get(m) == (wk - timedelta(weeks=1), pc):
                repeats += 1
            last[m] = (wk, pc)
    tot: Counter = Counter()
    for c in per.values():
        tot.update(c)
    n = sum(tot.values()) or 1
    share = {c: tot[c] / n for c in tot}
    dev = max((abs(per[m][c] - sum(per[m].values()) * share[c]) for m in per for c in share), default=0)
    adm = [per[m][Category.ADMINISTRATIVE] / sum(per[m].values()) for m in per if sum(per[m].values()) >= 12]
    avgb = [sum(b) / len(b) for b in burden.values() if len(b) >= 12]
    never = sum(1 for m in per if sum(per[m].values()) >= 12 and any(per[m][c] == 0 for c in share))
    held: dict[str, set[str]] = defaultdict(set)
    for r in assignments:
        held[r.member_code].add(r.post_code)
    variety = sum(len(v) for v in held.values()) / max(len(held), 1)

    def floor_delta(total: int, weeks_of: list[int]) -> float:
        everyone = sum(weeks_of) or 1
        taus = [a * total / everyone for a in weeks_of]
        for d in sorted({abs(k - t) for t in taus
                         for k in (math.floor(t) - 1, math.floor(t), math.ceil(t), math.ceil(t) + 1)}):
            lo = sum(max(0, math.ceil(t - d - 1e-9)) for t in taus)
            hi = sum(math.floor(t + d + 1e-9) for t in taus)
            if lo <= total <= hi:
                return d
        return 0.0

    weeks = [sum(per[m].values()) for m in per]
    return {"max_category_deviation": round(dev, 3),
            "deviation_floor": round(max((floor_delta(tot[c], weeks) for c in tot), default=0), 3),
            "admin_share_spread": round(max(adm) - min(adm), 3) if adm else None,
            "burden_spread": round(max(avgb) - min(avgb), 3) if avgb else None,
            "never_did_a_category": never, "consecutive_repeats": repeats, "variety": round(variety, 2)}


def quarter_rule_misses(posts: Sequence[PostSpec], assignments: Iterable[WeekAssignment]) -> int:
    """(member, quarter, category) where a member present 8 weeks or more of a calendar quarter (by the
    Monday), with a fair share there a_wq × N_qc / A_q of at least one week, did none — written without the
    planner's code."""
    cat = {p.code: p.category for p in posts}
    weeks: dict[tuple[int, int], Counter] = defaultdict(Counter)  # quarter -> member -> weeks
    done: dict[tuple[int, int], Counter] = defaultdict(Counter)  # quarter -> (member, category) -> weeks
    for a in assignments:
        quarter = (a.week_start.year, (a.week_start.month - 1) // 3)
        weeks[quarter][a.member_code] += 1
        done[quarter][a.member_code, cat[a.post_code]] += 1
    misses = 0
    for quarter, present in weeks.items():
        everyone = sum(present.values())
        for c in CATEGORIES:
            total = sum(n for (_m, k), n in done[quarter].items() if k == c)
            misses += sum(1 for m, a in present.items()
                          if a >= 8 and a * total / everyone >= 1 - 1e-9 and not done[quarter][m, c])
    return misses


START = date(2027, 1, 4)


@pytest.fixture(scope="module")
def council() -> tuple[list[PostSpec], list[WorkerSpec]]:
    return sample_council()


@pytest.fixture(scope="module")
def quarter(council) -> Plan:
    posts, workers = council
    return plan_rotation(posts, workers, START, 12, seed=1)


def test_the_sample_council_is_34_workers_and_11_posts(council) -> None:
    posts, workers = council
    assert (len(posts), len(workers)) == (11, 34)


def test_a_quarter_keeps_every_rule(council, quarter: Plan) -> None:
    posts, workers = council
    assert [w.week_start for w in quarter.weeks] == mondays(START, 12)
    assert violations(posts, workers, mondays(START, 12), quarter.assignments) == []


def test_figures_are_computed_as_the_checker_does(council, quarter: Plan) -> None:
    posts, _workers = council
    ours = quarter.figures.as_dict()
    theirs = checker_figures(posts, quarter.assignments, mondays(START, 12))
    print("\nsample council, 12 weeks from 2027-01-04, seed 1:", ours)
    assert {key: ours[key] for key in theirs} == theirs
    assert ours["assignments"] == len(quarter.assignments)


def test_the_quarter_reaches_its_floors(council, quarter: Plan) -> None:
    posts, _workers = council
    f = quarter.figures
    assert f.category_floor <= f.floor <= f.category_deviation <= f.floor + 1e-9
    assert f.burden_floor <= f.burden_target <= f.burden_deviation <= f.burden_target + 1e-9
    assert f.never_did_a_category == 0
    assert f.quarter_misses == quarter_rule_misses(posts, quarter.assignments) == 0
    assert f.consecutive_repeats == 0
    assert f.trainee_weeks > 0


def test_per_member_rows_add_up(quarter: Plan) -> None:
    f = quarter.figures
    assert sum(m.weeks for m in f.per_member) == f.assignments
    for c in CATEGORIES:
        assert sum(m.category_weeks[c] for m in f.per_member) == f.category_totals[c]
        assert math.isclose(sum(m.fair_share[c] for m in f.per_member), f.category_totals[c])
    assert max(abs(m.deviation(c)) for m in f.per_member for c in CATEGORIES) == pytest.approx(f.category_deviation)
    member = {m.member_code: m for m in f.per_member}["M009"]  # on leave 11–31 March: away 3 weeks
    assert member.weeks == 9
    assert sum(m.trainee_weeks for m in f.per_member) == f.trainee_weeks


def test_same_input_and_seed_give_the_same_plan(council, quarter: Plan) -> None:
    posts, workers = council
    again = plan_rotation(list(reversed(posts)), list(reversed(workers)), START, 12, seed=1)
    assert again == quarter
    other = plan_rotation(posts, workers, START, 12, seed=2)
    assert violations(posts, workers, mondays(START, 12), other.assignments) == []


def test_a_start_that_is_not_a_monday_is_a_usage_error(council) -> None:
    posts, workers = council
    with pytest.raises(UsageError) as caught:
        plan_rotation(posts, workers, date(2027, 1, 5), 4, seed=1)
    assert caught.value.exit_code == 2
    with pytest.raises(UsageError):
        plan_rotation(posts, workers, START, 0, seed=1)


def test_replanning_keeps_the_published_weeks_and_continues_the_counts(council, quarter: Plan) -> None:
    posts, workers = council
    published = [a for week in quarter.weeks[:4] for a in week.assignments]
    start = quarter.weeks[4].week_start
    rest = plan_rotation(posts, workers, start, 8, seed=1, history=published)
    assert [w.week_start for w in rest.weeks] == mondays(start, 8)
    whole = published + list(rest.assignments)
    assert violations(posts, workers, mondays(START, 12), whole) == []
    # the figures cover the published weeks too, and are those of the whole quarter
    assert rest.figures.weeks == 12
    assert rest.figures.as_dict() == measure(posts, whole, workers=workers, published_until=start).as_dict()
    assert rest.figures.category_deviation <= rest.figures.floor + 1e-9
    assert rest.figures.burden_deviation <= rest.figures.burden_target + 1e-9
    assert rest.figures.consecutive_repeats == 0  # not even across the seam with the published weeks


def test_history_must_lie_before_the_plan(council, quarter: Plan) -> None:
    posts, workers = council
    with pytest.raises(UsageError):
        plan_rotation(posts, workers, START, 4, seed=1, history=quarter.weeks[0].assignments)


def test_progress_is_reported_week_by_week(council) -> None:
    posts, workers = council
    seen: list[tuple[int, int]] = []
    plan_rotation(posts, workers, START, 3, seed=1, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_missing_skill_names_the_week_and_the_post(council) -> None:
    posts, workers = council
    nobody = [replace(w, skills=w.skills - {"montacargas"}) for w in workers]
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation(posts, nobody, START, 4, seed=1)
    error = caught.value
    assert (error.week, error.post, error.reason) == (START, "CARG", Reason.SKILL_SHORTAGE)
    assert error.exit_code == 3
    set_language("en")
    assert error.translated() == ("Week of Jan 4, 2027: post CARG needs 2 member(s) with skill 'montacargas'; "
                                  "nobody eligible has it.")


def test_too_few_holders_in_one_week_only(council) -> None:
    posts, workers = council
    holders = [w.code for w in workers if "contabilidad" in w.skills]
    week = START + timedelta(weeks=2)
    away = [replace(w, leaves=(*w.leaves, (week, week))) if w.code in holders else w for w in workers]
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation(posts, away, START, 4, seed=1)
    assert (caught.value.week, caught.value.post) == (week, "CONT")
    assert caught.value.params["available"] == 0


def test_posts_sharing_a_skill_are_named_together(council) -> None:
    posts, workers = council  # 7 members hold montacargas; four posts needing 2 each want 8
    twin = replace(next(p for p in posts if p.code == "CARG"), code="CAR2", name="Segundo montacargas")
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation([*posts, twin, replace(twin, code="CAR3"), replace(twin, code="CAR4")], workers, START, 1)
    error = caught.value
    assert error.reason is Reason.SKILL_SHORTAGE_GROUP
    assert (error.post, error.params["posts"]) == ("CAR2", "CAR2, CAR3, CAR4, CARG")
    assert (error.params["count"], error.params["available"]) == (8, 7)


def test_too_few_and_too_many_members(council) -> None:
    posts, workers = council
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation(posts, workers[:20], START, 2, seed=1)
    assert caught.value.reason is Reason.TOO_FEW_MEMBERS
    assert (caught.value.params["count"], caught.value.params["available"]) == (22, 20)
    extra = [WorkerSpec(f"X{i}", frozenset(), date(2020, 1, 1)) for i in range(3)]
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation(posts, workers + extra, START, 2, seed=1)
    assert caught.value.reason is Reason.TOO_MANY_MEMBERS
    assert caught.value.params["capacity"] == 34


def test_members_who_fit_nowhere_are_named_with_their_posts() -> None:
    posts = [PostSpec("A", "A", Category.MANUAL, 1, 1, "s", 1), PostSpec("B", "B", Category.ADMINISTRATIVE, 1, 3)]
    workers = [WorkerSpec(f"W{i}", frozenset({"s"})) for i in range(5)]  # holders may not be trainees
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation(posts, workers, START, 1)
    assert caught.value.reason is Reason.NO_ROOM
    assert caught.value.params["capacity"] == 4
    assert caught.value.params["posts"] == "A, B"


def test_trainees_only_beside_a_regular_on_a_post_with_minimum_zero() -> None:
    posts = [PostSpec("A", "A", Category.MANUAL, 0, 1, "s", 2, 1), PostSpec("B", "B", Category.COMMUNITY, 1, 2)]
    workers = [WorkerSpec("H", frozenset({"s"})), *(WorkerSpec(f"W{i}", frozenset()) for i in range(4))]
    plan = plan_rotation(posts, workers, START, 6, seed=3)
    assert violations(posts, workers, mondays(START, 6), plan.assignments) == []
    # 5 members, B holds 2: someone must be on A every week, so H is there and trainees join
    assert all(week.post_of("H").post_code == "A" for week in plan.weeks)
    lonely = [WorkerSpec(f"W{i}", frozenset()) for i in range(4)]  # nobody holds s: A takes no trainee
    with pytest.raises(PlanningImpossible) as caught:
        plan_rotation(posts, lonely, START, 1)
    assert caught.value.reason in (Reason.NO_ROOM, Reason.NO_GUIDE)


def test_a_long_absence_and_a_late_joiner() -> None:
    posts = [PostSpec("A", "A", Category.MANUAL, 1, 3), PostSpec("B", "B", Category.ADMINISTRATIVE, 1, 2),
             PostSpec("C", "C", Category.COMMUNITY, 1, 2, burden=3)]
    workers = [WorkerSpec("W1"), WorkerSpec("W2"), WorkerSpec("W3"),
               WorkerSpec("LATE", joined_on=START + timedelta(weeks=5)),
               WorkerSpec("AWAY", leaves=((START + timedelta(days=9), START + timedelta(weeks=8)),))]
    plan = plan_rotation(posts, workers, START, 20, seed=1)
    assert violations(posts, workers, mondays(START, 20), plan.assignments) == []
    weeks = {m.member_code: m.weeks for m in plan.figures.per_member}
    assert weeks == {"W1": 20, "W2": 20, "W3": 20, "LATE": 15, "AWAY": 12}
    assert plan.figures.never_did_a_category == 0


def test_check_week_accepts_the_plan_and_names_what_a_bad_swap_breaks(council, quarter: Plan) -> None:
    posts, workers = council
    for week in quarter.weeks:
        assert check_week(posts, workers, week.week_start, week.assignments) == ()
    week = quarter.weeks[0]
    rows = list(week.assignments)
    carg = next(i for i, a in enumerate(rows) if a.post_code == "CARG" and a.role is Role.REGULAR)
    other = next(i for i, a in enumerate(rows) if a.post_code == "SIEM"
                 and "montacargas" not in {w.code: w.skills for w in workers}[a.member_code])
    rows[carg], rows[other] = (replace(rows[carg], member_code=rows[other].member_code),
                               replace(rows[other], member_code=rows[carg].member_code))
    problems = check_week(posts, workers, week.week_start, rows)
    assert [p.message for p in problems] == [rules.LACKS_SKILL]
    assert problems[0].params == {"member": rows[carg].member_code, "skill": "montacargas", "post": "CARG"}
    set_language("en")
    dropped = check_week(posts, workers, week.week_start, rows[1:])
    assert any(p.translated().endswith("has no post in the week of Jan 4, 2027.") for p in dropped)
    twice = {p.message for p in check_week(posts, workers, week.week_start, rows[1:] + rows[:1] * 2)}
    assert {rules.LACKS_SKILL, rules.SEVERAL_POSTS} <= twice


def test_the_counts_continue_from_the_published_weeks() -> None:
    posts = [PostSpec("M", "M", Category.MANUAL), PostSpec("A", "A", Category.ADMINISTRATIVE),
             PostSpec("C", "C", Category.COMMUNITY)]
    workers = [WorkerSpec("W0"), WorkerSpec("W1"), WorkerSpec("W2")]
    did = {"W0": "A", "W1": "M", "W2": "C"}  # six weeks each on one post
    history = [WeekAssignment(START + timedelta(weeks=i), post, member)
               for i in range(6) for member, post in did.items()]
    plan = plan_rotation(posts, workers, START + timedelta(weeks=6), 6, seed=1, history=history)
    for member, post in did.items():
        assert all(week.post_of(member).post_code != post for week in plan.weeks)
    assert plan.figures.category_deviation == pytest.approx(2)  # 6 of 12 weeks in one category against 4
    # a fresh plan of these 12 weeks could give everyone 4 weeks in each category; one that keeps the
    # published weeks cannot, and its floor says so
    assert plan.figures.floor == pytest.approx(2)
    assert measure(posts, plan.assignments + tuple(history), workers=workers).floor == 0
    assert plan.figures.consecutive_repeats == 5 * 3  # the published weeks' own repeats, none added


def test_a_short_continuation_reaches_its_floors(council) -> None:
    """The known miss: re-planning the last 4 weeks of a quarter used to leave a member 2.4 burden points
    from the fair share against a floor of 0.6."""
    posts, workers = council
    quarter = plan_rotation(posts, workers, START, 13, seed=1)
    published = [a for week in quarter.weeks[:9] for a in week.assignments]
    rest = plan_rotation(posts, workers, quarter.weeks[9].week_start, 4, seed=1, history=published)
    whole = published + list(rest.assignments)
    assert violations(posts, workers, mondays(START, 13), whole) == []
    f = rest.figures
    assert f.category_deviation <= f.floor + 1e-9
    assert f.burden_deviation <= f.burden_target + 1e-9
    assert f.quarter_misses == quarter_rule_misses(posts, whole) == 0


def test_every_category_each_quarter_for_those_present() -> None:
    """One community place among ten: a member's fair share of it is 1.3 weeks a quarter, so each member
    present owes it a week each quarter, which a year's fair counts alone do not see to."""
    posts = [PostSpec("M", "M", Category.MANUAL, 5, 6, burden=2),
             PostSpec("A", "A", Category.ADMINISTRATIVE, 3, 3, burden=2),
             PostSpec("C", "C", Category.COMMUNITY, 1, 1, burden=2)]
    away = (START + timedelta(weeks=14), START + timedelta(weeks=20) - timedelta(days=1))  # 6 of Q2's 13 weeks
    workers = [WorkerSpec(f"W{i}", leaves=(away,) if i == 0 else ()) for i in range(10)]
    plan = plan_rotation(posts, workers, START, 52, seed=1)
    assert violations(posts, workers, mondays(START, 52), plan.assignments) == []
    f = plan.figures
    assert f.quarter_misses == quarter_rule_misses(posts, plan.assignments) == 0
    assert f.category_deviation <= f.floor + 1e-9
    community = Counter(((a.week_start.month - 1) // 3, a.member_code) for a in plan.assignments if a.post_code == "C")
    assert all(community[q, w.code] for q in range(4) for w in workers if (q, w.code) != (1, "W0"))


@pytest.fixture(scope="module")
def benchmark_year() -> tuple[list[PostSpec], list[WorkerSpec], Plan]:
    """The benchmark's council: 100 workers, 20 posts (some needing scarce skills), late joiners and leave."""
    from bench.bench_rotation import instance

    posts, workers = instance(100, 20, 52)
    return posts, workers, plan_rotation(posts, workers, START, 52, seed=1)


def test_the_benchmark_year_meets_every_fairness_goal(benchmark_year) -> None:
    posts, workers, plan = benchmark_year
    assert violations(posts, workers, mondays(START, 52), plan.assignments) == []
    f = plan.figures
    assert f.category_deviation <= f.floor + 1e-9
    assert f.burden_deviation <= f.burden_target + 1e-9
    assert f.quarter_misses == quarter_rule_misses(posts, plan.assignments) == 0
    assert f.variety_short == f.never_did_a_category == 0
    assert f.variety_mean >= 12


def test_the_benchmark_year_replanned_from_mid_year_reaches_its_floors(benchmark_year) -> None:
    posts, workers, year = benchmark_year
    published = [a for week in year.weeks[:26] for a in week.assignments]
    rest = plan_rotation(posts, workers, year.weeks[26].week_start, 26, seed=1, history=published)
    assert violations(posts, workers, mondays(START, 52), published + list(rest.assignments)) == []
    f = rest.figures
    assert f.category_deviation <= f.floor + 1e-9
    assert f.burden_deviation <= f.burden_target + 1e-9
    assert f.quarter_misses == f.variety_short == 0
