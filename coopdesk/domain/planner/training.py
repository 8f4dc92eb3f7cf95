"""The skill-aware floor of a rotation and which training would lower it most.

When few members hold a skill, the posts that need it force inequality whatever the roster: the holders
work too many weeks in that category, the others too few. The remedy is training. For each skill we
train more members (the most constrained first: fewest posts open to them in the skill's category, then
most weeks) and recompute the floor; the advice names the fewest members that get within
`tolerance` weeks of what training every non-holder would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coopdesk.domain.planner._flows import Relaxation, breakpoints, least_delta
from coopdesk.domain.planner._flows import burden_floor as lp_burden_floor
from coopdesk.domain.planner.model import MemberFigures, PostSpec, TrainingAdvice, WeekAssignment, WorkerSpec
from coopdesk.domain.rotation import CATEGORIES, Role

MAX_ADVICE = 3


@dataclass(frozen=True)
class SkillFloors:
    category: float
    burden: float
    advice: tuple[TrainingAdvice, ...]


def skill_floors(posts: Sequence[PostSpec], rows: Sequence[WeekAssignment], workers: Sequence[WorkerSpec],
                 per_member: Sequence[MemberFigures], totals: Sequence[int], *, floor: float, ceiling: float,
                 burden_floor: float, advice: bool, advice_gap: float, tolerance: float,
                 known: tuple[float, float] | None = None, published_until: date | None = None) -> SkillFloors:
    """Skill-aware floors and training advice. `floor`, `burden_floor`: the closed forms; `ceiling`: the plan's Δcat.

    `known`: (category, burden) skill-aware floors already computed for the same members, weeks and head
    counts per post (swaps within a week keep them), so that only the advice is left to compute.
    `published_until`: the weeks before it are published and kept by any plan (see `_flows`).
    """
    problem = _relaxation(posts, rows, workers, per_member, totals, published_until)
    points = breakpoints(problem)
    if known is not None:
        skill_floor, burden = known
    else:
        skill_floor = least_delta(problem, floor, max(ceiling, floor), points)
        burden = max(burden_floor, lp_burden_floor(
            problem, [p.burden for p in posts for _role in (0, 1)], [m.burden_fair_share for m in per_member],
            sum(m.burden_points for m in per_member)))
    if not advice or skill_floor - floor < advice_gap:
        return SkillFloors(skill_floor, burden, ())
    found = []
    skills = {w.code: w.skills for w in workers}
    for skill in sorted({p.skill for p in posts if p.skill}):
        needing = [j for j, p in enumerate(posts) if p.skill == skill]
        cats = Counter(CATEGORIES.index(posts[j].category) for j in needing)
        category = cats.most_common(1)[0][0]
        learners = [(i, m) for i, m in enumerate(per_member)
                    if m.member_code in skills and skill not in skills[m.member_code]]
        if not learners:
            continue

        def openness(item: tuple[int, MemberFigures], category: int = category) -> tuple[int, int, str]:
            i, m = item
            regular = sum(1 for j in problem.options[i] if j % 2 == 0 and problem.place_category[j] == category)
            return regular, -m.weeks, m.member_code

        ranked = [i for i, _m in sorted(learners, key=openness)]

        def floor_after(k: int, ranked: list[int] = ranked, needing: list[int] = needing) -> float:
            options = list(problem.options)
            for i in ranked[:k]:
                options[i] = (options[i] | {2 * j for j in needing}) - {2 * j + 1 for j in needing}
            return least_delta(problem.with_options(options), floor, skill_floor, points)

        best = floor_after(len(ranked))
        if skill_floor - best < tolerance:
            continue
        lo, hi = 0, len(ranked)  # floor_after(hi) is within tolerance of the best, floor_after(lo) is not
        after = best
        while hi - lo > 1:
            mid = (lo + hi) // 2
            value = floor_after(mid)
            if value <= best + tolerance:
                hi, after = mid, value
            else:
                lo = mid
        found.append(TrainingAdvice(skill=skill, members=hi, before=skill_floor, after=after))
    found.sort(key=lambda a: (a.after, a.members, a.skill))
    return SkillFloors(skill_floor, burden, tuple(found[:MAX_ADVICE]))


def _relaxation(posts: Sequence[PostSpec], rows: Sequence[WeekAssignment], workers: Sequence[WorkerSpec],
                per_member: Sequence[MemberFigures], totals: Sequence[int],
                published_until: date | None = None) -> Relaxation:
    """Counts per member and place (2·post regular, 2·post+1 trainee), bounded as the posts allow."""
    weeks = len({r.week_start for r in rows})
    index = {p.code: j for j, p in enumerate(posts)}
    actual: Counter[int] = Counter()
    used: dict[str, set[int]] = {}
    kept: dict[str, Counter[int]] = {m.member_code: Counter() for m in per_member}
    for r in rows:
        j = 2 * index[r.post_code] + (r.role is Role.TRAINEE)
        actual[j] += 1
        used.setdefault(r.member_code, set()).add(j)
        if published_until is not None and r.week_start < published_until:
            kept[r.member_code][j] += 1
    bounds = []
    for j, p in enumerate(posts):
        regular, trainee = actual[2 * j], actual[2 * j + 1]
        slots = p.trainee_slots if p.takes_trainees else 0
        # an actual count outside the bounds (a post retired or changed) widens them: the bound stays valid
        bounds.append((min(weeks * p.min, regular), max(weeks * p.max, regular)))
        bounds.append((0, max(weeks * slots, trainee)))
    skills = {w.code: w.skills for w in workers}
    everything = frozenset(range(2 * len(posts)))
    options = []
    for m in per_member:
        if m.member_code not in skills:
            options.append(everything)
            continue
        mine = skills[m.member_code]
        allowed = {2 * j for j, p in enumerate(posts) if p.may_hold(mine, Role.REGULAR)}
        allowed |= {2 * j + 1 for j, p in enumerate(posts) if p.may_hold(mine, Role.TRAINEE)}
        options.append(frozenset(allowed | used.get(m.member_code, set())))
    return Relaxation(
        weeks=[m.weeks for m in per_member],
        tau=[[m.fair_share[c] for c in CATEGORIES] for m in per_member],
        options=options,
        place_category=[CATEGORIES.index(p.category) for p in posts for _role in (0, 1)],
        place_bounds=bounds,
        totals=list(totals),
        fixed=[kept[m.member_code] for m in per_member] if published_until is not None else ())
