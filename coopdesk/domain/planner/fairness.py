"""Fairness figures of a rotation, each beside its floor, and the training that would lower the floor.

Definitions (the same as the report and as the conformance checker `check_rotation.py`):
- a_w: weeks member w worked (regular or trainee); A = Σ a_w; N_c: weeks worked in category c; B: burden
  points worked (a week on a post of burden k gives k points).
- τ(w, c) = a_w × N_c / A; Δcat = max over members and categories of |weeks of w in c − τ(w, c)|.
- β(w) = a_w × B / A; Δburden = max over members of |burden points of w − β(w)|, in points.
- burden spread: max − min of average burden per week among members with ≥ 12 weeks (the checker's).
- variety: distinct posts per member (mean and min); "short" counts members below what their weeks
  allow: min(12, Σ over categories of min(weeks in c, posts of c they may hold as regular)).
- quarter misses: a week belongs to the calendar quarter of its Monday. In each quarter of the weeks
  measured (published weeks included, as for every count), with a_wq member w's weeks there, N_qc the
  weeks worked in c and A_q all weeks, τ_q(w, c) = a_wq × N_qc / A_q; a member present
  QUARTER_PRESENT_ENOUGH weeks or more of a quarter should work in every category with τ_q ≥ 1 at least
  once (below 1 the rule would ask more than the fair share). Each (member, quarter, category) where the
  rule applies and the member has no week counts as one miss.
Floors are lower bounds, never estimates, for plans with the same totals N_c and B:
- closed form: the least δ with Σ⌈τ−δ⌉⁺ ≤ N_c ≤ Σ⌊τ+δ⌋ for every category (integer counts with these
  totals deviate by at least that much); likewise for burden points with B. Skill-blind.
- skill-aware (`_flows`, `training`): counts per member and post that respect who may hold which post —
  a max-flow for categories (exact for that relaxation), a linear programme for burden points (rounded
  up to a value a plan can take). They forget *when* members are present, so on short plans with much
  leave the best plan can lie above them. For a re-plan (`published_until`), each member's published
  weeks on each post are kept in the relaxation, so the floors are those of a plan continuing them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from coopdesk.domain.planner.model import Figures, MemberFigures, PostSpec, TrainingAdvice, WeekAssignment, WorkerSpec
from coopdesk.domain.rotation import CATEGORIES, Category, Role
from coopdesk.i18n import Translator, current

PRESENT_ENOUGH = 12  # weeks from which every category is expected, and figures of averages are kept
# Weeks of a quarter (13 in all) from which every category is expected in that quarter: about two months,
# so that a member away a month still counts, one away most of the quarter does not.
QUARTER_PRESENT_ENOUGH = 8
VARIETY_GOAL = 12
ADVICE_GAP = 0.5  # training advice is given when the skills raise the floor by at least this many weeks
ADVICE_TOLERANCE = 0.25  # fewest members whose training gets within this of the best training can do
EPS = 1e-9


def render_training_advice(advice: TrainingAdvice, translator: Translator | None = None) -> str:
    """E.g. "Train 3 more members in contabilidad: the forced inequality falls from 7.2 to 1.1 weeks"."""
    tr = translator or current()
    text = tr.ngettext("Train %(count)d more member in %(skill)s: the forced inequality falls from %(before)s "
                       "to %(after)s weeks.",
                       "Train %(count)d more members in %(skill)s: the forced inequality falls from %(before)s "
                       "to %(after)s weeks.", advice.members)
    def weeks(value: float) -> str:
        return tr.figure(float(value), digits=1)

    return text % {"count": advice.members, "skill": advice.skill, "before": weeks(advice.before),
                   "after": weeks(advice.after)}


def closed_floor(total: int, weeks_of: Sequence[int]) -> float:
    """Least max |n_w − τ_w| any integer counts summing to `total` can reach (skill-blind).

    Same candidates and tolerance as the checker; feasibility grows with δ, so a binary search finds the
    least candidate the checker's linear scan would.
    """
    everyone = sum(weeks_of) or 1
    taus = [a * total / everyone for a in weeks_of]
    candidates = sorted({abs(k - t) for t in taus
                         for k in (math.floor(t) - 1, math.floor(t), math.ceil(t), math.ceil(t) + 1)})
    if not candidates:
        return 0.0

    def feasible(d: float) -> bool:
        low = sum(max(0, math.ceil(t - d - EPS)) for t in taus)
        high = sum(math.floor(t + d + EPS) for t in taus)
        return low <= total <= high

    lo, hi = -1, len(candidates) - 1
    if not feasible(candidates[hi]):
        return 0.0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if feasible(candidates[mid]):
            hi = mid
        else:
            lo = mid
    return candidates[hi]


def quarter_of(day: date) -> tuple[int, int]:
    """The calendar quarter (year, 0–3) a week belongs to, by its Monday."""
    return day.year, (day.month - 1) // 3


def quarter_rule_applies(weeks_in_quarter: Any, fair_share: Any) -> Any:
    """Whether a member with these weeks in a quarter, and this fair share of a category there, owes it a week
    (numbers or numpy arrays, element-wise)."""
    return (weeks_in_quarter >= QUARTER_PRESENT_ENOUGH) & (fair_share >= 1 - EPS)


def measure(posts: Sequence[PostSpec], assignments: Iterable[WeekAssignment], *,
            workers: Sequence[WorkerSpec] = (), skill_floor: bool = True, advice: bool = True,
            known_floors: tuple[float, float] | None = None, published_until: date | None = None) -> Figures:
    """The figures of these assignments (rows on posts not in `posts` are left out). `workers` (their skills)
    enable the skill-aware floors and the training advice; `known_floors` reuses (category, burden)
    skill-aware floors computed before swaps that kept every head count. `published_until`: the rows
    before that Monday are published weeks a re-plan keeps, so the skill-aware floors are those of a plan
    that continues them."""
    spec = {p.code: p for p in posts}
    rows = sorted(a for a in assignments if a.post_code in spec)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    points: Counter[str] = Counter()
    taught: Counter[str] = Counter()
    held: dict[str, set[str]] = defaultdict(set)
    last: dict[str, tuple[object, str]] = {}
    in_quarter: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    repeats = 0
    for row in rows:
        post = spec[row.post_code]
        member = row.member_code
        counts[member][CATEGORIES.index(post.category)] += 1
        in_quarter[quarter_of(row.week_start)][member][CATEGORIES.index(post.category)] += 1
        points[member] += post.burden
        taught[member] += row.role is Role.TRAINEE
        held[member].add(post.code)
        if last.get(member) == (row.week_start.toordinal() - 7, post.code):
            repeats += 1
        last[member] = (row.week_start.toordinal(), post.code)

    members = sorted(counts)
    weeks_of = {m: sum(counts[m]) for m in members}
    everyone = sum(weeks_of.values())
    totals = [sum(counts[m][c] for m in members) for c in range(3)]
    burden_total = sum(points.values())
    share = [n / everyone if everyone else 0.0 for n in totals]
    per_point = burden_total / everyone if everyone else 0.0
    deviation = max((abs(counts[m][c] - weeks_of[m] * share[c]) for m in members for c in range(3)), default=0.0)
    burden_deviation = max((abs(points[m] - weeks_of[m] * per_point) for m in members), default=0.0)
    weeks_list = [weeks_of[m] for m in members]
    floor = max((closed_floor(n, weeks_list) for n in totals if n), default=0.0)
    burden_floor = closed_floor(burden_total, weeks_list) if burden_total else 0.0

    steady = [m for m in members if weeks_of[m] >= PRESENT_ENOUGH]
    averages = [points[m] / weeks_of[m] for m in steady]
    admin = CATEGORIES.index(Category.ADMINISTRATIVE)
    admin_shares = [counts[m][admin] / weeks_of[m] for m in steady]
    never = sum(1 for m in steady if any(totals[c] and not counts[m][c] for c in range(3)))
    skills = {w.code: w.skills for w in workers}
    distinct = [len(held[m]) for m in members]
    short = sum(1 for m in members if len(held[m]) < _variety_goal(posts, skills.get(m), counts[m]))

    per_member = tuple(
        MemberFigures(
            member_code=m, weeks=weeks_of[m],
            category_weeks={cat: counts[m][c] for c, cat in enumerate(CATEGORIES)},
            fair_share={cat: weeks_of[m] * share[c] for c, cat in enumerate(CATEGORIES)},
            burden_points=points[m], burden_fair_share=weeks_of[m] * per_point,
            trainee_weeks=taught[m], distinct_posts=len(held[m]))
        for m in members)

    skill_aware = burden_skill_aware = None
    training: tuple[TrainingAdvice, ...] = ()
    if skill_floor and workers and everyone:
        from coopdesk.domain.planner.training import skill_floors

        found = skill_floors(posts, rows, workers, per_member, totals, floor=floor, ceiling=deviation,
                             burden_floor=burden_floor, advice=advice, advice_gap=ADVICE_GAP,
                             tolerance=ADVICE_TOLERANCE, known=known_floors, published_until=published_until)
        skill_aware, burden_skill_aware, training = found.category, found.burden, found.advice

    return Figures(
        weeks=len({r.week_start for r in rows}), members=len(members), assignments=len(rows),
        category_totals={cat: totals[c] for c, cat in enumerate(CATEGORIES)},
        category_deviation=deviation, category_floor=floor, category_skill_floor=skill_aware,
        burden_deviation=burden_deviation, burden_floor=burden_floor, burden_skill_floor=burden_skill_aware,
        burden_spread=max(averages) - min(averages) if averages else None,
        administrative_share_spread=max(admin_shares) - min(admin_shares) if admin_shares else None,
        never_did_a_category=never, quarter_misses=_quarter_misses(in_quarter), consecutive_repeats=repeats,
        variety_mean=sum(distinct) / len(distinct) if distinct else 0.0, variety_min=min(distinct, default=0),
        variety_short=short, trainee_weeks=sum(taught.values()), per_member=per_member, training=training)


def _quarter_misses(in_quarter: dict[tuple[int, int], dict[str, list[int]]]) -> int:
    """(member, quarter, category) triples where the quarter rule applies and the member did no week."""
    misses = 0
    for members in in_quarter.values():
        everyone = sum(sum(weeks) for weeks in members.values())
        totals = [sum(weeks[c] for weeks in members.values()) for c in range(3)]
        for weeks in members.values():
            present = sum(weeks)
            misses += sum(1 for c in range(3)
                          if not weeks[c] and quarter_rule_applies(present, present * totals[c] / everyone))
    return misses


def _variety_goal(posts: Sequence[PostSpec], skills: frozenset[str] | None, weeks_in: list[int]) -> int:
    """Distinct posts a member can surely hold with their weeks per category: VARIETY_GOAL at most, and in
    each category no more than their weeks there nor the posts they may hold as regular (trainee places are
    scarce, so they do not count; with unknown skills every post does)."""
    reachable = 0
    for c, category in enumerate(CATEGORIES):
        open_posts = sum(1 for p in posts
                         if p.category is category and (skills is None or p.may_hold(skills, Role.REGULAR)))
        reachable += min(weeks_in[c], open_posts)
    return min(VARIETY_GOAL, reachable)
